#include "ScimFilter.h"

#include <QRegularExpression>

ScimFilter::ScimFilter(QString expression, bool valid, bool compound)
    : m_expression(std::move(expression))
    , m_valid(valid)
    , m_compound(compound)
{
}

ScimFilter ScimFilter::eq(const QString& attributePath, const QString& value)
{
    if (!isValidAttributePath(attributePath))
        return ScimFilter(QString(), false, false);
    return ScimFilter(attributePath + QLatin1String(" eq ") + quote(value), true, false);
}

ScimFilter ScimFilter::eq(const QString& attributePath, bool value)
{
    if (!isValidAttributePath(attributePath))
        return ScimFilter(QString(), false, false);
    return ScimFilter(
        attributePath + QLatin1String(" eq ") + (value ? QLatin1String("true") : QLatin1String("false")), true, false);
}

ScimFilter ScimFilter::and_(const ScimFilter& other) const
{
    if (!m_valid || !other.m_valid)
        return ScimFilter(QString(), false, false);
    if (m_expression.isEmpty())
        return other;
    if (other.m_expression.isEmpty())
        return *this;
    // "and" is associative, so a flat chain needs no parentheses; AWS rejects them anyway.
    return ScimFilter(m_expression + QLatin1String(" and ") + other.m_expression, true, true);
}

QString ScimFilter::quote(const QString& value)
{
    QString out;
    out.reserve(value.size() + 2);
    out.append(QLatin1Char('"'));
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out.append(QLatin1String("\\\""));
            break;
        case u'\\':
            out.append(QLatin1String("\\\\"));
            break;
        case u'\b':
            out.append(QLatin1String("\\b"));
            break;
        case u'\f':
            out.append(QLatin1String("\\f"));
            break;
        case u'\n':
            out.append(QLatin1String("\\n"));
            break;
        case u'\r':
            out.append(QLatin1String("\\r"));
            break;
        case u'\t':
            out.append(QLatin1String("\\t"));
            break;
        default:
            if (u < 0x20 || u == 0x7f)
                out.append(QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0')));
            else
                out.append(c);
        }
    }
    out.append(QLatin1Char('"'));
    return out;
}

bool ScimFilter::isValidAttributePath(const QString& path)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(urn:[A-Za-z0-9][A-Za-z0-9.:_\-]*:)?[A-Za-z][A-Za-z0-9_$\-]*(\.[A-Za-z][A-Za-z0-9_$\-]*)?$)"));
    return pattern.match(path).hasMatch();
}
