#include "AttributeNormalizer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace {

QString sortKey(const QJsonValue& value)
{
    if (value.isString()) {
        return value.toString();
    }
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

} // namespace

QJsonValue AttributeNormalizer::normalize(const QJsonValue& value, bool caseExact)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return QJsonValue::Null;
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::floor(number) == number && std::abs(number) < 1e15) {
            return QString::number(qint64(number));
        }
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::String: {
        const QString text = value.toString();
        if (text.isEmpty()) {
            return QJsonValue::Null;
        }
        // "True" and true are one boolean, whatever the attribute's case rules.
        if (text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0
            || text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0) {
            return text.toLower();
        }
        return caseExact ? text : text.toLower();
    }
    case QJsonValue::Array: {
        QList<QJsonValue> elements;
        for (const auto& element : value.toArray()) {
            const QJsonValue normalized = normalize(element, caseExact);
            if (!normalized.isNull()) {
                elements.append(normalized);
            }
        }
        if (elements.isEmpty()) {
            return QJsonValue::Null;
        }
        if (elements.size() == 1) {
            return elements.first();
        }
        std::sort(elements.begin(), elements.end(),
            [](const QJsonValue& a, const QJsonValue& b) { return sortKey(a) < sortKey(b); });
        QJsonArray sorted;
        for (const auto& element : elements) {
            sorted.append(element);
        }
        return sorted;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QJsonObject normalized;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QJsonValue member = normalize(it.value(), caseExact);
            if (!member.isNull()) {
                // Attribute names are case-insensitive in SCIM.
                normalized.insert(it.key().toLower(), member);
            }
        }
        if (normalized.isEmpty()) {
            return QJsonValue::Null;
        }
        return normalized;
    }
    }
    return QJsonValue::Null;
}

bool AttributeNormalizer::equivalent(const QJsonValue& a, const QJsonValue& b, bool caseExact)
{
    return normalize(a, caseExact) == normalize(b, caseExact);
}
