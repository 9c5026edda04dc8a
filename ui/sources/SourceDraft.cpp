#include "SourceDraft.h"

#include "sources/SourceCatalog.h"
#include "sources/SourceTypeRegistry.h"
#include "validation/SourceSettingsValidator.h"
#include "workspace/Workspace.h"

#include <QDir>

SourceDraft::SourceDraft(std::shared_ptr<Workspace> workspace, const DirectorySource& source, QObject* parent)
    : QObject(parent)
    , m_workspace(std::move(workspace))
    , m_source(source)
{
    m_issues = m_workspace->sources()->repository().issues(m_source, m_source.id);
}

void SourceDraft::update()
{
    m_issues = m_workspace->sources()->repository().issues(m_source, m_source.id);
    emit changed();
}

void SourceDraft::setName(const QString& name)
{
    m_source.name = name;
    update();
}

void SourceDraft::setDescription(const QString& description)
{
    m_source.description = description;
    update();
}

void SourceDraft::setUrl(const QString& url)
{
    const auto isLdap
        = [](const QString& text) { return text.trimmed().startsWith(QLatin1String("ldap://"), Qt::CaseInsensitive); };
    const bool wasLdap = isLdap(m_source.url);
    m_source.url = url;
    if (SourceSettingsValidator::isLdapsUrl(url)) {
        m_source.startTls = false;
    } else if (isLdap(url) && !wasLdap) {
        m_source.startTls = true;
    }
    update();
}

void SourceDraft::setStartTls(bool startTls)
{
    m_source.startTls = startTls;
    update();
}

void SourceDraft::setCaFilePath(const QString& path)
{
    m_source.caFilePath = QDir::fromNativeSeparators(path.trimmed());
    update();
}

void SourceDraft::setBindDn(const QString& bindDn)
{
    m_source.bindDn = bindDn;
    update();
}

void SourceDraft::setBaseDn(const QString& baseDn)
{
    m_source.baseDn = baseDn;
    update();
}

void SourceDraft::setUserFilter(const QString& filter)
{
    m_source.userFilter = filter;
    update();
}

void SourceDraft::setGroupFilter(const QString& filter)
{
    m_source.groupFilter = filter;
    update();
}

void SourceDraft::setPageSize(int pageSize)
{
    m_source.pageSize = pageSize;
    update();
}

void SourceDraft::setTimeoutSeconds(int seconds)
{
    m_source.timeoutSeconds = seconds;
    update();
}

void SourceDraft::setAnchorAttribute(const QString& attribute)
{
    m_source.anchorAttribute = attribute.trimmed();
    update();
}

void SourceDraft::setUserMappings(const QList<LdapAttributeMapping>& mappings)
{
    m_source.userMappings = mappings;
    update();
}

void SourceDraft::setGroupNameAttribute(const QString& attribute)
{
    m_source.groupNameAttribute = attribute.trimmed();
    update();
}

void SourceDraft::setGroupDescriptionAttribute(const QString& attribute)
{
    m_source.groupDescriptionAttribute = attribute.trimmed();
    update();
}

void SourceDraft::setGroupMemberAttribute(const QString& attribute)
{
    m_source.groupMemberAttribute = attribute.trimmed();
    update();
}

void SourceDraft::setDisabledRule(const DisabledAccountRule& rule)
{
    m_source.disabledRule = rule;
    update();
}

void SourceDraft::setNesting(GroupNesting nesting)
{
    m_source.nesting = nesting;
    update();
}

void SourceDraft::setPassword(const QString& password)
{
    m_password = password;
    emit changed();
}

SourceTypeChange SourceDraft::previewSourceType(const QString& typeId) const
{
    const auto type = m_workspace->sourceTypes().find(typeId);
    if (!type) {
        SourceTypeChange change;
        change.result = m_source;
        change.result.sourceTypeId.clear();
        return change;
    }
    return SourceTypeRegistry::applyType(*type, m_source);
}

void SourceDraft::applySourceTypeChange(const SourceTypeChange& change)
{
    m_source = change.result;
    m_issues = m_workspace->sources()->repository().issues(m_source, m_source.id);
    emit reloaded();
    emit changed();
}

QString SourceDraft::sourceTypeName() const
{
    const auto type = m_workspace->sourceTypes().find(m_source.sourceTypeId);
    return type ? type->displayName : tr("None");
}

QString SourceDraft::error(const QString& field) const
{
    return Validation::firstMessage(m_issues, field);
}

bool SourceDraft::hasIssues(const QStringList& fields) const
{
    for (const QString& field : fields) {
        if (!Validation::issuesOf(m_issues, field).isEmpty()) {
            return true;
        }
    }
    return false;
}

QString SourceDraft::passwordWarning() const
{
    if (m_source.anonymousBind() || !m_password.isEmpty() || (isExisting() && m_source.passwordStoredAt.isValid())) {
        return {};
    }
    return tr("No password is stored: ScimDesk will not be able to read this source from here. Enter the bind "
              "account's password (kept in the system keychain only), or leave the bind DN empty for an anonymous "
              "bind.");
}
