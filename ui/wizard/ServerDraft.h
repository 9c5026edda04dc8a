#pragma once

#include "model/ScimServer.h"
#include "servertypes/PresetChange.h"
#include "validation/ValidationIssue.h"

#include <QObject>
#include <QString>

#include <memory>

class Workspace;

// The server being added or edited, shared by the wizard pages and the edit dialog's tabs:
// one place holds the entered values and the secret, the editors only show and change it.
// The rules are core's (ServerSettingsValidator and ServerRepository's name uniqueness): the
// editors show exactly what saving would refuse.
class ServerDraft : public QObject
{
    Q_OBJECT

public:
    // excludeId: the server being edited (its own name is not a duplicate); 0 when adding.
    ServerDraft(std::shared_ptr<Workspace> workspace, const ScimServer& server, QObject* parent = nullptr);

    const Workspace& workspace() const { return *m_workspace; }
    const ScimServer& server() const { return m_server; }
    bool isExisting() const { return m_server.id > 0; }

    // Small edits from one field; nobody needs to reload.
    void setName(const QString& name);
    void setDescription(const QString& description);
    void setUrl(const QString& url);
    // The trusted CA certificate file (ServerOptions::caBundlePath); empty: the system's CAs only.
    void setCaBundlePath(const QString& path);
    void setAuth(const AuthSettings& auth);
    void setUserMappings(const AttributeMappings& mappings);
    void setStaticAttributes(const StaticAttributes& attributes);
    // Deprovisioning, deletion threshold and the values ScimDesk may fill in.
    void setOptions(const ServerOptions& options);

    // The secret for the current scheme; empty when editing means "keep the stored one".
    QString secret() const { return m_secret; }
    void setSecret(const QString& secret);

    // What choosing this type would overwrite; empty id means "no type".
    PresetChange previewServerType(const QString& typeId) const;
    // Replaces the server with the preset's result; every editor reloads.
    void applyPresetChange(const PresetChange& change);

    // What saving the server as it stands would refuse, by field.
    ValidationIssues issues() const;
    // An actionable message, or empty when the field is fine.
    QString nameError() const;
    QString urlError() const;
    QString caBundleError() const;
    // A non-blocking remark, e.g. the URL does not look like the chosen type's endpoint.
    QString urlWarning() const;
    QString serverTypeName() const;

signals:
    void changed();
    // The whole server was replaced (a preset was applied): reload every field.
    void reloaded();

private:
    std::shared_ptr<Workspace> m_workspace;
    ScimServer m_server;
    QString m_secret;
};
