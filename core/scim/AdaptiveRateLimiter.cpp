#include "AdaptiveRateLimiter.h"

#include <algorithm>
#include <cmath>

namespace {
constexpr qint64 kWindowMs = 1000;
}

AdaptiveRateLimiter::AdaptiveRateLimiter(double ratePerSecond, double burst, double minRate)
    : m_configuredRate(std::max(0.0, ratePerSecond))
    , m_burst(burst > 0 ? burst : std::max(1.0, ratePerSecond))
    , m_minRate(minRate)
    , m_rate(m_configuredRate)
    , m_tokens(m_burst)
    , m_increasePerSecond(std::max(0.5, m_configuredRate / 20.0))
{
}

void AdaptiveRateLimiter::refill(qint64 nowMs)
{
    if (m_lastRefillMs >= 0 && nowMs > m_lastRefillMs && m_rate > 0)
        m_tokens = std::min(m_burst, m_tokens + (nowMs - m_lastRefillMs) * m_rate / 1000.0);
    m_lastRefillMs = nowMs;
}

qint64 AdaptiveRateLimiter::acquire(qint64 nowMs)
{
    if (m_rate <= 0) {
        m_recentSends.push_back(nowMs);
        while (!m_recentSends.empty() && m_recentSends.front() <= nowMs - kWindowMs)
            m_recentSends.pop_front();
        return 0;
    }
    refill(nowMs);
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return 0;
    }
    return std::max<qint64>(1, qint64(std::ceil((1.0 - m_tokens) * 1000.0 / m_rate)));
}

void AdaptiveRateLimiter::onThrottled(qint64 nowMs)
{
    // Several 429s from requests that were in flight together are one signal, not many.
    if (m_lastDecreaseMs >= 0 && nowMs - m_lastDecreaseMs < 1000 && m_rate > 0)
        return;
    refill(nowMs);
    if (m_rate <= 0) {
        const double observed = double(m_recentSends.size()) * 1000.0 / kWindowMs;
        m_rate = std::max(m_minRate, observed / 2.0);
        m_increasePerSecond = std::max(0.5, m_rate / 10.0);
        m_burst = std::max(1.0, m_rate);
    } else {
        m_rate = std::max(m_minRate, m_rate / 2.0);
    }
    m_tokens = std::min(m_tokens, 0.0); // the server is saturated: start from an empty bucket
    m_lastDecreaseMs = nowMs;
    m_lastAdjustMs = nowMs;
}

void AdaptiveRateLimiter::onSuccess(qint64 nowMs)
{
    if (m_rate <= 0 || (m_configuredRate > 0 && m_rate >= m_configuredRate))
        return;
    if (m_lastAdjustMs < 0)
        m_lastAdjustMs = nowMs;
    const qint64 elapsed = nowMs - m_lastAdjustMs;
    if (elapsed < 1000)
        return;
    refill(nowMs);
    const double ceiling = m_configuredRate > 0 ? m_configuredRate : m_rate * 4; // unlimited: keep probing
    m_rate = std::min(ceiling, m_rate + m_increasePerSecond * (elapsed / 1000));
    m_lastAdjustMs = nowMs - elapsed % 1000;
}
