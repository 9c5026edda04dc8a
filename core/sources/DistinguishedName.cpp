#include "DistinguishedName.h"

#include <QCoreApplication>

#include <algorithm>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("DistinguishedName", text);
}

bool isHexDigit(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

bool isAsciiLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// descr (a letter, then letters, digits, '-') or a numeric OID (1.2.840…).
bool isAttributeType(const QString& type)
{
    if (type.isEmpty()) {
        return false;
    }
    if (isAsciiLetter(type.at(0))) {
        return std::all_of(type.cbegin(), type.cend(),
            [](QChar c) { return isAsciiLetter(c) || isDigit(c) || c == QLatin1Char('-'); });
    }
    const QStringList arcs = type.split(QLatin1Char('.'));
    return std::all_of(arcs.cbegin(), arcs.cend(), [](const QString& arc) {
        return !arc.isEmpty() && std::all_of(arc.cbegin(), arc.cend(), isDigit)
            && (arc.size() == 1 || arc.at(0) != QLatin1Char('0'));
    });
}

bool needsEscape(QChar c)
{
    static const QString special = QStringLiteral(",+\"\\<>;");
    return special.contains(c) || c == QChar(0);
}

// A parser over one DN text; each method advances m_pos.
class Parser
{
public:
    explicit Parser(const QString& text)
        : m_text(text)
    {
    }

    QList<DistinguishedName::Rdn> run(QString* error)
    {
        QList<DistinguishedName::Rdn> rdns;
        if (m_text.trimmed().isEmpty()) {
            return rdns;
        }
        while (true) {
            DistinguishedName::Rdn rdn;
            while (true) {
                DistinguishedName::Attribute attribute;
                if (!parseAttribute(attribute)) {
                    *error = m_error;
                    return {};
                }
                rdn.append(attribute);
                skipSpaces();
                if (at(QLatin1Char('+'))) {
                    ++m_pos;
                    continue;
                }
                break;
            }
            rdns.append(rdn);
            if (m_pos >= m_text.size()) {
                return rdns;
            }
            if (!at(QLatin1Char(','))) {
                *error = tr("Unexpected \"%1\" at position %2; a \",\" separates the parts of the name.")
                             .arg(m_text.at(m_pos))
                             .arg(m_pos + 1);
                return {};
            }
            ++m_pos;
        }
    }

private:
    bool at(QChar c) const { return m_pos < m_text.size() && m_text.at(m_pos) == c; }
    void skipSpaces()
    {
        while (at(QLatin1Char(' '))) {
            ++m_pos;
        }
    }
    bool failAt(const QString& message)
    {
        m_error = message;
        return false;
    }

    bool parseAttribute(DistinguishedName::Attribute& attribute)
    {
        skipSpaces();
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && m_text.at(m_pos) != QLatin1Char('=') && m_text.at(m_pos) != QLatin1Char(',')
            && m_text.at(m_pos) != QLatin1Char('+')) {
            ++m_pos;
        }
        attribute.type = m_text.mid(start, m_pos - start).trimmed();
        if (!at(QLatin1Char('='))) {
            return failAt(attribute.type.isEmpty()
                    ? tr("A part of the name is empty at position %1 (two separators in a row, or one at the end).")
                          .arg(start + 1)
                    : tr("\"%1\" has no \"=\": each part of a name is attribute=value, e.g. OU=Sales.")
                          .arg(attribute.type));
        }
        if (!isAttributeType(attribute.type)) {
            return failAt(tr("\"%1\" is not an attribute name (letters, digits and \"-\", starting with a letter, "
                             "e.g. CN, OU, DC).")
                              .arg(attribute.type));
        }
        ++m_pos;
        skipSpaces();
        return at(QLatin1Char('#')) ? parseHexValue(attribute) : parseStringValue(attribute);
    }

    bool parseHexValue(DistinguishedName::Attribute& attribute)
    {
        const qsizetype start = m_pos++;
        while (m_pos < m_text.size() && isHexDigit(m_text.at(m_pos))) {
            ++m_pos;
        }
        const qsizetype digits = m_pos - start - 1;
        attribute.value = m_text.mid(start, m_pos - start);
        attribute.hexValue = true;
        skipSpaces();
        if (digits == 0 || digits % 2 != 0
            || (m_pos < m_text.size() && !at(QLatin1Char(',')) && !at(QLatin1Char('+')))) {
            return failAt(tr("The value starting with \"#\" at position %1 is not a hex string; write a literal "
                             "\"#\" as \\#.")
                              .arg(start + 1));
        }
        return true;
    }

    bool parseStringValue(DistinguishedName::Attribute& attribute)
    {
        QByteArray utf8;
        qsizetype trailingSpaces = 0; // unescaped spaces at the end are not part of the value
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (c == QLatin1Char(',') || c == QLatin1Char('+')) {
                break;
            }
            if (c == QLatin1Char('\\')) {
                if (!parseEscape(utf8)) {
                    return false;
                }
                trailingSpaces = 0;
                continue;
            }
            if (needsEscape(c)) {
                return failAt(
                    tr("\"%1\" at position %2 must be escaped as \\%1 inside a value.").arg(c).arg(m_pos + 1));
            }
            trailingSpaces = c == QLatin1Char(' ') ? trailingSpaces + 1 : 0;
            utf8 += QString(c).toUtf8();
            ++m_pos;
        }
        utf8.chop(trailingSpaces);
        attribute.value = QString::fromUtf8(utf8);
        return true;
    }

    bool parseEscape(QByteArray& utf8)
    {
        const qsizetype start = m_pos++;
        if (m_pos + 1 < m_text.size() && isHexDigit(m_text.at(m_pos)) && isHexDigit(m_text.at(m_pos + 1))) {
            utf8 += char(m_text.mid(m_pos, 2).toInt(nullptr, 16));
            m_pos += 2;
            return true;
        }
        if (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            static const QString escapable = QStringLiteral(",+\"\\<>;#= ");
            if (escapable.contains(c)) {
                utf8 += QString(c).toUtf8();
                ++m_pos;
                return true;
            }
        }
        return failAt(tr("The \"\\\" at position %1 escapes nothing: write \\\\ for a backslash, or \\ before one of "
                         ", + \" \\ < > ; # =.")
                          .arg(start + 1));
    }

    const QString& m_text;
    qsizetype m_pos = 0;
    QString m_error;
};
} // namespace

QList<DistinguishedName::Rdn> DistinguishedName::parse(const QString& text, QString* error)
{
    QString ignored;
    return Parser(text).run(error ? error : &ignored);
}

bool DistinguishedName::isValid(const QString& text, QString* error)
{
    QString message;
    const auto rdns = parse(text, &message);
    if (error) {
        *error = message;
    }
    return message.isEmpty() && (!rdns.isEmpty() || text.trimmed().isEmpty());
}

QString DistinguishedName::escapeValue(const QString& value)
{
    QString result;
    result.reserve(value.size() + 4);
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c == QChar(0)) {
            result += QStringLiteral("\\00");
            continue;
        }
        const bool edgeSpace = c == QLatin1Char(' ') && (i == 0 || i == value.size() - 1);
        if (needsEscape(c) || edgeSpace || (i == 0 && c == QLatin1Char('#'))) {
            result += QLatin1Char('\\');
        }
        result += c;
    }
    return result;
}

QString DistinguishedName::normalizedKey(const QString& text)
{
    QString error;
    const QList<Rdn> rdns = parse(text, &error);
    if (!error.isEmpty()) {
        return text;
    }
    QStringList parts;
    parts.reserve(rdns.size());
    for (const Rdn& rdn : rdns) {
        QStringList components;
        for (const Attribute& attribute : rdn) {
            const QString value
                = attribute.hexValue ? attribute.value.toLower() : escapeValue(attribute.value.toCaseFolded());
            components << attribute.type.toLower() + QLatin1Char('=') + value;
        }
        components.sort();
        parts << components.join(QLatin1Char('+'));
    }
    return parts.join(QLatin1Char(','));
}
