#include "secrets/KeychainSecretStore.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <csignal>
#include <cstdio>
#include <optional>
#include <sys/types.h>

// The real keychain, end to end: QtKeychain -> libsecret -> Secret Service (gnome-keyring).
// Run it through scripts/with-test-keyring, which provides a private D-Bus session with an
// unlocked throwaway keyring; ctest gives these tests the label "keychain".

namespace {

const char childModeVariable[] = "SCIMDESK_KEYCHAIN_TEST_CHILD";

class Answer : public QObject
{
    Q_OBJECT

public:
    std::optional<Status<SecretError>> status;
    std::optional<Result<QString, SecretError>> result;

    SecretStore::StatusCallback statusCallback()
    {
        return [this](Status<SecretError> s) {
            status = s;
            emit arrived();
        };
    }
    SecretStore::ReadCallback readCallback()
    {
        return [this](Result<QString, SecretError> r) {
            result = r;
            emit arrived();
        };
    }

signals:
    void arrived();
};

// A keychain job may need D-Bus round trips and keyring disk writes; generous but bounded.
constexpr int answerTimeoutMs = 20000;

Status<SecretError> writeSync(SecretStore& store, const SecretKey& key, const QString& secret)
{
    Answer answer;
    QSignalSpy spy(&answer, &Answer::arrived);
    store.write(key, secret, &answer, answer.statusCallback());
    if (!answer.status && !spy.wait(answerTimeoutMs)) {
        return SecretError(SecretError::Kind::Other, QStringLiteral("test: no answer from the keychain"));
    }
    return *answer.status;
}

Result<QString, SecretError> readSync(SecretStore& store, const SecretKey& key)
{
    Answer answer;
    QSignalSpy spy(&answer, &Answer::arrived);
    store.read(key, &answer, answer.readCallback());
    if (!answer.result && !spy.wait(answerTimeoutMs)) {
        return SecretError(SecretError::Kind::Other, QStringLiteral("test: no answer from the keychain"));
    }
    return *answer.result;
}

Status<SecretError> removeSync(SecretStore& store, const SecretKey& key)
{
    Answer answer;
    QSignalSpy spy(&answer, &Answer::arrived);
    store.remove(key, &answer, answer.statusCallback());
    if (!answer.status && !spy.wait(answerTimeoutMs)) {
        return SecretError(SecretError::Kind::Other, QStringLiteral("test: no answer from the keychain"));
    }
    return *answer.status;
}

// QVERIFY2 evaluates its message even when the check passes, so these accept successes.
QString describe(const Status<SecretError>& status)
{
    if (status.ok()) {
        return QStringLiteral("ok");
    }
    return SecretError::kindId(status.error().kind) + QStringLiteral(": ") + status.error().fullMessage();
}

QString describe(const Result<QString, SecretError>& result)
{
    if (result.ok()) {
        return QStringLiteral("ok");
    }
    return SecretError::kindId(result.error().kind) + QStringLiteral(": ") + result.error().fullMessage();
}

// Child mode: one write and one read against whatever keychain the environment offers,
// reported as JSON on stdout. The parent starts it with a broken D-Bus address.
int runChild(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    KeychainSecretStore store(qEnvironmentVariable("SCIMDESK_KEYCHAIN_TEST_SERVICE"));
    const SecretKey key {42, SecretPurpose::AccessToken};
    const auto written = writeSync(store, key, qEnvironmentVariable("SCIMDESK_KEYCHAIN_TEST_SECRET"));
    const auto read = readSync(store, key);
    QJsonObject report;
    report.insert(QStringLiteral("writeOk"), written.ok());
    if (!written.ok()) {
        report.insert(QStringLiteral("writeKind"), SecretError::kindId(written.error().kind));
        report.insert(QStringLiteral("writeMessage"), written.error().message);
        report.insert(QStringLiteral("writeHint"), written.error().hint);
    }
    report.insert(QStringLiteral("readOk"), read.ok());
    if (!read.ok()) {
        report.insert(QStringLiteral("readKind"), SecretError::kindId(read.error().kind));
        report.insert(QStringLiteral("readMessage"), read.error().message);
    }
    const QByteArray json = QJsonDocument(report).toJson(QJsonDocument::Compact);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    std::fflush(stdout);
    return 0;
}

} // namespace

#define REQUIRE_SESSION_BUS()                                                                                          \
    do {                                                                                                               \
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {                                                 \
            if (qEnvironmentVariable("SCIMDESK_REQUIRE_KEYCHAIN") == QLatin1String("1")) {                             \
                QFAIL("SCIMDESK_REQUIRE_KEYCHAIN=1 but there is no D-Bus session; run the tests through "              \
                      "scripts/with-test-keyring");                                                                    \
            }                                                                                                          \
            QSKIP("No D-Bus session: run through scripts/with-test-keyring (private D-Bus + unlocked gnome-keyring)"); \
        }                                                                                                              \
    } while (false)

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void roundTrip();
    void removeAllForDeletesEveryPurpose();
    void servicesAreSeparate();
    void profilesAreSeparate();
    void unicodeAndLongSecret();
    void callbackSkippedWhenContextDestroyed();
    void unresponsiveKeychainTimesOut();
    void missingSessionBusIsTypedErrorWithoutPlaintextFallback();
    void errorMapping_data();
    void errorMapping();

private:
    QString m_service;
};

void TestKeychainSecretStore::initTestCase()
{
    // A service name of its own: never touches real "ScimDesk" entries, and parallel runs
    // do not see each other.
    m_service = QStringLiteral("ScimDeskTest-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

void TestKeychainSecretStore::cleanupTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        return;
    }
    KeychainSecretStore store(m_service);
    for (qint64 id : {1, 2, 3, 4}) {
        Answer answer;
        QSignalSpy spy(&answer, &Answer::arrived);
        store.removeAllFor(id, &answer, answer.statusCallback());
        spy.wait(answerTimeoutMs);
    }
}

void TestKeychainSecretStore::roundTrip()
{
    REQUIRE_SESSION_BUS();
    KeychainSecretStore store(m_service);
    const SecretKey key {1, SecretPurpose::AccessToken};

    auto written = writeSync(store, key, QStringLiteral("first-token"));
    QVERIFY2(written.ok(), qPrintable(describe(written)));
    auto read = readSync(store, key);
    QVERIFY2(read.ok(), qPrintable(describe(read)));
    QCOMPARE(read.value(), QStringLiteral("first-token"));

    written = writeSync(store, key, QStringLiteral("second-token"));
    QVERIFY2(written.ok(), qPrintable(describe(written)));
    read = readSync(store, key);
    QVERIFY2(read.ok(), qPrintable(describe(read)));
    QCOMPARE(read.value(), QStringLiteral("second-token"));

    auto removed = removeSync(store, key);
    QVERIFY2(removed.ok(), qPrintable(describe(removed)));
    read = readSync(store, key);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind, SecretError::Kind::NotFound);
    QVERIFY(!read.error().message.isEmpty());

    // Deleting again: the entry is gone, which is what was asked.
    removed = removeSync(store, key);
    QVERIFY2(removed.ok(), qPrintable(describe(removed)));
}

void TestKeychainSecretStore::removeAllForDeletesEveryPurpose()
{
    REQUIRE_SESSION_BUS();
    KeychainSecretStore store(m_service);
    for (SecretPurpose purpose : SecretKey::allPurposes()) {
        const auto written = writeSync(store, {2, purpose}, QStringLiteral("secret-of-2"));
        QVERIFY2(written.ok(), qPrintable(describe(written)));
    }
    QVERIFY(writeSync(store, {3, SecretPurpose::AccessToken}, QStringLiteral("secret-of-3")).ok());

    Answer answer;
    QSignalSpy spy(&answer, &Answer::arrived);
    store.removeAllFor(2, &answer, answer.statusCallback());
    QVERIFY(spy.wait(answerTimeoutMs));
    QVERIFY2(answer.status->ok(), qPrintable(describe(*answer.status)));

    for (SecretPurpose purpose : SecretKey::allPurposes()) {
        const auto read = readSync(store, {2, purpose});
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind, SecretError::Kind::NotFound);
    }
    const auto other = readSync(store, {3, SecretPurpose::AccessToken});
    QVERIFY2(other.ok(), qPrintable(describe(other)));
    QCOMPARE(other.value(), QStringLiteral("secret-of-3"));
}

void TestKeychainSecretStore::servicesAreSeparate()
{
    REQUIRE_SESSION_BUS();
    KeychainSecretStore store(m_service);
    KeychainSecretStore otherService(m_service + QStringLiteral("-other"));
    QVERIFY(writeSync(store, {4, SecretPurpose::BasicPassword}, QStringLiteral("mine")).ok());
    const auto read = readSync(otherService, {4, SecretPurpose::BasicPassword});
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind, SecretError::Kind::NotFound);
}

// Server numbers restart in each profile: two profiles of one account, each with server 1,
// keep two tokens, and forgetting one profile's token leaves the other's.
void TestKeychainSecretStore::profilesAreSeparate()
{
    REQUIRE_SESSION_BUS();
    QTemporaryDir first;
    QTemporaryDir second;
    auto opened1 = Workspace::open(first.path(), new KeychainSecretStore(m_service));
    auto opened2 = Workspace::open(second.path(), new KeychainSecretStore(m_service));
    QVERIFY(opened1.ok() && opened2.ok());
    SecretStore& store1 = *opened1.value()->secrets();
    SecretStore& store2 = *opened2.value()->secrets();
    QVERIFY(!store1.profileScope().isEmpty());
    QVERIFY(store1.profileScope() != store2.profileScope());
    const SecretKey key {1, SecretPurpose::AccessToken};
    QVERIFY(writeSync(store1, key, QStringLiteral("token-of-profile-1")).ok());
    QVERIFY(writeSync(store2, key, QStringLiteral("token-of-profile-2")).ok());
    QCOMPARE(readSync(store1, key).value(), QStringLiteral("token-of-profile-1"));
    QCOMPARE(readSync(store2, key).value(), QStringLiteral("token-of-profile-2"));
    // An unscoped store (the names before scopes) sees neither.
    KeychainSecretStore unscoped(m_service);
    QCOMPARE(readSync(unscoped, key).error().kind, SecretError::Kind::NotFound);

    Answer removed;
    QSignalSpy spy(&removed, &Answer::arrived);
    store2.remove(key, &removed, removed.statusCallback());
    QVERIFY(removed.status || spy.wait(answerTimeoutMs));
    QVERIFY(removed.status->ok());
    QCOMPARE(readSync(store2, key).error().kind, SecretError::Kind::NotFound);
    QCOMPARE(readSync(store1, key).value(), QStringLiteral("token-of-profile-1"));

    // Reopening finds the same scope, so the token is still there.
    opened1 = Workspace::open(first.path(), new KeychainSecretStore(m_service));
    QVERIFY(opened1.ok());
    QCOMPARE(readSync(*opened1.value()->secrets(), key).value(), QStringLiteral("token-of-profile-1"));
}

void TestKeychainSecretStore::unicodeAndLongSecret()
{
    REQUIRE_SESSION_BUS();
    KeychainSecretStore store(m_service);
    const QString secret = QStringLiteral("Tök€n ✓ 日本 ") + QString(4000, QLatin1Char('x'));
    const SecretKey key {4, SecretPurpose::OAuthClientSecret};
    QVERIFY(writeSync(store, key, secret).ok());
    const auto read = readSync(store, key);
    QVERIFY2(read.ok(), qPrintable(describe(read)));
    QCOMPARE(read.value(), secret);
}

void TestKeychainSecretStore::callbackSkippedWhenContextDestroyed()
{
    REQUIRE_SESSION_BUS();
    KeychainSecretStore store(m_service);
    int calls = 0;
    auto* context = new QObject;
    store.write(
        {1, SecretPurpose::BasicPassword}, QStringLiteral("p"), context, [&calls](Status<SecretError>) { ++calls; });
    delete context;
    // The next job is queued behind the first one on the same bus connection.
    const auto read = readSync(store, {1, SecretPurpose::BasicPassword});
    QVERIFY2(read.ok(), qPrintable(describe(read)));
    QCOMPARE(calls, 0);
}

void TestKeychainSecretStore::unresponsiveKeychainTimesOut()
{
    REQUIRE_SESSION_BUS();
    // Freezing the keyring daemon is only acceptable for the throwaway one of
    // scripts/with-test-keyring, never for a developer's own.
    if (qEnvironmentVariableIsEmpty("SCIMDESK_TEST_KEYRING")) {
        QSKIP("Needs the throwaway keyring of scripts/with-test-keyring");
    }
    // Which process owns the Secret Service name on our private bus.
    QProcess query;
    query.start(QStringLiteral("dbus-send"),
        {QStringLiteral("--session"), QStringLiteral("--print-reply"), QStringLiteral("--dest=org.freedesktop.DBus"),
            QStringLiteral("/org/freedesktop/DBus"), QStringLiteral("org.freedesktop.DBus.GetConnectionUnixProcessID"),
            QStringLiteral("string:org.freedesktop.secrets")});
    QVERIFY(query.waitForFinished(10000));
    const QString reply = QString::fromUtf8(query.readAllStandardOutput());
    const auto match = QRegularExpression(QStringLiteral("uint32 (\\d+)")).match(reply);
    QVERIFY2(match.hasMatch(), qPrintable(reply));
    const qint64 daemon = match.captured(1).toLongLong();

    KeychainSecretStore store(m_service);
    store.setTimeout(1000);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("the keychain did not answer for")));
    QVERIFY(::kill(pid_t(daemon), SIGSTOP) == 0);
    const auto written = writeSync(store, {1, SecretPurpose::AccessToken}, QStringLiteral("frozen"));
    QVERIFY(::kill(pid_t(daemon), SIGCONT) == 0);

    QVERIFY(!written.ok());
    QCOMPARE(written.error().kind, SecretError::Kind::Other);
    QVERIFY2(written.error().message.contains(QStringLiteral("did not answer")), qPrintable(describe(written)));
    QVERIFY(written.error().hint.contains(QStringLiteral("Unlock")));

    // Once it answers again, the store works: the late answer did not disturb anything.
    store.setTimeout(answerTimeoutMs);
    const auto again = writeSync(store, {1, SecretPurpose::AccessToken}, QStringLiteral("thawed"));
    QVERIFY2(again.ok(), qPrintable(describe(again)));
    const auto read = readSync(store, {1, SecretPurpose::AccessToken});
    QVERIFY2(read.ok(), qPrintable(describe(read)));
    QCOMPARE(read.value(), QStringLiteral("thawed"));
}

void TestKeychainSecretStore::missingSessionBusIsTypedErrorWithoutPlaintextFallback()
{
    // Needs no keyring: a child process of this binary talks to a D-Bus socket that does
    // not exist, with a HOME of its own where a plain-text fallback would leave a file.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString secret = QStringLiteral("plaintext-canary-") + QUuid::createUuid().toString(QUuid::Id128);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QLatin1String(childModeVariable), QStringLiteral("1"));
    env.insert(QStringLiteral("SCIMDESK_KEYCHAIN_TEST_SERVICE"), m_service);
    env.insert(QStringLiteral("SCIMDESK_KEYCHAIN_TEST_SECRET"), secret);
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
        QStringLiteral("unix:path=") + home.filePath(QStringLiteral("no-such-bus-socket")));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));

    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted());
    QVERIFY2(child.waitForFinished(60000), "the child keychain process did not finish");
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 0);

    const QByteArray out = child.readAllStandardOutput();
    const QByteArray err = child.readAllStandardError();
    QVERIFY2(!out.contains(secret.toUtf8()) && !err.contains(secret.toUtf8()), "the secret was printed");
    const QJsonObject report = QJsonDocument::fromJson(out).object();
    QVERIFY2(!report.isEmpty(), out.constData());

    QCOMPARE(report.value(QStringLiteral("writeOk")).toBool(), false);
    QCOMPARE(report.value(QStringLiteral("writeKind")).toString(), QStringLiteral("no-backend"));
    QVERIFY2(!report.value(QStringLiteral("writeMessage")).toString().isEmpty(), out.constData());
    QVERIFY(report.value(QStringLiteral("writeHint")).toString().contains(QStringLiteral("Secret Service")));
    QCOMPARE(report.value(QStringLiteral("readOk")).toBool(), false);
    QCOMPARE(report.value(QStringLiteral("readKind")).toString(), QStringLiteral("no-backend"));

    // No plain-text fallback: the secret appears in no file under the child's HOME.
    QDirIterator it(home.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(path + QStringLiteral(" holds the secret")));
        }
    }
}

void TestKeychainSecretStore::errorMapping_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("kind");
    QTest::newRow("not found") << int(QKeychain::EntryNotFound) << QStringLiteral("Entry not found")
                               << QStringLiteral("not-found");
    QTest::newRow("no backend") << int(QKeychain::NoBackendAvailable) << QStringLiteral("No keychain service")
                                << QStringLiteral("no-backend");
    QTest::newRow("not implemented") << int(QKeychain::NotImplemented) << QString() << QStringLiteral("no-backend");
    QTest::newRow("denied by user") << int(QKeychain::AccessDeniedByUser) << QStringLiteral("Cancelled")
                                    << QStringLiteral("access-denied");
    QTest::newRow("denied") << int(QKeychain::AccessDenied) << QStringLiteral("Locked")
                            << QStringLiteral("access-denied");
    QTest::newRow("dbus down") << int(QKeychain::OtherError)
                               << QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY")
                               << QStringLiteral("no-backend");
    QTest::newRow("no secret service") << int(QKeychain::OtherError)
                                       << QStringLiteral("The name org.freedesktop.secrets was not provided by any "
                                                         ".service files")
                                       << QStringLiteral("no-backend");
    QTest::newRow("other") << int(QKeychain::OtherError) << QStringLiteral("Unknown error") << QStringLiteral("other");
    QTest::newRow("could not delete") << int(QKeychain::CouldNotDeleteEntry) << QStringLiteral("Could not delete")
                                      << QStringLiteral("other");
}

void TestKeychainSecretStore::errorMapping()
{
    QFETCH(int, code);
    QFETCH(QString, message);
    QFETCH(QString, kind);
    const SecretError error = KeychainSecretStore::errorFromKeychain(QKeychain::Error(code), message);
    QCOMPARE(SecretError::kindId(error.kind), kind);
    if (!message.isEmpty()) {
        QCOMPARE(error.message, message);
    } else {
        QVERIFY(!error.message.isEmpty());
    }
    QVERIFY(!error.hint.isEmpty());
}

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsSet(childModeVariable)) {
        return runChild(argc, argv);
    }
    QCoreApplication app(argc, argv);
    TestKeychainSecretStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychainsecretstore.moc"
