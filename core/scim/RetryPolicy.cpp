#include "RetryPolicy.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

RetryPolicy::RetryPolicy(Settings settings, std::function<double()> random)
    : m_settings(settings)
    , m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

bool RetryPolicy::isRetryable(const ScimError& error)
{
    switch (error.kind) {
    case ScimError::Kind::Network:
    case ScimError::Kind::Timeout:
        return true;
    case ScimError::Kind::Http:
        return error.httpStatus == 429 || error.httpStatus == 500 || error.httpStatus == 502 || error.httpStatus == 503
            || error.httpStatus == 504;
    default:
        return false;
    }
}

bool RetryPolicy::isOutcomeUnknown(const ScimError& error)
{
    switch (error.kind) {
    case ScimError::Kind::Timeout:
    case ScimError::Kind::Network:
        return true;
    case ScimError::Kind::Http:
        return error.httpStatus == 500 || error.httpStatus == 502 || error.httpStatus == 504;
    default:
        return false;
    }
}

qint64 RetryPolicy::backoffMs(int attemptsMade) const
{
    const int exponent = std::clamp(attemptsMade - 1, 0, 30);
    const double ceiling
        = std::min(double(m_settings.maxDelayMs), double(m_settings.baseDelayMs) * std::ldexp(1.0, exponent));
    const double r = std::clamp(m_random(), 0.0, 1.0);
    return qint64(std::floor(ceiling * r));
}

std::optional<qint64> RetryPolicy::nextDelayMs(
    const ScimError& error, int attemptsMade, qint64 elapsedMs, std::optional<qint64> retryAfterMs) const
{
    if (!isRetryable(error) || attemptsMade >= m_settings.maxAttempts)
        return std::nullopt;
    qint64 delay = backoffMs(attemptsMade);
    // The server's word wins over our guess, but jitter still spreads clients that were
    // all told the same instant.
    if (retryAfterMs)
        delay = std::max<qint64>(*retryAfterMs, 0) + delay / 4;
    if (elapsedMs + delay > m_settings.maxTotalMs)
        return std::nullopt;
    return delay;
}

std::optional<qint64> RetryPolicy::parseRetryAfterMs(const QByteArray& value, const QDateTime& now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 seconds = trimmed.toLongLong(&isNumber);
    if (isNumber)
        return seconds >= 0 ? std::optional<qint64>(seconds * 1000) : std::nullopt;
    // IMF-fixdate (RFC 9110), plus the obsolete RFC 850 and asctime forms. The weekday is
    // dropped first: it is redundant, and a two-digit year would make it disagree.
    QString text = QString::fromLatin1(trimmed).simplified();
    const int comma = text.indexOf(QLatin1Char(','));
    text = comma >= 0 ? text.mid(comma + 1).trimmed() : text.section(QLatin1Char(' '), 1);
    const QLocale c = QLocale::c();
    static const char* const formats[] = {
        "dd MMM yyyy HH:mm:ss 'GMT'",
        "dd-MMM-yy HH:mm:ss 'GMT'",
        "MMM d HH:mm:ss yyyy",
    };
    for (const char* format : formats) {
        QDateTime when = c.toDateTime(text, QLatin1String(format));
        if (!when.isValid())
            continue;
        when.setTimeZone(QTimeZone::utc());
        if (when.date().year() < 1970)
            when = when.addYears(100);
        return std::max<qint64>(0, now.msecsTo(when));
    }
    return std::nullopt;
}
