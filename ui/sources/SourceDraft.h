#pragma once

#include "model/DirectorySource.h"
#include "sources/SourceTypeChange.h"
#include "validation/ValidationIssue.h"

#include <QObject>
#include <QString>

#include <memory>

class Workspace;

// The directory source being added or edited, shared by the Add Source wizard's pages and the
// Edit Source dialog's tabs: one place holds the entered settings and the bind password, the
// editors only show and change it. The rules are core's (SourceSettingsValidator through
// SourceRepository::issues, with the name's uniqueness): the editors show exactly what saving
// would refuse.
class SourceDraft : public QObject
{
    Q_OBJECT

public:
    SourceDraft(std::shared_ptr<Workspace> workspace, const DirectorySource& source, QObject* parent = nullptr);

    const Workspace& workspace() const { return *m_workspace; }
    const DirectorySource& source() const { return m_source; }
    bool isExisting() const { return m_source.id > 0; }

    void setName(const QString& name);
    void setDescription(const QString& description);
    // A URL switched to ldap:// turns StartTLS on (plain LDAP is for this computer only); ldaps://
    // turns it off (the connection is encrypted from the start).
    void setUrl(const QString& url);
    void setStartTls(bool startTls);
    void setCaFilePath(const QString& path);
    void setBindDn(const QString& bindDn);
    void setBaseDn(const QString& baseDn);
    void setUserFilter(const QString& filter);
    void setGroupFilter(const QString& filter);
    void setPageSize(int pageSize);
    void setTimeoutSeconds(int seconds);
    void setAnchorAttribute(const QString& attribute);
    void setUserMappings(const QList<LdapAttributeMapping>& mappings);
    void setGroupNameAttribute(const QString& attribute);
    void setGroupDescriptionAttribute(const QString& attribute);
    void setGroupMemberAttribute(const QString& attribute);
    void setDisabledRule(const DisabledAccountRule& rule);
    void setNesting(GroupNesting nesting);

    // The bind password as typed, spaces included; empty when editing means "keep the stored one".
    QString password() const { return m_password; }
    void setPassword(const QString& password);

    // What choosing this type would overwrite.
    SourceTypeChange previewSourceType(const QString& typeId) const;
    // Replaces the source with the type's result; every editor reloads.
    void applySourceTypeChange(const SourceTypeChange& change);
    QString sourceTypeName() const;

    // What saving the source as it stands would refuse, by field.
    const ValidationIssues& issues() const { return m_issues; }
    // The first message of field (or of a field inside it); empty when it is fine.
    QString error(const QString& field) const;
    // Whether any of these fields (or fields inside them) has an issue.
    bool hasIssues(const QStringList& fields) const;
    // A non-blocking remark about the bind: a bind DN without a password.
    QString passwordWarning() const;

signals:
    void changed();
    // The whole source was replaced (a type was applied): reload every field.
    void reloaded();

private:
    void update();

    std::shared_ptr<Workspace> m_workspace;
    DirectorySource m_source;
    QString m_password;
    ValidationIssues m_issues;
};
