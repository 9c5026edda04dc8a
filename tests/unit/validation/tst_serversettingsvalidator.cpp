#include "TestCertificateAuthority.h"
#include "validation/ServerSettingsValidator.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// The server rules every save path applies (wizard, Edit Server, CLI, demo).
class TestServerSettingsValidator : public QObject
{
    Q_OBJECT

private:
    static ScimServer validServer()
    {
        ScimServer server;
        server.name = QStringLiteral("AWS SCIM Server");
        server.url = QStringLiteral("https://scim.us-east-1.amazonaws.com/a1b2c3/scim/v2/");
        server.userMappings = {{MappingKind::Direct, QStringLiteral("userName"), QStringLiteral("userName"),
            ApplyWhen::Always, true, 0, {}}};
        return server;
    }

    bool writeFile(const QString& name, const QByteArray& content)
    {
        QFile file(m_files.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    }

    QByteArray readFile(const QString& name)
    {
        QFile file(m_files.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QTemporaryDir m_files;

private slots:
    // The CA files of the caBundle rows: real certificates (openssl) and the wrong picks an admin makes.
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        const QString created = TestCertificateAuthority(m_files.path()).create();
        QVERIFY2(created.isEmpty(), qPrintable(created));
        const QString der = TestCertificateAuthority::openssl(m_files.path(),
            {QStringLiteral("x509"), QStringLiteral("-in"), QStringLiteral("ca.pem"), QStringLiteral("-outform"),
                QStringLiteral("der"), QStringLiteral("-out"), QStringLiteral("ca.der")});
        QVERIFY2(der.isEmpty(), qPrintable(der));
        const QByteArray ca = readFile(QStringLiteral("ca.pem"));
        QVERIFY(ca.startsWith("-----BEGIN CERTIFICATE-----"));
        QVERIFY(writeFile(QStringLiteral("bundle.pem"), ca + readFile(QStringLiteral("server.pem"))));
        QVERIFY(writeFile(QStringLiteral("with-text.pem"), "Subject: CN=ScimDesk Test CA\nIssued for tests\n" + ca));
        QVERIFY(writeFile(QStringLiteral("notes.txt"), "Ask Bob for the CA certificate.\n"));
        QVERIFY(writeFile(QStringLiteral("empty.pem"), {}));
        QByteArray damaged = ca;
        damaged.replace(40, 30, QByteArray(30, '!'));
        QVERIFY(writeFile(QStringLiteral("damaged.pem"), damaged));
        QVERIFY(QDir(m_files.path()).mkdir(QStringLiteral("folder")));
        QFile huge(m_files.filePath(QStringLiteral("huge.pem")));
        QVERIFY(huge.open(QIODevice::WriteOnly) && huge.resize(5 * 1024 * 1024)); // sparse: no 5 MB written
    }

    void validServerHasNoIssues() { QVERIFY(ServerSettingsValidator::validate(validServer()).isEmpty()); }

    void url_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("messagePart"); // empty: accepted
        QTest::newRow("aws https") << QStringLiteral("https://scim.us-east-1.amazonaws.com/t/scim/v2/") << QString();
        QTest::newRow("https with port") << QStringLiteral("https://10.1.2.3:8443/scim") << QString();
        QTest::newRow("http loopback") << QStringLiteral("http://127.0.0.1:8080/scim/v2") << QString();
        QTest::newRow("http localhost") << QStringLiteral("http://localhost/scim/v2") << QString();
        QTest::newRow("http ::1") << QStringLiteral("http://[::1]:9000/scim") << QString();
        QTest::newRow("surrounding spaces") << QStringLiteral("  https://scim.example.com/v2  ") << QString();
        QTest::newRow("@ in the path") << QStringLiteral("https://scim.example.com/t/a@b/scim") << QString();
        QTest::newRow("empty") << QString() << QStringLiteral("Enter the server's SCIM endpoint URL");
        QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("Enter the server's SCIM endpoint URL");
        QTest::newRow("http remote") << QStringLiteral("http://scim.example.com/scim/v2")
                                     << QStringLiteral("Use an https:// URL");
        QTest::newRow("http private network")
            << QStringLiteral("http://192.168.1.5/scim") << QStringLiteral("Use an https:// URL");
        QTest::newRow("ftp") << QStringLiteral("ftp://scim.example.com/") << QStringLiteral("must start with https://");
        QTest::newRow("no scheme") << QStringLiteral("scim.example.com/v2") << QStringLiteral("not a valid absolute");
        QTest::newRow("words") << QStringLiteral("scim endpoint") << QStringLiteral("not a valid absolute");
        const QString secretGoes = QStringLiteral("Authentication settings");
        QTest::newRow("user and password") << QStringLiteral("http://admin:pw@127.0.0.1/scim/v2") << secretGoes;
        QTest::newRow("https user and password") << QStringLiteral("https://admin:pw@scim.example.com/") << secretGoes;
        QTest::newRow("user only") << QStringLiteral("https://admin@scim.example.com/scim") << secretGoes;
        QTest::newRow("password only") << QStringLiteral("https://:pw@scim.example.com/scim") << secretGoes;
        QTest::newRow("encoded") << QStringLiteral("https://a%40b:p%3Aw@scim.example.com/") << secretGoes;
        QTest::newRow("@ in the password") << QStringLiteral("https://admin:p@ss@scim.example.com/") << secretGoes;
        QTest::newRow("credentials and http remote") << QStringLiteral("http://u:p@scim.example.com/") << secretGoes;
        QTest::newRow("credentials, no path") << QStringLiteral("https://u:p@host") << secretGoes;
    }

    void url()
    {
        QFETCH(QString, url);
        QFETCH(QString, messagePart);
        ScimServer server = validServer();
        server.url = url;
        const QString error = ServerSettingsValidator::urlError(url);
        const ValidationIssues issues = ServerSettingsValidator::validate(server);
        if (messagePart.isEmpty()) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(issues.isEmpty());
            return;
        }
        QVERIFY2(error.contains(messagePart), qPrintable(error));
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.constFirst().field, QStringLiteral("url"));
        QCOMPARE(issues.constFirst().message, error);
        // The message never repeats what was typed: it may hold a password.
        QVERIFY(!error.contains(QStringLiteral("pw")));
        QVERIFY(!error.contains(QStringLiteral("admin")));
    }

    void credentialMessageSaysWhereTheSecretGoes()
    {
        const QString error = ServerSettingsValidator::urlError(QStringLiteral("http://admin:pw@127.0.0.1/scim/v2"));
        QVERIFY(error.contains(QStringLiteral("user name or password")));
        QVERIFY(error.contains(QStringLiteral("Authentication settings")));
        QVERIFY(error.contains(QStringLiteral("keychain")));
        QVERIFY(error.contains(QStringLiteral("--token-env")));
    }

    void displayUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << QStringLiteral("https://scim.example.com/scim/v2")
                               << QStringLiteral("https://scim.example.com/scim/v2");
        QTest::newRow("@ in the path") << QStringLiteral("https://scim.example.com/a@b")
                                       << QStringLiteral("https://scim.example.com/a@b");
        QTest::newRow("user and password")
            << QStringLiteral("http://admin:pw@127.0.0.1/scim/v2") << QStringLiteral("http://***@127.0.0.1/scim/v2");
        QTest::newRow("@ in the password")
            << QStringLiteral("https://admin:p@ss@host:8443/x") << QStringLiteral("https://***@host:8443/x");
        QTest::newRow("no path") << QStringLiteral("https://u:secret@host") << QStringLiteral("https://***@host");
        QTest::newRow("query") << QStringLiteral("https://u:secret@host?a=b") << QStringLiteral("https://***@host?a=b");
        QTest::newRow("not a url") << QStringLiteral("scim endpoint") << QStringLiteral("scim endpoint");
    }

    void displayUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, shown);
        QCOMPARE(ServerSettingsValidator::displayUrl(url), shown);
    }

    void nameAndDescription_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("field"); // empty: accepted
        QTest::newRow("fine") << QStringLiteral("AWS") << QString() << QString();
        QTest::newRow("100 characters") << QString(100, QLatin1Char('n')) << QString() << QString();
        QTest::newRow("empty name") << QString() << QString() << QStringLiteral("name");
        QTest::newRow("blank name") << QStringLiteral(" \t ") << QString() << QStringLiteral("name");
        QTest::newRow("long name") << QString(101, QLatin1Char('n')) << QString() << QStringLiteral("name");
        QTest::newRow("long description")
            << QStringLiteral("AWS") << QString(1001, QLatin1Char('d')) << QStringLiteral("description");
    }

    void nameAndDescription()
    {
        QFETCH(QString, name);
        QFETCH(QString, description);
        QFETCH(QString, field);
        ScimServer server = validServer();
        server.name = name;
        server.description = description;
        const ValidationIssues issues = ServerSettingsValidator::validate(server);
        if (field.isEmpty()) {
            QVERIFY(issues.isEmpty());
            return;
        }
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.constFirst().field, field);
        QVERIFY(!issues.constFirst().message.isEmpty());
    }

    void authentication_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("tokenUrl");
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QStringList>("fields");
        const int token = int(AuthScheme::AccessToken);
        const int basic = int(AuthScheme::Basic);
        const int oauth = int(AuthScheme::OAuthClientCredentials);
        const QString tokenUrl = QStringLiteral("https://login.example.com/oauth2/token");
        QTest::newRow("token") << token << QString() << QString() << QString() << QStringList {};
        QTest::newRow("basic") << basic << QStringLiteral("svc") << QString() << QString() << QStringList {};
        QTest::newRow("basic without user")
            << basic << QString() << QString() << QString() << QStringList {QStringLiteral("auth.basicUsername")};
        QTest::newRow("oauth") << oauth << QString() << tokenUrl << QStringLiteral("id") << QStringList {};
        QTest::newRow("oauth without anything")
            << oauth << QString() << QString() << QString()
            << QStringList {QStringLiteral("auth.oauthTokenUrl"), QStringLiteral("auth.oauthClientId")};
        QTest::newRow("oauth http token url")
            << oauth << QString() << QStringLiteral("http://login.example.com/t") << QStringLiteral("id")
            << QStringList {QStringLiteral("auth.oauthTokenUrl")};
        QTest::newRow("oauth token url with password")
            << oauth << QString() << QStringLiteral("https://id:secret@login.example.com/t") << QStringLiteral("id")
            << QStringList {QStringLiteral("auth.oauthTokenUrl")};
    }

    void authentication()
    {
        QFETCH(int, scheme);
        QFETCH(QString, username);
        QFETCH(QString, tokenUrl);
        QFETCH(QString, clientId);
        QFETCH(QStringList, fields);
        ScimServer server = validServer();
        server.auth.scheme = AuthScheme(scheme);
        server.auth.basicUsername = username;
        server.auth.oauthTokenUrl = tokenUrl;
        server.auth.oauthClientId = clientId;
        QStringList found;
        for (const ValidationIssue& issue : ServerSettingsValidator::validate(server)) {
            found << issue.field;
            QVERIFY(!issue.message.contains(QStringLiteral("secret@")));
        }
        QCOMPARE(found, fields);
    }

    void emptyAttributeTargetsAreNamedByRow()
    {
        ScimServer server = validServer();
        server.userMappings.append(
            {MappingKind::Direct, QStringLiteral("email"), QStringLiteral("  "), ApplyWhen::Always, false, 0, {}});
        server.staticAttributes = {{QString(), QStringLiteral("x")}};
        const ValidationIssues issues = ServerSettingsValidator::validate(server);
        QCOMPARE(issues.size(), 2);
        QCOMPARE(issues.at(0).field, QStringLiteral("userMappings[1].target"));
        QCOMPARE(issues.at(1).field, QStringLiteral("staticAttributes[0].target"));
    }

    void caBundle_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("messagePart"); // empty: accepted
        auto file = [this](const char* name) { return m_files.filePath(QString::fromLatin1(name)); };
        QTest::newRow("none: the system's CAs only") << QString() << QString();
        QTest::newRow("good") << file("ca.pem") << QString();
        QTest::newRow("two certificates") << file("bundle.pem") << QString();
        QTest::newRow("text before the certificate") << file("with-text.pem") << QString();
        QTest::newRow("missing file") << file("missing.pem") << QStringLiteral("does not exist");
        QTest::newRow("not PEM") << file("notes.txt") << QStringLiteral("holds no PEM certificate");
        QTest::newRow("empty file") << file("empty.pem") << QStringLiteral("holds no PEM certificate");
        QTest::newRow("DER instead of PEM") << file("ca.der") << QStringLiteral("openssl x509 -inform der");
        QTest::newRow("the private key") << file("ca.key") << QStringLiteral("holds a private key");
        QTest::newRow("damaged certificate") << file("damaged.pem") << QStringLiteral("damaged certificate");
        QTest::newRow("a folder") << file("folder") << QStringLiteral("not a regular file");
        QTest::newRow("too large") << file("huge.pem") << QStringLiteral("too large");
        QTest::newRow("relative path") << QStringLiteral("certs/ca.pem") << QStringLiteral("full path");
    }

    void caBundle()
    {
        QFETCH(QString, path);
        QFETCH(QString, messagePart);
        QCOMPARE(ServerSettingsValidator::caBundleError(path).isEmpty(), messagePart.isEmpty());
        ScimServer server = validServer();
        server.options.caBundlePath = path;
        const ValidationIssues issues = ServerSettingsValidator::validate(server);
        if (messagePart.isEmpty()) {
            QVERIFY2(issues.isEmpty(), qPrintable(Validation::joinedText(issues)));
            return;
        }
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.at(0).field, QStringLiteral("options.caBundlePath"));
        QVERIFY2(issues.at(0).message.contains(messagePart), qPrintable(issues.at(0).message));
        // Every message names the file (the relative one too) and what to do.
        QVERIFY2(issues.at(0).message.contains(QDir::toNativeSeparators(path)), qPrintable(issues.at(0).message));
    }

    void unreadableCaBundleSaysHowToFixIt()
    {
        const QString path = m_files.filePath(QStringLiteral("locked.pem"));
        QVERIFY(QFile::copy(m_files.filePath(QStringLiteral("ca.pem")), path));
        QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions()));
        QFile probe(path);
        if (probe.open(QIODevice::ReadOnly)) {
            QSKIP("this account reads files without read permission (root)");
        }
        const QString message = ServerSettingsValidator::caBundleError(path);
        QVERIFY2(message.contains(QLatin1String("cannot be read")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("copy")), qPrintable(message));
    }

    void everyIssueAtOnceInFormOrder()
    {
        ScimServer server;
        server.auth.scheme = AuthScheme::Basic;
        const ValidationIssues issues = ServerSettingsValidator::validate(server);
        QStringList fields;
        for (const ValidationIssue& issue : issues) {
            fields << issue.field;
        }
        QCOMPARE(fields,
            (QStringList {QStringLiteral("name"), QStringLiteral("url"), QStringLiteral("auth.basicUsername")}));
        QCOMPARE(Validation::firstMessage(issues, QStringLiteral("auth")), issues.at(2).message);
        QCOMPARE(Validation::joinedText(issues).count(QLatin1Char('\n')), 2);
    }
};

QTEST_GUILESS_MAIN(TestServerSettingsValidator)
#include "tst_serversettingsvalidator.moc"
