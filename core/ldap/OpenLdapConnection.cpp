#include "OpenLdapConnection.h"

#include "LdapSearchOperation.h"
#include "LdapSession.h"
#include "LdapTransportDiagnosis.h"
#include "SigpipeGuard.h"

#include "tls/CaCertificateBundle.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QStringList>
#include <QUrl>

#include <algorithm>

namespace {

// Where Debian, Ubuntu, Fedora (through its compat link) and Alpine keep the system's CAs as
// one file per CA: the system's CAs when libldap's configuration (ldap.conf) names none, and
// next to a source's CA file of several certificates.
const char* const kSystemCaDirectory = "/etc/ssl/certs";
constexpr int kMaxProbeMs = 10000;

} // namespace

OpenLdapConnection::OpenLdapConnection() = default;

OpenLdapConnection::~OpenLdapConnection() = default;

int OpenLdapConnection::timeoutMs() const
{
    return std::max(1, m_settings.timeoutSeconds) * 1000;
}

LdapRemediation::Facts OpenLdapConnection::facts() const
{
    return {
        {QStringLiteral("url"), m_settings.url},
        {QStringLiteral("host"), m_host},
        {QStringLiteral("port"), QString::number(m_port)},
        {QStringLiteral("timeout"), QString::number(std::max(1, m_settings.timeoutSeconds))},
        {QStringLiteral("caFile"),
            m_settings.caFilePath.isEmpty() ? QStringLiteral("(none: the system's CAs)") : m_settings.caFilePath},
        {QStringLiteral("bindDn"), m_bindDn.isEmpty() ? QStringLiteral("(anonymous)") : m_bindDn},
    };
}

SourceReadError OpenLdapConnection::fail(LdapFailure failure, const LdapRemediation::Facts& extra) const
{
    LdapRemediation::Facts all = facts();
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        all.insert(it.key(), it.value());
    }
    return LdapRemediation::error(failure, all);
}

SourceReadError OpenLdapConnection::resultError(
    LdapErrorClassifier::Operation operation, int code, const QString& diagnostic) const
{
    const LdapFailure failure = LdapErrorClassifier::fromResult(operation, code, diagnostic, m_bindDn.isEmpty());
    return fail(failure,
        {{QStringLiteral("code"), QString::number(code)},
            {QStringLiteral("codeName"), QString::fromUtf8(ldap_err2string(code))},
            {QStringLiteral("diagnostic"), diagnostic}});
}

Status<SourceReadError> OpenLdapConnection::parseUrl()
{
    const QUrl url(m_settings.url.trimmed(), QUrl::StrictMode);
    m_scheme = url.scheme().toLower();
    m_host = url.host();
    const bool plainPath = url.path().isEmpty() || url.path() == QLatin1String("/");
    if (!url.isValid() || (m_scheme != QLatin1String("ldap") && m_scheme != QLatin1String("ldaps")) || m_host.isEmpty()
        || !url.userInfo().isEmpty() || !plainPath || url.hasQuery() || url.hasFragment()) {
        m_host = m_host.isEmpty() ? QStringLiteral("(none)") : m_host;
        return fail(LdapFailure::InvalidUrl);
    }
    m_port = quint16(url.port(m_scheme == QLatin1String("ldaps") ? 636 : 389));
    return {};
}

Status<SourceReadError> OpenLdapConnection::configure()
{
    LDAP* ld = m_session->handle();
    const int version = LDAP_VERSION3;
    const int demand = LDAP_OPT_X_TLS_DEMAND;
    const int minimumTls = LDAP_OPT_X_TLS_PROTOCOL_TLS1_2;
    struct timeval network
    {
        std::max(1, m_settings.timeoutSeconds), 0
    };
    bool ok = ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version) == LDAP_OPT_SUCCESS
        && ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF) == LDAP_OPT_SUCCESS
        && ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &network) == LDAP_OPT_SUCCESS
        && ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand) == LDAP_OPT_SUCCESS
        && ldap_set_option(ld, LDAP_OPT_X_TLS_PROTOCOL_MIN, &minimumTls) == LDAP_OPT_SUCCESS;
    ok = ok && setTrust();
    const int client = 0;
    if (ok && ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &client) != LDAP_OPT_SUCCESS) {
        return fail(LdapFailure::CaFileUnusable, {{QStringLiteral("diagnostic"), m_session->diagnostic()}});
    }
    if (!ok) {
        return fail(LdapFailure::OtherLdapError,
            {{QStringLiteral("code"), QString::number(LDAP_OTHER)},
                {QStringLiteral("codeName"), QStringLiteral("the LDAP library refused an option")}});
    }
    return {};
}

bool OpenLdapConnection::setTrust()
{
    LDAP* ld = m_session->handle();
    const QByteArray systemFile = systemTrust(LDAP_OPT_X_TLS_CACERTFILE);
    QByteArray systemDirectory = systemTrust(LDAP_OPT_X_TLS_CACERTDIR);
    const bool systemFolder = QDir(QLatin1String(kSystemCaDirectory)).exists();
    if (systemFile.isEmpty() && systemDirectory.isEmpty() && systemFolder) {
        systemDirectory = kSystemCaDirectory;
    }
    const auto set = [ld](int option, const QByteArray& value) {
        return value.isEmpty() || ldap_set_option(ld, option, value.constData()) == LDAP_OPT_SUCCESS;
    };
    if (m_caCertificates.size() > 1) {
        // libldap takes one CA file and one DER certificate: the source's file takes the file's
        // place, so the system's CAs come from a folder. GnuTLS reads every file there (the
        // bundle, each CA's own file and its hash link): three times the parsing, ~30 ms.
        if (systemDirectory.isEmpty() && systemFolder) {
            systemDirectory = kSystemCaDirectory;
        }
        return set(LDAP_OPT_X_TLS_CACERTFILE, QFile::encodeName(m_settings.caFilePath))
            && set(LDAP_OPT_X_TLS_CACERTDIR, systemDirectory);
    }
    if (m_caCertificates.size() == 1) {
        // In memory, the very certificate that was checked and shown to the admin.
        QByteArray der = m_caCertificates.first().toDer();
        struct berval certificate
        {
            ber_len_t(der.size()), der.data()
        };
        if (ldap_set_option(ld, LDAP_OPT_X_TLS_CACERT, &certificate) != LDAP_OPT_SUCCESS) {
            return false;
        }
    }
    return set(LDAP_OPT_X_TLS_CACERTFILE, systemFile) && set(LDAP_OPT_X_TLS_CACERTDIR, systemDirectory);
}

QByteArray OpenLdapConnection::systemTrust(int option)
{
    char* value = nullptr;
    if (ldap_get_option(nullptr, option, &value) != LDAP_OPT_SUCCESS || !value) {
        return {};
    }
    const QByteArray path(value);
    ldap_memfree(value);
    // A missing file or folder would fail the whole TLS set-up ("CA file unusable"), naming
    // nothing the admin chose; without it the connection trusts less, never more.
    const QFileInfo info(QFile::decodeName(path));
    const bool usable = option == LDAP_OPT_X_TLS_CACERTDIR ? info.isDir() : info.isFile() && info.isReadable();
    return usable ? path : QByteArray();
}

Status<SourceReadError> OpenLdapConnection::open(
    const LdapConnectionSettings& settings, const std::atomic_bool& cancelled)
{
    const SigpipeGuard guard;
    m_settings = settings;
    m_session.reset();
    m_encrypted = false;
    if (auto parsed = parseUrl(); !parsed) {
        return parsed;
    }
    m_caCertificates.clear();
    if (!m_settings.caFilePath.isEmpty()) {
        const auto bundle = CaCertificateBundle::load(m_settings.caFilePath);
        if (!bundle) {
            return fail(LdapFailure::CaFileUnusable, {{QStringLiteral("diagnostic"), bundle.error()}});
        }
        m_caCertificates = bundle->certificates();
    }
    const bool ipv6 = m_host.contains(QLatin1Char(':'));
    const QString url = QStringLiteral("%1://%2:%3")
                            .arg(m_scheme, ipv6 ? QLatin1Char('[') + m_host + QLatin1Char(']') : m_host)
                            .arg(m_port);
    int rc = LDAP_SUCCESS;
    m_session = LdapSession::create(url, &rc);
    if (rc != LDAP_SUCCESS || !m_session->handle()) {
        m_session.reset();
        return fail(LdapFailure::InvalidUrl);
    }
    if (auto configured = configure(); !configured) {
        return configured;
    }
    if (auto connected = connectTransport(cancelled); !connected) {
        m_session.reset();
        return connected;
    }
    if (m_scheme == QLatin1String("ldap") && m_settings.startTls) {
        if (auto upgraded = startTls(cancelled); !upgraded) {
            m_session.reset();
            return upgraded;
        }
    }
    m_encrypted = m_scheme == QLatin1String("ldaps") || m_settings.startTls;
    return {};
}

Status<SourceReadError> OpenLdapConnection::connectTransport(const std::atomic_bool& cancelled)
{
    LdapSession::Stop stop = LdapSession::Stop::None;
    const int rc = m_session->runBlocking([](LDAP* ld) { return ldap_connect(ld); }, cancelled, timeoutMs(), &stop);
    if (stop == LdapSession::Stop::Cancelled) {
        return fail(LdapFailure::Cancelled);
    }
    if (stop == LdapSession::Stop::TimedOut) {
        return fail(m_session->tcpConnected() ? LdapFailure::Timeout : LdapFailure::ConnectTimeout);
    }
    if (rc != LDAP_SUCCESS) {
        return diagnose(Trouble::HandshakeFailed, cancelled);
    }
    return {};
}

Status<SourceReadError> OpenLdapConnection::startTls(const std::atomic_bool& cancelled)
{
    int msgid = 0;
    int rc = ldap_start_tls(m_session->handle(), nullptr, nullptr, &msgid);
    if (rc != LDAP_SUCCESS) {
        return diagnose(Trouble::PlainLdapClosed, cancelled);
    }
    const LdapSession::Wait wait = m_session->waitFor(msgid, cancelled, timeoutMs());
    if (wait.stop != LdapSession::Stop::None) {
        return fail(wait.stop == LdapSession::Stop::Cancelled ? LdapFailure::Cancelled : LdapFailure::Timeout);
    }
    if (!wait.messages) {
        return diagnose(Trouble::PlainLdapClosed, cancelled);
    }
    if (auto answered = checkResult(LdapErrorClassifier::Operation::StartTls, wait.messages); !answered) {
        return answered;
    }
    LdapSession::Stop stop = LdapSession::Stop::None;
    rc = m_session->runBlocking([](LDAP* ld) { return ldap_install_tls(ld); }, cancelled, timeoutMs(), &stop);
    if (stop != LdapSession::Stop::None) {
        return fail(stop == LdapSession::Stop::Cancelled ? LdapFailure::Cancelled : LdapFailure::Timeout);
    }
    if (rc != LDAP_SUCCESS) {
        return diagnose(Trouble::HandshakeFailed, cancelled);
    }
    return {};
}

SourceReadError OpenLdapConnection::diagnose(Trouble trouble, const std::atomic_bool& cancelled) const
{
    const LdapRemediation::Facts libraryFacts {{QStringLiteral("diagnostic"), m_session->diagnostic()}};
    const int probeMs = std::min(timeoutMs(), kMaxProbeMs);
    const auto probe = [&](LdapTlsProbe::Mode mode) {
        return LdapTlsProbe::run(m_host, m_port, mode, m_caCertificates, probeMs, cancelled);
    };
    const auto failWith = [&](const LdapTransportDiagnosis::Finding& finding) {
        LdapRemediation::Facts facts = finding.facts;
        // The probe's words are the more precise (libldap on GnuTLS often says "unknown error").
        if (facts.value(QStringLiteral("diagnostic")).isEmpty()) {
            facts.insert(libraryFacts);
        }
        return fail(finding.failure, facts);
    };
    if (!m_session->tcpConnected()) {
        return failWith(LdapTransportDiagnosis::tcp(probe(LdapTlsProbe::Mode::TcpOnly)));
    }
    if (trouble == Trouble::PlainLdapClosed) {
        // The server hung up on the first plain LDAP message: does the port expect TLS at once?
        const auto tls = probe(LdapTlsProbe::Mode::TlsFromStart);
        return fail(tls.certificateSeen ? LdapFailure::PlainOnLdapsPort : LdapFailure::ConnectionDropped, libraryFacts);
    }
    const bool ldaps = m_scheme == QLatin1String("ldaps");
    const auto tls = probe(ldaps ? LdapTlsProbe::Mode::TlsFromStart : LdapTlsProbe::Mode::StartTls);
    const bool plainPort
        = ldaps && !tls.certificateSeen && !tls.cancelled && probe(LdapTlsProbe::Mode::StartTls).ldapAnswered;
    const auto finding = LdapTransportDiagnosis::tls(tls, ldaps, plainPort);
    // The probe verified what libldap refused: say so in libldap's words.
    return finding ? failWith(*finding) : fail(LdapFailure::TlsFailed, libraryFacts);
}

Status<SourceReadError> OpenLdapConnection::bind(
    const QString& dn, QByteArray& password, const std::atomic_bool& cancelled)
{
    const SigpipeGuard guard;
    // Wiped on every path out of here.
    struct Wipe
    {
        QByteArray& secret;
        ~Wipe()
        {
            secret.fill('\0');
            secret.clear();
        }
    } wipe {password};
    m_bindDn = dn;
    if (!m_session) {
        return fail(LdapFailure::ConnectionDropped);
    }
    if (!dn.isEmpty() && password.isEmpty()) {
        return fail(LdapFailure::BindDnWithoutPassword);
    }
    if (!m_encrypted && !password.isEmpty() && !m_allowPasswordWithoutTls) {
        return fail(LdapFailure::PasswordWithoutTls);
    }
    struct berval credentials
    {
        ber_len_t(dn.isEmpty() ? 0 : password.size()), dn.isEmpty() ? nullptr : password.data()
    };
    int msgid = 0;
    const QByteArray name = dn.toUtf8();
    int rc = ldap_sasl_bind(
        m_session->handle(), name.constData(), LDAP_SASL_SIMPLE, &credentials, nullptr, nullptr, &msgid);
    if (rc != LDAP_SUCCESS) {
        return resultError(LdapErrorClassifier::Operation::Bind, rc, m_session->diagnostic());
    }
    const LdapSession::Wait wait = m_session->waitFor(msgid, cancelled, timeoutMs());
    if (wait.stop != LdapSession::Stop::None) {
        return fail(wait.stop == LdapSession::Stop::Cancelled ? LdapFailure::Cancelled : LdapFailure::Timeout);
    }
    if (!wait.messages && wait.error == LDAP_SERVER_DOWN && !m_encrypted) {
        return diagnose(Trouble::PlainLdapClosed, cancelled);
    }
    if (!wait.messages) {
        return resultError(LdapErrorClassifier::Operation::Bind, wait.error, m_session->diagnostic());
    }
    return checkResult(LdapErrorClassifier::Operation::Bind, wait.messages);
}

Status<SourceReadError> OpenLdapConnection::checkResult(LdapErrorClassifier::Operation operation, ldapmsg* result)
{
    int code = LDAP_SUCCESS;
    char* diagnostic = nullptr;
    const int rc = ldap_parse_result(m_session->handle(), result, &code, nullptr, &diagnostic, nullptr, nullptr, 1);
    const QString serverSaid = diagnostic ? QString::fromUtf8(diagnostic) : QString();
    ldap_memfree(diagnostic);
    if (rc != LDAP_SUCCESS || code != LDAP_SUCCESS) {
        return resultError(operation, rc != LDAP_SUCCESS ? rc : code, serverSaid);
    }
    return {};
}

Status<SourceReadError> OpenLdapConnection::search(
    const LdapSearchRequest& request, const EntryHandler& onEntry, const std::atomic_bool& cancelled)
{
    if (!m_session) {
        return fail(LdapFailure::ConnectionDropped);
    }
    const SigpipeGuard guard;
    LdapSearchOperation operation(*m_session, request, timeoutMs(), m_bindDn.isEmpty(),
        [this](LdapFailure failure, const LdapRemediation::Facts& extra) { return fail(failure, extra); });
    return operation.run(onEntry, cancelled);
}
