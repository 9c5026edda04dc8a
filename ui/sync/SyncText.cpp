#include "SyncText.h"

#include "sync/PlannedOperation.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTime>
#include <algorithm>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("SyncText", text);
}
} // namespace

QString SyncText::dateTime(const QDateTime& value)
{
    return value.isValid() ? QLocale().toString(value.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString SyncText::duration(const QDateTime& started, const QDateTime& finished)
{
    if (!started.isValid() || !finished.isValid()) {
        return QStringLiteral("\u2014");
    }
    // A run of a few operations takes milliseconds: "0:00" would read as nothing happened.
    if (started.msecsTo(finished) < 1000) {
        return tr("under 1 s");
    }
    return durationSeconds(started.secsTo(finished));
}

QString SyncText::durationSeconds(qint64 seconds)
{
    if (seconds < 0) {
        return tr("unknown");
    }
    const QTime time = QTime(0, 0).addSecs(int(seconds % 86400));
    const QString clock = time.toString(seconds >= 3600 ? QStringLiteral("h:mm:ss") : QStringLiteral("m:ss"));
    return seconds >= 86400
        ? QCoreApplication::translate("SyncText", "%n day(s) %1", nullptr, int(seconds / 86400)).arg(clock)
        : clock;
}

QString SyncText::runMode(const QString& mode)
{
    if (mode == QLatin1String("apply")) {
        return tr("Apply");
    }
    if (mode == QLatin1String("preview")) {
        return tr("Preview");
    }
    if (mode == QLatin1String("single-user")) {
        return tr("Provision User");
    }
    return mode;
}

QString SyncText::runStatus(const QString& status)
{
    if (status == QLatin1String("succeeded")) {
        return tr("Succeeded");
    }
    if (status == QLatin1String("partial")) {
        return tr("Partly done");
    }
    if (status == QLatin1String("failed")) {
        return tr("Failed");
    }
    if (status == QLatin1String("cancelled")) {
        return tr("Cancelled");
    }
    if (status == QLatin1String("refused")) {
        return tr("Refused");
    }
    if (status == QLatin1String("running")) {
        return tr("Running (or interrupted)");
    }
    return status;
}

QString SyncText::entryStatus(const QString& status)
{
    if (status == QLatin1String("ok")) {
        return tr("OK");
    }
    if (status == QLatin1String("failed")) {
        return tr("Failed");
    }
    if (status == QLatin1String("skipped")) {
        return tr("Skipped");
    }
    if (status == QLatin1String("cancelled")) {
        return tr("Cancelled");
    }
    return status;
}

QString SyncText::action(const QString& actionId)
{
    for (const auto kind : PlannedOperation::allKinds()) {
        if (PlannedOperation::kindId(kind) == actionId) {
            return PlannedOperation::kindLabel(kind);
        }
    }
    return actionId;
}
