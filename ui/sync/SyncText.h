#pragma once

#include <QDateTime>
#include <QString>

// The words and formats Sync & Logs shows for journal values: one date format (the locale's
// short one, local time), durations, and run / entry statuses and actions in words.
class SyncText
{
public:
    static QString dateTime(const QDateTime& value);
    // "0:42", "1:02:03"; "—" for a run that has not finished.
    static QString duration(const QDateTime& started, const QDateTime& finished);
    static QString durationSeconds(qint64 seconds);
    static QString runStatus(const QString& status);
    // A run's mode ("apply", "preview", "single-user") as the app names it.
    static QString runMode(const QString& mode);
    static QString entryStatus(const QString& status);
    static QString action(const QString& actionId);
};
