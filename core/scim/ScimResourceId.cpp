#include "ScimResourceId.h"

#include <QCoreApplication>
#include <QUrl>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ScimResourceId", text);
}

bool isControl(char16_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
}

} // namespace

std::optional<QString> ScimResourceId::problem(const QString& id)
{
    if (id.isEmpty())
        return tr("the id is empty");
    if (id == QLatin1String(".") || id == QLatin1String(".."))
        return tr("the id %1 is not a single path segment (it names the collection or its parent)").arg(quoted(id));
    if (id.size() > kMaxLength)
        return tr("the id is longer than %1 characters").arg(kMaxLength);
    for (const QChar c : id) {
        if (isControl(c.unicode()))
            return tr("the id %1 holds a control character").arg(quoted(id));
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c == QLatin1Char('?') || c == QLatin1Char('#'))
            return tr("the id %1 is not a single path segment (it holds '%2')").arg(quoted(id), c);
    }
    return std::nullopt;
}

QString ScimResourceId::quoted(const QString& id)
{
    constexpr int kShown = 80;
    QString text;
    for (const QChar c : id.left(kShown)) {
        if (isControl(c.unicode()))
            text += c.unicode() < 0x100 ? QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'))
                                        : QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            text += QLatin1Char('\\') + c;
        else
            text += c;
    }
    if (id.size() > kShown)
        text += QStringLiteral("…");
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString ScimResourceId::path(const QString& endpoint, const QString& id)
{
    return endpoint + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(id));
}
