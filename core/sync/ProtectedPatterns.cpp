#include "ProtectedPatterns.h"

ProtectedPatterns::ProtectedPatterns(const QStringList& texts)
{
    // Back-references count groups across the whole expression, so a pattern using them
    // cannot be joined with the others and is matched on its own.
    static const QRegularExpression backReference(QStringLiteral(R"(\\[1-9]|\\[gk]|\(\?P[=>]|\(\?[-+]?[0-9R&])"));
    QStringList joinable;
    for (const auto& text : texts) {
        QRegularExpression pattern(text);
        if (!pattern.isValid())
            continue;
        if (backReference.match(text).hasMatch())
            m_separate.append(pattern);
        else
            joinable.append(QStringLiteral("(?:") + text + QLatin1Char(')'));
    }
    if (!joinable.isEmpty()) {
        m_joined.setPattern(joinable.join(QLatin1Char('|')));
        m_joined.optimize();
        m_hasJoined = m_joined.isValid();
    }
}

bool ProtectedPatterns::matches(const QString& a, const QString& b) const
{
    if (!m_hasJoined && m_separate.isEmpty())
        return false;
    return matchesOne(a) || (!b.isEmpty() && b != a && matchesOne(b));
}

bool ProtectedPatterns::matchesOne(const QString& text) const
{
    if (text.isEmpty())
        return false;
    if (m_hasJoined && m_joined.match(text).hasMatch())
        return true;
    for (const auto& pattern : m_separate) {
        if (pattern.match(text).hasMatch())
            return true;
    }
    return false;
}
