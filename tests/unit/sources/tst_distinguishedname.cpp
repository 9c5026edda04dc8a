#include "sources/DistinguishedName.h"

#include <QTest>

class TestDistinguishedName : public QObject
{
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("dn");
        QTest::addColumn<QStringList>("values"); // every attribute value, in order, unescaped
        QTest::newRow("simple") << QStringLiteral("CN=John,OU=Staff,DC=example,DC=com")
                                << QStringList {"John", "Staff", "example", "com"};
        QTest::newRow("escaped comma") << QStringLiteral("CN=Doe\\, John,DC=x") << QStringList {"Doe, John", "x"};
        QTest::newRow("hex comma") << QStringLiteral("CN=Doe\\2C John,DC=x") << QStringList {"Doe, John", "x"};
        QTest::newRow("plus quote backslash")
            << QStringLiteral("CN=a\\+b \\\"q\\\" c\\\\d,DC=x") << QStringList {"a+b \"q\" c\\d", "x"};
        QTest::newRow("angle brackets semicolon")
            << QStringLiteral("CN=\\<x\\>\\;y,DC=x") << QStringList {"<x>;y", "x"};
        QTest::newRow("leading hash and spaces") << QStringLiteral("CN=\\#1\\ ,DC=x") << QStringList {"#1 ", "x"};
        QTest::newRow("leading space") << QStringLiteral("CN=\\ lead,DC=x") << QStringList {" lead", "x"};
        QTest::newRow("utf-8 escaped") << QStringLiteral("CN=Zo\\C3\\AB,DC=x") << QStringList {"Zoë", "x"};
        QTest::newRow("utf-8 raw") << QStringLiteral("CN=Jürgen Ölçer,DC=x") << QStringList {"Jürgen Ölçer", "x"};
        QTest::newRow("multi-valued RDN") << QStringLiteral("CN=a+UID=b,DC=x") << QStringList {"a", "b", "x"};
        QTest::newRow("spaces around separators") << QStringLiteral("cn = a , dc = x") << QStringList {"a", "x"};
        QTest::newRow("hex value") << QStringLiteral("UID=#04024869,DC=x") << QStringList {"#04024869", "x"};
        QTest::newRow("oid type") << QStringLiteral("2.5.4.3=a,DC=x") << QStringList {"a", "x"};
        QTest::newRow("equals in value") << QStringLiteral("CN=a=b,DC=x") << QStringList {"a=b", "x"};
        QTest::newRow("root") << QString() << QStringList {};
    }
    void parses()
    {
        QFETCH(QString, dn);
        QFETCH(QStringList, values);
        QList<DistinguishedName::Rdn> rdns;
        QString error;
        QVERIFY2(DistinguishedName::parse(dn, &rdns, &error), qPrintable(error));
        QStringList parsed;
        for (const auto& rdn : std::as_const(rdns)) {
            for (const auto& attribute : rdn) {
                parsed.append(attribute.value);
            }
        }
        QCOMPARE(parsed, values);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("dn");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("no equals") << QStringLiteral("CN John") << QStringLiteral("expected \"=\"");
        QTest::newRow("no type") << QStringLiteral("=John,DC=x") << QStringLiteral("attribute type");
        QTest::newRow("trailing comma") << QStringLiteral("CN=a,") << QStringLiteral("ends with");
        QTest::newRow("lone backslash") << QStringLiteral("CN=a\\") << QStringLiteral("lone backslash");
        QTest::newRow("bad escape") << QStringLiteral("CN=a\\x") << QStringLiteral("not an escape");
        QTest::newRow("one hex digit") << QStringLiteral("CN=a\\4") << QStringLiteral("two hex digits");
        QTest::newRow("unescaped quote") << QStringLiteral("CN=a\"b\",DC=x") << QStringLiteral("must be escaped");
        QTest::newRow("unescaped angle") << QStringLiteral("CN=<a>") << QStringLiteral("must be escaped");
        QTest::newRow("bad utf-8") << QStringLiteral("CN=\\C3\\28") << QStringLiteral("UTF-8");
        QTest::newRow("odd hex value") << QStringLiteral("CN=#123") << QStringLiteral("even number");
        QTest::newRow("bad type") << QStringLiteral("1cn=a") << QStringLiteral("not an attribute type");
    }
    void refuses()
    {
        QFETCH(QString, dn);
        QFETCH(QString, errorPart);
        QString error;
        QVERIFY(!DistinguishedName::isValid(dn, &error));
        QVERIFY2(error.contains(errorPart), qPrintable(error));
        QVERIFY2(error.startsWith(QStringLiteral("position ")), qPrintable(error));
    }

    void normalises_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("type case") << QStringLiteral("CN=John,DC=x") << QStringLiteral("cn=John,dc=x") << true;
        QTest::newRow("value case") << QStringLiteral("CN=JOHN,DC=X") << QStringLiteral("cn=john,dc=x") << true;
        QTest::newRow("hex vs backslash escape")
            << QStringLiteral("CN=Doe\\2C John,DC=x") << QStringLiteral("CN=Doe\\, John,DC=x") << true;
        QTest::newRow("spaces after commas") << QStringLiteral("CN=a, DC=x") << QStringLiteral("CN=a,DC=x") << true;
        QTest::newRow("multi-valued order")
            << QStringLiteral("CN=a+UID=b,DC=x") << QStringLiteral("uid=b+cn=a,dc=x") << true;
        QTest::newRow("non-ASCII case") << QStringLiteral("CN=ÖRJAN,DC=x") << QStringLiteral("cn=örjan,dc=x") << true;
        QTest::newRow("escaped non-ASCII")
            << QStringLiteral("CN=Zo\\C3\\AB,DC=x") << QStringLiteral("CN=Zoë,DC=x") << true;
        // caseIgnoreMatch drops leading and trailing spaces (RFC 4518 insignificant space handling)
        QTest::newRow("edge spaces are insignificant")
            << QStringLiteral("CN=a\\ ,DC=x") << QStringLiteral("CN=a,DC=x") << true;
        QTest::newRow("inner space runs collapse")
            << QStringLiteral("CN=a   b,DC=x") << QStringLiteral("CN=a b,DC=x") << true;
        QTest::newRow("different value") << QStringLiteral("CN=a,DC=x") << QStringLiteral("CN=b,DC=x") << false;
        QTest::newRow("plus escaped vs separator")
            << QStringLiteral("CN=a\\+b,DC=x") << QStringLiteral("CN=a+b=c,DC=x") << false;
    }
    void normalises()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QCOMPARE(DistinguishedName::normalizedKey(a) == DistinguishedName::normalizedKey(b), same);
    }

    void escapes_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("escaped");
        QTest::newRow("plain") << QStringLiteral("John") << QStringLiteral("John");
        QTest::newRow("specials") << QStringLiteral("a,b+c\"d\\e<f>g;h")
                                  << QStringLiteral("a\\,b\\+c\\\"d\\\\e\\<f\\>g\\;h");
        QTest::newRow("leading hash") << QStringLiteral("#1") << QStringLiteral("\\#1");
        QTest::newRow("inner hash") << QStringLiteral("a#1") << QStringLiteral("a#1");
        QTest::newRow("leading and trailing space") << QStringLiteral(" a ") << QStringLiteral("\\ a\\ ");
        QTest::newRow("nul") << QString(QChar(0)) << QStringLiteral("\\00");
        QTest::newRow("utf-8 kept") << QStringLiteral("Zoë") << QStringLiteral("Zoë");
    }
    void escapes()
    {
        QFETCH(QString, value);
        QFETCH(QString, escaped);
        QCOMPARE(DistinguishedName::escapeValue(value), escaped);
        // and back: the escaped value parses to the value
        QList<DistinguishedName::Rdn> rdns;
        QVERIFY(DistinguishedName::parse(QStringLiteral("CN=") + escaped, &rdns));
        QCOMPARE(rdns.value(0).value(0).value, value);
    }

    void within_data()
    {
        QTest::addColumn<QString>("dn");
        QTest::addColumn<QString>("base");
        QTest::addColumn<bool>("within");
        QTest::newRow("below") << QStringLiteral("CN=a,OU=b,DC=x,DC=y") << QStringLiteral("dc=X,dc=Y") << true;
        QTest::newRow("itself") << QStringLiteral("DC=x,DC=y") << QStringLiteral("DC=x,DC=y") << true;
        QTest::newRow("sibling") << QStringLiteral("CN=a,DC=z,DC=y") << QStringLiteral("DC=x,DC=y") << false;
        QTest::newRow("suffix text only") << QStringLiteral("CN=a,DC=xx,DC=y") << QStringLiteral("DC=x,DC=y") << false;
        QTest::newRow("above") << QStringLiteral("DC=y") << QStringLiteral("DC=x,DC=y") << false;
        QTest::newRow("root") << QStringLiteral("CN=a") << QString() << true;
        QTest::newRow("AD partition below the domain")
            << QStringLiteral("CN=Configuration,DC=scimdesk,DC=test") << QStringLiteral("DC=scimdesk,DC=test") << true;
    }
    void within()
    {
        QFETCH(QString, dn);
        QFETCH(QString, base);
        QFETCH(bool, within);
        QCOMPARE(DistinguishedName::isWithin(dn, base), within);
    }

    void formatsRoundTrip()
    {
        const QString dn = QStringLiteral("CN=Doe\\, John \\<IT\\>+UID=jd,OU=Zoë\\;s,DC=x");
        QList<DistinguishedName::Rdn> rdns;
        QVERIFY(DistinguishedName::parse(dn, &rdns));
        QCOMPARE(DistinguishedName::format(rdns), dn);
    }
};

QTEST_GUILESS_MAIN(TestDistinguishedName)
#include "tst_distinguishedname.moc"
