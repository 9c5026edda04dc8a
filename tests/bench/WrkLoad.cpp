#include "WrkLoad.h"

#include "EmulatorProcess.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>

bool WrkLoad::isAvailable()
{
    return !QStandardPaths::findExecutable(QStringLiteral("wrk")).isEmpty();
}

WrkLoad::Result WrkLoad::createUsers(int connections, int seconds)
{
    Result result;
    result.connections = connections;
    EmulatorProcess emulator;
    if (!emulator.start()) {
        result.error = emulator.errorString();
        return result;
    }
    QProcess wrk;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The token goes through the environment so that it never shows in a process list.
    environment.insert(QStringLiteral("SCIMDESK_BENCH_TOKEN"), emulator.token());
    wrk.setProcessEnvironment(environment);
    wrk.setProcessChannelMode(QProcess::MergedChannels);
    const double cpuBefore = emulator.cpuSeconds();
    wrk.start(QStringLiteral("wrk"),
        {QStringLiteral("-t1"), QStringLiteral("-c%1").arg(connections), QStringLiteral("-d%1s").arg(seconds),
            QStringLiteral("--timeout"), QStringLiteral("10s"), QStringLiteral("-s"),
            QStringLiteral(SCIMDESK_BENCH_WRK_SCRIPT), emulator.endpointUrl(QStringLiteral("Users")).toString()});
    if (!wrk.waitForStarted()) {
        result.error = QStringLiteral("cannot start wrk (install the wrk package): %1").arg(wrk.errorString());
        return result;
    }
    wrk.waitForFinished(seconds * 1000 + 60000);
    result.emulatorCpuSeconds = emulator.cpuSeconds() - cpuBefore;
    const QString output = QString::fromUtf8(wrk.readAll());
    static const QRegularExpression line(
        QStringLiteral("WRKRESULT requests=(\\d+) seconds=([0-9.]+) created=(\\d+) rejected=(\\d+) socketErrors=(\\d+) "
                       "p50ms=([0-9.]+) p99ms=([0-9.]+) statuses=(\\S+)"));
    const auto match = line.match(output);
    if (wrk.exitStatus() != QProcess::NormalExit || wrk.exitCode() != 0 || !match.hasMatch()) {
        result.error = QStringLiteral("wrk failed: %1").arg(output.trimmed());
        return result;
    }
    result.requests = match.captured(1).toLongLong();
    result.seconds = match.captured(2).toDouble();
    result.created = match.captured(3).toLongLong();
    result.rejected = match.captured(4).toLongLong();
    result.socketErrors = match.captured(5).toLongLong();
    result.p50Ms = match.captured(6).toDouble();
    result.p99Ms = match.captured(7).toDouble();
    result.statuses = match.captured(8);
    result.usersInEmulator = emulator.countResources(QStringLiteral("Users"));
    emulator.stop();
    result.ok = true;
    return result;
}
