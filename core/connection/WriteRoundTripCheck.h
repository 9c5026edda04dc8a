#pragma once

#include "ConnectionCheck.h"

// Step 7, only when asked for: creates a temporary user (scimdesk-connection-test-…@invalid.example,
// with a harmless value for every attribute the server type requires), reads it back,
// deletes it and checks it is gone. A delete the server refuses falls back to deactivating
// the user and says how to remove it by hand.
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
    void deleteCreatedUser(const QString& id);
    void checkGone(const QString& id);
    void deactivateCreatedUser(const QString& id, const ScimError& deleteError);

    QString m_testId;
    QString m_userName;
};
