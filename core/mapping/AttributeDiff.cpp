#include "AttributeDiff.h"

#include "AttributeNormalizer.h"

namespace {

QJsonValue shown(const QJsonValue& value)
{
    if (value.isUndefined() || (value.isString() && value.toString().isEmpty())) {
        return QJsonValue::Null;
    }
    return value;
}

} // namespace

AttributeDiff::AttributeDiff(const QStringList& mappedPaths, const QStringList& caseInsensitivePaths)
{
    for (const QString& text : mappedPaths) {
        // UserMapper only hands out paths that parse; anything else cannot be compared.
        const auto parsed = ScimPath::parse(text);
        if (parsed) {
            add(*parsed, caseInsensitivePaths);
        }
    }
}

AttributeDiff::AttributeDiff(const QList<ScimPath>& mappedPaths, const QStringList& caseInsensitivePaths)
{
    for (const ScimPath& path : mappedPaths) {
        add(path, caseInsensitivePaths);
    }
}

void AttributeDiff::add(const ScimPath& path, const QStringList& caseInsensitivePaths)
{
    const QString name = path.attributeName();
    const QString attribute
        = path.schemaUrn().isEmpty() ? path.attribute() : path.schemaUrn() + QLatin1Char(':') + path.attribute();
    const bool caseInsensitive = caseInsensitivePaths.contains(name, Qt::CaseInsensitive)
        || caseInsensitivePaths.contains(attribute, Qt::CaseInsensitive)
        || caseInsensitivePaths.contains(path.toString(), Qt::CaseInsensitive);
    m_entries.append(Entry {path, path.toString(), !caseInsensitive});
}

QList<AttributeChange> AttributeDiff::compare(const QJsonObject& desired, const QJsonObject& actual) const
{
    QList<QJsonValue> before;
    before.reserve(m_entries.size());
    for (const Entry& entry : m_entries) {
        before.append(entry.path.get(actual));
    }
    return compare(desired, before);
}

QList<AttributeChange> AttributeDiff::compare(const QJsonObject& desired, const QList<QJsonValue>& before) const
{
    QList<AttributeChange> changes;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const Entry& entry = m_entries.at(i);
        const QJsonValue after = entry.path.get(desired);
        const QJsonValue current = before.value(i, QJsonValue(QJsonValue::Undefined));
        if (!AttributeNormalizer::equivalent(after, current, entry.caseExact)) {
            changes.append(AttributeChange {entry.label, shown(current), shown(after)});
        }
    }
    return changes;
}

QList<AttributeChange> AttributeDiff::compare(const QJsonObject& desired, const QJsonObject& actual,
    const QStringList& mappedPaths, const QStringList& caseInsensitivePaths)
{
    return AttributeDiff(mappedPaths, caseInsensitivePaths).compare(desired, actual);
}
