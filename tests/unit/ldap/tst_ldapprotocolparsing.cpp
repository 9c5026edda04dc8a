#include "ldap/LdapRangedValues.h"
#include "ldap/LdapTlsProbe.h"

#include <QTest>

// What a directory port sends back is untrusted input: the StartTLS answer parser and the
// ranged-retrieval names must take any bytes without reading past them.
class TestLdapProtocolParsing : public QObject
{
    Q_OBJECT

private slots:
    void extendedResponse_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("isLdap");
        QTest::addColumn<bool>("complete");
        QTest::addColumn<int>("resultCode");
        // messageID 1, ExtendedResponse (0x78) with resultCode success, empty matchedDN and message.
        QTest::newRow("success") << QByteArray::fromHex("300c02010178070a010004000400") << true << true << 0;
        // protocolError (2), as a server without TLS answers StartTLS.
        QTest::newRow("refused") << QByteArray::fromHex("300c02010178070a010204000400") << true << true << 2;
        QTest::newRow("long form length")
            << QByteArray::fromHex("30810c02010178070a013404000400") << true << true << 52;
        QTest::newRow("partial") << QByteArray::fromHex("300c020101") << true << false << -1;
        QTest::newRow("tls alert") << QByteArray::fromHex("15030300020250") << false << false << -1;
        QTest::newRow("http") << QByteArray("HTTP/1.1 400 Bad Request\r\n") << false << false << -1;
        QTest::newRow("wrong operation") << QByteArray::fromHex("300c02010165070a010004000400") << false << true << -1;
        QTest::newRow("length past the end") << QByteArray::fromHex("3003020101780a0a0100") << false << true << -1;
        QTest::newRow("absurd length") << QByteArray::fromHex("3085ffffffffff") << false << false << -1;
        QTest::newRow("nothing yet") << QByteArray() << true << false << -1;
        QTest::newRow("one byte of a sequence") << QByteArray::fromHex("30") << true << false << -1;
        QTest::newRow("one byte of something else") << QByteArray::fromHex("15") << false << false << -1;
    }
    void extendedResponse()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, isLdap);
        QFETCH(bool, complete);
        QFETCH(int, resultCode);
        int code = -1;
        bool whole = false;
        QCOMPARE(LdapTlsProbe::parseExtendedResponse(bytes, &code, &whole), isLdap);
        QCOMPARE(whole, complete);
        if (isLdap && complete) {
            QCOMPARE(code, resultCode);
        }
    }

    void rangeNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("base");
        QTest::addColumn<int>("low");
        QTest::addColumn<int>("high");
        QTest::newRow("first") << QStringLiteral("member;range=0-1499") << true << QStringLiteral("member") << 0
                               << 1499;
        QTest::newRow("last") << QStringLiteral("member;range=1500-*") << true << QStringLiteral("member") << 1500
                              << -1;
        QTest::newRow("case") << QStringLiteral("Member;Range=3000-4499") << true << QStringLiteral("Member") << 3000
                              << 4499;
        QTest::newRow("backwards") << QStringLiteral("member;range=10-5") << false << QString() << 0 << 0;
        QTest::newRow("no range") << QStringLiteral("member") << false << QString() << 0 << 0;
        QTest::newRow("garbage") << QStringLiteral("member;range=a-b") << false << QString() << 0 << 0;
    }
    void rangeNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QString parsedBase;
        LdapRangedValues::Range range;
        QCOMPARE(LdapRangedValues::parse(name, &parsedBase, &range), valid);
        if (valid) {
            QFETCH(QString, base);
            QFETCH(int, low);
            QFETCH(int, high);
            QCOMPARE(parsedBase, base);
            QCOMPARE(range.low, low);
            QCOMPARE(range.high, high);
        }
    }
};

QTEST_GUILESS_MAIN(TestLdapProtocolParsing)
#include "tst_ldapprotocolparsing.moc"
