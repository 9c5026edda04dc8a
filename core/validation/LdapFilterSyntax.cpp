#include "LdapFilterSyntax.h"

#include <QCoreApplication>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("LdapFilterSyntax", text);
}

bool isKeyChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-');
}

bool isHexDigit(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

// Nested filters deeper than this are not written by people; the limit keeps the recursion bounded.
constexpr int maxDepth = 64;

class FilterParser
{
public:
    explicit FilterParser(const QString& text)
        : m_text(text)
    {
    }

    QString run()
    {
        if (!filter(0)) {
            return m_error;
        }
        if (m_pos != m_text.size()) {
            error(tr("unexpected text after the filter's closing parenthesis; combine several conditions "
                     "with (&(…)(…)) or (|(…)(…))."));
            return m_error;
        }
        return {};
    }

private:
    QChar peek() const { return m_pos < m_text.size() ? m_text.at(m_pos) : QChar(); }
    bool error(const QString& message)
    {
        if (m_error.isEmpty()) {
            m_error = tr("Position %1: %2").arg(qMin(m_pos + 1, m_text.size() + 1)).arg(message);
        }
        return false;
    }

    bool filter(int depth)
    {
        if (depth > maxDepth) {
            return error(tr("the filter is nested too deeply."));
        }
        if (peek() != QLatin1Char('(')) {
            return error(tr("expected \"(\": every filter and every condition is written in parentheses, e.g. "
                            "(objectClass=user)."));
        }
        ++m_pos;
        const QChar c = peek();
        if (c == QLatin1Char('&') || c == QLatin1Char('|')) {
            ++m_pos;
            while (peek() == QLatin1Char('(')) {
                if (!filter(depth + 1)) {
                    return false;
                }
            }
        } else if (c == QLatin1Char('!')) {
            ++m_pos;
            if (!filter(depth + 1)) {
                return false;
            }
        } else if (!item()) {
            return false;
        }
        if (peek() != QLatin1Char(')')) {
            return error(m_pos >= m_text.size() ? tr("a \")\" is missing at the end.")
                                                : tr("expected \")\"; a \"(\" or \")\" inside a value must be "
                                                     "escaped as \\28 or \\29."));
        }
        ++m_pos;
        return true;
    }

    // attr [;options] | numeric OID
    bool attributeDescription(bool required)
    {
        const qsizetype start = m_pos;
        while (
            m_pos < m_text.size() && (isKeyChar(peek()) || peek() == QLatin1Char('.') || peek() == QLatin1Char(';'))) {
            ++m_pos;
        }
        if (m_pos == start) {
            return !required || error(tr("an attribute name is missing before the comparison."));
        }
        const QString description = m_text.mid(start, m_pos - start);
        for (const QString& part : description.split(QLatin1Char(';'))) {
            if (part.isEmpty()) {
                return error(tr("\"%1\" is not an attribute name.").arg(description));
            }
        }
        return true;
    }

    bool item()
    {
        const bool hasAttribute = peek() != QLatin1Char(':');
        if (hasAttribute && !attributeDescription(true)) {
            return false;
        }
        const QChar c = peek();
        if (c == QLatin1Char(':')) {
            return extensible(hasAttribute);
        }
        if (c == QLatin1Char('~') || c == QLatin1Char('>') || c == QLatin1Char('<')) {
            ++m_pos;
            if (peek() != QLatin1Char('=')) {
                return error(tr("\"%1\" must be followed by \"=\" (~=, >=, <=).").arg(c));
            }
            ++m_pos;
            return value(false);
        }
        if (c != QLatin1Char('=')) {
            return error(tr("expected a comparison (=, ~=, >=, <=) after the attribute name; names hold only "
                            "letters, digits and \"-\"."));
        }
        ++m_pos;
        return value(true);
    }

    bool extensible(bool hasAttribute)
    {
        bool hasRule = false;
        if (m_text.mid(m_pos, 3).compare(QLatin1String(":dn"), Qt::CaseInsensitive) == 0
            && m_text.mid(m_pos + 3, 1) == QLatin1String(":")) {
            m_pos += 3;
        }
        if (peek() == QLatin1Char(':') && m_text.mid(m_pos, 2) != QLatin1String(":=")) {
            ++m_pos;
            const qsizetype start = m_pos;
            while (m_pos < m_text.size() && (isKeyChar(peek()) || peek() == QLatin1Char('.'))) {
                ++m_pos;
            }
            if (m_pos == start) {
                return error(tr("a matching rule (an OID such as 1.2.840.113556.1.4.1941) is missing after \":\"."));
            }
            hasRule = true;
        }
        if (m_text.mid(m_pos, 2) != QLatin1String(":=")) {
            return error(tr("an extensible match ends with \":=\" before its value, e.g. "
                            "(memberOf:1.2.840.113556.1.4.1941:=CN=Staff,DC=corp,DC=example)."));
        }
        if (!hasAttribute && !hasRule) {
            return error(tr("an extensible match needs an attribute or a matching rule."));
        }
        m_pos += 2;
        return value(false);
    }

    // An assertion value up to the closing ")"; '*' only where substrings allow it.
    bool value(bool substringsAllowed)
    {
        while (m_pos < m_text.size() && peek() != QLatin1Char(')')) {
            const QChar c = peek();
            if (c == QLatin1Char('(')) {
                return error(tr("an unescaped \"(\" in a value; write it as \\28."));
            }
            if (c == QLatin1Char('*') && !substringsAllowed) {
                return error(tr("\"*\" is only allowed with \"=\"; write a literal \"*\" as \\2a."));
            }
            if (c == QLatin1Char('\\')) {
                if (m_pos + 2 >= m_text.size() || !isHexDigit(m_text.at(m_pos + 1))
                    || !isHexDigit(m_text.at(m_pos + 2))) {
                    return error(tr("\"\\\" in a value starts an escape of two hex digits, e.g. \\2a for \"*\", "
                                    "\\28 for \"(\", \\5c for \"\\\"."));
                }
                m_pos += 3;
                continue;
            }
            if (c.category() == QChar::Other_Control) {
                return error(tr("a control character in a value; escape it as \\XX."));
            }
            ++m_pos;
        }
        return true;
    }

    const QString& m_text;
    qsizetype m_pos = 0;
    QString m_error;
};
} // namespace

QString LdapFilterSyntax::check(const QString& filter)
{
    if (filter.trimmed().isEmpty()) {
        return tr("The filter is empty.");
    }
    if (filter.size() > maxLength) {
        return tr("The filter is too long: at most %1 characters.").arg(maxLength);
    }
    if (filter != filter.trimmed()) {
        return tr("The filter has spaces at its start or end; remove them.");
    }
    return FilterParser(filter).run();
}
