// scimdesk-bench-gui-stall: the GUI-thread view of a 10,000-user sync, without widgets.
// ApplicationSync is driven from the main thread of a QGuiApplication (offscreen), exactly as
// the Sync & Logs page drives it (secret read, directory read, target read, plan, apply), with
// receivers for progress and per-operation results like the page's live log; a 5 ms precise
// timer on the same thread records the gap between ticks.
// The longest gap is the longest event-loop stall (target: none over 50 ms). A baseline
// with no sync running first shows what the (shared, loaded) machine alone causes.
// The emulator is a separate process, so its work never lands on this event loop.

#include "EmulatorProcess.h"
#include "ResourceUsage.h"
#include "WorkspaceTenant.h"

#include <controller/ApplicationSync.h>
#include <sync/JournalStore.h>
#include <sync/SyncProgress.h>

#include <util/ThreadEventLoops.h>

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace {
QTextStream out(stdout);
constexpr int kTickMs = 5;

// Gaps between consecutive ticks of a timer on the calling thread, per phase.
struct GapRecorder
{
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = -1;
    std::vector<qint64> gaps[4]; // microseconds, per phase
    int phase = 0;

    GapRecorder()
    {
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(kTickMs);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.nsecsElapsed() / 1000;
            if (last >= 0)
                gaps[phase].push_back(now - last);
            last = now;
        });
    }
    void start(int newPhase)
    {
        phase = newPhase;
        last = -1;
        clock.start();
        timer.start();
    }
    // Changing phase keeps the clock running: the gap across the switch counts for the new phase.
    void switchTo(int newPhase) { phase = newPhase; }
    void stop() { timer.stop(); }
};

struct GapFigures
{
    double maxMs = 0;
    double p99Ms = 0;
    double p999Ms = 0;
    int over50 = 0;
    size_t ticks = 0;
};

GapFigures figuresOf(std::vector<qint64> gaps)
{
    GapFigures f;
    f.ticks = gaps.size();
    if (gaps.empty())
        return f;
    std::sort(gaps.begin(), gaps.end());
    auto at = [&gaps](double quantile) {
        const size_t index = std::min(gaps.size() - 1, size_t(quantile * double(gaps.size())));
        return double(gaps[index]) / 1000.0;
    };
    f.maxMs = double(gaps.back()) / 1000.0;
    f.p99Ms = at(0.99);
    f.p999Ms = at(0.999);
    f.over50 = int(std::count_if(gaps.begin(), gaps.end(), [](qint64 gap) { return gap > (50 + kTickMs) * 1000; }));
    return f;
}

QString describe(const char* name, const GapFigures& f)
{
    return QStringLiteral("%1: %2 ticks, max gap %3 ms, p99 %4 ms, p99.9 %5 ms, stalls > 50 ms: %6")
        .arg(QLatin1String(name))
        .arg(f.ticks)
        .arg(f.maxMs, 0, 'f', 1)
        .arg(f.p99Ms, 0, 'f', 1)
        .arg(f.p999Ms, 0, 'f', 1)
        .arg(f.over50);
}
} // namespace

int main(int argc, char** argv)
{
    ThreadEventLoops::useQtDispatcher(); // as the application's main() does
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Event-loop stalls on the GUI thread during a sync against the standalone AWS emulator."));
    parser.addHelpOption();
    const QCommandLineOption smoke(QStringLiteral("smoke"), QStringLiteral("Tiny sizes: checks the benchmark runs."));
    const QCommandLineOption users(
        QStringLiteral("users"), QStringLiteral("Users to sync."), QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption groups(QStringLiteral("groups"), QStringLiteral("Groups (20 members each)."),
        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption concurrency(
        QStringLiteral("concurrency"), QStringLiteral("Requests in flight."), QStringLiteral("n"), QStringLiteral("8"));
    parser.addOptions({smoke, users, groups, concurrency});
    parser.process(app);
    const bool tiny = parser.isSet(smoke);
    const int userCount = tiny ? 200 : parser.value(users).toInt();
    const int groupCount = tiny ? 5 : parser.value(groups).toInt();
    const int level = parser.value(concurrency).toInt();

    out << QStringLiteral("GUI-thread stalls: preview + apply of %1 users, %2 groups, concurrency %3; tick %4 ms; "
                          "load average %5 on %6 cores")
               .arg(userCount)
               .arg(groupCount)
               .arg(level)
               .arg(kTickMs)
               .arg(ResourceUsage::loadAverage(), 0, 'f', 2)
               .arg(QThread::idealThreadCount())
        << Qt::endl;
    EmulatorProcess emulator;
    if (!emulator.start()) {
        out << "emulator: " << emulator.errorString() << Qt::endl;
        return 1;
    }
    WorkspaceTenant tenant;
    if (!tenant.setUp(emulator.baseUrl(), emulator.token(), userCount, groupCount, 20, level)) {
        out << tenant.errorString() << Qt::endl;
        return 1;
    }

    enum Phase
    {
        Idle,
        Preview,
        Apply,
        Resync // a second preview: the whole target (every user just created) is read
    };
    GapRecorder recorder;
    {
        // Baseline: the same timer with nothing else to do.
        QEventLoop idle;
        QTimer::singleShot(tiny ? 200 : 2000, &idle, &QEventLoop::quit);
        recorder.start(Idle);
        idle.exec();
        recorder.stop();
    }

    // What the Sync page does with the controller's signals: keep the log rows, show progress.
    ApplicationSync controller(tenant.workspace(), tenant.applicationId());
    std::vector<JournalEntry> log;
    log.reserve(size_t(userCount + groupCount) * 2);
    SyncProgress latest;
    QObject::connect(&controller, &ApplicationSync::operationFinished, &controller,
        [&log](const JournalEntry& entry) { log.push_back(entry); });
    QObject::connect(&controller, &ApplicationSync::progress, &controller,
        [&latest](const SyncProgress& progress) { latest = progress; });

    QEventLoop loop;
    SyncRunSummary result;
    QString failure;
    qint64 previewMs = 0;
    qint64 applyMs = 0;
    qint64 resyncMs = 0;
    int resyncWrites = -1;
    QElapsedTimer clock;
    QObject::connect(&controller, &ApplicationSync::previewReady, &loop, [&](const SyncPlan& plan) {
        if (recorder.phase == Resync) {
            resyncMs = clock.elapsed();
            resyncWrites = plan.writeCount();
            loop.quit();
            return;
        }
        previewMs = clock.restart();
        recorder.switchTo(Apply);
        controller.apply(plan.planId, true);
    });
    QObject::connect(&controller, &ApplicationSync::previewFailed, &loop, [&](const SyncFailure& why) {
        failure = why.fullMessage();
        loop.quit();
    });
    QObject::connect(&controller, &ApplicationSync::applyFinished, &loop, [&](const SyncRunSummary& summary) {
        result = summary;
        applyMs = clock.restart();
        recorder.switchTo(Resync);
        controller.preview();
    });
    recorder.start(Preview);
    clock.start();
    controller.preview();
    loop.exec();
    recorder.stop();
    if (!failure.isEmpty()) {
        out << "preview failed: " << failure << Qt::endl;
        return 1;
    }
    const int usersThere = emulator.countResources(QStringLiteral("Users"));

    const GapFigures idle = figuresOf(recorder.gaps[Idle]);
    const GapFigures preview = figuresOf(recorder.gaps[Preview]);
    const GapFigures apply = figuresOf(recorder.gaps[Apply]);
    const GapFigures resync = figuresOf(recorder.gaps[Resync]);
    std::vector<qint64> all = recorder.gaps[Preview];
    all.insert(all.end(), recorder.gaps[Apply].begin(), recorder.gaps[Apply].end());
    all.insert(all.end(), recorder.gaps[Resync].begin(), recorder.gaps[Resync].end());
    const GapFigures sync = figuresOf(all);
    out << "  " << describe("idle baseline", idle) << Qt::endl;
    out << "  " << describe("preview", preview)
        << QStringLiteral(" (%1 ms, secret, directory and target reads included)").arg(previewMs) << Qt::endl;
    out << "  " << describe("apply", apply) << QStringLiteral(" (%1 ms)").arg(applyMs) << Qt::endl;
    out << "  " << describe("re-sync preview", resync)
        << QStringLiteral(" (%1 ms, a target of %2 users read, %3 writes planned)")
               .arg(resyncMs)
               .arg(usersThere)
               .arg(resyncWrites)
        << Qt::endl;
    out << "  " << describe("whole sync", sync) << Qt::endl;
    out << QStringLiteral("  operations %1 succeeded, %2 failed; log rows received %3; emulator users %4")
               .arg(result.succeeded)
               .arg(result.failed)
               .arg(log.size())
               .arg(usersThere)
        << Qt::endl;
    out << QStringLiteral(
        "summary: GUI thread during a %1-user, %8-group sync and no-op re-sync through ApplicationSync, "
        "target reads included (concurrency %2): max gap between 5 ms "
        "ticks %3 ms, p99 %4 ms, gaps > 55 ms %5 (target: no stall > 50 ms); idle baseline max %6 "
        "ms, p99 %7 ms")
               .arg(userCount)
               .arg(level)
               .arg(sync.maxMs, 0, 'f', 1)
               .arg(sync.p99Ms, 0, 'f', 1)
               .arg(sync.over50)
               .arg(idle.maxMs, 0, 'f', 1)
               .arg(idle.p99Ms, 0, 'f', 1)
               .arg(groupCount)
        << Qt::endl;
    const bool ok = result.failed == 0 && usersThere == userCount && resyncWrites == 0;
    out << (ok ? "OK" : "FAILED: the sync did not converge") << Qt::endl;
    return ok ? 0 : 1;
}
