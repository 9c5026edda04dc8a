#pragma once

#include "util/Result.h"

#include <QObject>
#include <QString>

#include <memory>

class SandboxServer;
class Workspace;

// `--demo`: a separate profile with a sample directory, the AWS emulator running on
// loopback as the target, and a server and an application configured against it, so a new
// admin can try preview, apply and the connection test without an AWS account. It never
// touches the default profile. The sandbox's token is generated per start and kept in
// memory only (it protects nothing but the local emulator).
class DemoEnvironment : public QObject
{
    Q_OBJECT

public:
    static constexpr const char* serverName = "AWS IAM Identity Center (sandbox)";
    static constexpr const char* applicationName = "AWS (demo)";

    explicit DemoEnvironment(QObject* parent = nullptr);
    ~DemoEnvironment() override;

    // Beside the default profile: ".../ScimDesk-demo".
    static QString defaultDirectory();

    // Opens (creating or refreshing) the demo profile in `directory` and starts the sandbox.
    // Safe to call for an existing demo profile: the directory is seeded only once, the server
    // is pointed at the new sandbox and the links to the previous sandbox's objects are dropped.
    Result<std::shared_ptr<Workspace>, QString> start(const QString& directory, quint16 sandboxPort = 0);

    SandboxServer& sandbox() { return *m_sandbox; }

private:
    // Each returns the id of the object it created or updated.
    Result<qint64, QString> configureServer(Workspace& workspace, const QString& token);
    Result<qint64, QString> configureApplication(Workspace& workspace, qint64 serverId);

    SandboxServer* m_sandbox = nullptr;
};
