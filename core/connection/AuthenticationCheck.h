#pragma once

#include "ConnectionCheck.h"

#include "scim/ServiceProviderConfig.h"

// Step 3: the stored credentials against GET /ServiceProviderConfig. A server without that
// endpoint (404) is probed with a filtered GET /Users, which tells a wrong path from a
// missing discovery endpoint. A secret that could not be read fails here, with the secret
// store's cause and fix.
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
    void discovered(const Result<ServiceProviderConfig, ScimError>& answer);
    void probeUsersAfterMissingDiscovery(const ScimError& discoveryError);
};
