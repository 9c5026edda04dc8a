#pragma once

#include <QJsonValue>
#include <QString>

// One mapped attribute whose value on the target differs from what ScimDesk would send.
// An absent value is null; after == null means "remove it from the target".
struct AttributeChange
{
    QString path; // the mapped SCIM path, e.g. name.givenName
    QJsonValue before; // on the target now
    QJsonValue after; // what the mapping gives

    bool operator==(const AttributeChange& other) const
    {
        return path == other.path && before == other.before && after == other.after;
    }
};
