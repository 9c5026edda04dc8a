#include "FormMessages.h"
#include "widgets/StatusColors.h"
#include "widgets/WrappingLabel.h"

#include <QLabel>
#include <QPalette>

namespace FormMessages {

QLabel* hintLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new WrappingLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // In a form row a wrapped label would otherwise float in the middle of its cell.
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    show(label, {}, Hint);
    return label;
}

QLabel* errorLabel(const QString& objectName, QWidget* parent)
{
    auto* label = hintLabel(objectName, parent);
    show(label, {}, Error);
    return label;
}

void show(QLabel* label, const QString& text, Kind kind)
{
    label->setText(text);
    label->setMinimumHeight(0); // a WrappingLabel fits its new text at its next resize
    // Only at a width a layout gave it: a label never laid out is 100 pixels wide, and the height of
    // its text at that width made windows (a wizard sizes itself to all its pages) far too tall.
    if (!text.isEmpty() && label->testAttribute(Qt::WA_Resized) && label->width() > 0 && label->wordWrap()) {
        label->setMinimumHeight(label->heightForWidth(label->width()));
    }
    label->setVisible(!text.isEmpty());
    label->setProperty("messageKind", int(kind));
    QPalette palette = label->parentWidget() ? label->parentWidget()->palette() : label->palette();
    switch (kind) {
    case Hint: {
        // Between text and background: clearly secondary, still readable (the "disabled"
        // colour of most styles is too faint for text people must read).
        const QColor text = palette.color(QPalette::Active, QPalette::WindowText);
        const QColor window = palette.color(QPalette::Active, QPalette::Window);
        palette.setColor(QPalette::WindowText,
            QColor((text.red() * 3 + window.red() * 2) / 5, (text.green() * 3 + window.green() * 2) / 5,
                (text.blue() * 3 + window.blue() * 2) / 5));
        break;
    }
    case Warning:
        palette.setColor(QPalette::WindowText, StatusColors::warning(palette));
        break;
    case Error:
        palette.setColor(QPalette::WindowText, StatusColors::error(palette));
        break;
    }
    label->setPalette(palette);
    // Screen readers announce the message with the field it belongs to.
    label->setAccessibleDescription(text);
}

} // namespace FormMessages
