#pragma once

#include "CompactResource.h"
#include "ResourceProjection.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>

// (the attribute as a SCIM filter names it, the directory object's value), e.g.
// ("emails.value", "alice@example.com").
using MatchKey = QPair<QString, QString>;
using MatchKeys = QList<MatchKey>;

// A directory user as the target should hold it: what the mapping produced, plus what the
// planner needs to find the user on the target.
struct DesiredUser
{
    // What validation had to say, for the few users it has something on.
    struct Validation
    {
        QString error; // non-empty: the target would reject this user; it is skipped
        QString fix; // what the admin can do about error
        QStringList filledIn; // values the server's fill-missing options invented for this user
    };

    QString directoryObjectId;
    bool active = true;
    // The complete create body (CompactResource::kept()), the values at the paths of
    // DesiredState::projection, the userName and the match keys: one allocation per user (set
    // by setResource()).
    CompactResource resource;
    std::shared_ptr<const Validation> validation; // null: nothing to say (most users)
    // The enterprise manager as the mapping produced it (the manager's userName) and, when the
    // directory holds that user, the manager's directory object id. The target wants the
    // manager's SCIM id, which only the planner knows (links and target snapshot).
    QString managerUserName;
    QString managerDirectoryId;

    // keys: (SCIM attribute name, value) in matching precedence, e.g. externalId, userName,
    // emails.value; kept as texts of the resource, not as a list of strings per user.
    void setResource(
        const ResourceProjection& projection, const QJsonObject& body, const QString& userName, const MatchKeys& keys)
    {
        QStringList texts;
        texts.reserve(1 + keys.size() * 2);
        texts << userName;
        for (const auto& [attribute, value] : keys)
            texts << attribute << value;
        resource = projection.compact(body, ResourceProjection::Keep::Whole, texts);
    }
    MatchKeys matchKeys() const
    {
        const QStringList texts = resource.texts();
        MatchKeys keys;
        keys.reserve(texts.size() / 2);
        for (qsizetype i = 1; i + 1 < texts.size(); i += 2)
            keys.append({texts.at(i), texts.at(i + 1)});
        return keys;
    }

    // The user's name on the target, for messages and protected patterns.
    QString userName() const { return resource.text(0); }
    QString validationError() const { return validation ? validation->error : QString(); }
    QString validationFix() const { return validation ? validation->fix : QString(); }
    QStringList filledIn() const { return validation ? validation->filledIn : QStringList(); }
};

// A directory group the application provisions, with its (flattened) user members.
struct DesiredGroup
{
    QString directoryObjectId;
    QString displayName;
    QStringList memberDirectoryIds; // directory object ids of users
};

// What the application should look like on the target, computed from the directory, the
// assignment and the server's mappings.
struct DesiredState
{
    QList<DesiredUser> users;
    QList<DesiredGroup> groups;
    QStringList updatePaths;
    QStringList caseInsensitivePaths;
    QStringList configurationErrors; // broken mappings: the sync must not run
    // The paths every user keeps the values of: update paths, matching attributes, manager. The
    // target snapshot is read with the same one.
    std::shared_ptr<const ResourceProjection> projection = std::make_shared<const ResourceProjection>();
};
