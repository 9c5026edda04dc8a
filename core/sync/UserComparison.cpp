#include "UserComparison.h"

#include "CompactEncoding.h"

namespace {
const ScimPath& managerPath()
{
    static const ScimPath path = ScimPath::parse(ResourceProjection::managerPath()).value();
    return path;
}
} // namespace

UserComparison::UserComparison(const QStringList& updatePaths, const QStringList& caseInsensitivePaths,
    const ResourceProjection& desired, const ResourceProjection& target)
    : m_paths(comparedPaths(updatePaths, desired, target))
    , m_differ(m_paths, caseInsensitivePaths)
{
    // The two sides may number their paths differently: they are matched by path once, here.
    for (const ScimPath& path : m_paths) {
        m_desiredPath.push_back(desired.indexOf(path));
        m_targetPath.push_back(target.indexOf(path));
        m_isManagerPath.push_back(path == managerPath());
    }
    m_desiredPathCount = desired.size();
    m_targetPathCount = target.size();
    m_desiredManagerPath = desired.indexOf(managerPath());
    m_targetManagerPath = target.indexOf(managerPath());
    for (const auto& text : updatePaths) {
        const auto parsed = ScimPath::parse(text);
        if (parsed && !m_paths.contains(parsed.value()))
            m_uncompared.append(text);
    }
}

QList<ScimPath> UserComparison::comparedPaths(
    const QStringList& updatePaths, const ResourceProjection& desired, const ResourceProjection& target)
{
    QList<ScimPath> paths;
    for (const auto& text : updatePaths) {
        const auto parsed = ScimPath::parse(text);
        if (parsed && desired.indexOf(parsed.value()) >= 0 && target.indexOf(parsed.value()) >= 0)
            paths.append(parsed.value());
    }
    return paths;
}

QJsonValue UserComparison::desiredManager(const DesiredUser& user) const
{
    return user.resource.value(m_desiredManagerPath);
}

QJsonValue UserComparison::targetManager(const TargetUser& user) const
{
    return user.resource.value(m_targetManagerPath);
}

bool UserComparison::sameValues(const DesiredUser& user, const TargetUser& current, const Manager& manager) const
{
    const CompactResource::Encodings held = current.resource.encodedAll(m_targetPathCount);
    const CompactResource::Encodings wanted = user.resource.encodedAll(m_desiredPathCount);
    for (size_t i = 0; i < m_desiredPath.size(); ++i) {
        const QByteArrayView target = held[m_targetPath[i]];
        if (manager && m_isManagerPath[i]) {
            QByteArray resolved;
            if (!manager->isNull() && !manager->isUndefined())
                CompactEncoding::appendRecord(resolved, *manager);
            if (target != QByteArrayView(resolved))
                return false;
        } else if (target != wanted[m_desiredPath[i]]) {
            return false;
        }
    }
    return true;
}

QJsonObject UserComparison::bodyOf(const DesiredUser& user, const Manager& manager) const
{
    QJsonObject body = user.resource.kept();
    if (manager)
        managerPath().set(body, *manager);
    return body;
}

UserPatch::Outcome UserComparison::patch(
    const QJsonObject& body, const TargetUser& current, const ServerCapabilities& capabilities) const
{
    QList<QJsonValue> before;
    before.reserve(qsizetype(m_targetPath.size()));
    for (int path : m_targetPath)
        before.append(current.resource.value(path));
    return UserPatch::build(body, current.resource.kept(), m_differ.compare(body, before), capabilities);
}
