#include "mapping/Diacritics.h"
#include "mapping/ExpressionParser.h"
#include "model/DirectoryUser.h"

#include <QTest>

namespace {

DirectoryUser sampleUser()
{
    DirectoryUser user;
    user.objectId = QStringLiteral("obj-1");
    user.userName = QStringLiteral("zoe.astrom@example.com");
    user.givenName = QStringLiteral("Zoë");
    user.familyName = QStringLiteral("Åström");
    user.email = QStringLiteral("Zoe.Astrom@Example.com");
    user.department = QStringLiteral("R&D");
    user.title = QStringLiteral("  Engineer  ");
    user.active = true;
    user.customAttributes.insert(QStringLiteral("cost center"), QStringLiteral("CC-42"));
    user.customAttributes.insert(QStringLiteral("country"), QStringLiteral("DE"));
    return user;
}

} // namespace

class TestExpression : public QObject
{
    Q_OBJECT

private slots:
    void evaluate_data();
    void evaluate();
    void errors_data();
    void errors();
    void diacritics_data();
    void diacritics();
    void referencedAttributes();
    void cacheReturnsSameResult();
    void lookupOverload();
};

void TestExpression::evaluate_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");

    // literals and references
    QTest::newRow("text") << "\"Employee\""
                          << "Employee";
    QTest::newRow("escaped quote and backslash") << "\"say \\\"hi\\\" \\\\o/\""
                                                 << "say \"hi\" \\o/";
    QTest::newRow("number") << "42"
                            << "42";
    QTest::newRow("negative decimal") << "-1.5"
                                      << "-1.5";
    QTest::newRow("true") << "true"
                          << "true";
    QTest::newRow("FALSE keyword") << "FALSE"
                                   << "false";
    QTest::newRow("attribute") << "givenName"
                               << "Zoë";
    QTest::newRow("active reads true") << "active"
                                       << "true";
    QTest::newRow("bracketed custom attribute") << "[cost center]"
                                                << "CC-42";
    QTest::newRow("bare custom attribute") << "country"
                                           << "DE";
    QTest::newRow("unknown attribute is empty") << "nickname"
                                                << "";
    QTest::newRow("blanks around") << "  givenName  "
                                   << "Zoë";

    // functions
    QTest::newRow("Coalesce first non-empty") << "Coalesce(displayName, givenName, \"x\")"
                                              << "Zoë";
    QTest::newRow("Coalesce all empty") << "Coalesce(displayName, phone)"
                                        << "";
    QTest::newRow("Join") << "Join(\" \", givenName, familyName)"
                          << "Zoë Åström";
    QTest::newRow("Join skips empties") << "Join(\", \", givenName, displayName, \"\", department)"
                                        << "Zoë, R&D";
    QTest::newRow("Join nothing") << "Join(\"-\", displayName)"
                                  << "";
    QTest::newRow("Append") << "Append(givenName, \".\", familyName)"
                            << "Zoë.Åström";
    QTest::newRow("Append two") << "Append(\"a\", \"b\")"
                                << "ab";
    QTest::newRow("ToLower") << "ToLower(email)"
                             << "zoe.astrom@example.com";
    QTest::newRow("ToUpper") << "ToUpper(givenName)"
                             << "ZOË";
    QTest::newRow("Replace") << "Replace(department, \"&\", \" and \")"
                             << "R and D";
    QTest::newRow("Replace all occurrences") << "Replace(\"a-b-c\", \"-\", \"\")"
                                             << "abc";
    QTest::newRow("Replace empty old") << "Replace(\"abc\", \"\", \"x\")"
                                       << "abc";
    QTest::newRow("Left") << "Left(givenName, 1)"
                          << "Z";
    QTest::newRow("Left longer than text") << "Left(\"ab\", 10)"
                                           << "ab";
    QTest::newRow("Left zero") << "Left(\"ab\", 0)"
                               << "";
    QTest::newRow("Left keeps surrogate pairs") << "Left(\"a\xF0\x9F\x98\x80\", 2)"
                                                << "a";
    QTest::newRow("Trim") << "Trim(title)"
                          << "Engineer";
    QTest::newRow("NormalizeDiacritics") << "NormalizeDiacritics(Join(\" \", givenName, familyName))"
                                         << "Zoe Astrom";
    QTest::newRow("initial + family, ascii lower")
        << "ToLower(NormalizeDiacritics(Append(Left(givenName, 1), familyName)))"
        << "zastrom";
    QTest::newRow("If true") << "If(Equals(country, \"DE\"), \"Germany\", \"Elsewhere\")"
                             << "Germany";
    QTest::newRow("If false") << "If(Equals(country, \"de\"), \"Germany\", \"Elsewhere\")"
                              << "Elsewhere";
    QTest::newRow("If on active") << "If(active, \"on\", \"off\")"
                                  << "on";
    QTest::newRow("If empty text is false") << "If(displayName, \"has\", \"none\")"
                                            << "none";
    QTest::newRow("Equals") << "Equals(givenName, \"Zoë\")"
                            << "true";
    QTest::newRow("IsEmpty empty") << "IsEmpty(displayName)"
                                   << "true";
    QTest::newRow("IsEmpty blank") << "IsEmpty(\"   \")"
                                   << "true";
    QTest::newRow("IsEmpty not") << "IsEmpty(givenName)"
                                 << "false";
    QTest::newRow("Not") << "Not(IsEmpty(givenName))"
                         << "true";
    QTest::newRow("Not false text") << "Not(\"false\")"
                                    << "true";
    QTest::newRow("And true") << "And(Not(IsEmpty(givenName)), Equals(country, \"DE\"))"
                              << "true";
    QTest::newRow("And false") << "And(true, false, true)"
                               << "false";
    QTest::newRow("Or true") << "Or(false, IsEmpty(displayName))"
                             << "true";
    QTest::newRow("Or false") << "Or(false, \"0\", \"no\", \"\")"
                              << "false";
    QTest::newRow("Switch match") << "Switch(country, \"Other\", \"FR\", \"France\", \"DE\", \"Germany\")"
                                  << "Germany";
    QTest::newRow("Switch default") << "Switch(department, \"Other\", \"HR\", \"People\")"
                                    << "Other";
    QTest::newRow("function names ignore case") << "join(\"+\", \"a\", \"b\")"
                                                << "a+b";
    QTest::newRow("displayName fallback") << "Coalesce(displayName, Join(\" \", givenName, familyName))"
                                          << "Zoë Åström";
    QTest::newRow("empty argument list of Coalesce is an error elsewhere") << "Trim(\" x \")"
                                                                           << "x";
}

void TestExpression::evaluate()
{
    QFETCH(QString, expression);
    const auto parsed = ExpressionParser::parse(expression);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QTEST(parsed->evaluate(sampleUser()), "expected");
}

void TestExpression::errors_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("message");

    QTest::newRow("typo suggests") << "Jion(\" \", givenName, familyName)" << 1
                                   << "Unknown function 'Jion' at 1 — did you mean Join?";
    QTest::newRow("typo inside") << "Join(\" \", ToLowr(givenName))" << 11
                                 << "Unknown function 'ToLowr' at 11 — did you mean ToLower?";
    QTest::newRow("unknown, nothing close")
        << "Frobnicate(x)" << 1 << "Unknown function 'Frobnicate' at 1 — the functions are";
    QTest::newRow("missing close paren") << "Join(\" \", givenName, familyName" << 32 << "Expected ')' at 32";
    QTest::newRow("missing close paren at 23") << "Coalesce(a, Trim(bcdef)" << 24 << "Expected ')' at 24";
    QTest::newRow("missing comma") << "Join(\" \" givenName)" << 10 << "Expected ',' or ')' at 10";
    QTest::newRow("unterminated text") << "Join(\" , givenName)" << 6 << "has no closing '\"'";
    QTest::newRow("bad escape") << "\"a\\n\"" << 3 << "Unknown escape '\\n' at 3";
    QTest::newRow("empty") << "" << 1 << "empty";
    QTest::newRow("blank") << "   " << 4 << "empty";
    QTest::newRow("trailing input") << "givenName familyName" << 11 << "Unexpected 'f' at 11";
    QTest::newRow("stray comma") << "Join(\" \", , givenName)" << 11 << "Unexpected ',' at 11";
    QTest::newRow("missing argument at end") << "Join(\" \"," << 10 << "Expected a value at 10";
    QTest::newRow("unclosed bracket name") << "[cost center" << 13 << "Expected ']' at 13";
    QTest::newRow("empty bracket name") << "[ ]" << 1 << "Empty attribute name at 1";
    QTest::newRow("too few arguments") << "Join(\" \")" << 1
                                       << "Join at 1 has 1 argument(s) — write it as Join(separator";
    QTest::newRow("too many arguments") << "ToLower(a, b)" << 1 << "ToLower at 1 has 2 argument(s)";
    QTest::newRow("no arguments") << "Trim()" << 1 << "Trim at 1 has 0 argument(s)";
    QTest::newRow("If needs three") << "If(true, \"a\")" << 1 << "If at 1 has 2 argument(s)";
    QTest::newRow("Switch odd") << "Switch(x, \"d\", \"k1\", \"v1\", \"k2\")" << 1 << "key without a result";
    QTest::newRow("Left needs number") << "Left(givenName, n)" << 17 << "Left needs a whole number of characters at 17";
    QTest::newRow("Left negative") << "Left(givenName, -1)" << 17 << "whole number";
    QTest::newRow("Left decimal") << "Left(givenName, 1.5)" << 17 << "whole number";
    QTest::newRow("operator character") << "givenName + familyName" << 11 << "Unexpected '+' at 11";
}

void TestExpression::errors()
{
    QFETCH(QString, expression);
    QFETCH(int, position);
    QFETCH(QString, message);
    const auto parsed = ExpressionParser::parse(expression);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.startsWith(message) || parsed.error().message.contains(message),
        qPrintable(parsed.error().message));
    QCOMPARE(parsed.error().position, position);
}

void TestExpression::diacritics_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("acute") << "José Müller"
                           << "Jose Muller";
    QTest::newRow("eszett") << "Straße"
                            << "Strasse";
    QTest::newRow("nordic") << "Søren Ærø Ångström"
                            << "Soren AEro Angstrom";
    QTest::newRow("polish") << "Łukasz Żółć"
                            << "Lukasz Zolc";
    QTest::newRow("icelandic") << "Þórður"
                               << "Thordur";
    QTest::newRow("french ligature") << "Œuvre cœur"
                                     << "OEuvre coeur";
    QTest::newRow("turkish dotless") << "Işık"
                                     << "Isik";
    QTest::newRow("croatian") << "Đurđević"
                              << "Durdevic";
    QTest::newRow("ascii unchanged") << "plain-text_1"
                                     << "plain-text_1";
    QTest::newRow("non-latin kept") << "東京"
                                    << "東京";
}

void TestExpression::diacritics()
{
    QFETCH(QString, input);
    QTEST(Diacritics::fold(input), "expected");
}

void TestExpression::referencedAttributes()
{
    const auto parsed = ExpressionParser::parse(
        QStringLiteral("Coalesce(displayName, Join(\" \", givenName, [cost center], givenName))"));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->referencedAttributes(),
        (QStringList {QStringLiteral("displayName"), QStringLiteral("givenName"), QStringLiteral("cost center")}));
    QCOMPARE(parsed->text(), QStringLiteral("Coalesce(displayName, Join(\" \", givenName, [cost center], givenName))"));
}

void TestExpression::cacheReturnsSameResult()
{
    const QString text = QStringLiteral("Join(\"/\", department, country)");
    const auto first = ExpressionParser::parse(text);
    const auto second = ExpressionParser::parse(text);
    QVERIFY(first.ok() && second.ok());
    QCOMPARE(second->evaluate(sampleUser()), first->evaluate(sampleUser()));
    const auto broken = ExpressionParser::parse(QStringLiteral("Jion(a)"));
    const auto brokenAgain = ExpressionParser::parse(QStringLiteral("Jion(a)"));
    QVERIFY(!broken.ok() && !brokenAgain.ok());
    QCOMPARE(brokenAgain.error().message, broken.error().message);
}

void TestExpression::lookupOverload()
{
    const auto parsed = ExpressionParser::parse(QStringLiteral("ToUpper(x)"));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->evaluate(
                 [](const QString& name) { return name == QLatin1String("x") ? QStringLiteral("ok") : QString(); }),
        QStringLiteral("OK"));
    QCOMPARE(Expression().evaluate(DirectoryUser()), QString());
}

QTEST_GUILESS_MAIN(TestExpression)
#include "tst_expression.moc"
