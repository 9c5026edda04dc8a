#pragma once

#include "ConnectionRemediation.h"
#include "TransportProbe.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

// What a TransportProbe outcome means, as a remediation-table failure and its facts. Pure.
namespace TransportDiagnosis {

using Finding = std::pair<ConnectionFailure, ConnectionRemediation::Facts>;

// host and port as in the URL; timeoutSeconds for the timeout texts.
Finding failure(const TransportProbe::Outcome& outcome, const QString& host, int port, const QString& timeoutSeconds);
// What an established connection tells: protocol, certificate subject, issuer, expiry.
QStringList details(const TransportProbe::Outcome& outcome, const QString& host, int port);
// A warning for a certificate that expires within two weeks of now.
std::optional<Finding> expiryWarning(const TransportProbe::Outcome& outcome, const QDateTime& now);

} // namespace TransportDiagnosis
