#pragma once

#include "ConnectionCheck.h"

struct ServiceProviderConfig;

// Step 5: what the server says it supports (/ServiceProviderConfig, read by the
// authentication step) against the capabilities of the server's type: PATCH, filters and
// their result cap, bulk, and the paging modes of RFC 9865. No network.
class CapabilitiesCheck : public ConnectionCheck
{
    Q_OBJECT

public:
    explicit CapabilitiesCheck(ConnectionCheckContext& context, QObject* parent = nullptr);

protected:
    QString checked() const override;
    void run() override;

private:
    void describe(const ServiceProviderConfig& spc);
    QList<ConnectionFailure> compare(const ServiceProviderConfig& spc);
    void comparePaging(const ServiceProviderConfig& spc, QList<ConnectionFailure>& mismatches);
};
