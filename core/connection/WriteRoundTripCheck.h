#pragma once

#include "ConnectionCheck.h"

#include "scim/PatchOperation.h"

// Step 8, only when asked for: every kind of write a sync sends. Creates a temporary user
// (scimdesk-connection-test-…@invalid.example, with a harmless value for every attribute the
// server type requires) and reads it back; creates a temporary group, adds the user to it and
// removes it again, deletes the group; deletes the user and checks it is gone. A 403 on any
// request names the permission the token lacks. Whatever was created is deleted even when a
// later request fails; a user delete the server refuses falls back to deactivating the user,
// and anything left says how to remove it by hand.
class WriteRoundTripCheck : public ConnectionCheck
{
    Q_OBJECT

public:
    explicit WriteRoundTripCheck(ConnectionCheckContext& context, QObject* parent = nullptr);

protected:
    QString checked() const override;
    void run() override;

private:
    QJsonObject temporaryUser() const;
    void created(const ObjectAnswer& answer);
    void readBack(const QString& id);
    void createGroup(const QString& userId);
    void groupCreated(const QString& userId, const ObjectAnswer& answer);
    // op is add or remove; then removes it again, or deletes the group.
    void changeMembership(const QString& userId, PatchOperation::Op op);
    void deleteCreatedGroup(const QString& userId);
    void deleteCreatedUser(const QString& id);
    void checkGone(const QString& id);
    void deactivateCreatedUser(const QString& id, const ScimError& deleteError);

    QString m_testId;
    QString m_userName;
    QString m_groupName;
    QString m_groupId;
};
