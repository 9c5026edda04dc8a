#include <util/DisplayText.h>

#include <QTest>

class TestDisplayText : public QObject
{
    Q_OBJECT

private slots:
    void escapesControls_data();
    void escapesControls();
    void keepsLinesWhenAsked_data();
    void keepsLinesWhenAsked();
};

void TestDisplayText::escapesControls_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("alice@example.com") << QStringLiteral("alice@example.com");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("non-latin letters stay")
        << QStringLiteral("Zoë Ångström 山田 Ωμέγα") << QStringLiteral("Zoë Ångström 山田 Ωμέγα");
    QTest::newRow("backslash stays") << QStringLiteral(R"(CORP\alice)") << QStringLiteral(R"(CORP\alice)");
    QTest::newRow("ESC sequence") << QStringLiteral("a\x1b[2Jb") << QStringLiteral(R"(a\x1b[2Jb)");
    QTest::newRow("BEL") << QStringLiteral("ding\x07") << QStringLiteral(R"(ding\x07)");
    QTest::newRow("CR") << QStringLiteral("ok\rEVIL") << QStringLiteral(R"(ok\rEVIL)");
    QTest::newRow("LF") << QStringLiteral("one\ntwo") << QStringLiteral(R"(one\ntwo)");
    QTest::newRow("TAB") << QStringLiteral("a\tb") << QStringLiteral(R"(a\tb)");
    QTest::newRow("NUL") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b"))
                         << QStringLiteral(R"(a\x00b)");
    QTest::newRow("backspace") << QStringLiteral("adm\bin") << QStringLiteral(R"(adm\x08in)");
    QTest::newRow("DEL") << QStringLiteral("x\x7fy") << QStringLiteral(R"(x\x7fy)");
    QTest::newRow("C1 CSI") << QString(QStringLiteral("x") + QChar(0x9b) + QStringLiteral("2J"))
                            << QStringLiteral(R"(x\u009b2J)");
    QTest::newRow("C1 NEL") << QString(QStringLiteral("x") + QChar(0x85)) << QStringLiteral(R"(x\u0085)");
    QTest::newRow("no-break space stays") << QString(QStringLiteral("a") + QChar(0xa0) + QStringLiteral("b"))
                                          << QString(QStringLiteral("a") + QChar(0xa0) + QStringLiteral("b"));
    QTest::newRow("RLO") << QStringLiteral("user\u202Egnp.exe") << QStringLiteral(R"(user\u202egnp.exe)");
    QTest::newRow("LRE PDF") << QStringLiteral("\u202Ax\u202C") << QStringLiteral(R"(\u202ax\u202c)");
    QTest::newRow("isolates") << QStringLiteral("\u2066a\u2067b\u2068c\u2069")
                              << QStringLiteral(R"(\u2066a\u2067b\u2068c\u2069)");
    QTest::newRow("marks") << QStringLiteral("\u200Ea\u200F\u061C") << QStringLiteral(R"(\u200ea\u200f\u061c)");
    QTest::newRow("line separators") << QStringLiteral("a\u2028b\u2029") << QStringLiteral(R"(a\u2028b\u2029)");
}

void TestDisplayText::escapesControls()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(DisplayText::escaped(input), expected);
}

void TestDisplayText::keepsLinesWhenAsked_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lines and tabs stay") << QStringLiteral("Plan\n  a\tb\n") << QStringLiteral("Plan\n  a\tb\n");
    QTest::newRow("CR escaped") << QStringLiteral("ok\r\nnext") << QStringLiteral("ok\\r\nnext");
    QTest::newRow("ESC escaped") << QStringLiteral("\x1b]0;title\x07\n") << QStringLiteral("\\x1b]0;title\\x07\n");
    QTest::newRow("RLO escaped") << QStringLiteral("\u202E") << QStringLiteral(R"(\u202e)");
}

void TestDisplayText::keepsLinesWhenAsked()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(DisplayText::escapedKeepingLines(input), expected);
}

QTEST_GUILESS_MAIN(TestDisplayText)
#include "tst_displaytext.moc"
