#pragma once

#include <mapping/AttributeChange.h>
#include <model/ServerCapabilities.h>
#include <scim/PatchOperation.h>

#include <QJsonObject>
#include <QList>
#include <QStringList>

// The PATCH operations that bring a target user to the desired values of some changed
// attributes, and nothing else. A multi-valued attribute (emails, phoneNumbers, addresses …)
// may hold values ScimDesk does not manage — a home phone next to the mapped work phone — so a
// change to one value never replaces or removes the list:
//  - where the server takes value-filter paths (ServerCapabilities::patchValueFilterPaths) the
//    value is patched where it is: replace phoneNumbers[type eq "work"].value, remove
//    phoneNumbers[type eq "work"], or add a new element to the list;
//  - elsewhere the list is sent whole, merged from what was read, with only the managed value
//    changed.
// A server that keeps one value per attribute (singleValuedMultiAttributes) and already holds a
// value ScimDesk does not manage cannot take the managed one without losing the other: that
// change is left out and said why.
class UserPatch
{
public:
    struct Outcome
    {
        QList<PatchOperation> operations;
        QList<AttributeChange> sent; // the changes the operations carry out
        QStringList leftOut; // one sentence per attribute left unchanged, with the fix
    };

    // desired: the resource ScimDesk would send; current: the user as read from the target.
    static Outcome build(const QJsonObject& desired, const QJsonObject& current, const QList<AttributeChange>& changes,
        const ServerCapabilities& capabilities);
};
