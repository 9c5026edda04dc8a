#include "ReadHarness.h"
#include "TestCertificateAuthority.h"

#include <QFile>
#include <QHostInfo>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

// A certificate for other names than the URL's host: the reader refuses it and says which names
// it holds. The server is a TLS listener of the test's own (the directory fixtures' certificates
// name every local host name), with a certificate for 127.0.0.1 and localhost only, reached
// through the machine's host name.
class TestLdapTlsNames : public QObject
{
    Q_OBJECT

private slots:
    void hostNameMismatchIsExplained()
    {
        const QString host = QHostInfo::localHostName();
        const QList<QHostAddress> addresses = QHostInfo::fromName(host).addresses();
        const auto loopback = std::find_if(addresses.begin(), addresses.end(), [](const QHostAddress& address) {
            return address.isLoopback() && address.protocol() == QHostAddress::IPv4Protocol;
        });
        if (host.isEmpty() || loopback == addresses.end()) {
            QSKIP("the host name does not resolve to a loopback address here");
        }
        QTemporaryDir dir;
        TestCertificateAuthority ca(dir.path());
        QCOMPARE(ca.create(), QString());
        // The listener runs on a thread of its own; the read runs on a thread Qt did not start, as a
        // caller's worker may be (the TLS probe that explains the failure must work there too).
        QThread serverThread;
        serverThread.start();
        auto* server = new QSslServer;
        server->setSslConfiguration(serverConfiguration(ca));
        server->moveToThread(&serverThread);
        bool listening = false;
        QMetaObject::invokeMethod(
            server, [&] { listening = server->listen(*loopback); }, Qt::BlockingQueuedConnection);
        const auto stopServer = qScopeGuard([&] {
            QMetaObject::invokeMethod(server, &QObject::deleteLater);
            serverThread.quit();
            serverThread.wait();
        });
        QVERIFY(listening);

        DirectorySource source;
        source.url = QStringLiteral("ldaps://%1:%2").arg(host).arg(server->serverPort());
        source.caFilePath = ca.caCertificateFile();
        source.baseDn = QStringLiteral("dc=example,dc=org");
        source.sourceTypeId = QStringLiteral("openldap");
        source.anchorAttribute = QStringLiteral("entryUUID");
        source.userMappings = {{QStringLiteral("userName"), QStringLiteral("uid")}};
        source.timeoutSeconds = 20;
        std::atomic_bool cancelled {false};
        const auto result
            = ReadHarness::readAsync(std::make_shared<LdapSourceReader>(), source, QByteArray(), {}, cancelled).get();
        QVERIFY(!result.ok());
        QVERIFY2(result.error().kind == SourceReadError::Kind::Tls, qPrintable(ReadHarness::describe(result.error())));
        QVERIFY2(result.error().message.contains(QStringLiteral("does not match")), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(QStringLiteral("localhost")), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(host), qPrintable(result.error().message));
    }

private:
    static QSslConfiguration serverConfiguration(const TestCertificateAuthority& ca)
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        QFile certificate(ca.serverCertificateFile());
        QFile key(ca.serverKeyFile());
        if (certificate.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly)) {
            configuration.setLocalCertificate(QSslCertificate(certificate.readAll()));
            configuration.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
        }
        // Server side only: this test server asks the client for no certificate of its own. The
        // client under test (libldap) still demands and verifies this server's certificate and
        // name, which is what the test checks.
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        return configuration;
    }
};

QTEST_GUILESS_MAIN(TestLdapTlsNames)
#include "tst_ldaptlsnames.moc"
