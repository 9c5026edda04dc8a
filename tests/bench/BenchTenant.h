#pragma once

#include <directory/DirectoryRepository.h>
#include <model/Application.h>
#include <model/ScimServer.h>
#include <scim/ScimClientStats.h>
#include <sync/SyncPlan.h>
#include <sync/SyncRunSummary.h>

#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>
#include <optional>

class Database;
class ServerTypeRegistry;
class ScimClient;
class SyncSession;

// One benchmark tenant: a temporary profile with a seeded directory (users, groups with
// members), an application with everybody in scope, and the client and sync session the
// GUI would use against an AWS-type server at `baseUrl`.
class BenchTenant
{
public:
    // What one preview + apply cost, measured from the client's own counters.
    struct Run
    {
        qint64 previewMs = 0;
        qint64 applyMs = 0;
        qint64 previewRequests = 0;
        qint64 applyRequests = 0;
        qint64 writes = 0; // POST, PUT, PATCH, DELETE in preview and apply
        qint64 throttled = 0; // 429 answers
        double applyCpuSeconds = 0; // of this whole process while applying
    };

    BenchTenant();
    ~BenchTenant();

    bool setUp(const QUrl& baseUrl, const QString& token, int users, int groups, int membersPerGroup, int concurrency);
    QString errorString() const { return m_error; }

    // Preview, then apply exactly that plan (confirmed); false when either fails.
    bool syncOnce(SyncPlan* plan, SyncRunSummary* summary, Run* run);

    SyncSession* session() const { return m_session.get(); }
    ScimClient* client() const { return m_client.get(); }

    static qint64 writesIn(const ScimClientStats& stats);
    // The AWS preset at baseUrl with the benchmark's concurrency; a deletion threshold no
    // benchmark reaches. Empty when the preset is missing.
    static std::optional<ScimServer> awsServer(
        const ServerTypeRegistry& types, const QUrl& baseUrl, int users, int concurrency);
    // The benchmark directory: users bench.user000000…, groups "Bench Group N" with
    // membersPerGroup members each; `teams` receives the saved groups with their ids.
    static bool seedDirectory(DirectoryRepository directory, int users, int groups, int membersPerGroup,
        QList<DirectoryGroup>* teams, QString* error);

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_database;
    ScimServer m_server;
    Application m_application;
    std::unique_ptr<ScimClient> m_client;
    std::unique_ptr<SyncSession> m_session;
    QString m_error;
};
