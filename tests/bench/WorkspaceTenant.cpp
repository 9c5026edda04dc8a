#include "WorkspaceTenant.h"

#include "BenchTenant.h"

#include <secrets/InMemorySecretStore.h>
#include <servers/ServerCatalog.h>
#include <storage/ApplicationRepository.h>
#include <workspace/Workspace.h>

#include <QEventLoop>

WorkspaceTenant::WorkspaceTenant() = default;

WorkspaceTenant::~WorkspaceTenant() = default;

bool WorkspaceTenant::setUp(
    const QUrl& baseUrl, const QString& token, int users, int groups, int membersPerGroup, int concurrency)
{
    auto opened = Workspace::open(m_dir.path(), new InMemorySecretStore());
    if (!opened) {
        m_error = QStringLiteral("cannot open profile: ") + opened.error().message;
        return false;
    }
    m_workspace = opened.value();
    if (!createServer(baseUrl, token, users, concurrency))
        return false;
    QList<DirectoryGroup> teams;
    if (!BenchTenant::seedDirectory(
            DirectoryRepository(m_workspace->database()), users, groups, membersPerGroup, &teams, &m_error))
        return false;
    Application application;
    application.name = QStringLiteral("Bench");
    application.scimServerId = m_serverId;
    application.assignment.allUsers = true;
    for (const auto& team : std::as_const(teams))
        application.assignment.groupIds.append(team.id);
    const auto created = m_workspace->applications().create(application);
    if (!created) {
        m_error = QStringLiteral("cannot create the application: ") + created.error().message;
        return false;
    }
    m_applicationId = created.value();
    return true;
}

bool WorkspaceTenant::createServer(const QUrl& baseUrl, const QString& token, int users, int concurrency)
{
    const auto server = BenchTenant::awsServer(m_workspace->serverTypes(), baseUrl, users, concurrency);
    if (!server) {
        m_error = QStringLiteral("the AWS server type preset is missing");
        return false;
    }
    QEventLoop loop;
    m_workspace->servers()->create(*server, token, &loop, [this, &loop](Result<qint64, ServerSaveError> result) {
        if (result)
            m_serverId = result.value();
        else
            m_error = QStringLiteral("cannot save the server: ") + result.error().message;
        loop.quit();
    });
    loop.exec();
    return m_serverId != 0;
}
