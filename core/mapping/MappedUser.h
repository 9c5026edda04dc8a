#pragma once

#include <QJsonObject>
#include <QString>

// Why a user is being mapped: OnCreate mappings only apply when the user is created.
enum class MapPurpose
{
    Create,
    Update,
};

// A directory user as the SCIM User resource ScimDesk would send.
struct MappedUser
{
    QJsonObject resource; // schemas included; empty values are absent, never ""
    QString objectId; // the directory user's immutable id, for reports about this user

    QString userName() const { return resource.value(QLatin1String("userName")).toString(); }
};
