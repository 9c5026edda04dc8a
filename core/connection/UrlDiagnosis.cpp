#include "UrlDiagnosis.h"

#include "scim/ScimUrlPolicy.h"
#include "servertypes/ServerType.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("UrlDiagnosis", text);
}

const QString kAwsRegion = QStringLiteral("(?<region>[a-z]{2}(?:-[a-z]+)+-[0-9]+)");

const QRegularExpression& awsScimHost()
{
    static const QRegularExpression re(QStringLiteral("^scim\\.") + kAwsRegion + QStringLiteral("\\.amazonaws\\.com$"));
    return re;
}

bool isAwsTenantId(const QString& segment)
{
    // Legacy "<10 hex>-<uuid>", plain UUIDs and UUID-like ids with a 10-hex first group
    // ("a1b2c3d4e5-a1b2-c3d4-e5f6-a1b2c3d4e5f6", as the console shows for many tenants).
    static const QRegularExpression re(
        QStringLiteral("^([0-9a-f]{10}-[0-9a-f]{8}|[0-9a-f]{8,10})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(segment).hasMatch();
}

// The SCIM resource endpoints: a URL containing one of these is a resource URL, not the base.
bool isResourceSegment(const QString& segment)
{
    static const QStringList names {QStringLiteral("Users"), QStringLiteral("Groups"),
        QStringLiteral("ServiceProviderConfig"), QStringLiteral("Schemas"), QStringLiteral("ResourceTypes"),
        QStringLiteral("Bulk"), QStringLiteral("Me"), QStringLiteral(".search")};
    return names.contains(segment, Qt::CaseInsensitive);
}

// URLs admins paste instead of the SCIM endpoint. Data, not code: one row per known mistake.
struct WrongPaste
{
    UrlDiagnosis::Problem problem;
    QRegularExpression host; // may capture the region as "region"
    QRegularExpression path; // empty pattern: any path
    const char* what; // translated with tr() when used
};

const QList<WrongPaste>& wrongPastes()
{
    static const QList<WrongPaste> table {
        {UrlDiagnosis::Problem::AwsAccessPortal, QRegularExpression(QStringLiteral("^[a-z0-9-]+\\.awsapps\\.com$")),
            QRegularExpression(),
            QT_TRANSLATE_NOOP("UrlDiagnosis",
                "This is the AWS access portal URL (where people sign in to their AWS accounts), not the SCIM "
                "endpoint.")},
        {UrlDiagnosis::Problem::AwsSamlUrl,
            QRegularExpression(QStringLiteral("^portal\\.sso\\.") + kAwsRegion + QStringLiteral("\\.amazonaws\\.com$")),
            QRegularExpression(),
            QT_TRANSLATE_NOOP("UrlDiagnosis",
                "This is the IAM Identity Center SAML sign-in URL (used for single sign-on), not the SCIM endpoint.")},
        {UrlDiagnosis::Problem::AwsSamlUrl, QRegularExpression(QStringLiteral("^signin\\.aws\\.amazon\\.com$")),
            QRegularExpression(QStringLiteral("^/saml")),
            QT_TRANSLATE_NOOP("UrlDiagnosis",
                "This is the AWS SAML sign-in (assertion consumer service) URL, not the SCIM endpoint.")},
        {UrlDiagnosis::Problem::AwsSamlUrl, QRegularExpression(QStringLiteral("^identitycenter\\.amazonaws\\.com$")),
            QRegularExpression(),
            QT_TRANSLATE_NOOP(
                "UrlDiagnosis", "This is the IAM Identity Center SAML issuer URL, not the SCIM endpoint.")},
        {UrlDiagnosis::Problem::AwsConsole,
            QRegularExpression(QStringLiteral("^(?:") + kAwsRegion
                + QStringLiteral("\\.)?(?:console\\.aws\\.amazon\\.com|signin\\.aws\\.amazon\\.com)$")),
            QRegularExpression(),
            QT_TRANSLATE_NOOP(
                "UrlDiagnosis", "This is the address of a page of the AWS management console, not the SCIM endpoint.")},
    };
    return table;
}

QString awsScimShape(const QString& region)
{
    return QStringLiteral("https://scim.%1.amazonaws.com/<tenant-id>/scim/v2/")
        .arg(region.isEmpty() ? QStringLiteral("<region>") : region);
}

int verdictRank(ConnectionVerdict verdict)
{
    return verdict == ConnectionVerdict::Fail ? 2 : verdict == ConnectionVerdict::Warning ? 1 : 0;
}

} // namespace

QString UrlDiagnosis::awsEndpointLocation()
{
    return tr("IAM Identity Center → Settings → Automatic provisioning → SCIM endpoint");
}

QString UrlDiagnosis::problemId(Problem problem)
{
    switch (problem) {
    case Problem::None:
        return QStringLiteral("none");
    case Problem::Empty:
        return QStringLiteral("empty");
    case Problem::Malformed:
        return QStringLiteral("malformed");
    case Problem::UnsupportedScheme:
        return QStringLiteral("unsupported-scheme");
    case Problem::PlainHttp:
        return QStringLiteral("plain-http");
    case Problem::Credentials:
        return QStringLiteral("credentials-in-url");
    case Problem::AwsAccessPortal:
        return QStringLiteral("aws-access-portal");
    case Problem::AwsSamlUrl:
        return QStringLiteral("aws-saml-url");
    case Problem::AwsConsole:
        return QStringLiteral("aws-console");
    case Problem::AwsMissingTenant:
        return QStringLiteral("aws-missing-tenant");
    case Problem::AwsUnusualTenant:
        return QStringLiteral("aws-unusual-tenant");
    case Problem::MissingScimPath:
        return QStringLiteral("missing-scim-path");
    case Problem::ResourcePath:
        return QStringLiteral("resource-path");
    case Problem::UnexpectedPath:
        return QStringLiteral("unexpected-path");
    case Problem::QueryOrFragment:
        return QStringLiteral("query-or-fragment");
    case Problem::NoPath:
        return QStringLiteral("no-path");
    case Problem::TypeMismatch:
        return QStringLiteral("type-mismatch");
    }
    return QString();
}

void UrlDiagnosis::setProblem(Problem problem, ConnectionVerdict verdict, QString cause, QString fix)
{
    // The first problem of the worst kind is the one reported.
    if (m_problem != Problem::None && verdictRank(verdict) <= verdictRank(m_verdict))
        return;
    m_problem = problem;
    m_verdict = verdict;
    m_cause = std::move(cause);
    m_fix = std::move(fix);
}

UrlDiagnosis UrlDiagnosis::diagnose(const QString& input, const ServerType* serverType)
{
    UrlDiagnosis d;
    const QString text = input.trimmed();
    if (text.isEmpty()) {
        d.setProblem(Problem::Empty, ConnectionVerdict::Fail, tr("No server URL is set."),
            serverType && !serverType->urlHint.isEmpty()
                ? tr("Enter the SCIM base URL: %1").arg(serverType->urlHint)
                : tr("Enter the SCIM base URL, the part before /Users and /Groups, e.g. "
                     "https://scim.example.com/scim/v2."));
        return d;
    }

    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty()) {
        QString fix = tr("Enter the full URL including https://, e.g. https://scim.example.com/scim/v2.");
        // A pasted URL without its scheme is the most common malformed input.
        const QUrl withScheme(QStringLiteral("https://") + text, QUrl::StrictMode);
        if (!text.contains(QLatin1String("://")) && withScheme.isValid() && !withScheme.host().isEmpty()
            && withScheme.host().contains(QLatin1Char('.'))) {
            d.m_suggestedUrl = withScheme.toString();
            fix = tr("Add https:// in front: %1").arg(d.m_suggestedUrl);
        }
        d.setProblem(
            Problem::Malformed, ConnectionVerdict::Fail, tr("The server URL is not a valid absolute URL."), fix);
        return d;
    }

    if (d.diagnoseKnownWrongPaste(url))
        return d;

    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http")) {
        d.setProblem(Problem::UnsupportedScheme, ConnectionVerdict::Fail,
            tr("The server URL starts with \"%1://\"; SCIM servers are reached over https://.").arg(url.scheme()),
            tr("Enter the URL starting with https://."));
        return d;
    }
    if (!url.userInfo().isEmpty()) {
        d.setProblem(Problem::Credentials, ConnectionVerdict::Fail,
            tr("The server URL contains a user name or password."),
            tr("Remove it from the URL (the part before '@') and enter credentials in the authentication "
               "settings instead."));
        return d;
    }
    if (scheme == QLatin1String("http") && !ScimUrlPolicy::isLoopbackHost(url.host())) {
        QUrl https = url;
        https.setScheme(QStringLiteral("https"));
        if (https.port() == 80)
            https.setPort(-1);
        d.m_suggestedUrl = https.toString();
        d.setProblem(Problem::PlainHttp, ConnectionVerdict::Fail,
            tr("The URL uses plain http://, which would send the access token unencrypted over the network."),
            tr("Use https:// (%1). Plain http:// is accepted only for a server on this computer (localhost, "
               "127.0.0.1, ::1).")
                .arg(d.m_suggestedUrl));
        return d;
    }

    d.m_url = ScimUrlPolicy::normalizedBaseUrl(url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment));
    if (url.hasQuery() || url.hasFragment()) {
        d.setProblem(Problem::QueryOrFragment, ConnectionVerdict::Warning,
            tr("The URL has a \"?…\" or \"#…\" part, which a SCIM base URL does not have; it is ignored."),
            tr("Remove everything from the '?' or '#' on: %1").arg(d.m_url.toString()));
        d.m_suggestedUrl = d.m_url.toString();
    }

    const QRegularExpressionMatch aws = awsScimHost().match(url.host().toLower());
    if (aws.hasMatch())
        d.diagnoseAwsScimUrl(url, aws.captured(QStringLiteral("region")));
    else
        d.diagnoseGenericUrl(url, serverType);

    if (d.m_verdict == ConnectionVerdict::Fail)
        d.m_url = QUrl();
    else
        d.m_details.append(tr("Requests go to %1/Users and %1/Groups (a trailing slash makes no difference).")
                               .arg(d.m_url.toString()));
    return d;
}

bool UrlDiagnosis::diagnoseKnownWrongPaste(const QUrl& url)
{
    const QString host = url.host().toLower();
    for (const WrongPaste& paste : wrongPastes()) {
        const QRegularExpressionMatch hostMatch = paste.host.match(host);
        if (!hostMatch.hasMatch())
            continue;
        if (!paste.path.pattern().isEmpty() && !paste.path.match(url.path()).hasMatch())
            continue;
        QString region = hostMatch.captured(QStringLiteral("region"));
        if (region.isEmpty()) // console links carry the region in the query
            region = QUrlQuery(url).queryItemValue(QStringLiteral("region"));
        if (!region.isEmpty())
            m_details.append(tr("Region seen in the pasted URL: %1").arg(region));
        setProblem(paste.problem, ConnectionVerdict::Fail, QCoreApplication::translate("UrlDiagnosis", paste.what),
            tr("Copy the SCIM endpoint from %1 (enable automatic provisioning there if it is off). It looks like "
               "%2.")
                .arg(awsEndpointLocation(), awsScimShape(region)));
        return true;
    }
    return false;
}

void UrlDiagnosis::diagnoseAwsScimUrl(const QUrl& url, const QString& region)
{
    m_awsRegion = region;
    m_details.append(tr("AWS IAM Identity Center SCIM endpoint, region %1.").arg(region));
    const QStringList segments = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QString origin = QStringLiteral("https://%1").arg(url.host().toLower());
    const QString where = tr("Copy the complete SCIM endpoint from %1.").arg(awsEndpointLocation());

    if (segments.isEmpty() || segments.first().compare(QLatin1String("scim"), Qt::CaseInsensitive) == 0) {
        setProblem(Problem::AwsMissingTenant, ConnectionVerdict::Fail,
            tr("The URL has no tenant id: the SCIM endpoint is %1.").arg(awsScimShape(region)), where);
        return;
    }
    const QString tenant = segments.first();
    m_awsTenant = tenant;
    m_details.append(tr("Tenant id: %1").arg(tenant));
    const QString base = QStringLiteral("%1/%2/scim/v2/").arg(origin, tenant);

    const bool hasScimV2
        = segments.size() >= 3 && segments.at(1) == QLatin1String("scim") && segments.at(2) == QLatin1String("v2");
    if (segments.size() == 1) {
        m_suggestedUrl = base;
        setProblem(Problem::MissingScimPath, ConnectionVerdict::Fail,
            tr("The URL is missing \"/scim/v2\" after the tenant id."), tr("Use %1").arg(base));
        return;
    }
    if (!hasScimV2) {
        m_suggestedUrl = base;
        setProblem(Problem::UnexpectedPath, ConnectionVerdict::Fail,
            tr("The path \"%1\" is not the SCIM endpoint's; it must be /<tenant-id>/scim/v2/.").arg(url.path()),
            tr("Use %1 — %2").arg(base, where));
        return;
    }
    if (segments.size() > 3) {
        m_suggestedUrl = base;
        setProblem(Problem::ResourcePath, ConnectionVerdict::Fail,
            tr("This is the URL of a SCIM resource (\"%1\"), not the base URL.").arg(segments.mid(3).join('/')),
            tr("Use the base URL without it: %1").arg(base));
        return;
    }
    if (!isAwsTenantId(tenant)) {
        setProblem(Problem::AwsUnusualTenant, ConnectionVerdict::Warning,
            tr("The tenant id \"%1\" has neither known shape (a UUID, or 10 hex digits, '-' and a UUID); it may be "
               "truncated or mistyped.")
                .arg(tenant),
            where);
    }
}

void UrlDiagnosis::diagnoseGenericUrl(const QUrl& url, const ServerType* serverType)
{
    const QStringList segments = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (int i = 0; i < segments.size(); ++i) {
        if (!isResourceSegment(segments.at(i)))
            continue;
        QUrl base = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
        base.setPath(QLatin1Char('/') + segments.mid(0, i).join(QLatin1Char('/')));
        m_suggestedUrl = ScimUrlPolicy::normalizedBaseUrl(base).toString();
        setProblem(Problem::ResourcePath, ConnectionVerdict::Fail,
            tr("This is the URL of a SCIM resource (\"%1\"), not the base URL.").arg(segments.mid(i).join('/')),
            tr("Use the base URL, the part before /%1: %2").arg(segments.at(i), m_suggestedUrl));
        return;
    }

    // A loopback URL is a local emulator or test server (the demo's sandbox): the product's
    // URL shape does not apply to it.
    if (ScimUrlPolicy::isLoopbackHost(url.host())) {
        m_details.append(tr("Local test endpoint on this computer: the %1 URL shape is not checked.")
                             .arg(serverType ? serverType->displayName : tr("server type's")));
    } else if (serverType && !serverType->urlPattern.isEmpty() && !serverType->urlMatches(url.toString())) {
        setProblem(Problem::TypeMismatch, ConnectionVerdict::Warning,
            tr("The URL does not look like a %1 SCIM URL.").arg(serverType->displayName),
            serverType->urlHint.isEmpty() ? tr("Check the URL against the server's documentation.")
                                          : tr("Expected: %1").arg(serverType->urlHint));
    }
    if (segments.isEmpty()) {
        setProblem(Problem::NoPath, ConnectionVerdict::Warning,
            tr("The URL has no path; SCIM base URLs almost always have one, such as /scim/v2."),
            tr("Check the server's documentation for the SCIM base URL (the part before /Users and /Groups)."));
    }
}
