#include "GuiTestSupport.h"

#include "storage/ApplicationRepository.h"
#include "storage/Database.h"
#include "sync/JournalSearch.h"
#include "sync/JournalStore.h"
#include "sync/ObjectHistoryDialog.h"
#include "sync/SyncOverview.h"
#include "sync/SyncPage.h"
#include "workspace/Workspace.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <cstdlib>
#if defined(Q_OS_LINUX)
#include <fcntl.h>
#include <unistd.h>
#endif
#include <vector>

// The Overview's activity and the per-object dialog read the journal on the thread pool: the
// rows they show once loaded(), stale answers dropped, closing while a read runs, and the GUI
// thread's longest stall over a 50,000-entry journal (figures printed for the note).
namespace {
const QString Token = QStringLiteral("journal-views-token-2c41");
constexpr int kBigRun = 50000;

// Drops the profile's pages from the kernel's cache, so the next read comes from the disk as on
// the first open after a restart. Only this test's own file; false where the system cannot.
bool evictFromPageCache(const QString& path)
{
#if defined(Q_OS_LINUX)
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0) {
        return false;
    }
    const bool done = ::fdatasync(fd) == 0 && ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
    ::close(fd);
    return done;
#else
    Q_UNUSED(path)
    return false;
#endif
}

double loadAverage()
{
    double load[1] = {-1};
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

// The longest gap between the ticks of a 5 ms precise timer on the GUI thread while `work`
// starts and until `done` is true (the event loop keeps running meanwhile).
double longestGapMs(const std::function<void()>& work, const std::function<bool()>& done)
{
    QTimer ticks;
    ticks.setTimerType(Qt::PreciseTimer);
    ticks.setInterval(5);
    QElapsedTimer clock;
    qint64 last = -1;
    qint64 longest = 0;
    QObject::connect(&ticks, &QTimer::timeout, [&]() {
        const qint64 now = clock.nsecsElapsed();
        if (last >= 0) {
            longest = std::max(longest, now - last);
        }
        last = now;
    });
    clock.start();
    ticks.start();
    QEventLoop loop;
    bool started = false;
    QTimer::singleShot(20, &loop, [&]() { // a few ticks first, so the stall is between two
        work();
        started = true;
    });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&]() {
        if (started && done()) {
            loop.quit();
        }
    });
    poll.start(1);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit); // ends a hung test only
    loop.exec();
    // Two more ticks, so a stall at the very end is closed by a tick.
    const qint64 until = clock.elapsed() + 15;
    while (clock.elapsed() < until) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    return double(longest) / 1e6;
}
} // namespace

class TestJournalViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void overviewShowsTheActivityOnceLoaded();
    void overviewDropsAnswersToOlderReloads();
    void objectHistoryShowsTheObjectOnceLoaded();
    void closingWhileAQueryRuns();
    void guiThreadStallsOverABigJournal();

private:
    qint64 addRun(const QString& status, const QList<JournalEntry>& entries, const QJsonObject& summary);

    std::unique_ptr<GuiTestProfile> m_profile;
    qint64 m_applicationId = 0;
};

qint64 TestJournalViews::addRun(const QString& status, const QList<JournalEntry>& entries, const QJsonObject& summary)
{
    JournalStore journal(m_profile->workspace->database(), 1000);
    const auto run = journal.beginRun(m_applicationId, QStringLiteral("plan"), QStringLiteral("apply"));
    if (!run) {
        return 0;
    }
    for (const auto& entry : entries) {
        if (!journal.append(run.value(), entry)) {
            return 0;
        }
    }
    return journal.finishRun(run.value(), status, summary) ? run.value() : 0;
}

// One profile for every test: a run that created alice and bob, then a 50,000-operation run (a
// real SQLite file, entries as big as a create's) in which alice's update failed.
void TestJournalViews::initTestCase()
{
    // The views only read the journal: the server is never contacted.
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
    const qint64 serverId
        = m_profile->createAwsServer(QStringLiteral("AWS"), QStringLiteral("https://scim.example.com/scim/v2/"), Token);
    QVERIFY(serverId > 0);
    Application application;
    application.name = QStringLiteral("AWS");
    application.scimServerId = serverId;
    auto id = m_profile->workspace->applications().create(application);
    QVERIFY(id);
    m_applicationId = id.value();

    const auto entry = [](int sequence, const QString& name, const QString& action, const QString& status) {
        JournalEntry e;
        e.sequence = sequence;
        e.action = action;
        e.objectKind = QStringLiteral("user");
        e.objectName = name;
        e.directoryObjectId = QStringLiteral("dir-") + name;
        e.targetId = QStringLiteral("tgt-") + name;
        e.status = status;
        e.httpStatus = status == QLatin1String("ok") ? 201 : 400;
        e.after = {{QStringLiteral("userName"), name}, {QStringLiteral("displayName"), QStringLiteral("Given Family")},
            {QStringLiteral("active"), true},
            {QStringLiteral("emails"), QStringLiteral("[{\"value\":\"%1\",\"primary\":true}]").arg(name)},
            {QStringLiteral("title"), QStringLiteral("Member of the provisioning test tenant")}};
        e.startedAt = QDateTime::currentDateTimeUtc();
        e.finishedAt = e.startedAt;
        return e;
    };
    QVERIFY(addRun(QStringLiteral("succeeded"),
        {entry(1, QStringLiteral("alice@example.com"), QStringLiteral("create-user"), QStringLiteral("ok")),
            entry(2, QStringLiteral("bob@example.com"), QStringLiteral("create-user"), QStringLiteral("ok"))},
        {{QStringLiteral("succeeded"), 2}}));
    QList<JournalEntry> many;
    many.reserve(kBigRun);
    for (int i = 0; i < kBigRun - 1; ++i) {
        many.append(entry(i + 1, QStringLiteral("user%1@example.com").arg(i, 5, 10, QLatin1Char('0')),
            QStringLiteral("create-user"), i % 100 == 0 ? QStringLiteral("failed") : QStringLiteral("ok")));
    }
    many.append(
        entry(kBigRun, QStringLiteral("alice@example.com"), QStringLiteral("update-user"), QStringLiteral("failed")));
    QVERIFY(addRun(QStringLiteral("partial"), many,
        {{QStringLiteral("succeeded"), kBigRun - 501}, {QStringLiteral("failed"), 501},
            {QStringLiteral("skipped"), 0}}));
}

void TestJournalViews::overviewShowsTheActivityOnceLoaded()
{
    SyncOverview overview(m_profile->workspace);
    overview.show();
    QSignalSpy loaded(&overview, &SyncOverview::loaded);
    overview.reload();
    QVERIFY(overview.isLoading());
    QCOMPARE(overview.cellText(m_applicationId, SyncOverview::LastRunColumn), QStringLiteral("Loading\u2026"));
    QVERIFY(GuiTest::waitUntilLoaded(&overview));
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(overview.applicationIds(), QList<qint64> {m_applicationId});
    QCOMPARE(overview.cellText(m_applicationId, SyncOverview::ResultColumn), QStringLiteral("Partly done"));
    QCOMPARE(overview.cellText(m_applicationId, SyncOverview::ChangesColumn),
        QStringLiteral("%1 done, 501 failed, 0 skipped").arg(QLocale().toString(kBigRun - 501)));
    const QString failures = overview.cellText(m_applicationId, SyncOverview::FailuresColumn);
    QVERIFY2(failures.startsWith(QStringLiteral("1 run, 501 failed operations (since ")), qPrintable(failures));
    QVERIFY(overview.cellText(m_applicationId, SyncOverview::LastRunColumn).contains(QStringLiteral("took")));

    // A reload keeps showing what it knows until the new answer is there.
    overview.reload();
    QVERIFY(overview.isLoading());
    QCOMPARE(overview.cellText(m_applicationId, SyncOverview::ResultColumn), QStringLiteral("Partly done"));
    QVERIFY(GuiTest::waitUntilLoaded(&overview));
    QCOMPARE(overview.cellText(m_applicationId, SyncOverview::ResultColumn), QStringLiteral("Partly done"));
}

// Three reloads in a row: only the newest answer is shown, once.
void TestJournalViews::overviewDropsAnswersToOlderReloads()
{
    SyncOverview overview(m_profile->workspace);
    QSignalSpy loaded(&overview, &SyncOverview::loaded);
    overview.reload();
    overview.reload();
    overview.reload();
    QVERIFY(GuiTest::waitUntilLoaded(&overview));
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(loaded.count(), 1);
    QVERIFY(!overview.isLoading());
    QCOMPARE(overview.cellText(m_applicationId, SyncOverview::ResultColumn), QStringLiteral("Partly done"));
}

void TestJournalViews::objectHistoryShowsTheObjectOnceLoaded()
{
    ObjectHistoryDialog dialog(m_profile->workspace->database(), m_applicationId, QStringLiteral("ALICE@example.com"),
        QStringLiteral("alice@example.com"));
    QSignalSpy loaded(&dialog, &ObjectHistoryDialog::loaded);
    QVERIFY(dialog.isLoading());
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("Searching")), qPrintable(dialog.summaryText()));
    dialog.show();
    QVERIFY(GuiTest::waitUntilLoaded(&dialog));
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(dialog.hits().size(), 2);
    QCOMPARE(dialog.hits().at(0).entry.action, QStringLiteral("update-user")); // newest first
    QCOMPARE(dialog.hits().at(0).entry.status, QStringLiteral("failed"));
    QCOMPARE(dialog.hits().at(1).entry.action, QStringLiteral("create-user"));
    auto* table = dialog.findChild<QTableWidget*>(QStringLiteral("objectHistoryTable"));
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("Failed"));
    QVERIFY2(
        dialog.summaryText().startsWith(QStringLiteral("2 operations in 2 runs")), qPrintable(dialog.summaryText()));

    // By target id, whatever its case.
    ObjectHistoryDialog byTarget(m_profile->workspace->database(), m_applicationId,
        QStringLiteral("TGT-user00100@example.com"), QStringLiteral("user00100"));
    QVERIFY(GuiTest::waitUntilLoaded(&byTarget));
    QCOMPARE(byTarget.hits().size(), 1);
    QCOMPARE(byTarget.hits().first().entry.objectName, QStringLiteral("user00100@example.com"));
}

// The dialog, the overview and the whole page go away while their reads run on the pool: the
// reads finish against a database they hold themselves, and nothing calls back into a freed view.
void TestJournalViews::closingWhileAQueryRuns()
{
    for (int round = 0; round < 3; ++round) {
        auto* dialog = new ObjectHistoryDialog(m_profile->workspace->database(), m_applicationId,
            QStringLiteral("alice@example.com"), QStringLiteral("alice"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        QVERIFY(dialog->isLoading());
        dialog->close(); // deleted at once: WA_DeleteOnClose
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);

        auto overview = std::make_unique<SyncOverview>(m_profile->workspace);
        overview->reload();
        QVERIFY(overview->isLoading());
        overview.reset();

        auto page = std::make_unique<SyncPage>(m_profile->workspace);
        page->show();
        QVERIFY(page->overview()->isLoading());
        page.reset();
    }
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    // The profile is intact and still answers.
    JournalQuery query;
    query.applicationId = m_applicationId;
    QCOMPARE(JournalSearch(m_profile->workspace->database()).countEntries(query).value(), kBigRun + 2);
}

// Before: the queries the Overview and the dialog ran on the GUI thread (what they did until this
// change), with and without the object indexes. After: the real widgets, reading on the pool.
void TestJournalViews::guiThreadStallsOverABigJournal()
{
    auto database = m_profile->workspace->database();
    const QString key = QStringLiteral("user04999@example.com");
    const auto onGuiThread = [&](const std::function<bool()>& read) {
        bool finished = false;
        bool ok = false;
        const double gap = longestGapMs(
            [&]() {
                ok = read();
                finished = true;
            },
            [&]() { return finished; });
        return ok ? gap : -1.0;
    };
    const auto readActivity = [&]() {
        const auto activity = JournalSearch(database).activity(m_applicationId);
        return activity && activity->failedOperationsSinceSuccess == 501;
    };
    const auto readObject = [&]() {
        const auto hits = JournalSearch(database).objectHistory(m_applicationId, key, ObjectHistoryDialog::MaxRows);
        return hits && hits->size() == 1;
    };
    const auto overviewOnPool = [&]() {
        SyncOverview overview(m_profile->workspace);
        overview.show();
        const double gap = longestGapMs([&]() { overview.reload(); }, [&]() { return !overview.isLoading(); });
        return overview.cellText(m_applicationId, SyncOverview::ResultColumn) == QStringLiteral("Partly done") ? gap
                                                                                                               : -1.0;
    };
    const auto dialogOnPool = [&]() {
        std::unique_ptr<ObjectHistoryDialog> dialog;
        const double gap = longestGapMs(
            [&]() {
                dialog = std::make_unique<ObjectHistoryDialog>(database, m_applicationId, key, key);
                dialog->show();
            },
            [&]() { return dialog && !dialog->isLoading(); });
        return dialog->hits().size() == 1 ? gap : -1.0;
    };

    // Five rounds of each, median and worst: the machine is shared and its load moves. Cold: the
    // profile's pages are dropped from the kernel's cache before each round.
    const QString path = database->filePath();
    QSqlQuery checkpoint(database->connection());
    QVERIFY(checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    checkpoint.finish(); // an open statement would keep DROP INDEX below from running
    const bool canEvict = evictFromPageCache(path);
    const auto rounds = [&](bool cold, const std::function<double()>& measure) {
        std::vector<double> gaps;
        for (int round = 0; round < 5; ++round) {
            if (cold && !evictFromPageCache(path)) {
                return QStringLiteral("n/a");
            }
            gaps.push_back(measure());
        }
        std::sort(gaps.begin(), gaps.end());
        return gaps.front() < 0
            ? QStringLiteral("failed")
            : QStringLiteral("%1 ms (worst %2)").arg(gaps[2], 0, 'f', 1).arg(gaps.back(), 0, 'f', 1);
    };
    const auto figures = [&](bool cold) {
        return QStringList {rounds(cold, [&]() { return onGuiThread(readActivity); }), rounds(cold, overviewOnPool),
            rounds(cold, [&]() { return onGuiThread(readObject); }), rounds(cold, dialogOnPool)};
    };
    readActivity();
    const QString idle = rounds(false, []() { return longestGapMs([]() {}, []() { return true; }); });
    const QStringList warm = figures(false);
    const QStringList cold = figures(true);
    QSqlQuery drop(database->connection());
    for (const char* index :
        {"journal_entries_object_name", "journal_entries_directory_object", "journal_entries_target"}) {
        QVERIFY2(
            drop.exec(QStringLiteral("DROP INDEX %1").arg(QLatin1String(index))), qPrintable(drop.lastError().text()));
    }
    const QStringList warmNoIndex = figures(false).mid(2);
    const QStringList coldNoIndex = figures(true).mid(2);
    for (const auto& [name, list] : {std::pair {"warm", warm}, std::pair {"cold", cold}}) {
        const QStringList& noIndex = QLatin1String(name) == QLatin1String("warm") ? warmNoIndex : coldNoIndex;
        qInfo().noquote() << QStringLiteral(
            "GUI thread, longest gap between 5 ms ticks (median of 5), %1-entry journal, %2 page cache, load "
            "average %3: idle %4; Overview: activity read on the GUI thread (before) %5, on the pool (after) %6; "
            "per-object dialog: GUI thread without the indexes (before) %7, GUI thread with them %8, pool with "
            "them (after) %9, pool without them %10")
                                 .arg(kBigRun + 2)
                                 .arg(QLatin1String(name))
                                 .arg(loadAverage(), 0, 'f', 2)
                                 .arg(idle, list[0], list[1], noIndex[0], list[2], list[3], noIndex[1]);
    }
    for (const QStringList& list : {warm, cold, warmNoIndex, coldNoIndex}) {
        QVERIFY2(!list.contains(QStringLiteral("failed")), qPrintable(list.join(QStringLiteral(", "))));
    }
    QVERIFY(canEvict || cold.contains(QStringLiteral("n/a")));
}

QTEST_MAIN(TestJournalViews)
#include "tst_journalviews.moc"
