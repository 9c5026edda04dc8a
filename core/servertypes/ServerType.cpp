#include "ServerType.h"

#include <QRegularExpression>

bool ServerType::urlMatches(const QString& url) const
{
    if (urlPattern.isEmpty()) {
        return false;
    }
    const QRegularExpression pattern(urlPattern, QRegularExpression::CaseInsensitiveOption);
    return pattern.isValid() && pattern.match(url.trimmed()).hasMatch();
}
