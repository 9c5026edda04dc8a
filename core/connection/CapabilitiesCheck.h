#pragma once

#include "ConnectionCheck.h"

#include "scim/ServiceProviderConfig.h"

// Step 5: what the server says it supports (GET /ServiceProviderConfig) against the
// capabilities of the server's type: PATCH, filters and their result cap, bulk, and the paging
// modes of RFC 9865. A server without the endpoint is a warning: the type's capabilities serve.
class CapabilitiesCheck : public ConnectionCheck
{
    Q_OBJECT

public:
    explicit CapabilitiesCheck(ConnectionCheckContext& context, QObject* parent = nullptr);

protected:
    QString checked() const override;
    void run() override;

private:
    void discovered(const Result<ServiceProviderConfig, ScimError>& answer);
    void describe(const ServiceProviderConfig& spc);
    QList<ConnectionFailure> compare(const ServiceProviderConfig& spc);
    void comparePaging(const ServiceProviderConfig& spc, QList<ConnectionFailure>& mismatches);
};
