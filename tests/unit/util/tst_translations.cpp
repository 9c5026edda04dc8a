#include <util/Translations.h>

#include <QCoreApplication>
#include <QTest>

// Plural messages read as English: "1 user", "2 users", "0 days", "1 row has".
class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void englishPlural_data();
    void englishPlural();
    void installedForEveryContext();
};

void TestTranslations::englishPlural_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("n");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one") << QStringLiteral("%n user(s)") << 1 << QStringLiteral("%n user");
    QTest::newRow("two") << QStringLiteral("%n user(s)") << 2 << QStringLiteral("%n users");
    QTest::newRow("zero is plural") << QStringLiteral("%n day(s)") << 0 << QStringLiteral("%n days");
    QTest::newRow("es ending") << QStringLiteral("%n match(es)") << 3 << QStringLiteral("%n matches");
    QTest::newRow("es ending, one") << QStringLiteral("%n match(es)") << 1 << QStringLiteral("%n match");
    QTest::newRow("verb agrees, one") << QStringLiteral("%n row(s) have problems") << 1
                                      << QStringLiteral("%n row has problems");
    QTest::newRow("verb agrees, many") << QStringLiteral("%n row(s) have problems") << 4
                                       << QStringLiteral("%n rows have problems");
    QTest::newRow("words around") << QStringLiteral("Applying %n operation(s).") << 1
                                  << QStringLiteral("Applying %n operation.");
}

void TestTranslations::englishPlural()
{
    QFETCH(QString, source);
    QFETCH(int, n);
    QFETCH(QString, expected);
    QCOMPARE(Translations::englishPlural(source, n), expected);
}

void TestTranslations::installedForEveryContext()
{
    QVERIFY(Translations::install());
    QVERIFY(Translations::install()); // once only
    QCOMPARE(QCoreApplication::translate("AnyContext", "%n user(s)", nullptr, 1), QStringLiteral("1 user"));
    QCOMPARE(QCoreApplication::translate("Other", "%n day(s) left", nullptr, 0), QStringLiteral("0 days left"));
    QCOMPARE(QCoreApplication::translate("Other", "succeeded: %1", nullptr), QStringLiteral("succeeded: %1"));
    QCOMPARE(QCoreApplication::translate("Other", "%n row(s) have problems", nullptr, 1),
        QStringLiteral("1 row has problems"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
