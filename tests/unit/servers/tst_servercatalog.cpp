#include "secrets/InMemorySecretStore.h"
#include "secrets/KeychainSecretStore.h"
#include "servers/ServerCatalog.h"
#include "storage/Profile.h"

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

class TestServerCatalog : public QObject
{
    Q_OBJECT

private:
    static ScimServer awsServer(const QString& name = QStringLiteral("AWS SCIM Server"))
    {
        ScimServer server;
        server.name = name;
        server.description = QStringLiteral("AWS IAM Identity Center");
        server.url = QStringLiteral("https://scim.us-east-1.amazonaws.com/a1b2c3d4e5-1111-2222/scim/v2/");
        server.serverTypeId = QStringLiteral("aws-iam-identity-center");
        return server;
    }

    // Every byte of every file under dir, including SQLite's -wal/-shm and any settings.
    static int filesContaining(const QString& dir, const QByteArray& needle, QStringList* scanned)
    {
        int hits = 0;
        QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                continue;
            }
            scanned->append(path);
            const QByteArray content = file.readAll();
            if (content.contains(needle) || content.contains(needle.toBase64())
                || content.contains(QString::fromLatin1(needle).toUtf8().toHex())) {
                ++hits;
            }
        }
        return hits;
    }

    // Creates through the catalog and waits for the asynchronous answer.
    static Result<qint64, ServerSaveError> create(
        ServerCatalog& catalog, const ScimServer& server, const QString& token)
    {
        std::optional<Result<qint64, ServerSaveError>> outcome;
        catalog.create(server, token, &catalog, [&](Result<qint64, ServerSaveError> result) { outcome = result; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10000)) {
            return ServerSaveError {ServerSaveError::Source::Storage, QStringLiteral("timed out"), {}, {}};
        }
        return *outcome;
    }

    void noSecretOnDisk(SecretStore* store)
    {
        QTemporaryDir dir;
        auto profile = Profile::open(dir.path());
        QVERIFY(profile.ok());
        ServerCatalog catalog(profile.value().database(), store);
        const QByteArray token = "tok-" + QUuid::createUuid().toByteArray(QUuid::Id128) + "-SECRET";
        auto id = create(catalog, awsServer(), QStringLiteral("  %1\n").arg(QString::fromLatin1(token)));
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().fullMessage()));

        std::optional<Result<QString, SecretError>> readBack;
        store->read({id.value(), SecretPurpose::AccessToken}, this,
            [&](Result<QString, SecretError> result) { readBack = result; });
        QTRY_VERIFY(readBack.has_value());
        QVERIFY(readBack->ok());
        QCOMPARE(readBack->value(), QString::fromLatin1(token)); // trimmed

        // Also write through the WAL into the main file, then look everywhere.
        catalog.repository().recordTestResult(
            id.value(), QStringLiteral("pass"), QStringLiteral("ok"), QDateTime::currentDateTimeUtc());
        QStringList scanned;
        QCOMPARE(filesContaining(dir.path(), token, &scanned), 0);
        QVERIFY2(scanned.size() >= 1, "the scan must have read the database");

        std::optional<Status<ServerSaveError>> removed;
        catalog.remove(id.value(), this, [&](Status<ServerSaveError> status) { removed = status; });
        QTRY_VERIFY(removed.has_value());
        QVERIFY(removed->ok());
    }

private slots:
    void createStoresTokenOnlyInSecretStore()
    {
        InMemorySecretStore store;
        noSecretOnDisk(&store);
        QCOMPARE(store.count(), 0); // deleting the server forgot its token
    }

    void createStoresTokenOnlyInRealKeychain()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
            if (qEnvironmentVariableIntValue("SCIMDESK_REQUIRE_KEYCHAIN")) {
                QFAIL("No D-Bus session: run the tests through scripts/with-test-keyring");
            }
            QSKIP("No D-Bus session; run through scripts/with-test-keyring for the real keychain");
        }
        KeychainSecretStore store(QStringLiteral("ScimDesk-test-") + QUuid::createUuid().toString(QUuid::Id128));
        noSecretOnDisk(&store);
    }

    void keychainFailureLeavesNoServer()
    {
        QTemporaryDir dir;
        auto profile = Profile::open(dir.path());
        InMemorySecretStore store;
        ServerCatalog catalog(profile.value().database(), &store);
        QSignalSpy changed(&catalog, &ServerCatalog::serversChanged);
        store.failNextWrite(SecretError(SecretError::Kind::AccessDenied, QStringLiteral("The keyring is locked.")));
        auto result = create(catalog, awsServer(), QStringLiteral("token"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().source, ServerSaveError::Source::Keychain);
        QVERIFY(result.error().message.contains(QLatin1String("The keyring is locked.")));
        QVERIFY(!result.error().hint.isEmpty());
        QVERIFY(catalog.repository().list().isEmpty());
        QCOMPARE(changed.count(), 0);
        QCOMPARE(store.count(), 0);
    }

    void validationRunsBeforeTheKeychain()
    {
        QTemporaryDir dir;
        auto profile = Profile::open(dir.path());
        InMemorySecretStore store;
        ServerCatalog catalog(profile.value().database(), &store);
        QVERIFY(create(catalog, awsServer(), QStringLiteral("t1")).ok());
        auto duplicate = create(catalog, awsServer(QStringLiteral("aws scim server")), QStringLiteral("t2"));
        QVERIFY(!duplicate.ok());
        QCOMPARE(duplicate.error().source, ServerSaveError::Source::Validation);
        QCOMPARE(duplicate.error().field, QStringLiteral("name"));
        auto noToken = create(catalog, awsServer(QStringLiteral("Other")), QStringLiteral("   "));
        QVERIFY(!noToken.ok());
        QCOMPARE(noToken.error().field, QStringLiteral("secret"));
        QCOMPARE(store.writeCount(), 1);
    }

    void failedSecretUpdateKeepsServerAsItWas()
    {
        QTemporaryDir dir;
        auto profile = Profile::open(dir.path());
        InMemorySecretStore store;
        ServerCatalog catalog(profile.value().database(), &store);
        const qint64 id = create(catalog, awsServer(), QStringLiteral("old-token")).value();
        ScimServer changed = *catalog.repository().find(id);
        changed.description = QStringLiteral("changed");
        store.failNextWrite(SecretError(SecretError::Kind::NoBackend, QStringLiteral("No keychain service")));
        std::optional<Status<ServerSaveError>> outcome;
        catalog.update(changed, QStringLiteral("new-token"), this, [&](Status<ServerSaveError> s) { outcome = s; });
        QTRY_VERIFY(outcome.has_value());
        QVERIFY(!outcome->ok());
        QCOMPARE(catalog.repository().find(id)->description, QStringLiteral("AWS IAM Identity Center"));
        QCOMPARE(*store.peek({id, SecretPurpose::AccessToken}), QStringLiteral("old-token"));

        outcome.reset();
        catalog.update(changed, QStringLiteral("new-token"), this, [&](Status<ServerSaveError> s) { outcome = s; });
        QTRY_VERIFY(outcome.has_value());
        QVERIFY(outcome->ok());
        QCOMPARE(catalog.repository().find(id)->description, QStringLiteral("changed"));
        QCOMPARE(*store.peek({id, SecretPurpose::AccessToken}), QStringLiteral("new-token"));
    }

    // An editor opened before a token rotation saves its copy of the server afterwards: the
    // date of the stored token is the rotated token's, not the copy's.
    void updateWithoutSecretKeepsTheStoredTokenDate()
    {
        QTemporaryDir dir;
        auto profile = Profile::open(dir.path());
        InMemorySecretStore store;
        ServerCatalog catalog(profile.value().database(), &store);
        const qint64 id = create(catalog, awsServer(), QStringLiteral("old-token")).value();
        ScimServer staleCopy = *catalog.repository().find(id);
        staleCopy.secretStoredAt = QDateTime::currentDateTimeUtc().addDays(-300);
        std::optional<Status<ServerSaveError>> outcome;
        catalog.update(*catalog.repository().find(id), QStringLiteral("new-token"), this,
            [&](Status<ServerSaveError> s) { outcome = s; });
        QTRY_VERIFY(outcome.has_value());
        const QDateTime rotatedAt = catalog.repository().find(id)->secretStoredAt;
        QVERIFY(rotatedAt > staleCopy.secretStoredAt);

        outcome.reset();
        staleCopy.description = QStringLiteral("edited");
        catalog.update(staleCopy, std::nullopt, this, [&](Status<ServerSaveError> s) { outcome = s; });
        QTRY_VERIFY(outcome.has_value());
        QVERIFY(outcome->ok());
        QCOMPARE(catalog.repository().find(id)->description, QStringLiteral("edited"));
        QCOMPARE(catalog.repository().find(id)->secretStoredAt, rotatedAt);
    }
};

QTEST_GUILESS_MAIN(TestServerCatalog)
#include "tst_servercatalog.moc"
