#include "ConnectionStep.h"

#include <QCoreApplication>

namespace ConnectionSteps {

QList<ConnectionStep> all()
{
    return {ConnectionStep::Url, ConnectionStep::Reachability, ConnectionStep::Authentication, ConnectionStep::TokenAge,
        ConnectionStep::Capabilities, ConnectionStep::Read, ConnectionStep::GroupRead, ConnectionStep::WriteRoundTrip,
        ConnectionStep::Latency};
}

QString id(ConnectionStep step)
{
    switch (step) {
    case ConnectionStep::Url:
        return QStringLiteral("url");
    case ConnectionStep::Reachability:
        return QStringLiteral("reachability");
    case ConnectionStep::Authentication:
        return QStringLiteral("authentication");
    case ConnectionStep::TokenAge:
        return QStringLiteral("token-age");
    case ConnectionStep::Capabilities:
        return QStringLiteral("capabilities");
    case ConnectionStep::Read:
        return QStringLiteral("read");
    case ConnectionStep::GroupRead:
        return QStringLiteral("read-groups");
    case ConnectionStep::WriteRoundTrip:
        return QStringLiteral("write-round-trip");
    case ConnectionStep::Latency:
        return QStringLiteral("latency");
    }
    return QString();
}

QString title(ConnectionStep step)
{
    switch (step) {
    case ConnectionStep::Url:
        return QCoreApplication::translate("ConnectionStep", "Server URL");
    case ConnectionStep::Reachability:
        return QCoreApplication::translate("ConnectionStep", "Network: name lookup, connection, TLS, proxy");
    case ConnectionStep::Authentication:
        return QCoreApplication::translate("ConnectionStep", "Authentication (token or credentials)");
    case ConnectionStep::TokenAge:
        return QCoreApplication::translate("ConnectionStep", "Token age");
    case ConnectionStep::Capabilities:
        return QCoreApplication::translate("ConnectionStep", "Server capabilities");
    case ConnectionStep::Read:
        return QCoreApplication::translate("ConnectionStep", "Read users: filter and one page");
    case ConnectionStep::GroupRead:
        return QCoreApplication::translate("ConnectionStep", "Read groups: filter, one page and paging");
    case ConnectionStep::WriteRoundTrip:
        return QCoreApplication::translate(
            "ConnectionStep", "Write round trip (a temporary test user and group, created and deleted)");
    case ConnectionStep::Latency:
        return QCoreApplication::translate("ConnectionStep", "Latency and throttling");
    }
    return QString();
}

bool failureBlocks(ConnectionStep step)
{
    switch (step) {
    case ConnectionStep::Url:
    case ConnectionStep::Reachability:
    case ConnectionStep::Authentication:
    case ConnectionStep::Read:
        return true;
    case ConnectionStep::TokenAge: // the token worked just now: later steps still say something
    case ConnectionStep::Capabilities:
    case ConnectionStep::GroupRead: // users still sync; the write round trip says more
    case ConnectionStep::WriteRoundTrip:
    case ConnectionStep::Latency:
        return false;
    }
    return true;
}

} // namespace ConnectionSteps
