#include "ldap/LdapFilter.h"

#include <QTest>

class TestLdapFilter : public QObject
{
    Q_OBJECT

private slots:
    void escapeValue_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("escaped");
        QTest::newRow("plain") << QStringLiteral("John Doe") << QStringLiteral("John Doe");
        QTest::newRow("star") << QStringLiteral("a*b") << QStringLiteral("a\\2ab");
        QTest::newRow("parentheses") << QStringLiteral("Doe (IT)") << QStringLiteral("Doe \\28IT\\29");
        QTest::newRow("backslash") << QStringLiteral("CN=Doe\\, John") << QStringLiteral("CN=Doe\\5c, John");
        QTest::newRow("nul") << QString(QChar(0)) << QStringLiteral("\\00");
        QTest::newRow("injection") << QStringLiteral("*)(objectClass=*")
                                   << QStringLiteral("\\2a\\29\\28objectClass=\\2a");
        QTest::newRow("utf-8 kept") << QStringLiteral("Zoë Ünal") << QStringLiteral("Zoë Ünal");
        QTest::newRow("empty") << QString() << QString();
    }
    void escapeValue()
    {
        QFETCH(QString, value);
        QFETCH(QString, escaped);
        QCOMPARE(LdapFilter::escapeValue(value), escaped);
    }

    void compose_data()
    {
        QTest::addColumn<QStringList>("filters");
        QTest::addColumn<QString>("combined");
        QTest::newRow("one stays") << QStringList {QStringLiteral("(objectClass=user)")}
                                   << QStringLiteral("(objectClass=user)");
        QTest::newRow("bare gets parentheses")
            << QStringList {QStringLiteral("objectClass=user")} << QStringLiteral("(objectClass=user)");
        QTest::newRow("two") << QStringList {QStringLiteral("(objectClass=user)"), QStringLiteral("(uSNChanged>=5)")}
                             << QStringLiteral("(&(objectClass=user)(uSNChanged>=5))");
        QTest::newRow("empty left out") << QStringList {QString(), QStringLiteral("(cn=a)"), QStringLiteral("  ")}
                                        << QStringLiteral("(cn=a)");
        QTest::newRow("nothing") << QStringList {} << QStringLiteral("(objectClass=*)");
    }
    void compose()
    {
        QFETCH(QStringList, filters);
        QFETCH(QString, combined);
        QCOMPARE(LdapFilter::allOf(filters), combined);
    }

    void equalsAndAtLeastEscape()
    {
        QCOMPARE(LdapFilter::equals(QStringLiteral("cn"), QStringLiteral("a*")), QStringLiteral("(cn=a\\2a)"));
        QCOMPARE(LdapFilter::atLeast(QStringLiteral("entryCSN"), QStringLiteral("2026#0")),
            QStringLiteral("(entryCSN>=2026#0)"));
    }
};

QTEST_GUILESS_MAIN(TestLdapFilter)
#include "tst_ldapfilter.moc"
