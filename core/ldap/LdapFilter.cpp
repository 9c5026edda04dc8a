#include "LdapFilter.h"

QString LdapFilter::escapeValue(const QString& value)
{
    QString escaped;
    escaped.reserve(value.size());
    for (const QChar c : value) {
        switch (c.unicode()) {
        case '*':
            escaped += QStringLiteral("\\2a");
            break;
        case '(':
            escaped += QStringLiteral("\\28");
            break;
        case ')':
            escaped += QStringLiteral("\\29");
            break;
        case '\\':
            escaped += QStringLiteral("\\5c");
            break;
        case 0:
            escaped += QStringLiteral("\\00");
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

QString LdapFilter::equals(const QString& attribute, const QString& value)
{
    return QStringLiteral("(%1=%2)").arg(attribute, escapeValue(value));
}

QString LdapFilter::atLeast(const QString& attribute, const QString& value)
{
    return QStringLiteral("(%1>=%2)").arg(attribute, escapeValue(value));
}

QString LdapFilter::parenthesized(const QString& filter)
{
    const QString trimmed = filter.trimmed();
    if (trimmed.isEmpty()) {
        return QStringLiteral("(objectClass=*)");
    }
    return trimmed.startsWith(QLatin1Char('(')) ? trimmed : QLatin1Char('(') + trimmed + QLatin1Char(')');
}

QString LdapFilter::allOf(const QStringList& filters)
{
    QStringList parts;
    for (const QString& filter : filters) {
        if (!filter.trimmed().isEmpty()) {
            parts.append(parenthesized(filter));
        }
    }
    if (parts.isEmpty()) {
        return parenthesized(QString());
    }
    return parts.size() == 1 ? parts.first() : QStringLiteral("(&%1)").arg(parts.join(QString()));
}
