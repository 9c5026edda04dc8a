#include "SourceDnsCheck.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QHostInfo>
#include <QTimer>

#include <optional>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SourceDnsCheck", text);
}

// QHostInfo's lookup, waited for in short slices so a cancel is honoured.
std::optional<QHostInfo> lookUp(const QString& host, const SourceCheckContext& context)
{
    std::optional<QHostInfo> info;
    QEventLoop loop;
    const int id = QHostInfo::lookupHost(host, &loop, [&](const QHostInfo& answer) {
        info = answer;
        loop.quit();
    });
    QElapsedTimer clock;
    clock.start();
    while (!info && !context.cancelled() && clock.elapsed() < context.timeoutMs()) {
        QTimer::singleShot(200, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!info) {
        QHostInfo::abortHostLookup(id);
    }
    return info;
}

} // namespace

SourceDnsCheck::SourceDnsCheck()
    : SourceCheck(SourceTestStep::Dns)
{
}

void SourceDnsCheck::check(SourceCheckContext& context, SourceTestStepResult& result)
{
    QString problem;
    if (!context.parseUrl(&problem)) {
        result.checked = tr("The URL");
        fail(result, LdapFailure::InvalidUrl, context, {{QStringLiteral("diagnostic"), problem}});
        return;
    }
    result.checked = tr("Looking up %1").arg(context.host());
    if (!QHostAddress(context.host()).isNull()) {
        result.details.append(tr("%1 is an IP address: nothing to look up").arg(context.host()));
        return;
    }
    const std::optional<QHostInfo> info = lookUp(context.host(), context);
    if (!info) {
        if (context.cancelled()) {
            fail(result, LdapFailure::Cancelled, context);
        } else {
            fail(result, LdapFailure::ConnectTimeout, context);
        }
        return;
    }
    if (info->error() != QHostInfo::NoError || info->addresses().isEmpty()) {
        fail(result, LdapFailure::HostNotFound, context, {{QStringLiteral("diagnostic"), info->errorString()}});
        return;
    }
    QStringList addresses;
    for (const QHostAddress& address : info->addresses()) {
        addresses.append(address.toString());
    }
    result.details.append(tr("%1 is %2").arg(context.host(), addresses.join(QStringLiteral(", "))));
}
