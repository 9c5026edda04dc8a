#include "secrets/HeadlessSecretSource.h"
#include "secrets/InMemorySecretStore.h"
#include "secrets/SecretRouter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// The headless secret sources of scimdesk-cli: a server's token (trimmed) and a directory
// source's bind password (exact, but for a file's final line break), and the router that lets
// each answer only for what it names.
class TestHeadlessSecretSource : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QByteArray& content, QFileDevice::Permissions permissions)
    {
        const QString path = m_dir.filePath(QStringLiteral("secret-%1").arg(++m_files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
            return {};
        }
        file.close();
        QFile::setPermissions(path, permissions);
        return path;
    }

    std::optional<QString> readFrom(SecretStore& store, const SecretKey& key)
    {
        std::optional<Result<QString, SecretError>> answer;
        store.read(key, this, [&](Result<QString, SecretError> result) { answer = result; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000) || !answer->ok()) {
            return std::nullopt;
        }
        return answer->value();
    }

    int m_files = 0;
    static constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

private slots:
    void fileContent_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("password");
        QTest::addColumn<QString>("expected");
        QTest::newRow("token trimmed") << QByteArray("  tok-123 \n") << false << QStringLiteral("tok-123");
        QTest::newRow("password, final LF") << QByteArray(" p w \n") << true << QStringLiteral(" p w ");
        QTest::newRow("password, final CRLF") << QByteArray("pw\r\n") << true << QStringLiteral("pw");
        QTest::newRow("password, no line break") << QByteArray("pw ") << true << QStringLiteral("pw ");
        QTest::newRow("password, two line breaks") << QByteArray("pw\n\n") << true << QStringLiteral("pw\n");
        QTest::newRow("password, non-ASCII") << QByteArray("p\xc3\xa4ss\n") << true << QStringLiteral("p\u00e4ss");
    }

    void fileContent()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, password);
        QFETCH(QString, expected);
        const auto kind
            = password ? HeadlessSecretSource::Content::SourcePassword : HeadlessSecretSource::Content::Token;
        auto source = HeadlessSecretSource::fromFile(writeFile(content, ownerOnly), kind);
        QVERIFY(source.ok());
        QCOMPARE(readFrom(*source.value(), SecretKey::forSource(1)), std::optional<QString>(expected));
    }

    void refusedFiles()
    {
        const auto kind = HeadlessSecretSource::Content::SourcePassword;
        auto shared = HeadlessSecretSource::fromFile(writeFile("pw\n", ownerOnly | QFileDevice::ReadGroup), kind);
        QVERIFY(!shared.ok());
        QVERIFY(shared.error().hint.contains(QLatin1String("chmod 600")));
        QVERIFY(shared.error().message.contains(QLatin1String("bind password")));
        auto empty = HeadlessSecretSource::fromFile(writeFile("\n", ownerOnly), kind);
        QVERIFY(!empty.ok());
        QVERIFY(!HeadlessSecretSource::fromFile(m_dir.filePath(QStringLiteral("missing")), kind).ok());
    }

    void environmentIsTakenExactly()
    {
        qputenv("SCIMDESK_TEST_BIND_PW", " spaced ");
        auto password = HeadlessSecretSource::fromEnvironment(
            QStringLiteral("SCIMDESK_TEST_BIND_PW"), HeadlessSecretSource::Content::SourcePassword);
        QVERIFY(password.ok());
        QCOMPARE(
            readFrom(*password.value(), SecretKey::forSource(1)), std::optional<QString>(QStringLiteral(" spaced ")));
        auto token = HeadlessSecretSource::fromEnvironment(QStringLiteral("SCIMDESK_TEST_BIND_PW"));
        QCOMPARE(readFrom(*token.value(), {1, SecretPurpose::AccessToken}),
            std::optional<QString>(QStringLiteral("spaced")));
        qunsetenv("SCIMDESK_TEST_BIND_PW");
        QVERIFY(!HeadlessSecretSource::fromEnvironment(
            QStringLiteral("SCIMDESK_TEST_BIND_PW"), HeadlessSecretSource::Content::SourcePassword)
                     .ok());
    }

    void routerAsksTheStoreOfTheKeysOwner()
    {
        auto* servers = new InMemorySecretStore();
        auto* sources = new InMemorySecretStore();
        SecretRouter router(servers, sources);
        std::optional<Status<SecretError>> written;
        router.write(
            SecretKey::forSource(3), QStringLiteral("bind"), this, [&](Status<SecretError> s) { written = s; });
        QTRY_VERIFY(written.has_value());
        router.write({3, SecretPurpose::AccessToken}, QStringLiteral("token"), this,
            [&](Status<SecretError> s) { written = s; });
        QTRY_COMPARE(servers->count(), 1);
        QCOMPARE(sources->count(), 1);
        QVERIFY(sources->contains(SecretKey::forSource(3)));
        QVERIFY(servers->contains({3, SecretPurpose::AccessToken}));
        QCOMPARE(readFrom(router, SecretKey::forSource(3)), std::optional<QString>(QStringLiteral("bind")));
        QCOMPARE(readFrom(router, {3, SecretPurpose::AccessToken}), std::optional<QString>(QStringLiteral("token")));
    }
};

QTEST_GUILESS_MAIN(TestHeadlessSecretSource)
#include "tst_headlesssecretsource.moc"
