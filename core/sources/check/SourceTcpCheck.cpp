#include "SourceTcpCheck.h"

#include "ldap/LdapTlsProbe.h"
#include "ldap/LdapTransportDiagnosis.h"

#include <QCoreApplication>
#include <QElapsedTimer>

SourceTcpCheck::SourceTcpCheck()
    : SourceCheck(SourceTestStep::Tcp)
{
}

void SourceTcpCheck::check(SourceCheckContext& context, SourceTestStepResult& result)
{
    result.checked = QCoreApplication::translate("SourceTcpCheck", "A TCP connection to %1 port %2")
                         .arg(context.host())
                         .arg(context.port());
    QElapsedTimer clock;
    clock.start();
    const auto outcome = LdapTlsProbe::run(
        context.host(), context.port(), LdapTlsProbe::Mode::TcpOnly, {}, context.timeoutMs(), context.cancelled());
    if (!outcome.connected) {
        const auto finding = LdapTransportDiagnosis::tcp(outcome);
        fail(result, finding.failure, context, finding.facts);
        return;
    }
    result.details.append(QCoreApplication::translate("SourceTcpCheck", "Connected in %1 ms").arg(clock.elapsed()));
}
