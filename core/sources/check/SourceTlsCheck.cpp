#include "SourceTlsCheck.h"

#include "ldap/LdapTlsProbe.h"
#include "ldap/LdapTransportDiagnosis.h"
#include "tls/CaCertificateBundle.h"

#include <QCoreApplication>
#include <QDateTime>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SourceTlsCheck", text);
}

constexpr int kExpiryWarningDays = 14;

} // namespace

SourceTlsCheck::SourceTlsCheck()
    : SourceCheck(SourceTestStep::Tls)
{
}

void SourceTlsCheck::check(SourceCheckContext& context, SourceTestStepResult& result)
{
    const DirectorySource& source = context.source();
    if (!source.caFilePath.isEmpty()) {
        const auto bundle = CaCertificateBundle::load(source.caFilePath);
        if (!bundle) {
            result.checked = tr("The CA file %1").arg(source.caFilePath);
            fail(result, LdapFailure::CaFileUnusable, context, {{QStringLiteral("diagnostic"), bundle.error()}});
            return;
        }
        context.caCertificates = bundle->certificates();
    }
    if (!context.encrypted()) {
        result.checked = tr("Plain LDAP (neither ldaps:// nor StartTLS)");
        if (!source.anonymousBind()) {
            fail(result, LdapFailure::PasswordWithoutTls, context);
        } else {
            report(result, ConnectionVerdict::Warning, SourceTestFinding::NoTls, context);
        }
        return;
    }
    const QString trust
        = source.caFilePath.isEmpty() ? tr("the system's CAs") : tr("the system's CAs and %1").arg(source.caFilePath);
    result.checked = context.ldaps()
        ? tr("TLS on %1 port %2, verified with %3").arg(context.host()).arg(context.port()).arg(trust)
        : tr("StartTLS on %1 port %2, verified with %3").arg(context.host()).arg(context.port()).arg(trust);
    const auto probe = [&](LdapTlsProbe::Mode mode) {
        return LdapTlsProbe::run(
            context.host(), context.port(), mode, context.caCertificates, context.timeoutMs(), context.cancelled());
    };
    const auto outcome = probe(context.ldaps() ? LdapTlsProbe::Mode::TlsFromStart : LdapTlsProbe::Mode::StartTls);
    const bool plainPort = context.ldaps() && !outcome.certificateSeen && !outcome.cancelled
        && probe(LdapTlsProbe::Mode::StartTls).ldapAnswered;
    if (const auto finding = LdapTransportDiagnosis::tls(outcome, context.ldaps(), plainPort)) {
        fail(result, finding->failure, context, finding->facts);
        return;
    }
    result.details = LdapTransportDiagnosis::details(outcome);
    const QDateTime expiry = outcome.chain.value(0).expiryDate();
    const qint64 days = QDateTime::currentDateTimeUtc().daysTo(expiry);
    if (days <= kExpiryWarningDays) {
        report(result, ConnectionVerdict::Warning, SourceTestFinding::CertificateExpiresSoon, context,
            {{QStringLiteral("expiry"), expiry.toUTC().toString(Qt::ISODate)},
                {QStringLiteral("days"), QString::number(days)}});
    }
}
