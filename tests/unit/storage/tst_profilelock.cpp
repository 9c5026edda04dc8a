// ProfileLock within one process: taking it again shares it (the CLI takes it before the
// preview, the controller again for the apply), the file goes with the last holder, and a moved
// lock keeps holding. Between processes: tests/integration/cli/tst_cli_profile.
#include "storage/ProfileLock.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

class TestProfileLock : public QObject
{
    Q_OBJECT

private slots:
    void takingItAgainInTheSameProcessSharesIt()
    {
        QTemporaryDir dir;
        const QString database = dir.filePath(QStringLiteral("scimdesk.db"));
        const QString file = ProfileLock::lockFilePath(database);
        QCOMPARE(file, dir.filePath(QStringLiteral("scimdesk.db.lock")));

        auto first = ProfileLock::acquire(database);
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        QVERIFY(first->isHeld());
        QVERIFY(first->takenOver().isEmpty());
        QVERIFY(QFileInfo::exists(file));

        auto second = ProfileLock::acquire(database);
        QVERIFY(second.ok());
        QVERIFY(second->isHeld());

        ProfileLock moved = std::move(first).value();
        QVERIFY(moved.isHeld());
        moved.release();
        QVERIFY(!moved.isHeld());
        QVERIFY2(QFileInfo::exists(file), "the other holder still holds it");
        second.value().release();
        QVERIFY(!QFileInfo::exists(file));

        // Free again: a new holder takes it afresh.
        auto again = ProfileLock::acquire(database);
        QVERIFY(again.ok());
        QVERIFY(QFileInfo::exists(file));
    }
};

QTEST_GUILESS_MAIN(TestProfileLock)
#include "tst_profilelock.moc"
