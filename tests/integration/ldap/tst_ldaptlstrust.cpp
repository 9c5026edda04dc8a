#include "ReadHarness.h"
#include "TestCertificateAuthority.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ReadHarness;

// What a connection trusts besides a source's CA file: the system's CAs as libldap's own
// configuration names them (ldap.conf's TLS_CACERT; here LDAPTLS_CACERT, its variable, set to
// the fixture's CA before libldap reads its configuration, so it stands for a system store
// holding the directory's CA). A connection's TLS context of its own starts empty, so these
// must be handed to it: a source without a CA file uses them, and one with a CA file keeps
// them. Certificates and host names are verified as ever (tst_ldaptlsnames;
// tst_ldapsourcereader_slapd, without this variable: a CA that did not sign is not trusted).
class TestLdapTlsTrust : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_slapd = DirectoryFixture::shared(DirectoryFixture::Server::Slapd);
        QVERIFY2(m_slapd.isValid(), qPrintable(m_slapd.error()));
        // Before the first libldap call of this process: libldap reads its configuration once.
        qputenv("LDAPTLS_CACERT", QFile::encodeName(m_slapd.caFile()));
        QVERIFY(m_dir.isValid());
        m_otherCa = std::make_unique<TestCertificateAuthority>(m_dir.path());
        QCOMPARE(m_otherCa->create(), QString());
    }

    void sourceWithoutCaFileTrustsTheSystemCas_data() { transports(); }
    void sourceWithoutCaFileTrustsTheSystemCas()
    {
        QFETCH(bool, ldaps);
        DirectorySource source = ReadHarness::source(m_slapd, "openldap", ldaps);
        source.caFilePath.clear();
        QCOMPARE(openAndBind(m_slapd, source), QString());
    }

    // The source's file holds one CA that did not sign the directory's certificate: the
    // system's CAs still apply next to it.
    void sourceCaFileKeepsTheSystemCas_data() { transports(); }
    void sourceCaFileKeepsTheSystemCas()
    {
        QFETCH(bool, ldaps);
        DirectorySource source = ReadHarness::source(m_slapd, "openldap", ldaps);
        source.caFilePath = m_otherCa->caCertificateFile();
        QCOMPARE(openAndBind(m_slapd, source), QString());
    }

private:
    static void transports()
    {
        QTest::addColumn<bool>("ldaps");
        QTest::newRow("StartTLS") << false;
        QTest::newRow("ldaps") << true;
    }

    DirectoryFixture m_slapd;
    QTemporaryDir m_dir;
    std::unique_ptr<TestCertificateAuthority> m_otherCa;
};

QTEST_GUILESS_MAIN(TestLdapTlsTrust)
#include "tst_ldaptlstrust.moc"
