#pragma once

#include "DesiredState.h"
#include "TargetSnapshot.h"

#include <model/ServerCapabilities.h>
#include <scim/ScimFilter.h>

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>

// The one matching rule of ScimDesk. A directory object's counterpart on the target is
//  1. the object it is linked to (created or matched before by this application), else
//  2. the first target object found by its match keys in order — externalId (the directory
//     object id), then the server's matching attributes by precedence for users, the
//     displayName for groups — that is not linked to another directory object.
// The planner matches a whole snapshot with UserIndex; "provision one user" and the recovery
// of a create answered 409 (or whose outcome is unknown) send the same keys as queries.
class TargetMatcher
{
public:
    // A group's keys, in order.
    static MatchKeys groupKeys(const QString& directoryObjectId, const QString& displayName);

    // The filters that look the keys up, in order. Keys with an empty value, and keys the
    // server cannot filter by (its capabilities), are left out; the latter go to *skipped.
    static QList<ScimFilter> userQueries(
        const MatchKeys& keys, const ServerCapabilities& capabilities, QStringList* skipped = nullptr);
    static QList<ScimFilter> groupQueries(
        const MatchKeys& keys, const ServerCapabilities& capabilities, QStringList* skipped = nullptr);

    // Target users by the values of the attributes keys name; one index per attribute, built
    // on first use. Values of the caseInsensitive attributes compare case-folded.
    class UserIndex
    {
    public:
        UserIndex(const TargetSnapshot& target, QStringList caseInsensitiveAttributes);

        // The position in users of the first candidate, by keys in order, that acceptable()
        // takes; -1 when none. refused(candidate, attribute) hears of each one it turned down.
        int find(const MatchKeys& keys, const std::function<bool(int candidate)>& acceptable,
            const std::function<void(int candidate, const QString& attribute)>& refused = {});

        // Values of an attribute on a target user; none when the snapshot's projection does not
        // keep the attribute.
        QStringList values(const TargetUser& user, const QString& attribute);

    private:
        struct ByValue
        {
            QHash<QString, int> user;
            bool folded = false;
        };
        const ByValue& index(const QString& attribute);

        const QList<TargetUser>& m_users;
        const ResourceProjection& m_projection;
        QStringList m_caseInsensitive;
        QHash<QString, ByValue> m_indexes;
        QHash<QString, int> m_pathIndexes; // attribute → projection path number
    };

private:
    static QList<ScimFilter> queries(const MatchKeys& keys, const QStringList& filterable, QStringList* skipped);
};
