#include "validation/LdapFilterSyntax.h"

#include <QTest>

// RFC 4515 search filters as admins type them for directory sources.
class TestLdapFilterSyntax : public QObject
{
    Q_OBJECT

private slots:
    void wellFormed_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::newRow("equality") << QStringLiteral("(objectClass=user)");
        QTest::newRow("AD users") << QStringLiteral("(&(objectCategory=person)(objectClass=user))");
        QTest::newRow("not disabled") << QStringLiteral(
            "(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))");
        QTest::newRow("in chain") << QStringLiteral(
            "(memberOf:1.2.840.113556.1.4.1941:=CN=AWS-Engineers,OU=Groups,DC=corp,DC=example)");
        QTest::newRow("or of groups") << QStringLiteral(
            "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))");
        QTest::newRow("presence") << QStringLiteral("(mail=*)");
        QTest::newRow("substrings") << QStringLiteral("(cn=Jo*hn*Sm*)");
        QTest::newRow("greater") << QStringLiteral("(uSNChanged>=12345)");
        QTest::newRow("approx") << QStringLiteral("(sn~=smith)");
        QTest::newRow("escaped parens") << QStringLiteral("(cn=Acme \\28Europe\\29)");
        QTest::newRow("escaped star") << QStringLiteral("(description=5\\2a)");
        QTest::newRow("non-ASCII") << QStringLiteral("(cn=J\u00f6rg M\u00fcller)");
        QTest::newRow("dn attrs") << QStringLiteral("(ou:dn:=Sales)");
        QTest::newRow("rule only") << QStringLiteral("(:1.2.3.4:=value)");
        QTest::newRow("option") << QStringLiteral("(cn;lang-de=Bj\u00f6rn)");
        QTest::newRow("oid attribute") << QStringLiteral("(2.5.4.3=Alice)");
        QTest::newRow("absolute true") << QStringLiteral("(&)");
    }

    void wellFormed()
    {
        QFETCH(QString, filter);
        QCOMPARE(LdapFilterSyntax::check(filter), QString());
    }

    void refused_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("expected"); // part of the message
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("no parentheses") << QStringLiteral("objectClass=user") << QStringLiteral("parentheses");
        QTest::newRow("unbalanced") << QStringLiteral("(&(objectClass=user)(cn=a)") << QStringLiteral("missing");
        QTest::newRow("extra closing") << QStringLiteral("(cn=a))") << QStringLiteral("after the filter");
        QTest::newRow("two filters") << QStringLiteral("(cn=a)(cn=b)") << QStringLiteral("(&(");
        QTest::newRow("unescaped paren") << QStringLiteral("(cn=Acme (Europe))") << QStringLiteral("\\28");
        QTest::newRow("bad escape") << QStringLiteral("(cn=a\\zz)") << QStringLiteral("hex digits");
        QTest::newRow("escape at end") << QStringLiteral("(cn=a\\2)") << QStringLiteral("hex digits");
        QTest::newRow("no attribute") << QStringLiteral("(=a)") << QStringLiteral("attribute name");
        QTest::newRow("no comparison") << QStringLiteral("(objectClass)") << QStringLiteral("comparison");
        QTest::newRow("space in name") << QStringLiteral("(object Class=user)") << QStringLiteral("comparison");
        QTest::newRow("star with >=") << QStringLiteral("(uSNChanged>=1*)") << QStringLiteral("\\2a");
        QTest::newRow("lone tilde") << QStringLiteral("(sn~smith)") << QStringLiteral("~=");
        QTest::newRow("rule without :=") << QStringLiteral("(memberOf:1.2.840.113556.1.4.1941=x)")
                                         << QStringLiteral(":=");
        QTest::newRow("not without operand") << QStringLiteral("(!)") << QStringLiteral("expected \"(\"");
        QTest::newRow("surrounding space") << QStringLiteral(" (cn=a)") << QStringLiteral("spaces");
        QTest::newRow("control character") << QStringLiteral("(cn=a\u0007)") << QStringLiteral("control character");
        QTest::newRow("too deep") << QString(
            QStringLiteral("(!").repeated(70) + QStringLiteral("(cn=a)") + QStringLiteral(")").repeated(70))
                                  << QStringLiteral("too deeply");
    }

    void refused()
    {
        QFETCH(QString, filter);
        QFETCH(QString, expected);
        const QString error = LdapFilterSyntax::check(filter);
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void messagesSayWhere()
    {
        QVERIFY2(
            LdapFilterSyntax::check(QStringLiteral("(&(cn=a)(sn=b\\x1))")).startsWith(QLatin1String("Position 14:")),
            qPrintable(LdapFilterSyntax::check(QStringLiteral("(&(cn=a)(sn=b\\x1))"))));
    }
};

QTEST_GUILESS_MAIN(TestLdapFilterSyntax)
#include "tst_ldapfiltersyntax.moc"
