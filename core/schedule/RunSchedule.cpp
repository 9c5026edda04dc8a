#include "RunSchedule.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace {
QString frequencyId(RunSchedule::Frequency frequency)
{
    switch (frequency) {
    case RunSchedule::Frequency::Hourly:
        return QStringLiteral("hourly");
    case RunSchedule::Frequency::Weekly:
        return QStringLiteral("weekly");
    case RunSchedule::Frequency::Daily:
        break;
    }
    return QStringLiteral("daily");
}

bool hasControlCharacter(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator) {
            return true;
        }
    }
    return false;
}
} // namespace

QString RunSchedule::describe() const
{
    const QString at = time.toString(QStringLiteral("HH:mm"));
    switch (frequency) {
    case Frequency::Hourly:
        return QCoreApplication::translate("RunSchedule", "Every hour at %1 minutes past")
            .arg(time.minute(), 2, 10, QLatin1Char('0'));
    case Frequency::Weekly:
        return QCoreApplication::translate("RunSchedule", "Every %1 at %2")
            .arg(QLocale().dayName(weekday, QLocale::LongFormat), at);
    case Frequency::Daily:
        break;
    }
    return QCoreApplication::translate("RunSchedule", "Every day at %1").arg(at);
}

QString RunSchedule::validationError() const
{
    if (applicationId <= 0 || applicationName.trimmed().isEmpty()) {
        return QCoreApplication::translate("RunSchedule", "Save the application before scheduling it.");
    }
    if (hasControlCharacter(applicationName)) {
        return QCoreApplication::translate("RunSchedule",
            "The application name contains a line break or control character, which a scheduler entry cannot "
            "hold. Rename the application, then schedule it.");
    }
    if (!time.isValid() || weekday < Qt::Monday || weekday > Qt::Sunday) {
        return QCoreApplication::translate("RunSchedule", "Choose a valid time and day.");
    }
    if (!tokenFile.isEmpty() && (!QDir::isAbsolutePath(tokenFile) || hasControlCharacter(tokenFile))) {
        return QCoreApplication::translate("RunSchedule",
            "The token file must be a full path (for example /home/you/.config/scimdesk/aws-token), without line "
            "breaks.");
    }
    return {};
}

QByteArray RunSchedule::marker() const
{
    const QJsonObject object {
        {QStringLiteral("frequency"), frequencyId(frequency)},
        {QStringLiteral("time"), time.toString(QStringLiteral("HH:mm"))},
        {QStringLiteral("weekday"), weekday},
        {QStringLiteral("tokenFile"), tokenFile},
        {QStringLiteral("application"), applicationName},
        {QStringLiteral("profile"), profileDirectory},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64();
}

std::optional<RunSchedule> RunSchedule::fromMarker(const QByteArray& marker)
{
    // The entry is a file in the admin's home: read it as untrusted, bounded input.
    if (marker.size() > 8192) {
        return std::nullopt;
    }
    const auto decoded = QByteArray::fromBase64Encoding(marker, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return std::nullopt;
    }
    const QJsonObject object = QJsonDocument::fromJson(*decoded).object();
    RunSchedule schedule;
    const QString frequency = object.value(QStringLiteral("frequency")).toString();
    if (frequency == QLatin1String("hourly")) {
        schedule.frequency = Frequency::Hourly;
    } else if (frequency == QLatin1String("weekly")) {
        schedule.frequency = Frequency::Weekly;
    } else if (frequency != QLatin1String("daily")) {
        return std::nullopt;
    }
    schedule.time = QTime::fromString(object.value(QStringLiteral("time")).toString(), QStringLiteral("HH:mm"));
    schedule.weekday = object.value(QStringLiteral("weekday")).toInt();
    schedule.tokenFile = object.value(QStringLiteral("tokenFile")).toString();
    schedule.applicationName = object.value(QStringLiteral("application")).toString(); // empty in older entries
    schedule.profileDirectory = object.value(QStringLiteral("profile")).toString(); // empty in older entries
    if (!schedule.time.isValid() || schedule.weekday < Qt::Monday || schedule.weekday > Qt::Sunday) {
        return std::nullopt;
    }
    return schedule;
}
