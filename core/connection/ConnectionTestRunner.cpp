#include "ConnectionTestRunner.h"

#include "sync/ServerClientConfig.h"

#include "scim/PatchOperation.h"
#include "scim/ScimClient.h"
#include "util/LogCategories.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <memory>

namespace {

constexpr int kSlowMedianMs = 2000;

QString proxyText(const QNetworkProxy& proxy)
{
    const QString kind = proxy.type() == QNetworkProxy::Socks5Proxy ? QStringLiteral("SOCKS5") : QStringLiteral("HTTP");
    return QStringLiteral("%1:%2 (%3)").arg(proxy.hostName()).arg(proxy.port()).arg(kind);
}

QString certificateName(const QSslCertificate& certificate, QSslCertificate::SubjectInfo info, bool issuer)
{
    const QStringList names = issuer ? certificate.issuerInfo(info) : certificate.subjectInfo(info);
    return names.isEmpty() ? QString() : names.first();
}

QString newTestId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool isAwsLike(const UrlDiagnosis& url, const std::optional<ServerType>& type)
{
    return url.isAwsShaped() || (type && type->urlPattern.contains(QLatin1String("amazonaws")));
}

} // namespace

ConnectionTestRunner::ConnectionTestRunner(ScimServer server, std::optional<ServerType> serverType, QString secret,
    ConnectionTestOptions options, QObject* parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_serverType(std::move(serverType))
    , m_secret(std::move(secret))
    , m_options(options)
    , m_url(UrlDiagnosis::diagnose(m_server.url, m_serverType ? &*m_serverType : nullptr))
{
    qRegisterMetaType<HttpTraceEntry>();
    m_report.serverName = m_server.name;
    m_report.serverTypeName = m_serverType ? m_serverType->displayName : QString();
    const QUrl entered(m_server.url.trimmed());
    // Never echo a user:password@ part an admin may have pasted into the URL.
    m_report.url = redacted(entered.isValid() ? entered.toString(QUrl::RemoveUserInfo) : m_server.url.trimmed());
    m_report.writeRoundTripRequested = m_options.writeRoundTrip;
}

ConnectionTestRunner::~ConnectionTestRunner()
{
    if (m_hostLookupId >= 0)
        QHostInfo::abortHostLookup(m_hostLookupId);
    delete m_client; // cancels whatever is still in flight
}

QDateTime ConnectionTestRunner::now() const
{
    return m_options.now.isValid() ? m_options.now : QDateTime::currentDateTimeUtc();
}

int ConnectionTestRunner::requestTimeoutMs() const
{
    if (m_options.requestTimeoutMs > 0)
        return m_options.requestTimeoutMs;
    return std::max(1, m_server.options.requestTimeoutSeconds) * 1000;
}

QString ConnectionTestRunner::timeoutSeconds() const
{
    return QString::number(requestTimeoutMs() / 1000.0, 'g', 3);
}

QString ConnectionTestRunner::redacted(QString text) const
{
    // Belt and braces: nothing this class writes contains the secret, but server messages
    // and URLs are echoed, and a server could echo the token back.
    if (m_secret.size() >= 4)
        text.replace(m_secret, QStringLiteral("[redacted]"));
    return text;
}

// ---- step machinery --------------------------------------------------------------------

void ConnectionTestRunner::run()
{
    if (m_index >= 0)
        return;
    m_report.startedAt = QDateTime::currentDateTimeUtc();
    startStep(0);
}

void ConnectionTestRunner::startStep(int index)
{
    const QList<ConnectionStep> steps = ConnectionSteps::all();
    if (index >= steps.size()) {
        finishTest();
        return;
    }
    m_index = index;
    ++m_stepGeneration;
    m_stepClock.start();
    emit stepStarted(index);
    switch (steps.at(index)) {
    case ConnectionStep::Url:
        runUrl();
        break;
    case ConnectionStep::Reachability:
        runReachability();
        break;
    case ConnectionStep::Authentication:
        runAuthentication();
        break;
    case ConnectionStep::TokenAge:
        runTokenAge();
        break;
    case ConnectionStep::Capabilities:
        runCapabilities();
        break;
    case ConnectionStep::Read:
        runRead();
        break;
    case ConnectionStep::WriteRoundTrip:
        runWriteRoundTrip();
        break;
    case ConnectionStep::Latency:
        runLatency();
        break;
    }
}

ConnectionStepResult ConnectionTestRunner::newResult(const QString& checked) const
{
    ConnectionStepResult result;
    result.step = ConnectionSteps::all().at(m_index);
    result.verdict = ConnectionVerdict::Pass;
    result.checked = checked;
    return result;
}

void ConnectionTestRunner::fail(ConnectionStepResult& result, const QString& cause, const QString& fix) const
{
    result.verdict = ConnectionVerdict::Fail;
    result.cause = result.cause.isEmpty() ? cause : result.cause + QLatin1Char(' ') + cause;
    result.fix = result.fix.isEmpty() ? fix : result.fix + QLatin1Char(' ') + fix;
}

void ConnectionTestRunner::warn(ConnectionStepResult& result, const QString& cause, const QString& fix) const
{
    result.verdict = ConnectionVerdicts::worst(result.verdict, ConnectionVerdict::Warning);
    result.cause = result.cause.isEmpty() ? cause : result.cause + QLatin1Char(' ') + cause;
    if (!fix.isEmpty() && !result.fix.contains(fix))
        result.fix = result.fix.isEmpty() ? fix : result.fix + QLatin1Char(' ') + fix;
}

void ConnectionTestRunner::armStepTimer(std::function<void()> onTimeout)
{
    if (!m_stepTimer) {
        m_stepTimer = new QTimer(this);
        m_stepTimer->setSingleShot(true);
    }
    m_stepTimer->disconnect();
    const quint64 generation = m_stepGeneration;
    connect(m_stepTimer, &QTimer::timeout, this, [this, generation, onTimeout = std::move(onTimeout)] {
        if (generation == m_stepGeneration && !m_done)
            onTimeout();
    });
    m_stepTimer->start(requestTimeoutMs());
}

void ConnectionTestRunner::finishStep(ConnectionStepResult result)
{
    if (m_done)
        return;
    ++m_stepGeneration; // from here on, late callbacks of this step are ignored
    if (m_stepTimer)
        m_stepTimer->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    if (m_hostLookupId >= 0) {
        QHostInfo::abortHostLookup(m_hostLookupId);
        m_hostLookupId = -1;
    }
    result.durationMs = m_stepClock.elapsed();
    result.checked = redacted(result.checked);
    result.cause = redacted(result.cause);
    result.fix = redacted(result.fix);
    for (QString& detail : result.details)
        detail = redacted(detail);
    m_report.steps.append(result);
    qCInfo(lcConnection) << "connection test step" << ConnectionSteps::id(result.step)
                         << ConnectionVerdicts::id(result.verdict) << result.durationMs << "ms";
    emit stepFinished(m_index, result);

    if (m_cancelled || (result.verdict == ConnectionVerdict::Fail && ConnectionSteps::failureBlocks(result.step))) {
        const QList<ConnectionStep> steps = ConnectionSteps::all();
        for (int i = m_index + 1; i < steps.size(); ++i) {
            ConnectionStepResult skipped;
            skipped.step = steps.at(i);
            skipped.verdict = ConnectionVerdict::Skipped;
            skipped.cause = m_cancelled ? tr("Not run: the test was cancelled.")
                                        : tr("Not run: \"%1\" failed.").arg(result.title());
            m_report.steps.append(skipped);
            emit stepFinished(i, skipped);
        }
        finishTest();
        return;
    }
    startStep(m_index + 1);
}

void ConnectionTestRunner::finishTest()
{
    if (m_done)
        return;
    m_done = true;
    ++m_stepGeneration;
    m_report.cancelled = m_cancelled;
    m_report.finishedAt = QDateTime::currentDateTimeUtc();
    if (m_client)
        m_client->cancelAll();
    emit finished(m_report);
}

void ConnectionTestRunner::cancel()
{
    if (m_done || m_cancelled)
        return;
    m_cancelled = true;
    if (m_client)
        m_client->cancelAll();
    if (m_index < 0) { // cancelled before it started
        m_report.startedAt = QDateTime::currentDateTimeUtc();
        m_index = -1;
        const QList<ConnectionStep> steps = ConnectionSteps::all();
        for (int i = 0; i < steps.size(); ++i) {
            ConnectionStepResult skipped;
            skipped.step = steps.at(i);
            skipped.cause = tr("Not run: the test was cancelled.");
            m_report.steps.append(skipped);
            emit stepFinished(i, skipped);
        }
        finishTest();
        return;
    }
    ConnectionStepResult result = newResult(QString());
    result.verdict = ConnectionVerdict::Skipped;
    result.cause = tr("Cancelled while this step was running.");
    finishStep(result);
}

void ConnectionTestRunner::onTrace(const HttpTraceEntry& entry)
{
    m_trace.append(entry);
    if (m_pagingListId == 0 || entry.requestId != m_pagingListId || m_done)
        return;
    if (entry.status != 200)
        return; // the list's callback reports the error
    ++m_pagingPages;
    if (m_pagingPages == 1) {
        static const QRegularExpression bareCursor(QStringLiteral("[?&]cursor(&|$)"));
        m_pagingFirstBareCursor = bareCursor.match(entry.url).hasMatch();
        return;
    }
    // A second page means the server sent a nextCursor and answered it: that is what the
    // probe wanted to see, no need to read every group of a large tenant.
    const quint64 listId = m_pagingListId;
    m_pagingListId = 0;
    m_client->cancel(listId);
    ConnectionStepResult result = newResult(tr("GET /Users?filter=userName eq \"<a name that cannot exist>\" returns "
                                               "no user; GET /Groups?cursor&count=1 pages with nextCursor"));
    result.details << tr("The filter for a userName that cannot exist returned an empty list, as it must.")
                   << tr("Cursor paging works: the first page was requested with an empty cursor and the server "
                         "answered the nextCursor it returned.");
    finishStep(result);
}

// ---- URL ------------------------------------------------------------------------------

void ConnectionTestRunner::runUrl()
{
    ConnectionStepResult result
        = newResult(m_url.isAwsShaped() ? tr("The URL's scheme, host and path against the AWS SCIM endpoint shape "
                                             "https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2/")
                                        : tr("The URL's scheme, host and path"));
    result.verdict = m_url.verdict();
    result.cause = m_url.cause();
    result.fix = m_url.fix();
    result.details = m_url.details();
    if (!m_url.suggestedUrl().isEmpty())
        result.details << tr("Suggested URL: %1").arg(m_url.suggestedUrl());

    if (result.verdict != ConnectionVerdict::Fail) {
        ScimClientConfig config = ServerClientConfig::forServer(m_server, m_secret);
        config.baseUrl = m_url.url();
        config.requestTimeoutMs = requestTimeoutMs();
        config.retry.maxAttempts = std::max(1, m_options.maxAttempts);
        config.retry.baseDelayMs = 100;
        config.retry.maxDelayMs = 2000;
        config.retry.maxTotalMs = qint64(requestTimeoutMs()) * config.retry.maxAttempts + 5000;
        config.traceEnabled = true; // timings and 429s for the latency step
        m_client = new ScimClient(config);
        connect(m_client, &ScimClient::traceEntry, this, &ConnectionTestRunner::onTrace);
    }
    finishStep(result);
}

// ---- Reachability ---------------------------------------------------------------------

void ConnectionTestRunner::runReachability()
{
    const QUrl url = m_url.url();
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    const QString host = url.host();
    const int port = url.port(https ? 443 : 80);
    ConnectionStepResult result = newResult(https
            ? tr("Name lookup of %1, TCP connection to port %2, TLS handshake and certificate, proxy settings")
                  .arg(host)
                  .arg(port)
            : tr("Name lookup of %1, TCP connection to port %2, proxy settings").arg(host).arg(port));

    const QNetworkProxyQuery query(url);
    const QList<QNetworkProxy> system = QNetworkProxyFactory::systemProxyForQuery(query);
    const QList<QNetworkProxy> used = QNetworkProxyFactory::proxyForQuery(query);
    const QNetworkProxy systemProxy = system.value(0, QNetworkProxy(QNetworkProxy::NoProxy));
    QNetworkProxy proxy = used.value(0, QNetworkProxy(QNetworkProxy::NoProxy));
    if (proxy.type() == QNetworkProxy::DefaultProxy)
        proxy = QNetworkProxy::applicationProxy();
    m_viaProxy = proxy.type() != QNetworkProxy::NoProxy && proxy.type() != QNetworkProxy::DefaultProxy;
    if (m_viaProxy)
        result.details << tr("Proxy in use: %1.").arg(proxyText(proxy));
    else
        result.details << tr("No proxy: ScimDesk connects directly.");
    if (systemProxy.type() != QNetworkProxy::NoProxy && systemProxy.type() != QNetworkProxy::DefaultProxy
        && !m_viaProxy)
        result.details << tr("This computer's proxy settings name %1 for this URL, but ScimDesk connects directly.")
                              .arg(proxyText(systemProxy));

    if (QHostAddress address; address.setAddress(host)) {
        result.details << tr("%1 is an IP address: no name lookup needed.").arg(host);
        connectSocket(result, proxy);
        return;
    }
    if (m_viaProxy) {
        result.details << tr("The proxy looks up %1.").arg(host);
        connectSocket(result, proxy);
        return;
    }

    const quint64 generation = m_stepGeneration;
    armStepTimer([this, result, host]() mutable {
        fail(result, tr("Looking up %1 took longer than %2 s: no DNS server answered.").arg(host, timeoutSeconds()),
            tr("Check this computer's network connection and DNS settings (VPN, company network)."));
        finishStep(result);
    });
    m_hostLookupId = QHostInfo::lookupHost(
        host, this, [this, generation, result, host, proxy](const QHostInfo& info) mutable {
            m_hostLookupId = -1;
            if (generation != m_stepGeneration || m_done)
                return;
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
                if (info.error() == QHostInfo::HostNotFound || info.addresses().isEmpty())
                    fail(result,
                        tr("The host name %1 does not exist: the name lookup (DNS) found no address for it.").arg(host),
                        m_url.isAwsShaped() ? tr(
                            "Check the region in the URL (scim.<region>.amazonaws.com) and copy the URL again from %1.")
                                                  .arg(UrlDiagnosis::awsEndpointLocation())
                                            : tr("Check the host name in the URL for typos. If the server is only "
                                                 "reachable on a company "
                                                 "network, connect to it (VPN) first."));
                else
                    fail(result, tr("The name lookup of %1 failed: %2.").arg(host, info.errorString()),
                        tr("Check this computer's network connection and DNS settings."));
                finishStep(result);
                return;
            }
            QStringList addresses;
            for (const QHostAddress& address : info.addresses().mid(0, 3))
                addresses << address.toString();
            result.details << tr("%1 resolves to %2.").arg(host, addresses.join(QLatin1String(", ")));
            connectSocket(result, proxy);
        });
}

void ConnectionTestRunner::connectSocket(ConnectionStepResult result, const QNetworkProxy& proxy)
{
    Q_UNUSED(proxy) // the socket uses the application proxy, exactly like the SCIM client
    const QUrl url = m_url.url();
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    const QString host = url.host();
    const quint16 port = quint16(url.port(https ? 443 : 80));

    QAbstractSocket* socket = nullptr;
    QSslSocket* sslSocket = nullptr;
    if (https) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        const QString caBundle = m_server.options.caBundlePath;
        if (!caBundle.isEmpty()) {
            const QList<QSslCertificate> cas = QSslCertificate::fromPath(caBundle, QSsl::Pem);
            if (cas.isEmpty()) {
                fail(result,
                    tr("The CA bundle %1 set for this server cannot be read or holds no PEM certificate.")
                        .arg(caBundle),
                    tr("Choose a readable PEM file with the server's CA certificate in the server options (CA "
                       "bundle), or clear the option."));
                finishStep(result);
                return;
            }
            ssl.addCaCertificates(cas);
            result.details << tr("Extra trusted CA certificates from %1 (%n certificate(s)).", nullptr, int(cas.size()))
                                  .arg(caBundle);
        }
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        sslSocket = new QSslSocket(this);
        sslSocket->setSslConfiguration(ssl);
        socket = sslSocket;
    } else {
        socket = new QTcpSocket(this);
    }
    m_socket = socket;

    struct Progress
    {
        bool connected = false;
        QList<QSslError> sslErrors;
        QElapsedTimer clock;
    };
    auto progress = std::make_shared<Progress>();
    progress->clock.start();
    const quint64 generation = m_stepGeneration;

    connect(socket, &QAbstractSocket::connected, this, [this, generation, progress, https, socket, result]() mutable {
        if (generation != m_stepGeneration)
            return;
        progress->connected = true;
        if (!https)
            finishSocket(result, socket, true, false, {}, QString(), -1);
    });
    if (sslSocket) {
        connect(sslSocket, &QSslSocket::sslErrors, this,
            [progress](const QList<QSslError>& errors) { progress->sslErrors = errors; });
        connect(sslSocket, &QSslSocket::encrypted, this, [this, generation, progress, socket, result] {
            if (generation == m_stepGeneration)
                finishSocket(result, socket, true, true, {}, QString(), -1);
        });
    }
    connect(socket, &QAbstractSocket::errorOccurred, this,
        [this, generation, progress, socket, result](QAbstractSocket::SocketError error) {
            if (generation == m_stepGeneration)
                finishSocket(
                    result, socket, progress->connected, false, progress->sslErrors, socket->errorString(), int(error));
        });
    armStepTimer([this, progress, socket, result] {
        finishSocket(result, socket, progress->connected, false, progress->sslErrors, QString(),
            int(QAbstractSocket::SocketTimeoutError));
    });

    if (sslSocket)
        sslSocket->connectToHostEncrypted(host, port);
    else
        socket->connectToHost(host, port);
}

void ConnectionTestRunner::finishSocket(ConnectionStepResult result, QAbstractSocket* socket, bool connected,
    bool encrypted, const QList<QSslError>& sslErrors, const QString& errorText, int socketError)
{
    const QUrl url = m_url.url();
    const QString host = url.host();
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    const QString endpoint = QStringLiteral("%1:%2").arg(host).arg(port);

    if (encrypted) {
        if (auto* ssl = qobject_cast<QSslSocket*>(socket)) {
            const QSslCertificate certificate = ssl->peerCertificate();
            result.details << tr("TLS connection established (%1).").arg(ssl->sessionCipher().protocolString());
            result.details << tr("Certificate for %1, issued by %2, valid until %3.")
                                  .arg(certificateName(certificate, QSslCertificate::CommonName, false),
                                      certificateName(certificate, QSslCertificate::CommonName, true),
                                      certificate.expiryDate().toUTC().toString(Qt::ISODate));
            const qint64 daysLeft = now().daysTo(certificate.expiryDate());
            if (daysLeft >= 0 && daysLeft < 14)
                warn(result, tr("The server's certificate expires in %n day(s).", nullptr, int(daysLeft)),
                    tr("Tell the server's administrator to renew it; connections fail once it has expired."));
        }
        finishStep(result);
        return;
    }
    if (connected && errorText.isEmpty() && socketError < 0) {
        result.details << tr("TCP connection to %1 established.").arg(endpoint);
        finishStep(result);
        return;
    }

    const QString caFix = tr("If this server uses a private certificate authority (or your company inspects TLS), get "
                             "the CA certificate as a PEM file from its administrator and set it as the server's CA "
                             "bundle in the server options. ScimDesk never ignores certificate errors.");
    if (!sslErrors.isEmpty()) {
        const QSslError& first = sslErrors.first();
        const QSslCertificate certificate = first.certificate();
        switch (first.error()) {
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
            fail(result,
                tr("The server's certificate is self-signed (or signed by a private CA) and this computer does not "
                   "trust it."),
                caFix);
            break;
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
        case QSslError::InvalidCaCertificate:
            fail(result,
                tr("The server's certificate is signed by a certificate authority this computer does not trust."),
                caFix);
            break;
        case QSslError::CertificateExpired:
            fail(result,
                tr("The server's certificate expired on %1.")
                    .arg(certificate.expiryDate().toUTC().toString(Qt::ISODate)),
                tr("The server's administrator must renew the certificate. Also check that this computer's date and "
                   "time are right."));
            break;
        case QSslError::CertificateNotYetValid:
            fail(result,
                tr("The server's certificate is valid only from %1.")
                    .arg(certificate.effectiveDate().toUTC().toString(Qt::ISODate)),
                tr("Check this computer's date and time; otherwise the server's administrator must fix the "
                   "certificate."));
            break;
        case QSslError::HostNameMismatch:
            fail(result,
                tr("The server's certificate is for %1, not for %2.")
                    .arg(certificate.subjectAlternativeNames().values().join(QLatin1String(", ")).isEmpty()
                            ? certificateName(certificate, QSslCertificate::CommonName, false)
                            : QStringList(certificate.subjectAlternativeNames().values()).join(QLatin1String(", ")),
                        host),
                tr("Check the host name in the URL: use the name the certificate is issued for. Otherwise the server "
                   "answering may not be the SCIM server."));
            break;
        case QSslError::CertificateRevoked:
            fail(result, tr("The server's certificate has been revoked."),
                tr("Contact the server's administrator; do not use this server until the certificate is replaced."));
            break;
        default:
            fail(result, tr("The TLS handshake failed: %1.").arg(first.errorString()), caFix);
            break;
        }
        for (const QSslError& error : sslErrors)
            result.details << tr("TLS: %1").arg(error.errorString());
        finishStep(result);
        return;
    }

    switch (QAbstractSocket::SocketError(socketError)) {
    case QAbstractSocket::ConnectionRefusedError:
        fail(result, tr("%1 refused the connection: nothing accepts connections on port %2.").arg(host).arg(port),
            tr("Check the port in the URL (none means 443 for https). If the server runs on your network, check "
               "that it is started."));
        break;
    case QAbstractSocket::HostNotFoundError:
        fail(result, tr("The host name %1 does not exist.").arg(host), tr("Check the host name in the URL."));
        break;
    case QAbstractSocket::SocketTimeoutError:
        if (connected)
            fail(result,
                tr("The TCP connection to %1 opened, but the TLS handshake got no answer within %2 s.")
                    .arg(endpoint, timeoutSeconds()),
                tr("Check that the port speaks https; a proxy or firewall may be holding the connection."));
        else
            fail(result, tr("No answer from %1 within %2 s.").arg(endpoint, timeoutSeconds()),
                tr("A firewall may be dropping the connection, or the host is down. Check the URL, the network and "
                   "any proxy settings."));
        break;
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyProtocolError:
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        fail(result, tr("The proxy failed: %1.").arg(errorText),
            tr("Check the proxy settings of this computer or ask your network administrator."));
        break;
    case QAbstractSocket::SslHandshakeFailedError:
        fail(result, tr("The TLS handshake with %1 failed: %2.").arg(endpoint, errorText),
            tr("Check that the URL's port speaks https, and the server's TLS configuration."));
        break;
    case QAbstractSocket::RemoteHostClosedError:
        fail(result, tr("%1 closed the connection before it was set up: %2.").arg(endpoint, errorText),
            tr("Check that the URL's scheme and port are right (https on 443 for most servers)."));
        break;
    default:
        fail(result, tr("Could not connect to %1: %2.").arg(endpoint, errorText),
            tr("Check the URL, this computer's network connection and any proxy or firewall."));
        break;
    }
    finishStep(result);
}

// ---- Authentication -------------------------------------------------------------------

void ConnectionTestRunner::runAuthentication()
{
    ConnectionStepResult result
        = newResult(tr("GET %1/ServiceProviderConfig with the stored credentials").arg(m_url.url().toString()));
    if (m_secret.isEmpty()) {
        fail(result, tr("No access token (or secret) is stored for this server."),
            tr("Enter it in the server's settings; it is kept in the system keychain."));
        finishStep(result);
        return;
    }
    const quint64 generation = m_stepGeneration;
    m_client->getServiceProviderConfig(
        this, [this, generation, result](const Result<ServiceProviderConfig, ScimError>& answer) mutable {
            if (generation != m_stepGeneration || m_done)
                return;
            if (answer) {
                m_discovered = answer.value();
                result.details << tr("The server accepted the credentials and described its capabilities.");
                finishStep(result);
                return;
            }
            if (answer.error().kind == ScimError::Kind::Http && answer.error().httpStatus == 404) {
                probeUsersAfterMissingDiscovery(result, answer.error());
                return;
            }
            explainFailure(result, answer.error());
            finishStep(result);
        });
}

void ConnectionTestRunner::probeUsersAfterMissingDiscovery(ConnectionStepResult result, const ScimError& discoveryError)
{
    // Some servers do not implement /ServiceProviderConfig although RFC 7644 asks for it:
    // a read of /Users tells a wrong path from a missing discovery endpoint.
    result.checked += tr("; then GET /Users with a filter, because /ServiceProviderConfig answered 404");
    const quint64 generation = m_stepGeneration;
    const ScimFilter probe = ScimFilter::eq(QStringLiteral("userName"),
        QStringLiteral("scimdesk-connection-test-probe-%1@invalid.example").arg(newTestId()));
    m_client->listUsers(probe, this,
        [this, generation, result, discoveryError](const Result<QList<QJsonObject>, ScimError>& answer) mutable {
            if (generation != m_stepGeneration || m_done)
                return;
            if (answer) {
                warn(result,
                    tr("The server has no /ServiceProviderConfig (404), but /Users answered with these credentials: "
                       "the URL and the token are right."),
                    tr("ScimDesk relies on the server type's capabilities for this server; check that the server "
                       "type matches it."));
                finishStep(result);
                return;
            }
            explainFailure(result, answer.error().httpStatus == 404 ? discoveryError : answer.error());
            finishStep(result);
        });
}

QString ConnectionTestRunner::tokenAgeSentence() const
{
    const int days = m_server.secretAgeDays(now());
    const int lifetime = m_server.capabilities.tokenLifetimeDays;
    if (days < 0)
        return tr("ScimDesk has no record of when the token was stored.");
    if (lifetime > 0 && days > lifetime)
        return tr("The token was stored %1 days ago and tokens of this server last %2 days, so it has most likely "
                  "expired.")
            .arg(days)
            .arg(lifetime);
    if (lifetime > 0)
        return tr("The token was stored %1 days ago (tokens of this server last %2 days).").arg(days).arg(lifetime);
    return tr("The token was stored %1 days ago.").arg(days);
}

QString ConnectionTestRunner::tokenRenewalFix() const
{
    if (isAwsLike(m_url, m_serverType))
        return tr("Generate a new access token in IAM Identity Center → Settings → Automatic provisioning → Manage "
                  "access tokens (at most two exist at a time: delete the older one first if needed), store it in "
                  "this server's settings and run the test again.");
    return tr("Create a new access token in the server's admin console, store it in this server's settings and run "
              "the test again.");
}

void ConnectionTestRunner::explainFailure(ConnectionStepResult& result, const ScimError& error) const
{
    const ConnectionStep step = result.step;
    if (error.kind == ScimError::Kind::Http && !error.detail.isEmpty())
        result.details << tr("The server said: %1").arg(error.detail);
    if (!error.requestId.isEmpty())
        result.requestId = error.requestId;
    const int attempts = std::max(1, m_options.maxAttempts);

    if (error.kind == ScimError::Kind::Http) {
        const int status = error.httpStatus;
        if (status == 401) {
            QString cause = tr("The server rejected the access token (401 Unauthorized): it is wrong (mistyped or cut "
                               "off when pasted), expired, deleted, or belongs to another tenant.");
            if (isAwsLike(m_url, m_serverType) && !m_url.awsTenant().isEmpty())
                cause += QLatin1Char(' ')
                    + tr("The tenant id in the URL (%1) must be that of the IAM Identity Center instance the token "
                         "was generated in; AWS answers a wrong tenant id with 401 as well.")
                          .arg(m_url.awsTenant());
            fail(result, cause + QLatin1Char(' ') + tokenAgeSentence(), tokenRenewalFix());
            return;
        }
        if (status == 403) {
            fail(result,
                tr("The server refused access (403 Forbidden): the credentials were recognised but lack the "
                   "permission for this operation, or an IP allow list or firewall blocks this computer."),
                tr("Check the token's permissions (role or scopes for SCIM provisioning) and any IP restrictions in "
                   "the server's admin console."));
            return;
        }
        if (status == 404 && (step == ConnectionStep::Authentication || step == ConnectionStep::Read)) {
            QString cause = tr("The host answered, but there is no SCIM endpoint at %1 (404 Not Found).")
                                .arg(m_url.url().toString());
            const QString path = m_url.url().path();
            if (!path.endsWith(QLatin1String("/scim/v2"), Qt::CaseInsensitive))
                cause += QLatin1Char(' ') + tr("The URL does not end in /scim/v2, as SCIM base URLs usually do.");
            QString fix;
            if (isAwsLike(m_url, m_serverType))
                fix = tr("Use https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2/ from %1.")
                          .arg(UrlDiagnosis::awsEndpointLocation());
            else if (m_serverType && !m_serverType->urlHint.isEmpty())
                fix = tr("Check the path of the URL. Expected: %1").arg(m_serverType->urlHint);
            else
                fix = tr("Check the path of the URL: it must be the SCIM base URL, the part before /Users and "
                         "/Groups (often ending in /scim/v2).");
            fail(result, cause, fix);
            return;
        }
        if (status == 429) {
            fail(result,
                tr("The server kept throttling requests (429 Too Many Requests), even after ScimDesk waited and "
                   "retried."),
                tr("Lower the rate limit or the concurrency in the server options, wait a minute and run the test "
                   "again."));
            return;
        }
        if (status >= 500) {
            fail(result,
                tr("The server failed with an internal error (%1) on %n attempt(s).", nullptr, attempts).arg(status),
                tr("This is a problem on the server's side. Try again later; if it persists, give the request id to "
                   "the vendor's support."));
            return;
        }
    }
    switch (error.kind) {
    case ScimError::Kind::Timeout:
        fail(result,
            tr("The server accepted the connection but did not answer within %1 s (%n attempt(s)).", nullptr, attempts)
                .arg(timeoutSeconds()),
            tr("The server may be overloaded, or a proxy or firewall holds the request. Try again later; if the "
               "server is just slow, raise the request timeout in the server options."));
        return;
    case ScimError::Kind::Cancelled:
        result.verdict = ConnectionVerdict::Skipped;
        result.cause = tr("Cancelled.");
        return;
    case ScimError::Kind::InvalidResponse:
        fail(result,
            tr("The server answered, but not with SCIM JSON: the URL probably points to a web page (a sign-in "
               "page, a portal) instead of the SCIM endpoint."),
            isAwsLike(m_url, m_serverType)
                ? tr("Copy the SCIM endpoint from %1.").arg(UrlDiagnosis::awsEndpointLocation())
                : tr("Check the URL: it must be the SCIM base URL (often ending in /scim/v2)."));
        return;
    default:
        break;
    }
    QString fix = error.hint();
    if (fix.isEmpty())
        fix = tr("Check the server settings and run the test again.");
    fail(result, error.message(), fix);
    if (error.kind != ScimError::Kind::Http && !error.detail.isEmpty())
        result.details << tr("Technical detail: %1").arg(error.detail);
}

// ---- Token age ------------------------------------------------------------------------

void ConnectionTestRunner::runTokenAge()
{
    const int lifetime = m_server.capabilities.tokenLifetimeDays;
    const int days = m_server.secretAgeDays(now());
    ConnectionStepResult result = newResult(lifetime > 0
            ? tr("How long ago the token was stored, against the %1-day token lifetime of this server type")
                  .arg(lifetime)
            : tr("Whether tokens of this server type expire on a schedule"));
    if (m_server.auth.scheme == AuthScheme::OAuthClientCredentials || lifetime <= 0) {
        result.details << tr("Tokens of this server do not expire on a fixed schedule known to ScimDesk.");
        if (days >= 0)
            result.details << tr("The secret was stored %n day(s) ago.", nullptr, days);
        finishStep(result);
        return;
    }
    if (days < 0) {
        warn(result,
            tr("ScimDesk does not know when this token was stored, so it cannot warn before it expires (tokens last "
               "%1 days).")
                .arg(lifetime),
            tr("Store the token again in the server's settings; the date is recorded from then on."));
        finishStep(result);
        return;
    }
    const QDateTime expires = m_server.secretStoredAt.addDays(lifetime);
    const QString expiry = expires.toUTC().date().toString(Qt::ISODate);
    switch (m_server.secretAge(now())) {
    case ScimServer::SecretAge::Expired:
        fail(result,
            tr("The token was stored %1 days ago; tokens of this server last %2 days, so it expired around %3. If "
               "the server still accepted it, the recorded date is wrong.")
                .arg(days)
                .arg(lifetime)
                .arg(expiry),
            tokenRenewalFix());
        break;
    case ScimServer::SecretAge::ExpiresSoon:
        warn(result,
            tr("The token was stored %1 days ago and expires in about %n day(s), around %2.", nullptr, lifetime - days)
                .arg(days)
                .arg(expiry),
            tokenRenewalFix());
        break;
    case ScimServer::SecretAge::Fresh:
    case ScimServer::SecretAge::Unknown:
        result.details << tr(
            "The token was stored %1 days ago; it expires around %2 (in about %n day(s)).", nullptr, lifetime - days)
                              .arg(days)
                              .arg(expiry);
        break;
    }
    finishStep(result);
}

// ---- Capabilities ---------------------------------------------------------------------

void ConnectionTestRunner::runCapabilities()
{
    ConnectionStepResult result = newResult(
        tr("What the server says it supports (/ServiceProviderConfig) against the server type's capabilities"));
    const ServerCapabilities& caps = m_server.capabilities;
    if (!m_discovered) {
        warn(result, tr("The server does not describe its capabilities (no /ServiceProviderConfig)."),
            tr("ScimDesk uses the server type's capabilities; check that the server type matches the server."));
        finishStep(result);
        return;
    }
    const ServiceProviderConfig& spc = *m_discovered;
    auto yesNo = [](bool value) { return value ? tr("yes") : tr("no"); };
    result.details << tr("PATCH: %1").arg(yesNo(spc.patchSupported));
    result.details << (spc.filterSupported && spc.filterMaxResults > 0
            ? tr("Filter: yes, at most %1 results").arg(spc.filterMaxResults)
            : tr("Filter: %1").arg(yesNo(spc.filterSupported)));
    result.details << (spc.bulkSupported ? tr("Bulk: yes, at most %1 operations").arg(spc.bulkMaxOperations)
                                         : tr("Bulk: no"));
    result.details << tr("Sorting: %1; ETags: %2; password change: %3")
                          .arg(yesNo(spc.sortSupported), yesNo(spc.etagSupported), yesNo(spc.changePasswordSupported));

    QStringList mismatches;
    if (caps.patchSupported && !spc.patchSupported)
        mismatches << tr("The server type expects PATCH, but the server says it does not support it: updates and "
                         "group membership changes may fail.");
    else if (!caps.patchSupported && spc.patchSupported)
        result.details << tr("The server supports PATCH; the server type does not use it.");
    if (!caps.filterOperators.isEmpty() && !spc.filterSupported)
        mismatches << tr("The server says it does not support filters; ScimDesk matches existing users and groups "
                         "with filters.");
    if (spc.filterSupported && spc.filterMaxResults > 0 && spc.filterMaxResults < caps.maxPageSize) {
        if (caps.pagingMode == PagingMode::SinglePage)
            mismatches << tr("The server returns at most %1 results per query, but the server type reads lists in "
                             "one page of up to %2: results beyond %1 would be missed.")
                              .arg(spc.filterMaxResults)
                              .arg(caps.maxPageSize);
        else
            result.details << tr("The server caps results at %1 per query; ScimDesk reads up to %2 per page and "
                                 "follows the pages.")
                                  .arg(spc.filterMaxResults)
                                  .arg(caps.maxPageSize);
    }
    if (caps.bulkSupported && !spc.bulkSupported)
        mismatches << tr("The server type expects /Bulk, but the server says it does not support it.");

    // RFC 9865 lets a server say which paging it supports.
    const QJsonObject pagination = spc.raw.value(QLatin1String("pagination")).toObject();
    if (!pagination.isEmpty()) {
        const bool cursor = pagination.value(QLatin1String("cursor")).toBool();
        const bool index = pagination.value(QLatin1String("index")).toBool();
        result.details << tr("Paging: cursor %1, startIndex %2").arg(yesNo(cursor), yesNo(index));
        if (caps.pagingMode == PagingMode::Cursor && !cursor)
            mismatches << tr("The server type pages with cursors, but the server says it does not support them.");
        if (caps.pagingMode == PagingMode::StartIndex && !index)
            mismatches << tr("The server type pages with startIndex, but the server says it does not support it.");
    } else {
        result.details << tr("Paging: not described by the server; the read step probes it (server type: %1).")
                              .arg(ServerCapabilities::pagingModeId(caps.pagingMode));
    }

    if (!mismatches.isEmpty())
        warn(result, mismatches.join(QLatin1Char(' ')),
            tr("Check that the right server type is chosen for this server; if it is, adjust its capabilities."));
    finishStep(result);
}

// ---- Read -----------------------------------------------------------------------------

void ConnectionTestRunner::runRead()
{
    const bool cursor = m_server.capabilities.pagingMode == PagingMode::Cursor;
    ConnectionStepResult result
        = newResult(cursor ? tr("GET /Users?filter=userName eq \"<a name that cannot exist>\" returns no user; "
                                "GET /Groups?cursor&count=1 pages with nextCursor")
                           : tr("GET /Users?filter=userName eq \"<a name that cannot exist>\" returns no user"));
    const QString probeName = QStringLiteral("scimdesk-connection-test-probe-%1@invalid.example").arg(newTestId());
    const quint64 generation = m_stepGeneration;
    m_client->listUsers(ScimFilter::eq(QStringLiteral("userName"), probeName), this,
        [this, generation, result, cursor](const Result<QList<QJsonObject>, ScimError>& answer) mutable {
            if (generation != m_stepGeneration || m_done)
                return;
            if (!answer) {
                explainFailure(result, answer.error());
                if (answer.error().kind == ScimError::Kind::Http && answer.error().httpStatus == 400)
                    result.cause
                        += QLatin1Char(' ') + tr("ScimDesk needs \"userName eq\" filters to find existing users.");
                finishStep(result);
                return;
            }
            if (!answer.value().isEmpty()) {
                fail(result,
                    tr("The server ignored the filter: it returned %n user(s) for a userName that cannot exist.",
                        nullptr, int(answer.value().size())),
                    tr("ScimDesk cannot match users safely on this server. Check the server type, or report the "
                       "filter problem to the server's vendor."));
                finishStep(result);
                return;
            }
            result.details << tr("The filter for a userName that cannot exist returned an empty list, as it must.");
            if (!cursor) {
                result.details << tr("Paging mode %1: not probed.")
                                      .arg(ServerCapabilities::pagingModeId(m_server.capabilities.pagingMode));
                finishStep(result);
                return;
            }
            probeCursorPaging(result);
        });
}

void ConnectionTestRunner::probeCursorPaging(ConnectionStepResult result)
{
    m_pagingPages = 0;
    m_pagingFirstBareCursor = false;
    const quint64 generation = m_stepGeneration;
    m_pagingListId = m_client->listGroups(
        ScimFilter(), this,
        [this, generation, result](const Result<QList<QJsonObject>, ScimError>& answer) mutable {
            m_pagingListId = 0;
            if (generation != m_stepGeneration || m_done)
                return;
            if (!answer) {
                explainFailure(result, answer.error());
                result.cause = tr("Reading groups page by page failed.") + QLatin1Char(' ') + result.cause;
                finishStep(result);
                return;
            }
            const int groups = int(answer.value().size());
            if (groups < 2)
                result.details << tr("Cursor paging accepted (%n group(s)); with fewer than two groups the "
                                     "server had no next page to return.",
                    nullptr, groups);
            else
                result.details << tr("Cursor paging works: %1 groups read one per page.").arg(groups);
            finishStep(result);
        },
        1);
}

// ---- Write round trip -----------------------------------------------------------------

void ConnectionTestRunner::runWriteRoundTrip()
{
    const QString id = newTestId();
    const QString userName = QStringLiteral("scimdesk-connection-test-%1@invalid.example").arg(id);
    if (!m_options.writeRoundTrip) {
        ConnectionStepResult result = newResult(
            tr("Not requested. When turned on, ScimDesk creates a temporary user (scimdesk-connection-test-…"
               "@invalid.example), reads it back and deletes it."));
        result.verdict = ConnectionVerdict::Skipped;
        finishStep(result);
        return;
    }
    ConnectionStepResult result = newResult(
        tr("WRITES TO THE SERVER: create the temporary user %1, read it back, delete it and check it is gone")
            .arg(userName));

    QJsonObject user {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")}},
        {QStringLiteral("userName"), userName},
        {QStringLiteral("externalId"), QStringLiteral("scimdesk-connection-test-%1").arg(id)},
        {QStringLiteral("displayName"), QStringLiteral("ScimDesk connection test")},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("ScimDesk")},
                {QStringLiteral("familyName"), QStringLiteral("Connection Test")}}},
        {QStringLiteral("active"), true},
    };
    // Whatever else the server type requires gets a harmless value.
    for (const QString& attribute : m_server.capabilities.requiredUserAttributes) {
        if (attribute == QLatin1String("emails")) {
            user.insert(attribute,
                QJsonArray {QJsonObject {{QStringLiteral("value"), userName},
                    {QStringLiteral("type"), QStringLiteral("work")}, {QStringLiteral("primary"), true}}});
            continue;
        }
        const QStringList parts = attribute.split(QLatin1Char('.'));
        if (parts.size() == 1 && !user.contains(attribute)) {
            user.insert(attribute, QStringLiteral("ScimDesk connection test"));
        } else if (parts.size() == 2) {
            QJsonObject parent = user.value(parts.at(0)).toObject();
            if (!parent.contains(parts.at(1)))
                parent.insert(parts.at(1), QStringLiteral("ScimDesk connection test"));
            user.insert(parts.at(0), parent);
        }
    }

    const quint64 generation = m_stepGeneration;
    m_client->createUser(
        user, this, [this, generation, result, userName](const Result<QJsonObject, ScimError>& answer) mutable {
            if (generation != m_stepGeneration || m_done)
                return;
            if (!answer) {
                explainFailure(result, answer.error());
                result.cause = tr("Creating the temporary user failed.") + QLatin1Char(' ') + result.cause;
                finishStep(result);
                return;
            }
            const QString id = answer.value().value(QLatin1String("id")).toString();
            if (id.isEmpty()) {
                fail(result, tr("The server created the user but returned no id."),
                    tr("Remove %1 by hand in the server's admin console.").arg(userName));
                finishStep(result);
                return;
            }
            result.details << tr("Created the temporary user %1 (id %2).").arg(userName, id);
            readBackCreatedUser(result, id, userName);
        });
}

void ConnectionTestRunner::readBackCreatedUser(ConnectionStepResult result, const QString& id, const QString& userName)
{
    const quint64 generation = m_stepGeneration;
    m_client->getUser(
        id, this, [this, generation, result, id, userName](const Result<QJsonObject, ScimError>& answer) mutable {
            if (generation != m_stepGeneration || m_done)
                return;
            if (!answer) {
                ConnectionStepResult readFailure = result;
                explainFailure(readFailure, answer.error());
                fail(result, tr("Reading the new user back failed: %1").arg(readFailure.cause), readFailure.fix);
            } else if (answer.value().value(QLatin1String("userName")).toString().compare(userName, Qt::CaseInsensitive)
                != 0) {
                warn(result, tr("The user read back has a different userName than the one created."),
                    tr("Check the server's userName rules; ScimDesk matches users by userName."));
            } else {
                result.details << tr("Read it back: the userName matches.");
            }
            deleteCreatedUser(result, id);
        });
}

void ConnectionTestRunner::deleteCreatedUser(ConnectionStepResult result, const QString& id)
{
    const quint64 generation = m_stepGeneration;
    m_client->deleteUser(id, this, [this, generation, result, id](const Status<ScimError>& answer) mutable {
        if (generation != m_stepGeneration || m_done)
            return;
        if (!answer) {
            deactivateCreatedUser(result, id, answer.error());
            return;
        }
        result.details << tr("Deleted it.");
        m_client->getUser(id, this, [this, generation, result](const Result<QJsonObject, ScimError>& check) mutable {
            if (generation != m_stepGeneration || m_done)
                return;
            if (!check && check.error().kind == ScimError::Kind::Http && check.error().httpStatus == 404)
                result.details << tr("The server answers 404 for it now, as it must.");
            else if (check)
                warn(result, tr("The server still returns the user after deleting it."),
                    tr("It may delete asynchronously; check in the server's admin console that it is gone."));
            else
                warn(result, tr("Checking that the user is gone failed: %1").arg(check.error().message()), QString());
            finishStep(result);
        });
    });
}

void ConnectionTestRunner::deactivateCreatedUser(
    ConnectionStepResult result, const QString& id, const ScimError& deleteError)
{
    ConnectionStepResult deleteFailure = result;
    explainFailure(deleteFailure, deleteError);
    const quint64 generation = m_stepGeneration;
    m_client->patchUser(id, {PatchOperation::replace(QStringLiteral("active"), false)}, this,
        [this, generation, result, id, deleteFailure](const Result<QJsonObject, ScimError>& answer) mutable {
            if (generation != m_stepGeneration || m_done)
                return;
            if (!deleteFailure.requestId.isEmpty())
                result.requestId = deleteFailure.requestId;
            if (answer) {
                warn(result,
                    tr("Deleting the temporary user failed (%1), so it was deactivated (active = false) instead.")
                        .arg(deleteFailure.cause),
                    tr("Remove the user with id %1 by hand in the server's admin console. If the server does not "
                       "allow deletes, set this server's deprovisioning to \"disable\".")
                        .arg(id));
            } else {
                fail(result,
                    tr("The temporary user could neither be deleted (%1) nor deactivated (%2).")
                        .arg(deleteFailure.cause, answer.error().message()),
                    tr("Remove the user with id %1 by hand in the server's admin console.").arg(id));
            }
            finishStep(result);
        });
}

// ---- Latency and throttling -----------------------------------------------------------

void ConnectionTestRunner::runLatency()
{
    ConnectionStepResult result = newResult(tr("Round-trip times and throttling (429) of the requests this test made"));
    QList<qint64> times;
    int throttled = 0;
    int serverErrors = 0;
    int noAnswer = 0;
    QStringList retryAfter;
    for (const HttpTraceEntry& entry : std::as_const(m_trace)) {
        if (entry.status > 0)
            times.append(entry.durationMs);
        else if (!entry.error.isEmpty())
            ++noAnswer;
        if (entry.status == 429) {
            ++throttled;
            for (const auto& [name, value] : entry.responseHeaders) {
                if (name.compare("Retry-After", Qt::CaseInsensitive) == 0)
                    retryAfter << QString::fromLatin1(value);
            }
        }
        if (entry.status >= 500)
            ++serverErrors;
    }
    if (times.isEmpty()) {
        result.verdict = ConnectionVerdict::Skipped;
        result.cause = tr("No request got an answer, so there is nothing to measure.");
        finishStep(result);
        return;
    }
    std::sort(times.begin(), times.end());
    const qint64 median = times.at(times.size() / 2);
    result.details << tr(
        "%n request(s) answered; round trip min %1 ms, median %2 ms, max %3 ms.", nullptr, int(times.size()))
                          .arg(times.first())
                          .arg(median)
                          .arg(times.last());
    if (throttled > 0) {
        const QString waited = retryAfter.isEmpty()
            ? tr("without saying how long to wait (no Retry-After)")
            : tr("asking to wait %1 s (Retry-After)").arg(retryAfter.join(QLatin1String(", ")));
        warn(result,
            tr("The server throttled %1 of %2 requests (429 Too Many Requests), %3.")
                .arg(throttled)
                .arg(times.size())
                .arg(waited),
            tr("Lower the rate limit (requests per second) or the concurrency in the server options. ScimDesk slows "
               "down and retries on 429, but a sync at a rate the server accepts finishes sooner."));
    }
    if (serverErrors > 0)
        warn(result,
            tr("The server answered %n request(s) with an internal error (5xx); they were retried.", nullptr,
                serverErrors),
            tr("If this happens often, tell the server's vendor (with the request ids from the log)."));
    if (noAnswer > 0)
        result.details << tr("%n request(s) got no answer (timeout or dropped connection).", nullptr, noAnswer);
    if (median > kSlowMedianMs)
        warn(result, tr("The server is slow: the median round trip is %1 ms.").arg(median),
            tr("A sync sends many requests; expect long runs, or raise the concurrency if the server allows it."));
    finishStep(result);
}
