#include "NoticeDialog.h"

#include "ScreenFit.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QTextBrowser>
#include <QVBoxLayout>

NoticeDialog::NoticeDialog(const QString& title, const QString& text, const QStringList& details,
    const QString& acceptText, const QStringList& fullDetails, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    auto* icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    auto* message = new QLabel(text, this);
    message->setObjectName(QStringLiteral("noticeText"));
    message->setTextFormat(Qt::PlainText);
    message->setWordWrap(true);
    auto* top = new QHBoxLayout;
    top->addWidget(icon);
    top->addWidget(message, 1);

    auto* list = new QTextBrowser(this);
    list->setObjectName(QStringLiteral("noticeDetails"));
    QString html = QStringLiteral("<ul>");
    for (const QString& line : details) {
        html += QStringLiteral("<li>") + line.toHtmlEscaped() + QStringLiteral("</li>");
    }
    list->setHtml(html + QStringLiteral("</ul>"));
    list->setVisible(!details.isEmpty());

    auto* full = new QPlainTextEdit(fullDetails.join(QLatin1Char('\n')), this);
    full->setObjectName(QStringLiteral("noticeFullDetails"));
    full->setReadOnly(true);
    full->hide();

    auto* buttons = new QDialogButtonBox(this);
    if (!fullDetails.isEmpty()) {
        auto* toggle = buttons->addButton(tr("Show &Details\u2026"), QDialogButtonBox::ActionRole);
        toggle->setObjectName(QStringLiteral("showDetailsButton"));
        toggle->setCheckable(true);
        connect(toggle, &QPushButton::toggled, this, [full, toggle](bool shown) {
            full->setVisible(shown);
            toggle->setText(shown ? tr("Hide &Details") : tr("Show &Details\u2026"));
        });
    }
    m_accept = buttons->addButton(acceptText, QDialogButtonBox::AcceptRole);
    m_accept->setObjectName(QStringLiteral("continueButton"));
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    // Cancel is the safe default: Enter must not overwrite settings by accident.
    m_accept->setAutoDefault(false);
    m_cancel->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(list, 1);
    layout->addWidget(full, 1);
    layout->addWidget(buttons);
    const int listHeight = details.isEmpty() ? 0 : int(details.size()) * fontMetrics().lineSpacing() * 3 / 2 + 40;
    ScreenFit::resizeWithin(this, QSize(620, 160 + listHeight));
    m_cancel->setFocus();
}
