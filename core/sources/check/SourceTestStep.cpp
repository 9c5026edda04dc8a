#include "SourceTestStep.h"

#include <QCoreApplication>

namespace SourceTestSteps {

QList<SourceTestStep> all()
{
    return {SourceTestStep::Dns, SourceTestStep::Tcp, SourceTestStep::Tls, SourceTestStep::Bind, SourceTestStep::BaseDn,
        SourceTestStep::Users, SourceTestStep::Groups, SourceTestStep::SampleUser, SourceTestStep::Nesting};
}

QString id(SourceTestStep step)
{
    switch (step) {
    case SourceTestStep::Dns:
        return QStringLiteral("dns");
    case SourceTestStep::Tcp:
        return QStringLiteral("tcp");
    case SourceTestStep::Tls:
        return QStringLiteral("tls");
    case SourceTestStep::Bind:
        return QStringLiteral("bind");
    case SourceTestStep::BaseDn:
        return QStringLiteral("base-dn");
    case SourceTestStep::Users:
        return QStringLiteral("users");
    case SourceTestStep::Groups:
        return QStringLiteral("groups");
    case SourceTestStep::SampleUser:
        return QStringLiteral("sample-user");
    case SourceTestStep::Nesting:
        return QStringLiteral("nesting");
    }
    return {};
}

QString title(SourceTestStep step)
{
    switch (step) {
    case SourceTestStep::Dns:
        return QCoreApplication::translate("SourceTestStep", "Name lookup (DNS)");
    case SourceTestStep::Tcp:
        return QCoreApplication::translate("SourceTestStep", "Connection (TCP)");
    case SourceTestStep::Tls:
        return QCoreApplication::translate("SourceTestStep", "TLS and certificate");
    case SourceTestStep::Bind:
        return QCoreApplication::translate("SourceTestStep", "Bind");
    case SourceTestStep::BaseDn:
        return QCoreApplication::translate("SourceTestStep", "Base DN");
    case SourceTestStep::Users:
        return QCoreApplication::translate("SourceTestStep", "Users found by the user filter");
    case SourceTestStep::Groups:
        return QCoreApplication::translate("SourceTestStep", "Groups found by the group filter");
    case SourceTestStep::SampleUser:
        return QCoreApplication::translate("SourceTestStep", "Sample user with every mapped attribute");
    case SourceTestStep::Nesting:
        return QCoreApplication::translate("SourceTestStep", "Nested groups");
    }
    return {};
}

bool failureBlocks(SourceTestStep step)
{
    switch (step) {
    case SourceTestStep::Dns:
    case SourceTestStep::Tcp:
    case SourceTestStep::Tls:
    case SourceTestStep::Bind:
    case SourceTestStep::BaseDn:
        return true;
    case SourceTestStep::Users: // the groups may still be found, and say something
    case SourceTestStep::Groups:
    case SourceTestStep::SampleUser:
    case SourceTestStep::Nesting:
        return false;
    }
    return true;
}

} // namespace SourceTestSteps
