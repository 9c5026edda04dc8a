#pragma once

#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>

// A user of the embedded directory. objectId is immutable and is what ScimDesk sends as
// externalId, so renames keep their link to the target.
struct DirectoryUser
{
    qint64 id = 0;
    QString objectId;
    QString userName;
    QString email;
    QString givenName;
    QString familyName;
    QString displayName;
    QString phone;
    QString title;
    QString department;
    QString employeeNumber;
    QString manager; // userName of the manager
    bool active = true;
    QMap<QString, QString> customAttributes;
    QDateTime createdAt;
    QDateTime updatedAt;

    // The attribute names a mapping or a scoping filter can read.
    static QStringList standardAttributeNames();
    // The value of a standard or custom attribute; "active" reads as "true"/"false".
    QString attribute(const QString& name) const;
    bool setAttribute(const QString& name, const QString& value);
};
