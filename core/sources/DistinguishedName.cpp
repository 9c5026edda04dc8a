#include "DistinguishedName.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DistinguishedName", text);
}

bool isAsciiLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isHexDigit(QChar c)
{
    return isAsciiDigit(c) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

// descr (ALPHA *(ALPHA / DIGIT / "-")) or a numeric OID such as 2.5.4.3.
bool isAttributeType(const QString& type)
{
    static const QRegularExpression pattern(QStringLiteral("^(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\\.[0-9]+)*)$"));
    return pattern.match(type).hasMatch();
}

// Characters that RFC 4514 lets a backslash escape besides a hex pair.
bool isEscapable(QChar c)
{
    return QStringLiteral(" \"#+,;<=>\\").contains(c);
}

// Reads the DN one character at a time; every error names the 1-based position.
class DnParser
{
public:
    DnParser(const QString& text, QString* error)
        : m_text(text)
        , m_error(error)
    {
    }

    bool parse(QList<DistinguishedName::Rdn>* rdns)
    {
        DistinguishedName::Rdn rdn;
        while (true) {
            DistinguishedName::Attribute attribute;
            if (!readType(&attribute.type) || !readValue(&attribute)) {
                return false;
            }
            rdn.append(attribute);
            if (atEnd()) {
                rdns->append(rdn);
                return true;
            }
            const QChar separator = m_text.at(m_pos++);
            if (separator != QLatin1Char('+')) {
                rdns->append(rdn);
                rdn.clear();
            }
            skipSpaces();
            if (atEnd()) {
                return fail(tr("the DN ends with \"%1\"; remove it or add the missing part").arg(separator));
            }
        }
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }

    void skipSpaces()
    {
        while (!atEnd() && m_text.at(m_pos) == QLatin1Char(' ')) {
            ++m_pos;
        }
    }

    bool fail(const QString& message)
    {
        if (m_error) {
            *m_error = tr("position %1: %2").arg(std::min(m_pos, int(m_text.size())) + 1).arg(message);
        }
        return false;
    }

    bool readType(QString* type)
    {
        skipSpaces();
        const int start = m_pos;
        while (!atEnd()
            && (isAsciiLetter(m_text.at(m_pos)) || isAsciiDigit(m_text.at(m_pos))
                || m_text.at(m_pos) == QLatin1Char('-') || m_text.at(m_pos) == QLatin1Char('.'))) {
            ++m_pos;
        }
        *type = m_text.mid(start, m_pos - start);
        if (type->isEmpty()) {
            return fail(tr("expected an attribute type such as CN, OU or DC"));
        }
        if (!isAttributeType(*type)) {
            m_pos = start;
            return fail(tr("\"%1\" is not an attribute type").arg(*type));
        }
        skipSpaces();
        if (atEnd() || m_text.at(m_pos) != QLatin1Char('=')) {
            return fail(tr("expected \"=\" after \"%1\"").arg(*type));
        }
        ++m_pos;
        skipSpaces();
        return true;
    }

    bool readValue(DistinguishedName::Attribute* attribute)
    {
        if (!atEnd() && m_text.at(m_pos) == QLatin1Char('#')) {
            return readHexValue(attribute);
        }
        QString value;
        int significant = 0; // length without unescaped trailing spaces
        QByteArray pending; // bytes of consecutive \XX escapes, decoded as UTF-8 together
        while (!atEnd()) {
            const QChar c = m_text.at(m_pos);
            if (c == QLatin1Char(',') || c == QLatin1Char('+') || c == QLatin1Char(';')) {
                break;
            }
            if (c == QLatin1Char('\\') && m_pos + 1 < m_text.size() && isHexDigit(m_text.at(m_pos + 1))) {
                if (m_pos + 2 >= m_text.size() || !isHexDigit(m_text.at(m_pos + 2))) {
                    return fail(tr("\"\\%1\" needs two hex digits, e.g. \\2C for a comma").arg(m_text.at(m_pos + 1)));
                }
                pending.append(char(m_text.mid(m_pos + 1, 2).toInt(nullptr, 16)));
                m_pos += 3;
                continue;
            }
            if (!pending.isEmpty() && !flush(&pending, &value, &significant)) {
                return false;
            }
            if (c == QLatin1Char('\\')) {
                if (m_pos + 1 >= m_text.size()) {
                    return fail(tr("the DN ends with a lone backslash"));
                }
                const QChar escaped = m_text.at(m_pos + 1);
                if (!isEscapable(escaped)) {
                    return fail(tr("\"\\%1\" is not an escape; a backslash escapes one of , + \" \\ < > ; # = or "
                                   "space, or starts two hex digits")
                                    .arg(escaped));
                }
                value.append(escaped);
                significant = int(value.size());
                m_pos += 2;
                continue;
            }
            if (c == QLatin1Char('"') || c == QLatin1Char('<') || c == QLatin1Char('>')) {
                return fail(tr("\"%1\" must be escaped as \"\\%1\" in a DN value").arg(c));
            }
            value.append(c);
            if (c != QLatin1Char(' ')) {
                significant = int(value.size());
            }
            ++m_pos;
        }
        if (!pending.isEmpty() && !flush(&pending, &value, &significant)) {
            return false;
        }
        value.truncate(significant);
        attribute->value = value;
        return true;
    }

    bool flush(QByteArray* bytes, QString* value, int* significant)
    {
        const QString decoded = QString::fromUtf8(*bytes);
        if (decoded.toUtf8() != *bytes) {
            return fail(tr("the escaped bytes \"%1\" are not valid UTF-8").arg(QString::fromLatin1(bytes->toHex())));
        }
        value->append(decoded);
        *significant = int(value->size());
        bytes->clear();
        return true;
    }

    bool readHexValue(DistinguishedName::Attribute* attribute)
    {
        const int start = ++m_pos;
        while (!atEnd() && isHexDigit(m_text.at(m_pos))) {
            ++m_pos;
        }
        const QString digits = m_text.mid(start, m_pos - start);
        if (digits.isEmpty() || digits.size() % 2 != 0) {
            return fail(tr("a value starting with \"#\" must be an even number of hex digits; write \"\\#\" for a "
                           "literal #"));
        }
        skipSpaces();
        if (!atEnd() && m_text.at(m_pos) != QLatin1Char(',') && m_text.at(m_pos) != QLatin1Char('+')
            && m_text.at(m_pos) != QLatin1Char(';')) {
            return fail(tr("unexpected \"%1\" after a hex value").arg(m_text.at(m_pos)));
        }
        attribute->value = QLatin1Char('#') + digits.toLower();
        attribute->hexValue = true;
        return true;
    }

    const QString& m_text;
    QString* m_error;
    int m_pos = 0;
};

QString normalizedRdn(const DistinguishedName::Rdn& rdn)
{
    QStringList parts;
    for (const auto& attribute : rdn) {
        const QString value = attribute.hexValue
            ? attribute.value
            : DistinguishedName::escapeValue(
                attribute.value.normalized(QString::NormalizationForm_KC).toCaseFolded().simplified());
        parts.append(attribute.type.toLower() + QLatin1Char('=') + value);
    }
    std::sort(parts.begin(), parts.end());
    return parts.join(QLatin1Char('+'));
}

// The key of a DN made of plain ASCII — no escapes, quotes, "+", "#", "<", ">", ";", and no
// space next to a separator or doubled — is the DN in lower case: there is nothing to unescape,
// normalise, collapse or sort. Most DNs are like this, and every member and manager value of a
// read is keyed. A null string when dn needs the full treatment.
QString simpleKey(const QString& dn)
{
    if (dn.isEmpty()) {
        return {};
    }
    bool separatorSeen = false;
    QChar previous = QLatin1Char(',');
    for (const QChar c : dn) {
        const char16_t u = c.unicode();
        if (u < 0x21 && u != ' ') {
            return {};
        }
        if (u >= 0x7f || u == '\\' || u == '"' || u == '+' || u == '#' || u == '<' || u == '>' || u == ';') {
            return {};
        }
        const bool around
            = previous == QLatin1Char(',') || previous == QLatin1Char('=') || previous == QLatin1Char(' ');
        if (u == ' ' && around) {
            return {};
        }
        if ((u == ',' || u == '=') && previous == QLatin1Char(' ')) {
            return {};
        }
        separatorSeen = separatorSeen || u == '=';
        previous = c;
    }
    if (!separatorSeen || previous == QLatin1Char(' ') || previous == QLatin1Char(',')
        || previous == QLatin1Char('=')) {
        return {};
    }
    return dn.toLower();
}

QStringList normalizedRdns(const QString& dn, bool* ok)
{
    QList<DistinguishedName::Rdn> rdns;
    *ok = DistinguishedName::parse(dn, &rdns);
    QStringList keys;
    for (const auto& rdn : std::as_const(rdns)) {
        keys.append(normalizedRdn(rdn));
    }
    return keys;
}

} // namespace

bool DistinguishedName::parse(const QString& dn, QList<Rdn>* rdns, QString* error)
{
    rdns->clear();
    if (dn.trimmed().isEmpty()) {
        return true;
    }
    DnParser parser(dn, error);
    if (!parser.parse(rdns)) {
        rdns->clear();
        return false;
    }
    return true;
}

bool DistinguishedName::isValid(const QString& dn, QString* error)
{
    QList<Rdn> rdns;
    return parse(dn, &rdns, error);
}

QString DistinguishedName::normalizedKey(const QString& dn)
{
    if (const QString simple = simpleKey(dn); !simple.isNull()) {
        return simple;
    }
    bool ok = false;
    const QStringList keys = normalizedRdns(dn, &ok);
    return ok ? keys.join(QLatin1Char(',')) : dn.trimmed().toCaseFolded();
}

bool DistinguishedName::isWithin(const QString& dn, const QString& baseDn)
{
    bool dnOk = false;
    bool baseOk = false;
    const QStringList entry = normalizedRdns(dn, &dnOk);
    const QStringList base = normalizedRdns(baseDn, &baseOk);
    if (!dnOk || !baseOk || base.size() > entry.size()) {
        return false;
    }
    return std::equal(base.begin(), base.end(), entry.end() - base.size());
}

QString DistinguishedName::escapeValue(const QString& value)
{
    QString escaped;
    escaped.reserve(value.size() + 8);
    for (int i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c == QChar(0)) {
            escaped += QStringLiteral("\\00");
            continue;
        }
        const bool special = QStringLiteral(",+\"\\<>;").contains(c);
        const bool leading = i == 0 && (c == QLatin1Char('#') || c == QLatin1Char(' '));
        const bool trailing = i == value.size() - 1 && c == QLatin1Char(' ');
        if (special || leading || trailing) {
            escaped += QLatin1Char('\\');
        }
        escaped += c;
    }
    return escaped;
}

QString DistinguishedName::format(const QList<Rdn>& rdns)
{
    QStringList parts;
    for (const auto& rdn : rdns) {
        QStringList attributes;
        for (const auto& attribute : rdn) {
            attributes.append(attribute.type + QLatin1Char('=')
                + (attribute.hexValue ? attribute.value : escapeValue(attribute.value)));
        }
        parts.append(attributes.join(QLatin1Char('+')));
    }
    return parts.join(QLatin1Char(','));
}
