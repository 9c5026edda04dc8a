#include "SecretScan.h"

#include "secrets/InMemorySecretStore.h"
#include "secrets/KeychainSecretStore.h"
#include "sources/SourceCatalog.h"
#include "storage/ApplicationRepository.h"
#include "storage/Profile.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

// A directory source and its bind password are saved together: the row in the profile, the
// password in the SecretStore under "source/ID/bind-password", both or neither; deleting the
// source forgets the password; a source an application reads from is kept.
class TestSourceCatalog : public QObject
{
    Q_OBJECT

private:
    static DirectorySource source(const QString& name = QStringLiteral("Corp LDAP"))
    {
        DirectorySource s;
        s.name = name;
        s.sourceTypeId = QStringLiteral("openldap");
        s.url = QStringLiteral("ldap://ldap.corp.example");
        s.startTls = true;
        s.bindDn = QStringLiteral("cn=scimdesk,ou=services,dc=corp,dc=example");
        s.baseDn = QStringLiteral("dc=corp,dc=example");
        s.userFilter = QStringLiteral("(objectClass=inetOrgPerson)");
        s.groupFilter = QStringLiteral("(objectClass=groupOfNames)");
        s.anchorAttribute = QStringLiteral("entryUUID");
        s.userMappings = {{QStringLiteral("userName"), QStringLiteral("uid")}};
        return s;
    }

    static Result<qint64, SourceSaveError> create(
        SourceCatalog& catalog, const DirectorySource& s, const std::optional<QString>& password)
    {
        std::optional<Result<qint64, SourceSaveError>> outcome;
        catalog.create(s, password, &catalog, [&](Result<qint64, SourceSaveError> result) { outcome = result; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10000)) {
            return SourceSaveError {SourceSaveError::Source::Storage, QStringLiteral("timed out"), {}, {}};
        }
        return *outcome;
    }

    static Status<SourceSaveError> update(
        SourceCatalog& catalog, const DirectorySource& s, const std::optional<QString>& password)
    {
        std::optional<Status<SourceSaveError>> outcome;
        catalog.update(s, password, &catalog, [&](Status<SourceSaveError> status) { outcome = status; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10000)) {
            return SourceSaveError {SourceSaveError::Source::Storage, QStringLiteral("timed out"), {}, {}};
        }
        return *outcome;
    }

    static Status<SourceSaveError> remove(SourceCatalog& catalog, qint64 id)
    {
        std::optional<Status<SourceSaveError>> outcome;
        catalog.remove(id, &catalog, [&](Status<SourceSaveError> status) { outcome = status; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10000)) {
            return SourceSaveError {SourceSaveError::Source::Storage, QStringLiteral("timed out"), {}, {}};
        }
        return *outcome;
    }

    std::optional<QString> readBack(SecretStore& store, qint64 id)
    {
        std::optional<Result<QString, SecretError>> answer;
        store.read(SecretKey::forSource(id), this, [&](Result<QString, SecretError> result) { answer = result; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 10000) || !answer->ok()) {
            return std::nullopt;
        }
        return answer->value();
    }

    void passwordOnlyInTheStore(SecretStore* store)
    {
        QTemporaryDir dir;
        auto profile = Profile::open(dir.path());
        QVERIFY(profile.ok());
        SourceCatalog catalog(profile.value().database(), store);
        // Spaces are part of a password: kept exactly.
        const QString password
            = QStringLiteral("  pw-") + QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(" ");
        auto id = create(catalog, source(), password);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().fullMessage()));
        QCOMPARE(readBack(*store, id.value()), std::optional<QString>(password));
        QVERIFY(catalog.repository().find(id.value())->passwordStoredAt.isValid());
        QStringList scanned;
        QCOMPARE(SecretScan::filesContaining(dir.path(), password.trimmed().toUtf8(), &scanned), QStringList());
        QVERIFY(!scanned.isEmpty());

        QVERIFY(remove(catalog, id.value()).ok());
        QVERIFY(!readBack(*store, id.value()).has_value());
        QVERIFY(catalog.repository().list().isEmpty());
    }

private slots:
    void keyOfASourcesPassword()
    {
        QCOMPARE(SecretKey::forSource(12).toString(), QStringLiteral("source/12/bind-password"));
        QVERIFY(SecretKey::forSource(12) != (SecretKey {12, SecretPurpose::AccessToken}));
        QVERIFY(!SecretKey::allPurposes().contains(SecretPurpose::SourceBindPassword));
    }

    void passwordGoesToTheSecretStoreOnly()
    {
        InMemorySecretStore store;
        passwordOnlyInTheStore(&store);
        QCOMPARE(store.count(), 0);
    }

    void passwordGoesToTheRealKeychainOnly()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
            if (qEnvironmentVariableIntValue("SCIMDESK_REQUIRE_KEYCHAIN")) {
                QFAIL("No D-Bus session: run the tests through scripts/with-test-keyring");
            }
            QSKIP("No D-Bus session; run through scripts/with-test-keyring for the real keychain");
        }
        KeychainSecretStore store(QStringLiteral("ScimDesk-test-") + QUuid::createUuid().toString(QUuid::Id128));
        passwordOnlyInTheStore(&store);
    }

    void keychainFailureLeavesNoSource()
    {
        QTemporaryDir dir;
        auto profile = Profile::open(dir.path());
        InMemorySecretStore store;
        SourceCatalog catalog(profile.value().database(), &store);
        QSignalSpy changed(&catalog, &SourceCatalog::sourcesChanged);
        store.failNextWrite(SecretError(SecretError::Kind::AccessDenied, QStringLiteral("The keyring is locked.")));
        auto result = create(catalog, source(), QStringLiteral("secret"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().source, SourceSaveError::Source::Keychain);
        QVERIFY(result.error().message.contains(QLatin1String("The keyring is locked.")));
        QVERIFY(catalog.repository().list().isEmpty());
        QCOMPARE(changed.count(), 0);
    }

    void withoutPasswordNothingIsStored()
    {
        QTemporaryDir dir;
        auto profile = Profile::open(dir.path());
        InMemorySecretStore store;
        SourceCatalog catalog(profile.value().database(), &store);
        // The password comes from --source-password-env on every run: nothing to store.
        auto id = create(catalog, source(), std::nullopt);
        QVERIFY(id.ok());
        QCOMPARE(store.writeCount(), 0);
        QVERIFY(!catalog.repository().find(id.value())->passwordStoredAt.isValid());
        // Nor to forget: removing it needs no keychain (a headless machine has none).
        store.failNextRemove(SecretError(SecretError::Kind::NoBackend, QStringLiteral("No keychain service")));
        QVERIFY(remove(catalog, id.value()).ok());
        QCOMPARE(store.removeCount(), 0);
        // A password without an account is refused.
        DirectorySource anonymous = source(QStringLiteral("Anonymous"));
        anonymous.bindDn.clear();
        auto refused = create(catalog, anonymous, QStringLiteral("pw"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().field, QStringLiteral("bindDn"));
    }

    void newPasswordReplacesTheOldAndAnonymousForgetsIt()
    {
        QTemporaryDir dir;
        auto profile = Profile::open(dir.path());
        InMemorySecretStore store;
        SourceCatalog catalog(profile.value().database(), &store);
        const qint64 id = create(catalog, source(), QStringLiteral("old")).value();
        DirectorySource changed = *catalog.repository().find(id);
        changed.description = QStringLiteral("changed");
        store.failNextWrite(SecretError(SecretError::Kind::NoBackend, QStringLiteral("No keychain service")));
        QVERIFY(!update(catalog, changed, QStringLiteral("new")).ok());
        QCOMPARE(catalog.repository().find(id)->description, QString()); // unchanged
        QCOMPARE(*store.peek(SecretKey::forSource(id)), QStringLiteral("old"));
        QVERIFY(update(catalog, changed, QStringLiteral("new")).ok());
        QCOMPARE(*store.peek(SecretKey::forSource(id)), QStringLiteral("new"));

        changed.bindDn.clear();
        QVERIFY(update(catalog, changed, std::nullopt).ok());
        QVERIFY(!store.contains(SecretKey::forSource(id)));
        QVERIFY(!catalog.repository().find(id)->passwordStoredAt.isValid());
    }

    void sourceInUseIsKeptWithItsPassword()
    {
        QTemporaryDir dir;
        auto profile = Profile::open(dir.path());
        InMemorySecretStore store;
        SourceCatalog catalog(profile.value().database(), &store);
        const qint64 id = create(catalog, source(), QStringLiteral("pw")).value();
        Application application;
        application.name = QStringLiteral("AWS");
        application.sourceId = id;
        QVERIFY(ApplicationRepository(profile.value().database()).create(application).ok());
        auto refused = remove(catalog, id);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().source, SourceSaveError::Source::Validation);
        QVERIFY2(refused.error().message.contains(QLatin1String("AWS")), qPrintable(refused.error().message));
        QVERIFY(store.contains(SecretKey::forSource(id)));
        QCOMPARE(store.removeCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSourceCatalog)
#include "tst_sourcecatalog.moc"
