#pragma once

#include "CompactResource.h"

#include <mapping/ScimPath.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// The SCIM paths whose values the planner reads from every user resource (the mapped update
// paths, the matching attributes, the enterprise manager), parsed once and numbered. compact()
// keeps those values of a resource in a CompactResource; the planner then compares users value by
// value without a QJsonObject per user.
class ResourceProjection
{
public:
    enum class Keep
    {
        Whole, // the whole resource: the create body of a desired user
        Lists, // only the multi-valued attributes the paths name: what a PATCH of a list merges into
    };

    // Paths that do not parse are left out; the enterprise manager path is always in.
    explicit ResourceProjection(const QStringList& paths = {});

    int size() const { return int(m_paths.size()); }
    const ScimPath& path(int index) const { return m_paths.at(index); }
    // The number of a path, compared like SCIM names (without case); -1 when not projected.
    int indexOf(const QString& path) const;
    int indexOf(const ScimPath& path) const;

    // texts: kept beside the values, read back by CompactResource::text().
    CompactResource compact(const QJsonObject& resource, Keep keep, const QStringList& texts = {}) const;

    static QString managerPath();

private:
    static QString keyOf(const ScimPath& path);

    QList<ScimPath> m_paths;
    QHash<QString, int> m_index;
    QStringList m_listAttributes; // case-folded core multi-valued attributes the paths name
};
