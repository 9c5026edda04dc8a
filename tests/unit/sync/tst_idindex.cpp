#include <sync/IdIndex.h>

#include <QList>
#include <QString>
#include <QTest>

// The planner's flat index of ids: every id found at its position, absent ids not found, through
// growth and with the first or the last position of a repeated id kept as asked.
class TestIdIndex : public QObject
{
    Q_OBJECT

private slots:
    void findsEveryIdThroughGrowth();
    void repeatedIdKeepsFirstOrLast();
};

void TestIdIndex::findsEveryIdThroughGrowth()
{
    QList<QString> ids;
    for (int i = 0; i < 5000; ++i)
        ids.append(QStringLiteral("3f2b6c1e-%1").arg(i));
    const auto idAt = [&ids](int i) { return QStringView(ids.at(i)); };
    IdIndex index; // not reserved: grows from 16 slots
    for (int i = 0; i < ids.size(); ++i)
        QCOMPARE(index.insert(ids.at(i), i, idAt, false), i);
    QCOMPARE(index.size(), ids.size());
    for (int i = 0; i < ids.size(); ++i)
        QCOMPARE(index.find(ids.at(i), idAt), i);
    QCOMPARE(index.find(QStringLiteral("3f2b6c1e-5000"), idAt), -1);
    QCOMPARE(index.find(QString(), idAt), -1);
    QCOMPARE(IdIndex().find(QStringLiteral("x"), idAt), -1);
}

void TestIdIndex::repeatedIdKeepsFirstOrLast()
{
    const QList<QString> ids {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a")};
    const auto idAt = [&ids](int i) { return QStringView(ids.at(i)); };
    IdIndex first;
    first.reserve(ids.size(), idAt);
    for (int i = 0; i < ids.size(); ++i)
        first.insert(ids.at(i), i, idAt, false);
    QCOMPARE(first.find(QStringLiteral("a"), idAt), 0);
    QCOMPARE(first.size(), 2);
    IdIndex last;
    for (int i = 0; i < ids.size(); ++i)
        last.insert(ids.at(i), i, idAt, true);
    QCOMPARE(last.find(QStringLiteral("a"), idAt), 2);
    QCOMPARE(last.find(QStringLiteral("b"), idAt), 1);
}

QTEST_GUILESS_MAIN(TestIdIndex)
#include "tst_idindex.moc"
