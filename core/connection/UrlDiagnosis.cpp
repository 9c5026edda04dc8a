#include "UrlDiagnosis.h"

#include "scim/ScimUrlPolicy.h"
#include "servertypes/ServerType.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrlQuery>

#include <optional>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("UrlDiagnosis", text);
}

// The SCIM resource endpoints: a URL containing one of these is a resource URL, not the base.
bool isResourceSegment(const QString& segment)
{
    static const QStringList names {QStringLiteral("Users"), QStringLiteral("Groups"),
        QStringLiteral("ServiceProviderConfig"), QStringLiteral("Schemas"), QStringLiteral("ResourceTypes"),
        QStringLiteral("Bulk"), QStringLiteral("Me"), QStringLiteral(".search")};
    return names.contains(segment, Qt::CaseInsensitive);
}

const QRegularExpression& partPlaceholder()
{
    static const QRegularExpression re(QStringLiteral("<([a-z0-9-]+)>"));
    return re;
}

// "<tenant-id>" → "tenant-id"; anything else → empty.
QString partName(const QString& segment)
{
    const QRegularExpressionMatch match = partPlaceholder().match(segment);
    return match.hasMatch() && match.capturedLength() == segment.size() ? match.captured(1) : QString();
}

// A connection-hints URL template split into host and path segments.
struct UrlTemplate
{
    QString host; // may contain <parts>
    QStringList segments; // a <part> is a whole segment
    QString path; // as written, for messages

    static UrlTemplate parse(const QString& text)
    {
        UrlTemplate t;
        const int schemeEnd = text.indexOf(QLatin1String("://"));
        const QString rest = schemeEnd < 0 ? text : text.mid(schemeEnd + 3);
        const int slash = rest.indexOf(QLatin1Char('/'));
        t.host = slash < 0 ? rest : rest.left(slash);
        t.path = slash < 0 ? QStringLiteral("/") : rest.mid(slash);
        t.segments = t.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        return t;
    }

    // Matches a lower-case host against the host template; returns the parts it captured,
    // or std::nullopt when it does not fit.
    std::optional<QHash<QString, QString>> matchHost(const QString& hostName, const ConnectionHints& hints) const
    {
        QString pattern = QStringLiteral("^");
        QStringList order;
        qsizetype last = 0;
        for (auto it = partPlaceholder().globalMatch(host); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            pattern += QRegularExpression::escape(host.mid(last, match.capturedStart() - last));
            pattern += QStringLiteral("(") + hints.partPattern(match.captured(1)) + QStringLiteral(")");
            order.append(match.captured(1));
            last = match.capturedEnd();
        }
        pattern += QRegularExpression::escape(host.mid(last)) + QStringLiteral("$");
        const QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch match = re.match(hostName);
        if (!re.isValid() || !match.hasMatch())
            return std::nullopt;
        // Each part's own groups shift the numbering: find each part's group by position.
        QHash<QString, QString> parts;
        int group = 1;
        for (const QString& name : order) {
            parts.insert(name, match.captured(group));
            group += 1 + QRegularExpression(hints.partPattern(name)).captureCount();
        }
        return parts;
    }
};

int verdictRank(ConnectionVerdict verdict)
{
    return verdict == ConnectionVerdict::Fail ? 2 : verdict == ConnectionVerdict::Warning ? 1 : 0;
}

// The server's type first, then every other known type.
QList<const ServerType*> candidatesFor(const ServerType* serverType, const QList<ServerType>& knownTypes)
{
    QList<const ServerType*> candidates;
    if (serverType)
        candidates.append(serverType);
    for (const ServerType& type : knownTypes) {
        if (!serverType || type.id != serverType->id)
            candidates.append(&type);
    }
    return candidates;
}

} // namespace

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
    case Problem::WrongUrl:
        return QStringLiteral("wrong-url");
    case Problem::MissingUrlPart:
        return QStringLiteral("missing-url-part");
    case Problem::UnusualUrlPart:
        return QStringLiteral("unusual-url-part");
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

QString UrlDiagnosis::code() const
{
    return m_problem == Problem::WrongUrl && !m_wrongUrlId.isEmpty() ? m_wrongUrlId : problemId(m_problem);
}

QString UrlDiagnosis::filledTemplate(const ConnectionHints& hints, const QHash<QString, QString>& parts)
{
    QString text = hints.urlTemplate;
    for (auto it = parts.begin(); it != parts.end(); ++it) {
        if (!it.value().isEmpty())
            text.replace(QStringLiteral("<%1>").arg(it.key()), it.value());
    }
    return text;
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

void UrlDiagnosis::recognise(const ServerType& type)
{
    m_recognisedTypeId = type.id;
    m_recognisedTypeName = type.displayName;
    m_hints = type.connectionHints;
}

void UrlDiagnosis::addPart(const QString& name, const QString& value)
{
    m_urlParts.insert(name, value);
    m_details.append(tr("<%1> in the URL: %2").arg(name, value));
}

QString UrlDiagnosis::whereToCopy() const
{
    if (!m_hints.endpointLocation.isEmpty())
        return tr("Copy the complete SCIM endpoint from %1.").arg(m_hints.endpointLocation);
    if (!m_hints.urlTemplate.isEmpty())
        return tr("Use a URL of the form %1.").arg(filledTemplate(m_hints, m_urlParts));
    return tr("Check the URL against the server's documentation.");
}

UrlDiagnosis UrlDiagnosis::diagnose(
    const QString& input, const ServerType* serverType, const QList<ServerType>& knownTypes)
{
    UrlDiagnosis d;
    if (serverType)
        d.m_hints = serverType->connectionHints;
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

    const QList<const ServerType*> candidates = candidatesFor(serverType, knownTypes);
    if (d.diagnoseKnownWrongPaste(url, candidates))
        return d;

    if (d.refuseUnsafeUrl(url))
        return d;

    d.m_url = ScimUrlPolicy::normalizedBaseUrl(url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment));
    if (url.hasQuery() || url.hasFragment()) {
        d.setProblem(Problem::QueryOrFragment, ConnectionVerdict::Warning,
            tr("The URL has a \"?…\" or \"#…\" part, which a SCIM base URL does not have; it is ignored."),
            tr("Remove everything from the '?' or '#' on: %1").arg(d.m_url.toString()));
        d.m_suggestedUrl = d.m_url.toString();
    }

    if (!d.diagnoseTemplateUrl(url, candidates, serverType))
        d.diagnoseGenericUrl(url, serverType);

    if (d.m_verdict == ConnectionVerdict::Fail)
        d.m_url = QUrl();
    else
        d.m_details.append(tr("Requests go to %1/Users and %1/Groups (a trailing slash makes no difference).")
                               .arg(d.m_url.toString()));
    return d;
}

bool UrlDiagnosis::refuseUnsafeUrl(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http")) {
        setProblem(Problem::UnsupportedScheme, ConnectionVerdict::Fail,
            tr("The server URL starts with \"%1://\"; SCIM servers are reached over https://.").arg(url.scheme()),
            tr("Enter the URL starting with https://."));
        return true;
    }
    if (!url.userInfo().isEmpty()) {
        setProblem(Problem::Credentials, ConnectionVerdict::Fail,
            tr("The server URL contains a user name or password."),
            tr("Remove it from the URL (the part before '@') and enter credentials in the authentication "
               "settings instead."));
        return true;
    }
    if (scheme == QLatin1String("http") && !ScimUrlPolicy::isLoopbackHost(url.host())) {
        QUrl https = url;
        https.setScheme(QStringLiteral("https"));
        if (https.port() == 80)
            https.setPort(-1);
        m_suggestedUrl = https.toString();
        setProblem(Problem::PlainHttp, ConnectionVerdict::Fail,
            tr("The URL uses plain http://, which would send the access token unencrypted over the network."),
            tr("Use https:// (%1). Plain http:// is accepted only for a server on this computer (localhost, "
               "127.0.0.1, ::1).")
                .arg(m_suggestedUrl));
        return true;
    }
    return false;
}

bool UrlDiagnosis::diagnoseKnownWrongPaste(const QUrl& url, const QList<const ServerType*>& candidates)
{
    const QString host = url.host().toLower();
    for (const ServerType* type : candidates) {
        const ConnectionHints& hints = type->connectionHints;
        for (const ConnectionHints::WrongUrl& paste : hints.wrongUrls) {
            const QRegularExpressionMatch hostMatch
                = QRegularExpression(paste.hostPattern, QRegularExpression::CaseInsensitiveOption).match(host);
            if (!hostMatch.hasMatch())
                continue;
            if (!paste.pathPattern.isEmpty() && !QRegularExpression(paste.pathPattern).match(url.path()).hasMatch())
                continue;
            recognise(*type);
            m_wrongUrlId = paste.id;
            // A part of the right URL may be seen in the wrong one (a console link's ?region=).
            for (const auto& [name, pattern] : hints.urlParts) {
                QString value = QRegularExpression(paste.hostPattern).namedCaptureGroups().contains(name)
                    ? hostMatch.captured(name)
                    : QString();
                if (value.isEmpty())
                    value = QUrlQuery(url).queryItemValue(name);
                if (!value.isEmpty()
                    && QRegularExpression(QStringLiteral("^(?:%1)$").arg(pattern)).match(value).hasMatch())
                    addPart(name, value);
            }
            const QString shape = filledTemplate(hints, m_urlParts);
            QString fix = hints.endpointLocation.isEmpty()
                ? tr("Copy the SCIM endpoint from the %1 admin console.").arg(type->displayName)
                : tr("Copy the SCIM endpoint from %1.").arg(hints.endpointLocation);
            if (!shape.isEmpty())
                fix += QLatin1Char(' ') + tr("It looks like %1.").arg(shape);
            setProblem(Problem::WrongUrl, ConnectionVerdict::Fail, paste.what, fix);
            return true;
        }
    }
    return false;
}

bool UrlDiagnosis::diagnoseTemplateUrl(
    const QUrl& url, const QList<const ServerType*>& candidates, const ServerType* serverType)
{
    // A loopback URL is a local emulator or test server (the demo's sandbox): no product's
    // URL shape applies to it.
    if (ScimUrlPolicy::isLoopbackHost(url.host()))
        return false;
    for (const ServerType* type : candidates) {
        const ConnectionHints& hints = type->connectionHints;
        if (hints.urlTemplate.isEmpty())
            continue;
        const auto hostParts = UrlTemplate::parse(hints.urlTemplate).matchHost(url.host().toLower(), hints);
        if (!hostParts)
            continue;
        recognise(*type);
        m_details.append(tr("The host fits the URL template of %1.").arg(type->displayName));
        for (auto it = hostParts->begin(); it != hostParts->end(); ++it)
            addPart(it.key(), it.value());
        diagnoseTemplatePath(url, *type);
        if (serverType && serverType->id != type->id && !serverType->urlPattern.isEmpty()
            && !serverType->urlMatches(url.toString())) {
            setProblem(Problem::TypeMismatch, ConnectionVerdict::Warning,
                tr("The URL fits the URL template of %1, but this server's type is %2.")
                    .arg(type->displayName, serverType->displayName),
                tr("Choose the server type %1, or check the URL.").arg(type->displayName));
        }
        return true;
    }
    return false;
}

void UrlDiagnosis::diagnoseTemplatePath(const QUrl& url, const ServerType& type)
{
    const UrlTemplate shape = UrlTemplate::parse(m_hints.urlTemplate);
    const QStringList segments = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QString where = whereToCopy();
    const auto suggestion = [&] {
        const QString filled = filledTemplate(m_hints, m_urlParts);
        return partPlaceholder().match(filled).hasMatch() ? QString() : filled;
    };
    for (int i = 0; i < shape.segments.size(); ++i) {
        const QString part = partName(shape.segments.at(i));
        const bool nextIsLiteral = i + 1 < shape.segments.size() && partName(shape.segments.at(i + 1)).isEmpty();
        if (!part.isEmpty()
            && (i >= segments.size()
                || (nextIsLiteral && segments.at(i).compare(shape.segments.at(i + 1), Qt::CaseInsensitive) == 0))) {
            setProblem(Problem::MissingUrlPart, ConnectionVerdict::Fail,
                tr("The URL has no <%1>: the SCIM endpoint is %2.").arg(part, filledTemplate(m_hints, m_urlParts)),
                where);
            return;
        }
        if (i >= segments.size()) {
            m_suggestedUrl = suggestion();
            setProblem(Problem::MissingScimPath, ConnectionVerdict::Fail,
                tr("The URL is missing \"/%1\" at the end.").arg(shape.segments.mid(i).join(QLatin1Char('/'))),
                m_suggestedUrl.isEmpty() ? where : tr("Use %1").arg(m_suggestedUrl));
            return;
        }
        if (!part.isEmpty()) {
            addPart(part, segments.at(i));
        } else if (segments.at(i) != shape.segments.at(i)) {
            m_suggestedUrl = suggestion();
            setProblem(Problem::UnexpectedPath, ConnectionVerdict::Fail,
                tr("The path \"%1\" does not fit the URL template of %2; it must be %3.")
                    .arg(url.path(), type.displayName, shape.path),
                m_suggestedUrl.isEmpty() ? where : tr("Use %1 — %2").arg(m_suggestedUrl, where));
            return;
        }
    }
    if (segments.size() > shape.segments.size()) {
        m_suggestedUrl = suggestion();
        setProblem(Problem::ResourcePath, ConnectionVerdict::Fail,
            tr("This is the URL of a SCIM resource (\"%1\"), not the base URL.")
                .arg(segments.mid(shape.segments.size()).join(QLatin1Char('/'))),
            tr("Use the base URL without it: %1").arg(m_suggestedUrl));
        return;
    }
    for (const QString& segment : shape.segments) {
        const QString part = partName(segment);
        const QRegularExpression pattern(QStringLiteral("^(?:%1)$").arg(m_hints.partPattern(part)));
        if (!part.isEmpty() && !pattern.match(m_urlParts.value(part)).hasMatch()) {
            setProblem(Problem::UnusualUrlPart, ConnectionVerdict::Warning,
                tr("The <%1> \"%2\" does not have the shape %3 expects; it may be truncated or mistyped.")
                    .arg(part, m_urlParts.value(part), type.displayName),
                where);
        }
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
