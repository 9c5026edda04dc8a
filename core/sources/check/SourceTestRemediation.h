#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

// What the guided source test finds beyond connection and read errors (those come from
// LdapRemediation). Some are warnings: the source works, but something deserves a look.
enum class SourceTestFinding
{
    NoTls, // plain LDAP with an anonymous bind: nothing secret crosses, but nothing is protected
    CertificateExpiresSoon,
    NoUsersFound,
    NoGroupsFound,
    SampleUnusable, // the sample user lacks its anchor or userName
    SampleAttributesEmpty,
    InChainUnsupported,
    InChainDiffers,

    Count // not a finding
};

// The table from a finding and its facts to the cause and the fix. Pure. Facts are {name}
// placeholders: host, url, baseDn, userFilter, groupFilter, attributes, expiry, days, problem,
// group, inChain, clientSide, error.
namespace SourceTestRemediation {

using Facts = QHash<QString, QString>;

struct Text
{
    QString cause;
    QString fix;
};

Text lookup(SourceTestFinding finding, const Facts& facts);
QStringList placeholders(SourceTestFinding finding);

} // namespace SourceTestRemediation
