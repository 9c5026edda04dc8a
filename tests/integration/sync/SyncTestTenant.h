#pragma once

#include <directory/DirectoryRepository.h>
#include <scim/ScimClient.h>
#include <servertypes/ServerTypeRegistry.h>
#include <storage/ApplicationRepository.h>
#include <storage/Database.h>
#include <sync/JournalStore.h>
#include <sync/SyncSession.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// A fake tenant for sync tests: a temporary profile with an embedded directory and one
// application, a real ScimClient and a SyncSession against a SCIM server on loopback.
// syncOnce() previews and applies, waiting on signals only.
class SyncTestTenant
{
public:
    struct Outcome
    {
        bool previewed = false;
        QString previewError;
        SyncPlan plan;
        SyncRunSummary summary;
    };

    SyncTestTenant(const QUrl& baseUrl, const QString& token, const QString& presetId)
    {
        QVERIFY(m_dir.isValid());
        auto db = Database::open(m_dir.filePath(QStringLiteral("profile.db")));
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        m_database = db.value();
        m_directory = std::make_unique<DirectoryRepository>(m_database);

        const auto registry = ServerTypeRegistry::load();
        const auto preset = registry.find(presetId);
        QVERIFY2(preset, qPrintable(presetId));
        ScimServer blank;
        blank.name = QStringLiteral("Test server");
        blank.url = baseUrl.toString();
        server = ServerTypeRegistry::applyPreset(*preset, blank).result;
        server.options.deletionThresholdMinimum = 1000; // tests that need the threshold lower it
        m_baseUrl = baseUrl;
        m_token = token;

        ApplicationRepository applications(m_database);
        application.name = QStringLiteral("AWS");
        auto id = applications.create(application);
        QVERIFY2(id, id ? "" : qPrintable(id.error().message));
        application.id = id.value();
        makeSession();
    }

    // Rebuilds client and session, e.g. after changing server options or capabilities.
    void makeSession()
    {
        session.reset();
        ScimClientConfig config;
        config.baseUrl = m_baseUrl;
        config.secret = m_token;
        config.capabilities = server.capabilities;
        config.requestTimeoutMs = 5000;
        config.maxInFlight = server.options.concurrency;
        config.retry.maxAttempts = 12;
        config.retry.baseDelayMs = 5;
        config.retry.maxDelayMs = 200;
        config.retry.maxTotalMs = 60000;
        client = std::make_unique<ScimClient>(config);
        session = std::make_unique<SyncSession>(m_database, client.get(), server);
    }

    DirectoryUser addUser(const QString& userName, const QString& email = QString())
    {
        DirectoryUser user;
        user.userName = userName;
        user.givenName = QStringLiteral("Given");
        user.familyName = userName;
        user.displayName = QStringLiteral("Given ") + userName;
        user.email = email.isEmpty() ? userName + QStringLiteral("@example.com") : email;
        auto id = m_directory->createUser(user);
        if (!id)
            qWarning() << id.error().message;
        return *m_directory->findUser(id.value());
    }

    QList<DirectoryUser> addUsers(const QString& prefix, int count)
    {
        QList<DirectoryUser> users;
        for (int i = 0; i < count; ++i) {
            DirectoryUser user;
            user.userName = QStringLiteral("%1%2").arg(prefix).arg(i, 5, 10, QLatin1Char('0'));
            user.givenName = QStringLiteral("Given");
            user.familyName = user.userName;
            user.displayName = QStringLiteral("Given ") + user.userName;
            user.email = user.userName + QStringLiteral("@example.com");
            users.append(user);
        }
        auto saved = m_directory->saveUsers(users);
        if (!saved)
            qWarning() << saved.error().message;
        return users;
    }

    DirectoryGroup addGroup(const QString& name, const QList<DirectoryUser>& members)
    {
        DirectoryGroup group;
        group.displayName = name;
        for (const auto& member : members)
            group.memberUserIds.append(member.id);
        auto id = m_directory->createGroup(group);
        if (!id)
            qWarning() << id.error().message;
        return *m_directory->findGroup(id.value());
    }

    DirectoryRepository& directory() { return *m_directory; }
    std::shared_ptr<Database> database() const { return m_database; }

    void assignAll() { application.assignment.allUsers = true; }
    void assignGroup(const DirectoryGroup& group) { application.assignment.groupIds.append(group.id); }

    Outcome preview()
    {
        Outcome outcome;
        QSignalSpy ready(session.get(), &SyncSession::previewReady);
        QSignalSpy failed(session.get(), &SyncSession::previewFailed);
        session->preview(application);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(ready.count() + failed.count() > 0, 60000); }();
        if (!failed.isEmpty()) {
            outcome.previewError = failed.first().first().toString();
            return outcome;
        }
        outcome.previewed = true;
        outcome.plan = ready.first().first().value<SyncPlan>();
        return outcome;
    }

    SyncRunSummary apply(const SyncPlan& plan, bool confirmed = false)
    {
        QSignalSpy finished(session.get(), &SyncSession::applyFinished);
        session->apply(plan.planId, confirmed);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 120000); }();
        return finished.isEmpty() ? SyncRunSummary() : finished.first().first().value<SyncRunSummary>();
    }

    Outcome syncOnce(bool confirmed = false)
    {
        Outcome outcome = preview();
        if (outcome.previewed)
            outcome.summary = apply(outcome.plan, confirmed);
        return outcome;
    }

    ScimServer server;
    Application application;
    std::unique_ptr<ScimClient> client;
    std::unique_ptr<SyncSession> session;

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_database;
    std::unique_ptr<DirectoryRepository> m_directory;
    QUrl m_baseUrl;
    QString m_token;
};
