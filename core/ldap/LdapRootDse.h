#pragma once

#include "LdapConnection.h"

#include <QString>
#include <QStringList>

// What a directory server says about itself in its root DSE, read once per connection: the
// controls it supports and, for Active Directory, where incremental reads start
// (highestCommittedUSN) and which domain controller answers (dsServiceName, whose
// invocationId changes when the DC is restored from a backup).
struct LdapRootDse
{
    QStringList supportedControls;
    QStringList namingContexts;
    QString defaultNamingContext;
    QString vendorName;
    QString dsServiceName; // AD: CN=NTDS Settings,CN=DC1,…
    QString highestCommittedUsn; // AD

    static constexpr const char* pagedResultsOid = "1.2.840.113556.1.4.319";
    static constexpr const char* domainScopeOid = "1.2.840.113556.1.4.1339";

    bool supports(const char* oid) const { return supportedControls.contains(QLatin1String(oid)); }
    bool isActiveDirectory() const { return !highestCommittedUsn.isEmpty() || !dsServiceName.isEmpty(); }

    static Result<LdapRootDse, SourceReadError> read(LdapConnection& connection, const std::atomic_bool& cancelled);
    // The attributes read() asks for.
    static QStringList attributes();
};
