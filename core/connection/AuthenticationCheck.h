#pragma once

#include "ConnectionCheck.h"

// Step 3: the stored credentials against an endpoint that needs them: GET /Users with a filter
// for a userName that cannot exist. /ServiceProviderConfig cannot decide this — RFC 7644 lets a
// server answer it without authentication, so a wrong token would pass there — and is read by
// the capabilities step instead. A 401 here is the wrong, expired or deleted token; a secret
// that could not be read fails here too, with the secret store's cause and fix.
class AuthenticationCheck : public ConnectionCheck
{
    Q_OBJECT

public:
    explicit AuthenticationCheck(ConnectionCheckContext& context, QObject* parent = nullptr);

protected:
    QString checked() const override;
    void run() override;

private:
    bool explainMissingSecret();
    void answered(const ListAnswer& answer);
};
