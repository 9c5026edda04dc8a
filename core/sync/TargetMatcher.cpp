#include "TargetMatcher.h"

#include <QJsonArray>

namespace {
const QString kExternalId = QStringLiteral("externalId");
const QString kUserName = QStringLiteral("userName");
const QString kDisplayName = QStringLiteral("displayName");

} // namespace

MatchKeys TargetMatcher::groupKeys(const QString& directoryObjectId, const QString& displayName)
{
    return {{kExternalId, directoryObjectId}, {kDisplayName, displayName}};
}

QList<ScimFilter> TargetMatcher::queries(const MatchKeys& keys, const QStringList& filterable, QStringList* skipped)
{
    QList<ScimFilter> result;
    for (const auto& [attribute, value] : keys) {
        if (value.isEmpty())
            continue;
        if (!filterable.isEmpty() && !filterable.contains(attribute, Qt::CaseInsensitive)) {
            if (skipped)
                skipped->append(attribute);
            continue;
        }
        result.append(ScimFilter::eq(attribute, value));
    }
    return result;
}

QList<ScimFilter> TargetMatcher::userQueries(
    const MatchKeys& keys, const ServerCapabilities& capabilities, QStringList* skipped)
{
    return queries(keys, capabilities.userFilterAttributes, skipped);
}

QList<ScimFilter> TargetMatcher::groupQueries(
    const MatchKeys& keys, const ServerCapabilities& capabilities, QStringList* skipped)
{
    return queries(keys, capabilities.groupFilterAttributes, skipped);
}

TargetMatcher::UserIndex::UserIndex(const TargetSnapshot& target, QStringList caseInsensitiveAttributes)
    : m_users(target.users)
    , m_projection(*target.projection)
    , m_caseInsensitive(std::move(caseInsensitiveAttributes))
{
}

QStringList TargetMatcher::UserIndex::values(const TargetUser& user, const QString& attribute)
{
    if (attribute == kExternalId)
        return {user.externalId()};
    if (attribute.compare(kUserName, Qt::CaseInsensitive) == 0)
        return {user.userName()};
    auto path = m_pathIndexes.find(attribute);
    if (path == m_pathIndexes.end())
        path = m_pathIndexes.insert(attribute, m_projection.indexOf(attribute));
    const QJsonValue value = user.resource.value(path.value());
    QStringList result;
    if (value.isArray()) {
        const QJsonArray elements = value.toArray();
        for (const auto& element : elements)
            result.append(element.toString());
    } else if (value.isString()) {
        result.append(value.toString());
    }
    return result;
}

const TargetMatcher::UserIndex::ByValue& TargetMatcher::UserIndex::index(const QString& attribute)
{
    auto it = m_indexes.find(attribute);
    if (it != m_indexes.end())
        return it.value();
    ByValue index;
    index.folded = m_caseInsensitive.contains(attribute, Qt::CaseInsensitive);
    index.user.reserve(m_users.size());
    for (int i = 0; i < m_users.size(); ++i) {
        for (const auto& value : values(m_users.at(i), attribute)) {
            if (!value.isEmpty())
                index.user.insert(index.folded ? value.toCaseFolded() : value, i);
        }
    }
    return m_indexes.insert(attribute, std::move(index)).value();
}

int TargetMatcher::UserIndex::find(const MatchKeys& keys, const std::function<bool(int)>& acceptable,
    const std::function<void(int, const QString&)>& refused)
{
    for (const auto& [attribute, value] : keys) {
        if (value.isEmpty())
            continue;
        const ByValue& byValue = index(attribute);
        const int candidate = byValue.user.value(byValue.folded ? value.toCaseFolded() : value, -1);
        if (candidate < 0)
            continue;
        if (acceptable && !acceptable(candidate)) {
            if (refused)
                refused(candidate, attribute);
            continue;
        }
        return candidate;
    }
    return -1;
}
