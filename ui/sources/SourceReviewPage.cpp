#include "SourceReviewPage.h"

#include "SourceDraft.h"
#include "sources/SourceType.h"
#include "widgets/AppIcons.h"
#include "widgets/DirectoryAttributeText.h"
#include "widgets/SummaryHtml.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

using SummaryHtml::row;
using SummaryHtml::section;

SourceReviewPage::SourceReviewPage(SourceDraft* draft, QWidget* parent)
    : QWizardPage(parent)
    , m_draft(draft)
{
    setObjectName(QStringLiteral("sourceReviewPage"));
    setTitle(tr("Review and Test"));
    setSubTitle(tr("Check the settings and test the connection, then click Create. The password goes to the system "
                   "keychain only."));

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("sourceReviewSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_summary);

    m_testButton
        = new QPushButton(AppIcons::icon(QStringLiteral("test-connection")), tr("&Test Connection\u2026"), this);
    m_testButton->setObjectName(QStringLiteral("testSourceButton"));
    connect(m_testButton, &QPushButton::clicked, this, &SourceReviewPage::testRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_testButton);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);
}

void SourceReviewPage::initializePage()
{
    m_summary->setText(summaryHtml(*m_draft));
}

QString SourceReviewPage::summaryText() const
{
    return m_summary->text();
}

QString SourceReviewPage::summaryHtml(const SourceDraft& draft)
{
    const DirectorySource& source = draft.source();
    const QString none = tr("(none)");
    QString html = section(tr("Connection")) + QStringLiteral("<table>");
    html += row(tr("Source Name"), source.name.trimmed());
    html += row(tr("Description"), source.description.isEmpty() ? none : source.description);
    html += row(tr("Source URL"), source.url.trimmed());
    html += row(tr("Source Type"), draft.sourceTypeName());
    html += row(tr("Encryption"),
        source.url.trimmed().startsWith(QLatin1String("ldaps://"), Qt::CaseInsensitive) ? tr("LDAPS")
            : source.startTls                                                           ? tr("StartTLS")
                              : tr("None (this computer only)"));
    html += row(tr("Trusted CA certificate"),
        source.caFilePath.isEmpty() ? tr("system certificates only") : QDir::toNativeSeparators(source.caFilePath));
    html += QStringLiteral("</table>") + section(tr("Bind and Search")) + QStringLiteral("<table>");
    html += row(tr("Bind DN"), source.anonymousBind() ? tr("(anonymous bind)") : source.bindDn.trimmed());
    if (!source.anonymousBind()) {
        html += row(tr("Bind password"),
            draft.password().isEmpty() ? tr("not entered")
                                       : tr("\u2022\u2022\u2022\u2022 (stored in the system keychain)"));
    }
    html += row(tr("Base DN"), source.baseDn.trimmed());
    html += row(tr("User filter"), source.userFilter);
    html += row(tr("Group filter"), source.groupFilter);
    html += row(tr("Page size"), QString::number(source.pageSize));
    html += QStringLiteral("</table>") + section(tr("Attributes")) + QStringLiteral("<table>");
    html += row(tr("Anchor"), source.anchorAttribute);
    for (const LdapAttributeMapping& mapping : source.userMappings) {
        html += row(DirectoryAttributeText::labelWithKey(mapping.directoryAttribute), mapping.ldapAttribute);
    }
    html += row(tr("Group members"), source.groupMemberAttribute);
    html += row(tr("Disabled accounts"), SourceType::describe(source.disabledRule));
    html += row(tr("Nested groups"), SourceType::describe(source.nesting));
    return html + QStringLiteral("</table>");
}
