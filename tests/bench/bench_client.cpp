// scimdesk-bench-client: how fast the SCIM client creates users against the standalone AWS
// emulator, next to what the load tool wrk gets from the same emulator with the same
// request. For each concurrency the client runs in a child process of its own (this
// executable with --measure-client), so its CPU time and peak memory are its own, and the
// emulator runs in a further process, fresh for every measurement.
// Prints figures; it fails only when a create fails or a user is missing.

#include "EmulatorProcess.h"
#include "ResourceUsage.h"
#include "WrkLoad.h"

#include <scim/ScimClient.h>
#include <servertypes/ServerTypeRegistry.h>

#include <util/ThreadEventLoops.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QRegularExpression>
#include <QTextStream>
#include <QThread>

#include <functional>

namespace {
QTextStream out(stdout);

struct ClientFigures
{
    int concurrency = 0;
    int users = 0;
    qint64 ms = 0;
    double cpuSeconds = 0;
    double peakMb = 0;
    int failed = 0;
    int linked = 0; // created earlier, found by the 409/unknown-outcome lookup
    qint64 requests = 0;
    double emulatorCpuSeconds = 0;
    int usersInEmulator = -1;
    QString error;

    double requestsPerSecond() const { return ms > 0 ? users * 1000.0 / ms : 0; }
};

// The same user the wrk script sends: unique userName, externalId and email per index.
QJsonObject benchUser(int index)
{
    const QString name = QStringLiteral("client.u%1").arg(index, 7, 10, QLatin1Char('0'));
    return QJsonObject {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")}},
        {QStringLiteral("userName"), name},
        {QStringLiteral("externalId"), QStringLiteral("ext-") + name},
        {QStringLiteral("displayName"), QStringLiteral("Bench User %1").arg(index)},
        {QStringLiteral("name"),
            QJsonObject {
                {QStringLiteral("givenName"), QStringLiteral("Bench")},
                {QStringLiteral("familyName"), QStringLiteral("User%1").arg(index)},
            }},
        {QStringLiteral("emails"),
            QJsonArray {QJsonObject {
                {QStringLiteral("value"), name + QStringLiteral("@example.com")},
                {QStringLiteral("type"), QStringLiteral("work")},
                {QStringLiteral("primary"), true},
            }}},
        {QStringLiteral("active"), true},
    };
}

// Child mode: one emulator process, `users` creates with `concurrency` requests in flight.
ClientFigures measureClient(int concurrency, int users)
{
    ClientFigures figures;
    figures.concurrency = concurrency;
    figures.users = users;
    EmulatorProcess emulator;
    if (!emulator.start()) {
        figures.error = emulator.errorString();
        return figures;
    }
    ScimClientConfig config;
    config.baseUrl = emulator.baseUrl();
    config.secret = emulator.token();
    const auto preset = ServerTypeRegistry::load().find(QStringLiteral("aws-iam-identity-center"));
    if (preset)
        config.capabilities = preset->capabilities;
    config.maxInFlight = concurrency;
    ScimClient client(config);

    // Like the sync executor: keep twice the client's limit submitted, so its queue never
    // runs dry while a callback travels back to this thread.
    const int window = qMax(2, concurrency * 2);
    QObject context;
    QEventLoop loop;
    int submitted = 0;
    int finished = 0;
    std::function<void()> submit = [&] {
        const int index = submitted++;
        const QJsonObject user = benchUser(index);
        const QList<ScimFilter> lookups {
            ScimFilter::eq(QStringLiteral("userName"), user.value(QStringLiteral("userName")).toString())};
        client.createUser(user, lookups, &context, [&](const Result<ScimClient::CreateOutcome, ScimError>& result) {
            ++finished;
            if (!result) {
                if (++figures.failed == 1)
                    figures.error = result.error().message();
            } else if (result.value().alreadyExisted) {
                ++figures.linked;
            }
            if (submitted < users)
                submit();
            else if (finished == users)
                loop.quit();
        });
    };
    const double emulatorCpuBefore = emulator.cpuSeconds();
    const double cpuBefore = ResourceUsage::cpuSeconds();
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < qMin(window, users); ++i)
        submit();
    if (users > 0)
        loop.exec();
    figures.ms = clock.elapsed();
    figures.cpuSeconds = ResourceUsage::cpuSeconds() - cpuBefore;
    figures.emulatorCpuSeconds = emulator.cpuSeconds() - emulatorCpuBefore;
    figures.requests = client.statistics().requests;
    figures.usersInEmulator = emulator.countResources(QStringLiteral("Users"));
    figures.peakMb = ResourceUsage::peakMegabytes();
    return figures;
}

const QRegularExpression& resultLine()
{
    static const QRegularExpression line(
        QStringLiteral("CLIENTRESULT concurrency=(\\d+) users=(\\d+) ms=(\\d+) cpu=([0-9.]+) rss=([0-9.]+) "
                       "failed=(\\d+) linked=(\\d+) requests=(\\d+) emulatorCpu=([-0-9.]+) inEmulator=(-?\\d+)"));
    return line;
}

void printResultLine(const ClientFigures& f)
{
    out << QStringLiteral("CLIENTRESULT concurrency=%1 users=%2 ms=%3 cpu=%4 rss=%5 failed=%6 linked=%7 requests=%8 "
                          "emulatorCpu=%9 inEmulator=%10")
               .arg(f.concurrency)
               .arg(f.users)
               .arg(f.ms)
               .arg(f.cpuSeconds, 0, 'f', 3)
               .arg(f.peakMb, 0, 'f', 1)
               .arg(f.failed)
               .arg(f.linked)
               .arg(f.requests)
               .arg(f.emulatorCpuSeconds, 0, 'f', 3)
               .arg(f.usersInEmulator)
        << Qt::endl;
    if (!f.error.isEmpty())
        out << QStringLiteral("first error: ") << f.error << Qt::endl;
}

// Parent mode: runs this executable with --measure-client and reads its result line.
ClientFigures runClientProcess(int concurrency, int users)
{
    ClientFigures figures;
    figures.concurrency = concurrency;
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
        {QStringLiteral("--measure-client"), QString::number(concurrency), QStringLiteral("--users"),
            QString::number(users)});
    if (!child.waitForFinished(30 * 60 * 1000)) {
        figures.error = QStringLiteral("the client process did not finish: ") + child.errorString();
        child.kill();
        return figures;
    }
    const QString output = QString::fromUtf8(child.readAllStandardOutput());
    const auto match = resultLine().match(output);
    if (!match.hasMatch()) {
        figures.error = QStringLiteral("the client process printed no result: ") + output.trimmed();
        return figures;
    }
    figures.users = match.captured(2).toInt();
    figures.ms = match.captured(3).toLongLong();
    figures.cpuSeconds = match.captured(4).toDouble();
    figures.peakMb = match.captured(5).toDouble();
    figures.failed = match.captured(6).toInt();
    figures.linked = match.captured(7).toInt();
    figures.requests = match.captured(8).toLongLong();
    figures.emulatorCpuSeconds = match.captured(9).toDouble();
    figures.usersInEmulator = match.captured(10).toInt();
    const int firstError = output.indexOf(QLatin1String("first error: "));
    if (firstError >= 0)
        figures.error = output.mid(firstError).trimmed();
    return figures;
}

QString cell(const QString& text, int width)
{
    return text.rightJustified(width);
}
} // namespace

int main(int argc, char** argv)
{
    ThreadEventLoops::useQtDispatcher(); // as the application's main() does
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("SCIM client create-user throughput against the standalone AWS emulator, compared with wrk."));
    parser.addHelpOption();
    const QCommandLineOption smoke(QStringLiteral("smoke"), QStringLiteral("Tiny sizes: checks the benchmark runs."));
    const QCommandLineOption users(QStringLiteral("users"), QStringLiteral("Users to create per run."),
        QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"),
        QStringLiteral("Comma-separated requests in flight."), QStringLiteral("list"), QStringLiteral("1,4,8"));
    const QCommandLineOption wrkSeconds(QStringLiteral("wrk-seconds"),
        QStringLiteral("Length of each wrk run (0: skip wrk)."), QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption measure(QStringLiteral("measure-client"),
        QStringLiteral("Internal: measure the client at this concurrency and print one result line."),
        QStringLiteral("n"));
    parser.addOptions({smoke, users, concurrency, wrkSeconds, measure});
    parser.process(app);

    if (parser.isSet(measure)) {
        const ClientFigures figures = measureClient(parser.value(measure).toInt(), parser.value(users).toInt());
        printResultLine(figures);
        return figures.error.isEmpty() ? 0 : 1;
    }

    const bool tiny = parser.isSet(smoke);
    const int userCount = tiny ? 40 : parser.value(users).toInt();
    int seconds = tiny ? 1 : parser.value(wrkSeconds).toInt();
    if (seconds > 0 && !WrkLoad::isAvailable()) {
        out << "wrk not found on PATH (apt-get install wrk): comparison skipped" << Qt::endl;
        seconds = 0;
    }
    QList<int> levels;
    for (const QString& level : parser.value(concurrency).split(QLatin1Char(','), Qt::SkipEmptyParts))
        levels.append(qMax(1, level.toInt()));

    out << QStringLiteral("SCIM client: create %1 users on the standalone AWS emulator (loopback); load average "
                          "%2 on %3 cores")
               .arg(userCount)
               .arg(ResourceUsage::loadAverage(), 0, 'f', 2)
               .arg(QThread::idealThreadCount())
        << Qt::endl;
    bool ok = true;
    QList<ClientFigures> clients;
    QList<WrkLoad::Result> loads;
    for (int level : std::as_const(levels)) {
        const ClientFigures figures = runClientProcess(level, userCount);
        if (!figures.error.isEmpty())
            out << QStringLiteral("concurrency %1: %2").arg(level).arg(figures.error) << Qt::endl;
        ok &= figures.failed == 0 && figures.users == userCount && figures.usersInEmulator == userCount;
        clients.append(figures);
    }
    for (int level : std::as_const(levels)) {
        WrkLoad::Result load;
        if (seconds > 0) {
            load = WrkLoad::createUsers(level, seconds);
            if (!load.ok) {
                out << QStringLiteral("wrk at %1 connections: %2").arg(level).arg(load.error) << Qt::endl;
                ok = false;
            }
        }
        loads.append(load);
    }

    out << Qt::endl
        << QStringLiteral("conc | client req/s | client CPU s | CPU us/req | peak RSS MB | failed | emulator CPU s "
                          "| wrk 201/s | wrk non-201 | wrk p99 ms | client/wrk")
        << Qt::endl;
    QStringList summaries;
    for (int i = 0; i < levels.size(); ++i) {
        const ClientFigures& c = clients.at(i);
        const WrkLoad::Result& w = loads.at(i);
        const double ratio = w.createsPerSecond() > 0 ? c.requestsPerSecond() / w.createsPerSecond() : 0;
        const double microsPerRequest = c.users > 0 ? c.cpuSeconds * 1e6 / c.users : 0;
        out << cell(QString::number(c.concurrency), 4) << " | "
            << cell(QString::number(c.requestsPerSecond(), 'f', 0), 12) << " | "
            << cell(QString::number(c.cpuSeconds, 'f', 2), 12) << " | "
            << cell(QString::number(microsPerRequest, 'f', 0), 10) << " | "
            << cell(QString::number(c.peakMb, 'f', 0), 11) << " | " << cell(QString::number(c.failed), 6) << " | "
            << cell(QString::number(c.emulatorCpuSeconds, 'f', 2), 14) << " | "
            << cell(w.ok ? QString::number(w.createsPerSecond(), 'f', 0) : QStringLiteral("-"), 9) << " | "
            << cell(w.ok ? QStringLiteral("%1 (%2)").arg(w.rejected).arg(w.statuses) : QStringLiteral("-"), 11) << " | "
            << cell(w.ok ? QString::number(w.p99Ms, 'f', 1) : QStringLiteral("-"), 10) << " | "
            << cell(w.ok ? QStringLiteral("%1 %").arg(ratio * 100, 0, 'f', 0) : QStringLiteral("-"), 10) << Qt::endl;
        summaries.append(QStringLiteral("client create %1 users at concurrency %2: %3 req/s, CPU %4 s (%5 us/req), "
                                        "peak RSS %6 MB, failed %7; wrk %8 201/s (non-201 %9) -> client/wrk %10 %")
                             .arg(c.users)
                             .arg(c.concurrency)
                             .arg(c.requestsPerSecond(), 0, 'f', 0)
                             .arg(c.cpuSeconds, 0, 'f', 2)
                             .arg(microsPerRequest, 0, 'f', 0)
                             .arg(c.peakMb, 0, 'f', 0)
                             .arg(c.failed)
                             .arg(w.createsPerSecond(), 0, 'f', 0)
                             .arg(w.rejected)
                             .arg(ratio * 100, 0, 'f', 0));
    }
    out << QStringLiteral("(client: %1 creates, one process per concurrency, window 2 x concurrency like the sync "
                          "executor; wrk: %2 s per run, 1 thread; fresh emulator process per measurement)")
               .arg(userCount)
               .arg(seconds)
        << Qt::endl;
    for (const QString& line : std::as_const(summaries))
        out << QStringLiteral("summary: ") << line << Qt::endl;
    out << (ok ? "OK" : "FAILED: a create failed or a user is missing") << Qt::endl;
    return ok ? 0 : 1;
}
