#pragma once

#include "SourceCheck.h"

// LDAPS or StartTLS with the certificate verified against the system's CAs and the source's CA
// file. Plain LDAP is a warning with an anonymous bind and a failure with a password (never sent
// in clear).
class SourceTlsCheck : public SourceCheck
{
public:
    SourceTlsCheck();

protected:
    void check(SourceCheckContext& context, SourceTestStepResult& result) override;
};
