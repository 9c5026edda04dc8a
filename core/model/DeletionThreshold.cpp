#include "DeletionThreshold.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

std::optional<DeletionThreshold> DeletionThreshold::parse(const QString& text)
{
    static const QRegularExpression shape(QStringLiteral("^\\s*(\\d{1,3})\\s*%?\\s*,\\s*(\\d{1,9})\\s*$"));
    const QRegularExpressionMatch match = shape.match(text);
    if (!match.hasMatch() || match.captured(1).toInt() > 100) {
        return std::nullopt;
    }
    return DeletionThreshold {match.captured(1).toInt(), match.captured(2).toInt()};
}

int DeletionThreshold::limit(int total) const
{
    return std::max(int(std::ceil(percent * double(total) / 100.0)), minimum);
}
