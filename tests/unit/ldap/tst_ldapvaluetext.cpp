#include "ldap/LdapValueText.h"

#include <QTest>

class TestLdapValueText : public QObject
{
    Q_OBJECT

private slots:
    void guid_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        // objectGUID as AD stores it: Data1, Data2, Data3 little-endian, Data4 as it is.
        QTest::newRow("mixed endian") << QByteArray::fromHex("9a5c6e0b34127856 9abcdef012345678")
                                      << QStringLiteral("0b6e5c9a-1234-5678-9abc-def012345678");
        QTest::newRow("all zero") << QByteArray(16, '\0') << QStringLiteral("00000000-0000-0000-0000-000000000000");
        QTest::newRow("high bytes") << QByteArray::fromHex("ffeeddccbbaa99887766554433221100")
                                    << QStringLiteral("ccddeeff-aabb-8899-7766-554433221100");
        QTest::newRow("too short") << QByteArray::fromHex("0102") << QString();
        QTest::newRow("too long") << QByteArray(17, 'a') << QString();
    }
    void guid()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        QCOMPARE(LdapValueText::guid(bytes), text);
    }

    void sid_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("domain admins") << QByteArray::fromHex(
            "010500000000000515000000dcf4dc3b833d2b46828ba62800020000")
                                       << QStringLiteral("S-1-5-21-1004336348-1177238915-682003330-512");
        QTest::newRow("builtin administrators")
            << QByteArray::fromHex("01020000000000052000000020020000") << QStringLiteral("S-1-5-32-544");
        QTest::newRow("count does not match") << QByteArray::fromHex("0103000000000005200000002002000") << QString();
        QTest::newRow("not a sid") << QByteArray("hello") << QString();
    }
    void sid()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        QCOMPARE(LdapValueText::sid(bytes), text);
    }

    void text_data()
    {
        QTest::addColumn<QString>("attribute");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("utf-8") << QStringLiteral("cn") << QByteArray("Zo\xc3\xab") << QStringLiteral("Zoë");
        QTest::newRow("objectGUID any case")
            << QStringLiteral("OBJECTGUID") << QByteArray::fromHex("9a5c6e0b341278569abcdef012345678")
            << QStringLiteral("0b6e5c9a-1234-5678-9abc-def012345678");
        QTest::newRow("objectSid") << QStringLiteral("objectSid")
                                   << QByteArray::fromHex("01020000000000052000000020020000")
                                   << QStringLiteral("S-1-5-32-544");
        QTest::newRow("other binary as hex")
            << QStringLiteral("jpegPhoto") << QByteArray::fromHex("ffd8ff00") << QStringLiteral("ffd8ff00");
        QTest::newRow("objectGUID of a wrong size falls back")
            << QStringLiteral("objectGUID") << QByteArray("abc") << QStringLiteral("abc");
    }
    void text()
    {
        QFETCH(QString, attribute);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        QCOMPARE(LdapValueText::text(attribute, bytes), text);
    }
};

QTEST_GUILESS_MAIN(TestLdapValueText)
#include "tst_ldapvaluetext.moc"
