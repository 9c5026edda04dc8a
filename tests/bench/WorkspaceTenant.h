#pragma once

#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

class Workspace;

// A benchmark tenant as the GUI sees it: a temporary profile opened as a Workspace (secrets in
// memory), the benchmark directory, an AWS-type server saved through the ServerCatalog with
// its token, and an application with everybody in scope. ApplicationSync runs it exactly as
// the Sync & Logs page does.
class WorkspaceTenant
{
public:
    WorkspaceTenant();
    ~WorkspaceTenant();

    bool setUp(const QUrl& baseUrl, const QString& token, int users, int groups, int membersPerGroup, int concurrency);
    QString errorString() const { return m_error; }

    std::shared_ptr<Workspace> workspace() const { return m_workspace; }
    qint64 applicationId() const { return m_applicationId; }

private:
    bool createServer(const QUrl& baseUrl, const QString& token, int users, int concurrency);

    QTemporaryDir m_dir;
    std::shared_ptr<Workspace> m_workspace;
    qint64 m_serverId = 0;
    qint64 m_applicationId = 0;
    QString m_error;
};
