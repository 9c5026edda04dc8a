#include "sources/SourceChangeTracker.h"

#include <QTest>

Q_DECLARE_METATYPE(SourceType::HighWaterMark)

class TestSourceChangeTracker : public QObject
{
    Q_OBJECT

private slots:
    void splitsMarks_data()
    {
        QTest::addColumn<QString>("mark");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("value");
        QTest::newRow("usn") << QStringLiteral("usn:12345") << true << QStringLiteral("usn") << QStringLiteral("12345");
        QTest::newRow("csn keeps its colons and hashes")
            << QStringLiteral("csn:20261206232039.727357Z#000000#000#000000") << true << QStringLiteral("csn")
            << QStringLiteral("20261206232039.727357Z#000000#000#000000");
        QTest::newRow("unknown kind") << QStringLiteral("foo:1") << false << QString() << QString();
        QTest::newRow("no value") << QStringLiteral("usn:") << false << QString() << QString();
        QTest::newRow("no kind") << QStringLiteral("12345") << false << QString() << QString();
    }
    void splitsMarks()
    {
        QFETCH(QString, mark);
        QFETCH(bool, valid);
        QString splitKind;
        QString splitValue;
        QCOMPARE(SourceChangeTracker::splitMark(mark, &splitKind, &splitValue), valid);
        if (valid) {
            QFETCH(QString, kind);
            QFETCH(QString, value);
            QCOMPARE(splitKind, kind);
            QCOMPARE(splitValue, value);
        }
    }

    void refusesDeltas_data()
    {
        QTest::addColumn<SourceType::HighWaterMark>("mechanism");
        QTest::addColumn<QString>("since");
        QTest::addColumn<QString>("identity");
        QTest::addColumn<bool>("possible");
        // A tracker that has not begun knows no identity: only an empty expected identity matches.
        QTest::newRow("none never") << SourceType::HighWaterMark::None << QStringLiteral("usn:1") << QString() << false;
        QTest::newRow("mark of another kind")
            << SourceType::HighWaterMark::Csn << QStringLiteral("usn:1") << QString() << false;
        QTest::newRow("garbage mark") << SourceType::HighWaterMark::Csn << QStringLiteral("x") << QString() << false;
        QTest::newRow("other identity") << SourceType::HighWaterMark::Csn << QStringLiteral("csn:2026")
                                        << QStringLiteral("uuid:other") << false;
        QTest::newRow("same identity") << SourceType::HighWaterMark::Csn << QStringLiteral("csn:2026") << QString()
                                       << true;
        QTest::newRow("usn went back") << SourceType::HighWaterMark::Usn << QStringLiteral("usn:50") << QString()
                                       << false;
    }
    void refusesDeltas()
    {
        QFETCH(SourceType::HighWaterMark, mechanism);
        QFETCH(QString, since);
        QFETCH(QString, identity);
        QFETCH(bool, possible);
        SourceChangeTracker tracker(mechanism);
        SourceReadRequest request;
        request.full = false;
        request.sinceHighWaterMark = since;
        request.expectedServerIdentity = identity;
        const auto status = tracker.checkDelta(request);
        QCOMPARE(status.ok(), possible);
        if (!possible) {
            QCOMPARE(status.error().kind, SourceReadError::Kind::DeltaNotPossible);
            QVERIFY(status.error().remedy.contains(QStringLiteral("--full")));
        }
    }

    void followsTheHighestCsn()
    {
        SourceChangeTracker tracker(SourceType::HighWaterMark::Csn);
        QCOMPARE(tracker.markAttributes(), QStringList {QStringLiteral("entryCSN")});
        SourceReadRequest request;
        request.sinceHighWaterMark = QStringLiteral("csn:20260101000000.000000Z#000000#000#000000");
        tracker.continueFrom(request);
        QCOMPARE(tracker.highWaterMark(), request.sinceHighWaterMark); // nothing changed: the mark stays
        LdapEntry older;
        older.attributes.append({QByteArrayLiteral("entryCSN"), {"20251231000000.000000Z#000000#000#000000"}});
        LdapEntry newer;
        newer.attributes.append({QByteArrayLiteral("entryCSN"), {"20260102000000.000000Z#000000#000#000000"}});
        tracker.observe(older);
        tracker.observe(newer);
        QCOMPARE(tracker.highWaterMark(), QStringLiteral("csn:20260102000000.000000Z#000000#000#000000"));
        QCOMPARE(tracker.changedSince(request), QStringLiteral("(entryCSN>=20260101000000.000000Z#000000#000#000000)"));
    }

    void usnFilterStartsAfterTheMark()
    {
        SourceChangeTracker tracker(SourceType::HighWaterMark::Usn);
        SourceReadRequest request;
        request.sinceHighWaterMark = QStringLiteral("usn:4711");
        QCOMPARE(tracker.changedSince(request), QStringLiteral("(uSNChanged>=4712)"));
        QVERIFY(tracker.markAttributes().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSourceChangeTracker)
#include "tst_sourcechangetracker.moc"
