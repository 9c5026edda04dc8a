#include "PlaceholderText.h"

#include "DisplayText.h"

#include <QRegularExpression>

namespace {

const QRegularExpression& placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{([A-Za-z]+)\\}"));
    return pattern;
}

} // namespace

namespace PlaceholderText {

QString fill(const QString& text, const QHash<QString, QString>& facts)
{
    QString out;
    qsizetype last = 0;
    for (auto it = placeholderPattern().globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        out += text.mid(last, match.capturedStart() - last);
        out += DisplayText::escaped(facts.value(match.captured(1)));
        last = match.capturedEnd();
    }
    return out + text.mid(last);
}

QStringList names(const QStringList& texts)
{
    QStringList result;
    for (const QString& text : texts) {
        for (auto it = placeholderPattern().globalMatch(text); it.hasNext();) {
            const QString name = it.next().captured(1);
            if (!result.contains(name)) {
                result.append(name);
            }
        }
    }
    return result;
}

} // namespace PlaceholderText
