#pragma once

#include "ConnectionCheck.h"

// Step 4: how long ago the token was stored, against the token lifetime of the server type
// (capabilities.tokenLifetimeDays): a warning from 30 days before the end, a failure after.
// No network: the server cannot tell when a token expires.
class TokenAgeCheck : public ConnectionCheck
{
    Q_OBJECT

public:
    explicit TokenAgeCheck(ConnectionCheckContext& context, QObject* parent = nullptr);

protected:
    QString checked() const override;
    void run() override;
};
