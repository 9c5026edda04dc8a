#pragma once

#include <QByteArray>
#include <QString>
#include <QTime>

#include <optional>

// When the headless run of one application happens (scimdesk-cli sync APP --apply), as the
// admin chose it in Schedule…; the platform's scheduler entry is generated from this.
struct RunSchedule
{
    enum class Frequency
    {
        Hourly, // at time.minute() past every hour
        Daily,
        Weekly, // on weekday
    };

    qint64 applicationId = 0;
    QString applicationName;
    Frequency frequency = Frequency::Daily;
    QTime time = QTime(2, 0);
    int weekday = Qt::Monday; // 1 = Monday … 7 = Sunday (Qt::DayOfWeek)
    // Empty: the run reads the token from the keychain of the logged-in user. Otherwise the
    // owner-only file the run reads it from (--token-file). The token itself is never here.
    QString tokenFile;
    // The profile folder the run uses; recorded so an entry is never taken for another
    // profile's (ScheduleInstaller fills it in from the scheduler's setup).
    QString profileDirectory;

    // "Every day at 02:00", for the dialog and the report.
    QString describe() const;
    // Why this schedule cannot be written (empty when it can): names with line breaks, an
    // invalid time or weekday, a relative token file path.
    QString validationError() const;

    // The machine-readable form kept in a comment of the generated entry, so the dialog can
    // show what is installed without parsing each platform's syntax. Base64 of compact JSON:
    // it contains no "--" (not allowed in XML comments) and no line break.
    QByteArray marker() const;
    static std::optional<RunSchedule> fromMarker(const QByteArray& marker);
};
