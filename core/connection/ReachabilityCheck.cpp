#include "ReachabilityCheck.h"

#include "TransportDiagnosis.h"
#include "tls/CaCertificateBundle.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>
#include <QSslCertificate>
#include <QTimer>

namespace {

QString proxyText(const QNetworkProxy& proxy)
{
    const QString kind = proxy.type() == QNetworkProxy::Socks5Proxy ? QStringLiteral("SOCKS5") : QStringLiteral("HTTP");
    return QStringLiteral("%1:%2 (%3)").arg(proxy.hostName()).arg(proxy.port()).arg(kind);
}

bool isRealProxy(const QNetworkProxy& proxy)
{
    return proxy.type() != QNetworkProxy::NoProxy && proxy.type() != QNetworkProxy::DefaultProxy;
}

} // namespace

ReachabilityCheck::ReachabilityCheck(ConnectionCheckContext& context, QObject* parent)
    : ConnectionCheck(ConnectionStep::Reachability, context, parent)
{
}

ReachabilityCheck::~ReachabilityCheck()
{
    stop();
}

bool ReachabilityCheck::isHttps() const
{
    return context().url().url().scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
}

QString ReachabilityCheck::host() const
{
    return context().url().url().host();
}

int ReachabilityCheck::port() const
{
    return context().url().url().port(isHttps() ? 443 : 80);
}

QString ReachabilityCheck::checked() const
{
    return isHttps() ? tr("Name lookup of %1, TCP connection to port %2, TLS handshake and certificate, proxy settings")
                           .arg(host())
                           .arg(port())
                     : tr("Name lookup of %1, TCP connection to port %2, proxy settings").arg(host()).arg(port());
}

void ReachabilityCheck::run()
{
    const bool viaProxy = describeProxy();
    if (QHostAddress address; address.setAddress(host())) {
        result().details << tr("%1 is an IP address: no name lookup needed.").arg(host());
        connectToHost();
    } else if (viaProxy) {
        result().details << tr("The proxy looks up %1.").arg(host());
        connectToHost();
    } else {
        lookUpHost();
    }
}

bool ReachabilityCheck::describeProxy()
{
    const QNetworkProxyQuery query(context().url().url());
    const QNetworkProxy systemProxy
        = QNetworkProxyFactory::systemProxyForQuery(query).value(0, QNetworkProxy(QNetworkProxy::NoProxy));
    QNetworkProxy proxy = QNetworkProxyFactory::proxyForQuery(query).value(0, QNetworkProxy(QNetworkProxy::NoProxy));
    if (proxy.type() == QNetworkProxy::DefaultProxy)
        proxy = QNetworkProxy::applicationProxy();
    const bool viaProxy = isRealProxy(proxy);
    if (viaProxy)
        result().details << tr("Proxy in use: %1.").arg(proxyText(proxy));
    else
        result().details << tr("No proxy: ScimDesk connects directly.");
    if (isRealProxy(systemProxy) && !viaProxy)
        result().details << tr("This computer's proxy settings name %1 for this URL, but ScimDesk connects directly.")
                                .arg(proxyText(systemProxy));
    return viaProxy;
}

void ReachabilityCheck::lookUpHost()
{
    m_lookupTimer = new QTimer(this);
    m_lookupTimer->setSingleShot(true);
    connect(m_lookupTimer, &QTimer::timeout, this, guarded<>([this] {
        fail(ConnectionFailure::DnsTimeout, {{QStringLiteral("host"), host()}});
        finish();
    }));
    m_lookupTimer->start(context().requestTimeoutMs());
    m_lookupId = QHostInfo::lookupHost(host(), this, guarded<const QHostInfo&>([this](const QHostInfo& info) {
        m_lookupId = -1;
        hostLookedUp(info);
    }));
}

void ReachabilityCheck::hostLookedUp(const QHostInfo& info)
{
    m_lookupTimer->stop();
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        if (info.error() == QHostInfo::HostNotFound || info.addresses().isEmpty())
            fail(ConnectionFailure::HostNotFound, {{QStringLiteral("host"), host()}});
        else
            fail(ConnectionFailure::DnsFailed,
                {{QStringLiteral("host"), host()}, {QStringLiteral("error"), info.errorString()}});
        finish();
        return;
    }
    QStringList addresses;
    for (const QHostAddress& address : info.addresses().mid(0, 3))
        addresses << address.toString();
    result().details << tr("%1 resolves to %2.").arg(host(), addresses.join(QLatin1String(", ")));
    connectToHost();
}

void ReachabilityCheck::connectToHost()
{
    QList<QSslCertificate> cas;
    const QString caBundle = context().server().options.caBundlePath;
    if (isHttps() && !caBundle.isEmpty()) {
        const auto bundle = CaCertificateBundle::load(caBundle);
        if (!bundle) {
            fail(ConnectionFailure::CaBundleUnreadable,
                {{QStringLiteral("path"), caBundle}, {QStringLiteral("detail"), bundle.error()}});
            finish();
            return;
        }
        cas = bundle->certificates();
        result().details
            << tr("Extra trusted CA certificates from %1 (%n certificate(s)).", nullptr, int(cas.size())).arg(caBundle);
    }
    m_probe = new TransportProbe(this);
    connect(m_probe, &TransportProbe::finished, this,
        guarded<const TransportProbe::Outcome&>(
            [this](const TransportProbe::Outcome& outcome) { connected(outcome); }));
    m_probe->start(host(), quint16(port()), isHttps(), cas, context().requestTimeoutMs());
}

void ReachabilityCheck::connected(const TransportProbe::Outcome& outcome)
{
    result().details << TransportDiagnosis::details(outcome, host(), port());
    const bool reached = isHttps() ? outcome.encrypted : outcome.connected && !outcome.timedOut;
    if (!reached) {
        const auto [failure, facts] = TransportDiagnosis::failure(outcome, host(), port(), context().timeoutSeconds());
        fail(failure, facts);
    } else if (const auto warning = TransportDiagnosis::expiryWarning(outcome, context().now())) {
        warn(warning->first, warning->second);
    }
    finish();
}

void ReachabilityCheck::stop()
{
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    if (m_lookupTimer)
        m_lookupTimer->stop();
    if (m_probe)
        m_probe->stop();
}
