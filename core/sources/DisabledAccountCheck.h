#pragma once

#include "model/DirectorySource.h"

#include <QByteArray>
#include <QList>

// Whether a directory account is disabled under a source's rule, from the values the directory
// returned for the rule's attribute. Active Directory's userAccountControl is a set of flags:
// 514 (normal account + disabled), 66050 (… + password never expires) and 546 (… + password not
// required) are all disabled, so the bit is tested, never a value.
class DisabledAccountCheck
{
public:
    static bool isDisabled(const DisabledAccountRule& rule, const QList<QByteArray>& values);
};
