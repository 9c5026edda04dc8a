#include "ReadHarness.h"
#include "TestCertificateAuthority.h"

#include "sources/DistinguishedName.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace ReadHarness;

// The LDAP reader against the shared slapd fixture (read-only): paged reads, the size limit,
// TLS with the test CA and without it, every mapped attribute, special-character DNs.
class TestLdapSourceReaderSlapd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_slapd = DirectoryFixture::shared(DirectoryFixture::Server::Slapd);
        QVERIFY2(m_slapd.isValid(), qPrintable(m_slapd.error()));
    }

    void pagedReadReturnsEverything()
    {
        DirectorySource source = ReadHarness::source(m_slapd, "openldap");
        source.pageSize = 100; // 17 pages of users; the reader account may not read more than 1,000 unpaged
        std::atomic_bool cancelled {false};
        QElapsedTimer clock;
        clock.start();
        const auto read = LdapSourceReader().read(source, m_slapd.readerPassword(), {}, cancelled);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(describe(read.error())));
        qInfo("full read of %lld users and %lld groups in %lld ms", qint64(read->users.size()),
            qint64(read->groups.size()), clock.elapsed());
        QCOMPARE(read->users.size(), 1630);
        QCOMPARE(read->groups.size(), 11);
        QVERIFY(read->highWaterMark.startsWith(QStringLiteral("csn:")));
        QVERIFY(read->serverIdentity.startsWith(QStringLiteral("uuid:")));
        QVERIFY(!read->delta);

        const SourceUserEntry* eve = userNamed(*read, "eve.sre");
        QVERIFY(eve);
        QCOMPARE(eve->user.email, QStringLiteral("eve.sre@scimdesk.test"));
        QCOMPARE(eve->user.givenName, QStringLiteral("Eve"));
        QCOMPARE(eve->user.familyName, QStringLiteral("Sre"));
        QCOMPARE(eve->user.title, QStringLiteral("Site Reliability Engineer"));
        QCOMPARE(eve->user.department, QStringLiteral("Engineering"));
        QCOMPARE(eve->user.employeeNumber, QStringLiteral("E0005"));
        QCOMPARE(eve->user.manager, QStringLiteral("dan.platform"));
        QVERIFY(!eve->user.phone.isEmpty());
        QVERIFY(QUuid::fromString(eve->user.objectId).isNull() == false);
        QVERIFY(eve->user.active);
        for (const char* locked : {"ivy.off", "sam.former"}) {
            QVERIFY2(!userNamed(*read, locked)->user.active, locked);
        }
        QCOMPARE(groupNamed(*read, "Bulk-1600")->memberDns.size(), 1600);
        QCOMPARE(groupNamed(*read, "Finance-Unique")->memberDns.size(), 2); // uniqueMember
        QVERIFY(groupNamed(*read, "Empty")->memberDns.isEmpty()); // groupOfNames' placeholder empty DN left out
        QCOMPARE(groupNamed(*read, "AWS-Engineers")->memberDns.size(), 3); // direct members only
    }

    void sizeLimitWithoutPagingIsAFailedRead()
    {
        DirectorySource source = ReadHarness::source(m_slapd, "openldap");
        source.pageSize = 0;
        std::atomic_bool cancelled {false};
        const auto read = LdapSourceReader().read(source, m_slapd.readerPassword(), {}, cancelled);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind, SourceReadError::Kind::SizeLimit);
        QCOMPARE(read.error().ldapResultCode, 4);
        QVERIFY2(read.error().message.contains(QStringLiteral("incomplete")), qPrintable(read.error().message));
        QVERIFY2(read.error().remedy.contains(QStringLiteral("paging")), qPrintable(read.error().remedy));
    }

    void tlsWithTheTestCa_data()
    {
        QTest::addColumn<bool>("ldaps");
        QTest::newRow("StartTLS") << false;
        QTest::newRow("ldaps") << true;
    }
    void tlsWithTheTestCa()
    {
        QFETCH(bool, ldaps);
        QCOMPARE(openAndBind(m_slapd, ReadHarness::source(m_slapd, "openldap", ldaps)), QString());
    }

    void wrongCaIsATlsError_data()
    {
        QTest::addColumn<bool>("ldaps");
        QTest::newRow("StartTLS") << false;
        QTest::newRow("ldaps") << true;
    }
    void wrongCaIsATlsError()
    {
        QFETCH(bool, ldaps);
        QTemporaryDir dir;
        TestCertificateAuthority otherCa(dir.path());
        QCOMPARE(otherCa.create(), QString());
        DirectorySource source = ReadHarness::source(m_slapd, "openldap", ldaps);
        source.caFilePath = otherCa.caCertificateFile();
        std::atomic_bool cancelled {false};
        const auto read = LdapSourceReader().read(source, m_slapd.readerPassword(), {}, cancelled);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind, SourceReadError::Kind::Tls);
        QVERIFY2(read.error().message.contains(QStringLiteral("not trusted")), qPrintable(describe(read.error())));
        QVERIFY2(read.error().message.contains(QStringLiteral("ScimDesk Directory Test CA")),
            qPrintable(read.error().message)); // the issuer the server's certificate names
        QVERIFY(read.error().remedy.contains(QStringLiteral("--ca-file")));
    }

    // A CA file of several certificates takes another way into libldap than one of a single
    // certificate (which goes in as DER): the CA that signed may be anywhere in it, and a
    // file of CAs that did not sign is still refused.
    void caFileOfSeveralCertificates_data()
    {
        QTest::addColumn<bool>("ldaps");
        QTest::addColumn<int>("signerAt"); // -1: not in the file
        QTest::newRow("StartTLS, signer last") << false << 1;
        QTest::newRow("ldaps, signer first") << true << 0;
        QTest::newRow("ldaps, signer absent") << true << -1;
    }
    void caFileOfSeveralCertificates()
    {
        QFETCH(bool, ldaps);
        QFETCH(int, signerAt);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("other")) && QDir(dir.path()).mkpath(QStringLiteral("third")));
        TestCertificateAuthority otherCa(dir.filePath(QStringLiteral("other")));
        QCOMPARE(otherCa.create(), QString());
        TestCertificateAuthority thirdCa(dir.filePath(QStringLiteral("third")));
        QCOMPARE(thirdCa.create(), QString());
        QStringList files {otherCa.caCertificateFile(), thirdCa.caCertificateFile()};
        if (signerAt >= 0) {
            files[signerAt] = m_slapd.caFile();
        }
        QByteArray pem;
        for (const QString& path : files) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            pem += file.readAll() + '\n';
        }
        QFile bundle(dir.filePath(QStringLiteral("bundle.pem")));
        QVERIFY(bundle.open(QIODevice::WriteOnly));
        QCOMPARE(bundle.write(pem), pem.size());
        bundle.close();
        DirectorySource source = ReadHarness::source(m_slapd, "openldap", ldaps);
        source.caFilePath = bundle.fileName();
        if (signerAt >= 0) {
            QCOMPARE(openAndBind(m_slapd, source), QString());
            return;
        }
        OpenLdapConnection connection;
        std::atomic_bool cancelled {false};
        const auto opened = connection.open(LdapSourceReader::connectionSettings(source), cancelled);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().kind, SourceReadError::Kind::Tls);
        QVERIFY2(opened.error().message.contains(QStringLiteral("not trusted")), qPrintable(describe(opened.error())));
    }

    void connectionMistakesAreExplained_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("startTls");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("messagePart");
        const QString ldapPort = m_slapd.value(QStringLiteral("LDAP_PORT"));
        const QString ldapsPort = m_slapd.value(QStringLiteral("LDAPS_PORT"));
        const QByteArray right = m_slapd.readerPassword();
        QTest::newRow("ldaps to the plain port")
            << QStringLiteral("ldaps://127.0.0.1:") + ldapPort << false << right << int(SourceReadError::Kind::Tls)
            << QStringLiteral("answers plain LDAP");
        QTest::newRow("StartTLS to the ldaps port")
            << QStringLiteral("ldap://127.0.0.1:") + ldapsPort << true << right << int(SourceReadError::Kind::Tls)
            << QStringLiteral("expects TLS at once");
        QTest::newRow("password without TLS")
            << QStringLiteral("ldap://127.0.0.1:") + ldapPort << false << right
            << int(SourceReadError::Kind::InvalidSettings) << QStringLiteral("unencrypted");
        QTest::newRow("wrong password") << QStringLiteral("ldap://127.0.0.1:") + ldapPort << true << QByteArray("wrong")
                                        << int(SourceReadError::Kind::Bind) << QStringLiteral("invalidCredentials");
        QTest::newRow("nothing listens") << QStringLiteral("ldap://127.0.0.1:1") << true << right
                                         << int(SourceReadError::Kind::Connect) << QStringLiteral("refused");
        QTest::newRow("no such host") << QStringLiteral("ldaps://no-such-host.invalid") << false << right
                                      << int(SourceReadError::Kind::Dns) << QStringLiteral("does not exist");
        QTest::newRow("not an LDAP URL") << QStringLiteral("https://127.0.0.1/") << false << right
                                         << int(SourceReadError::Kind::InvalidSettings)
                                         << QStringLiteral("not an LDAP URL");
    }
    void connectionMistakesAreExplained()
    {
        QFETCH(QString, url);
        QFETCH(bool, startTls);
        QFETCH(QByteArray, password);
        QFETCH(int, kind);
        QFETCH(QString, messagePart);
        DirectorySource source = ReadHarness::source(m_slapd, "openldap");
        source.url = url;
        source.startTls = startTls;
        std::atomic_bool cancelled {false};
        const auto read = LdapSourceReader().read(source, password, {}, cancelled);
        QVERIFY(!read.ok());
        QVERIFY2(int(read.error().kind) == kind, qPrintable(describe(read.error())));
        QVERIFY2(read.error().message.contains(messagePart), qPrintable(describe(read.error())));
        QVERIFY(!read.error().remedy.isEmpty());
    }

    void missingBaseDnIsExplained()
    {
        DirectorySource source = ReadHarness::source(m_slapd, "openldap");
        source.baseDn = QStringLiteral("ou=Nowhere,") + m_slapd.baseDn();
        std::atomic_bool cancelled {false};
        const auto read = LdapSourceReader().read(source, m_slapd.readerPassword(), {}, cancelled);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind, SourceReadError::Kind::BaseDnNotFound);
        QVERIFY2(read.error().message.contains(m_slapd.baseDn()), qPrintable(read.error().message)); // matched DN
    }

    // Every special-character name comes back, is accepted back by the server as a search base,
    // and DNs written in different forms (slapd's hex escapes vs. the member values' backslash
    // escapes) name the same entries.
    void specialCharacterDnsRoundTrip()
    {
        const DirectorySource source = ReadHarness::source(m_slapd, "openldap");
        std::atomic_bool cancelled {false};
        const auto read = LdapSourceReader().read(source, m_slapd.readerPassword(), {}, cancelled);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(describe(read.error())));
        OpenLdapConnection connection;
        QVERIFY(connection.open(LdapSourceReader::connectionSettings(source), cancelled).ok());
        QByteArray password = m_slapd.readerPassword();
        QVERIFY(connection.bind(source.bindDn, password, cancelled).ok());
        for (const char* account : {"john.smith", "dara.obrien", "back.slash", "plus.minus", "semi.colon", "hash.lead",
                 "angle.brackets", "jose.muller", "uma.support"}) {
            const SourceUserEntry* user = userNamed(*read, account);
            QVERIFY2(user, account);
            QString error;
            QVERIFY2(DistinguishedName::isValid(user->dn, &error), qPrintable(user->dn + QLatin1Char(' ') + error));
            QCOMPARE(baseRead(connection, user->dn, cancelled), DistinguishedName::normalizedKey(user->dn));
            QCOMPARE(user->user.manager, QStringLiteral("ben.vance"));
        }
        QCOMPARE(userNamed(*read, "jose.muller")->user.displayName, QStringLiteral("José Müller-Ørsted 李"));
        const SourceGroupEntry* ops = groupNamed(*read, "Ops, \"Night\" #1 <EU> + R\\D; é");
        QVERIFY(ops);
        QCOMPARE(baseRead(connection, ops->dn, cancelled), DistinguishedName::normalizedKey(ops->dn));
        QStringList members;
        for (const QString& dn : ops->memberDns) {
            const auto user = std::find_if(read->users.begin(), read->users.end(), [&](const SourceUserEntry& entry) {
                return DistinguishedName::normalizedKey(entry.dn) == DistinguishedName::normalizedKey(dn);
            });
            QVERIFY2(user != read->users.end(), qPrintable(dn));
            members.append(user->user.userName);
        }
        members.sort();
        QCOMPARE(members, (QStringList {"jose.muller", "uma.support", "vic.support"}));
    }

private:
    // The normalised DN of the entry a base search at dn finds; empty when none.
    static QString baseRead(LdapConnection& connection, const QString& dn, const std::atomic_bool& cancelled)
    {
        LdapSearchRequest request;
        request.baseDn = dn;
        request.scope = LdapSearchRequest::Scope::Base;
        QString found;
        const auto status = connection.search(
            request,
            [&found](const LdapEntry& entry) -> Status<SourceReadError> {
                found = DistinguishedName::normalizedKey(entry.dn);
                return {};
            },
            cancelled);
        return status.ok() ? found : QStringLiteral("error: ") + status.error().message;
    }

    static const SourceUserEntry* userNamed(const SourceRead& read, const char* userName)
    {
        for (const auto& entry : read.users) {
            if (entry.user.userName == QLatin1String(userName)) {
                return &entry;
            }
        }
        return nullptr;
    }

    static const SourceGroupEntry* groupNamed(const SourceRead& read, const char* name)
    {
        for (const auto& group : read.groups) {
            if (group.name == QString::fromUtf8(name)) {
                return &group;
            }
        }
        return nullptr;
    }

    DirectoryFixture m_slapd;
};

QTEST_GUILESS_MAIN(TestLdapSourceReaderSlapd)
#include "tst_ldapsourcereader_slapd.moc"
