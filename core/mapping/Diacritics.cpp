#include "Diacritics.h"

namespace {

// Letters that Unicode does not decompose into a base letter plus marks.
const char* foldedLetter(char16_t c)
{
    switch (c) {
    case u'ß':
        return "ss";
    case u'ẞ':
        return "SS";
    case u'ø':
        return "o";
    case u'Ø':
        return "O";
    case u'æ':
        return "ae";
    case u'Æ':
        return "AE";
    case u'œ':
        return "oe";
    case u'Œ':
        return "OE";
    case u'đ':
    case u'ð':
        return "d";
    case u'Đ':
    case u'Ð':
        return "D";
    case u'ł':
        return "l";
    case u'Ł':
        return "L";
    case u'þ':
        return "th";
    case u'Þ':
        return "Th";
    case u'ı':
        return "i";
    case u'ħ':
        return "h";
    case u'Ħ':
        return "H";
    case u'ŧ':
        return "t";
    case u'Ŧ':
        return "T";
    default:
        return nullptr;
    }
}

} // namespace

QString Diacritics::fold(const QString& text)
{
    // Compatibility decomposition splits "é" into "e" + U+0301 and ligatures such as "ﬁ"
    // into "fi"; dropping the combining marks leaves the base letters.
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString folded;
    folded.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        const QChar::Category category = c.category();
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
            || category == QChar::Mark_Enclosing) {
            continue;
        }
        if (const char* replacement = foldedLetter(c.unicode())) {
            folded += QLatin1String(replacement);
        } else {
            folded += c;
        }
    }
    return folded;
}
