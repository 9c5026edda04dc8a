#include <scim/ScimFilter.h>

#include <QTest>

class TestScimFilter : public QObject
{
    Q_OBJECT

private slots:
    void rendersEscapedValues_data();
    void rendersEscapedValues();
    void combinesWithAnd();
    void rejectsInvalidAttributePaths_data();
    void rejectsInvalidAttributePaths();
    void veryLongValueIsKeptWhole();
};

void TestScimFilter::rendersEscapedValues_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("alice") << QStringLiteral(R"(userName eq "alice")");
    QTest::newRow("quote") << QStringLiteral(R"(a"b)") << QStringLiteral(R"(userName eq "a\"b")");
    QTest::newRow("backslash") << QStringLiteral(R"(a\b)") << QStringLiteral(R"(userName eq "a\\b")");
    QTest::newRow("quote-injection") << QStringLiteral(R"(x" or userName pr or userName eq "y)")
                                     << QStringLiteral(R"(userName eq "x\" or userName pr or userName eq \"y")");
    QTest::newRow("backslash-before-quote") << QStringLiteral(R"(a\")") << QStringLiteral(R"(userName eq "a\\\"")");
    QTest::newRow("newline-tab") << QStringLiteral("a\nb\tc") << QStringLiteral(R"(userName eq "a\nb\tc")");
    QTest::newRow("control") << QString(QChar(0x01)) << QStringLiteral(R"(userName eq "\u0001")");
    QTest::newRow("non-ascii") << QStringLiteral("Zoë Ñúñez 渡辺") << QStringLiteral("userName eq \"Zoë Ñúñez 渡辺\"");
    QTest::newRow("emoji") << QStringLiteral("a😀") << QStringLiteral("userName eq \"a😀\"");
    QTest::newRow("empty") << QString() << QStringLiteral(R"(userName eq "")");
    QTest::newRow("operators-as-text") << QStringLiteral("a and b eq c")
                                       << QStringLiteral(R"(userName eq "a and b eq c")");
}

void TestScimFilter::rendersEscapedValues()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const ScimFilter filter = ScimFilter::eq(QStringLiteral("userName"), value);
    QVERIFY(filter.isValid());
    QCOMPARE(filter.toString(), expected);
}

void TestScimFilter::combinesWithAnd()
{
    const ScimFilter filter = ScimFilter::eq(QStringLiteral("userName"), QStringLiteral("a"))
                                  .and_(ScimFilter::eq(QStringLiteral("externalId"), QStringLiteral("e\"1")))
                                  .and_(ScimFilter::eq(QStringLiteral("active"), true));
    QCOMPARE(filter.toString(), QStringLiteral(R"(userName eq "a" and externalId eq "e\"1" and active eq true)"));
    QCOMPARE(ScimFilter().and_(filter), filter);
    QCOMPARE(filter.and_(ScimFilter()), filter);
    QVERIFY(ScimFilter().isEmpty());
    QVERIFY(!filter.and_(ScimFilter::eq(QStringLiteral("bad name"), QStringLiteral("x"))).isValid());
}

void TestScimFilter::rejectsInvalidAttributePaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << QStringLiteral("userName") << true;
    QTest::newRow("sub") << QStringLiteral("groups.value") << true;
    QTest::newRow("urn") << QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber")
                         << true;
    QTest::newRow("space") << QStringLiteral("user Name") << false;
    QTest::newRow("quote") << QStringLiteral("userName\"") << false;
    QTest::newRow("expression") << QStringLiteral("userName eq \"x\" or id") << false;
    QTest::newRow("leading-digit") << QStringLiteral("1abc") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("brackets") << QStringLiteral("emails[type eq \"work\"]") << false;
}

void TestScimFilter::rejectsInvalidAttributePaths()
{
    QFETCH(QString, path);
    QFETCH(bool, valid);
    QCOMPARE(ScimFilter::isValidAttributePath(path), valid);
    QCOMPARE(ScimFilter::eq(path, QStringLiteral("v")).isValid(), valid);
}

void TestScimFilter::veryLongValueIsKeptWhole()
{
    const QString value = QString(10000, QLatin1Char('"'));
    const QString rendered = ScimFilter::eq(QStringLiteral("externalId"), value).toString();
    QCOMPARE(rendered.size(), QStringLiteral("externalId eq \"\"").size() + 2 * value.size());
    QVERIFY(rendered.endsWith(QStringLiteral("\\\"\"")));
}

QTEST_GUILESS_MAIN(TestScimFilter)
#include "tst_scimfilter.moc"
