#include "DisplayText.h"

namespace {

bool isBidiControl(char16_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool mustEscape(char16_t c, bool keepLines)
{
    if (keepLines && (c == u'\n' || c == u'\t'))
        return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || isBidiControl(c) || c == 0x2028 || c == 0x2029;
}

QString escapeOne(char16_t c)
{
    switch (c) {
    case u'\n':
        return QStringLiteral("\\n");
    case u'\r':
        return QStringLiteral("\\r");
    case u'\t':
        return QStringLiteral("\\t");
    default:
        break;
    }
    if (c < 0x80)
        return QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    return QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
}

QString escape(const QString& text, bool keepLines)
{
    qsizetype first = 0;
    while (first < text.size() && !mustEscape(text.at(first).unicode(), keepLines))
        ++first;
    if (first == text.size())
        return text; // the usual case: no copy
    QString out = text.left(first);
    out.reserve(text.size() + 8);
    for (qsizetype i = first; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (mustEscape(c, keepLines))
            out += escapeOne(c);
        else
            out += QChar(c);
    }
    return out;
}

} // namespace

namespace DisplayText {

QString escaped(const QString& text)
{
    return escape(text, false);
}

QString escapedKeepingLines(const QString& text)
{
    return escape(text, true);
}

} // namespace DisplayText
