#include "RepeatedValueCache.h"

const QString* RepeatedValueCache::find(const QByteArray& bytes)
{
    if (!m_enabled) {
        return nullptr;
    }
    ++m_lookups;
    const auto found = m_values.constFind(bytes);
    if (found != m_values.constEnd()) {
        ++m_hits;
        return &found.value();
    }
    // Fewer than half found again after the sample: the values are (nearly) all different.
    if (m_lookups == kSample && m_hits * 2 < m_lookups) {
        disable();
    }
    return nullptr;
}

void RepeatedValueCache::add(const QByteArray& bytes, const QString& text)
{
    if (!m_enabled) {
        return;
    }
    if (m_values.size() >= kMaxValues) {
        disable();
        return;
    }
    m_values.insert(QByteArray(bytes.constData(), bytes.size()), text);
}

void RepeatedValueCache::disable()
{
    m_enabled = false;
    m_values = {};
}
