#include "ReviewPage.h"

#include "AttributeMappingTableModel.h"
#include "ServerDraft.h"
#include "widgets/SummaryHtml.h"

#include <QDir>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

using SummaryHtml::row;
using SummaryHtml::section;

ReviewPage::ReviewPage(ServerDraft* draft, QWidget* parent)
    : QWizardPage(parent)
    , m_draft(draft)
{
    setObjectName(QStringLiteral("reviewPage"));
    setTitle(tr("Review"));
    setSubTitle(tr("Check the settings, then click Create. The secret goes to the system keychain only."));

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("reviewSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_summary);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

void ReviewPage::initializePage()
{
    m_summary->setText(summaryHtml(*m_draft));
}

QString ReviewPage::summaryText() const
{
    return m_summary->text();
}

QString ReviewPage::summaryHtml(const ServerDraft& draft)
{
    const ScimServer& server = draft.server();
    QString html = section(tr("Connection Settings")) + QStringLiteral("<table>");
    html += row(tr("Server Name"), server.name.trimmed());
    html += row(tr("Description"), server.description.isEmpty() ? tr("(none)") : server.description);
    html += row(tr("Server URL"), server.url.trimmed());
    html += row(tr("Server Type"), draft.serverTypeName());
    if (!server.options.caBundlePath.isEmpty()) {
        html += row(tr("Trusted CA certificate"), QDir::toNativeSeparators(server.options.caBundlePath));
    }
    html += QStringLiteral("</table>");

    html += section(tr("Authentication Settings")) + QStringLiteral("<table>");
    html += row(tr("Authentication Scheme"), AuthSettings::schemeDisplayName(server.auth.scheme));
    const QString masked = draft.secret().isEmpty() && draft.isExisting()
        ? tr("unchanged (stored in the system keychain)")
        : tr("\u2022\u2022\u2022\u2022 (stored in the system keychain)");
    switch (server.auth.scheme) {
    case AuthScheme::AccessToken:
        html += row(tr("Access Token"), masked);
        break;
    case AuthScheme::Basic:
        html += row(tr("Username"), server.auth.basicUsername);
        html += row(tr("Password"), masked);
        break;
    case AuthScheme::OAuthClientCredentials:
        html += row(tr("Token URL"), server.auth.oauthTokenUrl);
        html += row(tr("Client ID"), server.auth.oauthClientId);
        html += row(tr("Client Secret"), masked);
        if (!server.auth.oauthScope.isEmpty()) {
            html += row(tr("Scope"), server.auth.oauthScope);
        }
        break;
    }
    html += QStringLiteral("</table>");

    html += section(tr("SCIM Attributes (%n)", nullptr, int(server.userMappings.size())));
    if (server.userMappings.isEmpty()) {
        html += tr("<p>None.</p>");
    } else {
        html += QStringLiteral("<table>");
        for (const auto& mapping : server.userMappings) {
            QString value = mapping.target;
            if (mapping.applyWhen == ApplyWhen::OnCreate) {
                value += QStringLiteral(" \u00b7 ") + AttributeMappingTableModel::applyWhenText(mapping.applyWhen);
            }
            if (mapping.matching) {
                value += QStringLiteral(" \u00b7 ") + tr("matching (order %1)").arg(mapping.matchingPrecedence + 1);
            }
            html += row(mapping.source, QStringLiteral("\u2192 ") + value);
        }
        html += QStringLiteral("</table>");
    }

    html += section(tr("Static Attributes (%n)", nullptr, int(server.staticAttributes.size())));
    if (server.staticAttributes.isEmpty()) {
        html += tr("<p>None.</p>");
    } else {
        html += QStringLiteral("<table>");
        for (const auto& attribute : server.staticAttributes) {
            html += row(attribute.target, QStringLiteral("= ") + attribute.value);
        }
        html += QStringLiteral("</table>");
    }
    return html + provisioningHtml(server.options);
}

QString ReviewPage::provisioningHtml(const ServerOptions& options)
{
    QString html = section(tr("Provisioning")) + QStringLiteral("<table>");
    QString leaving;
    switch (options.deprovisionAction) {
    case DeprovisionAction::Disable:
        leaving = tr("Disabled (active = false)");
        break;
    case DeprovisionAction::Delete:
        leaving = tr("Deleted");
        break;
    case DeprovisionAction::None:
        leaving = tr("Left as they are");
        break;
    }
    html += row(tr("Users who leave the scope"), leaving);
    html += row(tr("Deletion threshold"),
        tr("Confirm plans that remove more than %1 % of the managed objects and more than %2")
            .arg(options.deletionThresholdPercent)
            .arg(options.deletionThresholdMinimum));
    QStringList fills;
    if (options.fillDisplayNameFromNames) {
        fills << tr("displayName from first and last name");
    }
    if (options.fillNamesFromDisplayName) {
        fills << tr("first and last name from displayName");
    }
    html += row(tr("Fill in missing values"), fills.isEmpty() ? tr("Never") : fills.join(tr(", ")));
    html += row(tr("Protected objects"),
        options.protectedPatterns.isEmpty() ? tr("None") : options.protectedPatterns.join(QStringLiteral("   ")));
    html += row(tr("Requests"),
        tr("%1 in parallel, %2, timeout %3 s")
            .arg(options.concurrency)
            .arg(options.rateLimitPerSecond > 0 ? tr("at most %1 per second").arg(options.rateLimitPerSecond)
                                                : tr("no rate limit"))
            .arg(options.requestTimeoutSeconds));
    return html + QStringLiteral("</table>");
}
