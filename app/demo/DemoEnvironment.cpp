#include "DemoEnvironment.h"

#include "AwsScimEmulator.h"
#include "DemoDirectory.h"
#include "SandboxServer.h"
#include "directory/DirectoryRepository.h"
#include "secrets/InMemorySecretStore.h"
#include "servers/ServerCatalog.h"
#include "storage/ApplicationRepository.h"
#include "sync/LinkStore.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QUuid>

namespace {
// Objects someone made by hand in the target: the demo's preview shows them as unmanaged
// and protected, never touched.
void seedUnmanagedTargetObjects(AwsScimEmulator& emulator)
{
    const QJsonArray userSchemas {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")};
    emulator.store().createUser(QJsonObject {{QStringLiteral("schemas"), userSchemas},
        {QStringLiteral("userName"), QStringLiteral("breakglass-admin@example.com")},
        {QStringLiteral("displayName"), QStringLiteral("Break-glass Administrator")},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("Break-glass")},
                {QStringLiteral("familyName"), QStringLiteral("Administrator")}}},
        {QStringLiteral("active"), true}});
    const QJsonArray groupSchemas {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Group")};
    emulator.store().createGroup(QJsonObject {{QStringLiteral("schemas"), groupSchemas},
        {QStringLiteral("displayName"), QStringLiteral("AWSControlTowerAdmins")}});
}

// The sandbox starts empty every time: links to the previous run's objects are stale.
void dropStaleLinks(Workspace& workspace, qint64 applicationId)
{
    LinkStore links(workspace.database(), applicationId);
    for (auto kind : {TargetLink::Kind::User, TargetLink::Kind::Group}) {
        auto loaded = links.load(kind);
        if (!loaded) {
            continue;
        }
        for (const auto& link : loaded.value()) {
            links.remove(kind, link.directoryObjectId);
        }
    }
}

} // namespace

DemoEnvironment::DemoEnvironment(QObject* parent)
    : QObject(parent)
    , m_sandbox(new SandboxServer(this))
{
}

DemoEnvironment::~DemoEnvironment() = default;

QString DemoEnvironment::defaultDirectory()
{
    return QDir::cleanPath(Profile::defaultDirectory() + QStringLiteral("-demo"));
}

Result<std::shared_ptr<Workspace>, QString> DemoEnvironment::start(const QString& directory, quint16 sandboxPort)
{
    auto opened = Workspace::open(directory, new InMemorySecretStore);
    if (!opened) {
        return opened.error().message;
    }
    std::shared_ptr<Workspace> workspace = opened.value();
    if (auto seeded = DemoDirectory::seed(workspace->database()); !seeded) {
        return tr("Could not create the demo directory: %1").arg(seeded.error().message);
    }

    const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString error;
    if (!m_sandbox->start(token, sandboxPort, &error)) {
        return error;
    }
    m_sandbox->withEmulator(seedUnmanagedTargetObjects);

    const auto serverId = configureServer(*workspace, token);
    if (!serverId) {
        return serverId.error();
    }
    const auto applicationId = configureApplication(*workspace, serverId.value());
    if (!applicationId) {
        return applicationId.error();
    }
    dropStaleLinks(*workspace, applicationId.value());
    return workspace;
}

// The server, pointed at this run's sandbox, with this run's token.
Result<qint64, QString> DemoEnvironment::configureServer(Workspace& workspace, const QString& token)
{
    ServerCatalog* catalog = workspace.servers();
    auto existing = catalog->repository().findByName(QLatin1String(serverName));
    ScimServer server = existing.value_or(ScimServer {});
    const auto preset = workspace.serverTypes().find(QStringLiteral("aws-iam-identity-center"));
    if (!existing) {
        server.name = QLatin1String(serverName);
        server.description = tr("The local AWS IAM Identity Center emulator started by --demo");
        if (preset) {
            server = ServerTypeRegistry::applyPreset(*preset, server).result;
        }
    }
    server.url = m_sandbox->baseUrl().toString();

    QEventLoop loop;
    std::optional<QString> saveError;
    bool saved = false;
    if (existing) {
        catalog->update(server, token, this, [&](Status<ServerSaveError> status) {
            saved = status.ok();
            if (!status) {
                saveError = status.error().fullMessage();
            }
            loop.quit();
        });
    } else {
        catalog->create(server, token, this, [&](Result<qint64, ServerSaveError> result) {
            saved = result.ok();
            if (!result) {
                saveError = result.error().fullMessage();
            } else {
                server.id = result.value();
            }
            loop.quit();
        });
    }
    loop.exec();
    if (!saved) {
        return tr("Could not configure the sandbox server: %1").arg(saveError.value_or(QString()));
    }
    return server.id;
}

// The application, assigned to the server, provisioning three departments.
Result<qint64, QString> DemoEnvironment::configureApplication(Workspace& workspace, qint64 serverId)
{
    ApplicationRepository& applications = workspace.applications();
    auto application = applications.findByName(QLatin1String(applicationName));
    if (!application) {
        Application app;
        app.name = QLatin1String(applicationName);
        app.description = tr("Sample AWS account access, provisioned to the sandbox");
        app.signInProtocol = QStringLiteral("SAML 2.0");
        app.scimServerId = serverId;
        DirectoryRepository directory(workspace.database());
        for (const char* group : {"Engineering", "Sales", "AWS Administrators"}) {
            if (auto found = directory.findGroupByDisplayName(QLatin1String(group))) {
                app.assignment.groupIds.append(found->id);
            }
        }
        auto created = applications.create(app);
        if (!created) {
            return created.error().message;
        }
        return created.value();
    }
    if (application->scimServerId != serverId) {
        applications.setScimServer(application->id, serverId);
    }
    return application->id;
}
