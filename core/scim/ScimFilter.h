#pragma once

#include <QString>

// Builds RFC 7644 filter expressions. Values are always rendered as JSON string literals
// (quotes, backslashes and control characters escaped), so no filter is ever concatenated
// from raw values. An invalid attribute path makes the filter invalid; the client refuses
// to send an invalid filter rather than guessing.
class ScimFilter
{
public:
    ScimFilter() = default;

    static ScimFilter eq(const QString& attributePath, const QString& value);
    static ScimFilter eq(const QString& attributePath, bool value);

    // Both this and other must hold. Either side may be empty (then the other is returned).
    ScimFilter and_(const ScimFilter& other) const;

    bool isEmpty() const { return m_expression.isEmpty() && m_valid; }
    bool isValid() const { return m_valid; }
    QString toString() const { return m_expression; }

    // The value as a JSON string literal including the surrounding quotes.
    static QString quote(const QString& value);
    // attrPath per RFC 7644: optional schema URN prefix, ATTRNAME, optional .subAttr.
    static bool isValidAttributePath(const QString& path);

    bool operator==(const ScimFilter& other) const
    {
        return m_expression == other.m_expression && m_valid == other.m_valid;
    }

private:
    ScimFilter(QString expression, bool valid, bool compound);

    QString m_expression;
    bool m_valid = true;
    bool m_compound = false; // contains "and": parenthesised when combined
};
