#pragma once

#include <QtGlobal>

#include <deque>

// Client-side token bucket that adapts to the server: on a 429 the rate is halved
// (multiplicative decrease), then it grows back by a small step per second without
// throttling (additive increase) up to the configured rate. Time is passed in (ms on a
// monotonic clock) so the behaviour is unit-tested without waiting.
class AdaptiveRateLimiter
{
public:
    // ratePerSecond <= 0: unlimited until the first 429, which then sets a limit from
    // the rate actually observed.
    explicit AdaptiveRateLimiter(double ratePerSecond = 0, double burst = 0, double minRate = 0.5);

    // 0 when a token was taken (send now), otherwise the ms to wait before asking again.
    qint64 acquire(qint64 nowMs);
    void onThrottled(qint64 nowMs);
    void onSuccess(qint64 nowMs);

    double currentRate() const { return m_rate; } // 0: unlimited
    double configuredRate() const { return m_configuredRate; }

private:
    void refill(qint64 nowMs);

    double m_configuredRate;
    double m_burst;
    double m_minRate;
    double m_rate;
    double m_tokens;
    double m_increasePerSecond;
    qint64 m_lastRefillMs = -1;
    qint64 m_lastAdjustMs = -1;
    qint64 m_lastDecreaseMs = -1;
    std::deque<qint64> m_recentSends; // for the unlimited case: what rate did we really have?
};
