#include "AboutDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSslSocket>
#include <QSysInfo>
#include <QVBoxLayout>

QList<QPair<QString, QString>> AboutDialog::versions()
{
    const QString tls = QSslSocket::supportsSsl()
        ? tr("%1 (%2)").arg(QSslSocket::activeBackend(), QSslSocket::sslLibraryVersionString())
        : tr("not available");
    return {
        {tr("ScimDesk"), QStringLiteral(SCIMDESK_VERSION)},
        {tr("Qt"), tr("%1 (built with %2)").arg(QLatin1String(qVersion()), QLatin1String(QT_VERSION_STR))},
        {tr("QtKeychain"), QStringLiteral(SCIMDESK_QTKEYCHAIN_VERSION)},
        {tr("TLS"), tls},
        {tr("System"), QSysInfo::prettyProductName()},
    };
}

QString AboutDialog::versionText()
{
    QStringList lines;
    for (const auto& [component, version] : versions()) {
        lines << QStringLiteral("%1: %2").arg(component, version);
    }
    return lines.join(QLatin1Char('\n'));
}

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About ScimDesk"));
    auto* text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    QString rows;
    for (const auto& [component, version] : versions()) {
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                    .arg(component.toHtmlEscaped(), version.toHtmlEscaped());
    }
    text->setText(tr("<h3>ScimDesk %1</h3>"
                     "<p>On-demand SCIM 2.0 provisioning of users and groups to AWS IAM Identity Center and other "
                     "SCIM service providers, with a preview of every change before it is sent.</p>")
                      .arg(QStringLiteral(SCIMDESK_VERSION).toHtmlEscaped())
        + QStringLiteral("<table cellspacing=\"4\">%1</table>").arg(rows));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copy = buttons->addButton(tr("&Copy Versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyVersionsButton"));
    connect(copy, &QPushButton::clicked, this, [] { QApplication::clipboard()->setText(versionText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
}
