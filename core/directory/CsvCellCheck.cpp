#include "CsvCellCheck.h"

#include <QCoreApplication>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("DirectoryCsvImporter", text);
}

bool isLineLayout(char16_t c)
{
    return c == u'\t' || c == u'\n' || c == u'\r';
}

bool isControl(char16_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

QString characterName(char16_t c)
{
    switch (c) {
    case 0x00:
        return QStringLiteral("U+0000 (NUL)");
    case 0x07:
        return QStringLiteral("U+0007 (BEL)");
    case 0x08:
        return QStringLiteral("U+0008 (backspace)");
    case u'\t':
        return tr("a tab");
    case u'\n':
    case u'\r':
        return tr("a line break");
    case 0x1B:
        return QStringLiteral("U+001B (ESC)");
    case 0x7F:
        return QStringLiteral("U+007F (DEL)");
    default:
        return QStringLiteral("U+") + QString::number(uint(c), 16).toUpper().rightJustified(4, QLatin1Char('0'));
    }
}
} // namespace

namespace CsvCellCheck {

qsizetype forbiddenCharacter(QStringView cell, bool singleLine)
{
    for (qsizetype i = 0; i < cell.size(); ++i) {
        const char16_t c = cell.at(i).unicode();
        if (isControl(c) && (singleLine || !isLineLayout(c))) {
            return i;
        }
    }
    return -1;
}

QString issue(int line, int column, const QString& header, QStringView cell, qsizetype position)
{
    const char16_t c = cell.at(position).unicode();
    if (isLineLayout(c)) {
        return tr("Line %1, column %2 (\"%3\"): the value holds %4, but a name or ID must be on one line. Remove it "
                  "and import again.")
            .arg(line)
            .arg(column)
            .arg(header, characterName(c));
    }
    return tr("Line %1, column %2 (\"%3\"): the value holds the control character %4 at position %5. Control "
              "characters cannot be imported; remove it in your spreadsheet or editor (it usually comes from a "
              "binary file or a broken export) and import again.")
        .arg(line)
        .arg(column)
        .arg(header, characterName(c))
        .arg(position + 1);
}

} // namespace CsvCellCheck
