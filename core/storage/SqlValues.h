#pragma once

#include <QDateTime>
#include <QString>
#include <QVariant>

// Conversions between model values and what the profile database stores.
namespace SqlValues {

// Timestamps are stored as ISO 8601 UTC with milliseconds, so they sort as text.
inline QVariant fromDateTime(const QDateTime& value)
{
    return value.isValid() ? QVariant(value.toUTC().toString(Qt::ISODateWithMs)) : QVariant(QString());
}

inline QDateTime toDateTime(const QVariant& value)
{
    const QString text = value.toString();
    if (text.isEmpty()) {
        return {};
    }
    QDateTime result = QDateTime::fromString(text, Qt::ISODateWithMs);
    result.setTimeSpec(Qt::UTC);
    return result;
}

// QtSql binds a null QString as SQL NULL; text columns are NOT NULL with '' for "none".
inline QVariant text(const QString& value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

// Names are unique regardless of case and surrounding spaces: "AWS", " aws " clash.
inline QString nameKey(const QString& name)
{
    return name.trimmed().toCaseFolded();
}

// A LIKE pattern (with ESCAPE '\\') that finds `search` anywhere, ignoring case: compared with a
// case-folded column, or with ASCII text (SQLite's LIKE ignores ASCII case by itself).
inline QString likePattern(const QString& search)
{
    QString escaped = search.trimmed().toCaseFolded();
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace SqlValues
