#pragma once

#include "ScimError.h"

#include <QByteArray>
#include <QDateTime>

#include <functional>
#include <optional>

struct RetrySettings
{
    int maxAttempts = 5; // including the first
    qint64 baseDelayMs = 500;
    qint64 maxDelayMs = 30000;
    qint64 maxTotalMs = 120000; // from the first attempt's start
};

// Decides whether and when a failed request is tried again. Pure: the random source is
// injected, time is passed in, so every decision is unit-tested.
class RetryPolicy
{
public:
    using Settings = RetrySettings;

    // random() returns a value in [0, 1).
    explicit RetryPolicy(Settings settings = Settings(), std::function<double()> random = {});

    const Settings& settings() const { return m_settings; }

    // 429, 500, 502, 503, 504, timeouts and transient network errors. Not other 4xx, TLS,
    // DNS, cancellation or invalid responses.
    static bool isRetryable(const ScimError& error);
    // For a POST: true when the request may have been processed although no answer came
    // (timeout, connection dropped, 500/502/504). Such a POST is looked up, never re-sent blindly.
    static bool isOutcomeUnknown(const ScimError& error);

    // Delay before attempt number attemptsMade + 1, or nullopt to give up.
    // attemptsMade >= 1; elapsedMs since the first attempt; retryAfterMs from the response.
    std::optional<qint64> nextDelayMs(
        const ScimError& error, int attemptsMade, qint64 elapsedMs, std::optional<qint64> retryAfterMs) const;

    // Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attemptsMade-1))].
    qint64 backoffMs(int attemptsMade) const;

    // Retry-After: delta seconds or an HTTP-date (relative to now). nullopt for garbage.
    static std::optional<qint64> parseRetryAfterMs(const QByteArray& value, const QDateTime& now);

private:
    Settings m_settings;
    std::function<double()> m_random;
};
