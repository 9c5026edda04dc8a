#include "FormMessages.h"

#include <QLabel>
#include <QPalette>

namespace FormMessages {

QLabel* hintLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
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
    label->setVisible(!text.isEmpty());
    label->setProperty("messageKind", int(kind));
    QPalette palette = label->parentWidget() ? label->parentWidget()->palette() : label->palette();
    switch (kind) {
    case Hint:
        palette.setColor(QPalette::WindowText, palette.color(QPalette::Disabled, QPalette::WindowText));
        break;
    case Warning:
        palette.setColor(QPalette::WindowText, QColor(0xb3, 0x5c, 0x00));
        break;
    case Error:
        palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
        break;
    }
    label->setPalette(palette);
    // Screen readers announce the message with the field it belongs to.
    label->setAccessibleDescription(text);
}

} // namespace FormMessages
