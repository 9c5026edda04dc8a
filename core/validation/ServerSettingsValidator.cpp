#include "ServerSettingsValidator.h"

#include "scim/ScimUrlPolicy.h"
#include "tls/CaCertificateBundle.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QUrl>

#include <utility>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ServerSettingsValidator", text);
}

// Where the authority ("user:pw@host:port") of the text starts and ends; -1 when it has no "://".
std::pair<qsizetype, qsizetype> authorityRange(const QString& text)
{
    const qsizetype schemeEnd = text.indexOf(QLatin1String("://"));
    if (schemeEnd < 0) {
        return {-1, -1};
    }
    const qsizetype start = schemeEnd + 3;
    qsizetype end = text.size();
    for (const QChar stop : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = text.indexOf(stop, start);
        if (at >= 0 && at < end) {
            end = at;
        }
    }
    return {start, end};
}

// ScimUrlPolicy's detail as a sentence of its own.
QString policyError(const QString& text)
{
    const auto policy = ScimUrlPolicy::check(QUrl(text, QUrl::StrictMode));
    if (policy) {
        return {};
    }
    QString detail = policy.error().detail;
    if (!detail.isEmpty()) {
        detail[0] = detail.at(0).toUpper();
    }
    return detail;
}

QString tokenUrlError(const QString& text)
{
    if (text.isEmpty()) {
        return tr("Enter the token URL of the OAuth 2.0 authorization server.");
    }
    if (ServerSettingsValidator::urlHasCredentials(text)) {
        return tr("The token URL contains a user name or password. Remove them from the URL: the client ID and "
                  "client secret belong in the fields below; the secret is kept in the system keychain (scimdesk-cli: "
                  "--token-stdin, or --token-env on a machine without a keychain).");
    }
    const auto policy = ScimUrlPolicy::check(QUrl(text, QUrl::StrictMode));
    return policy ? QString() : tr("Token URL: %1").arg(policy.error().detail);
}
} // namespace

QString ServerSettingsValidator::protectedPatternsError(const QStringList& patterns)
{
    for (int i = 0; i < patterns.size(); ++i) {
        const QRegularExpression pattern(patterns.at(i));
        if (patterns.at(i).trimmed().isEmpty()) {
            return tr("Protected pattern %1 is empty. Remove the line.").arg(i + 1);
        }
        if (!pattern.isValid()) {
            return tr("Protected pattern %1 (%2) is not a regular expression: %3 at position %4.")
                .arg(i + 1)
                .arg(patterns.at(i), pattern.errorString())
                .arg(pattern.patternErrorOffset());
        }
    }
    return {};
}

ValidationIssues ServerSettingsValidator::requestIssues(const ServerOptions& options)
{
    ValidationIssues issues;
    if (options.concurrency < 1 || options.concurrency > maxConcurrency) {
        issues.append({QStringLiteral("options.concurrency"),
            tr("Requests in parallel must be from 1 to %1 (not %2).").arg(maxConcurrency).arg(options.concurrency),
            {}});
    }
    if (!(options.rateLimitPerSecond >= 0) || options.rateLimitPerSecond > maxRateLimitPerSecond) {
        issues.append({QStringLiteral("options.rateLimitPerSecond"),
            tr("The rate limit must be from 0 (no limit) to %1 requests per second (not %2).")
                .arg(maxRateLimitPerSecond)
                .arg(options.rateLimitPerSecond),
            {}});
    }
    if (options.requestTimeoutSeconds < 1 || options.requestTimeoutSeconds > maxRequestTimeoutSeconds) {
        issues.append({QStringLiteral("options.requestTimeoutSeconds"),
            tr("The request timeout must be from 1 to %1 seconds (not %2).")
                .arg(maxRequestTimeoutSeconds)
                .arg(options.requestTimeoutSeconds),
            {}});
    }
    return issues;
}

ValidationIssues ServerSettingsValidator::validate(const ScimServer& server)
{
    ValidationIssues issues;
    auto add = [&issues](const QString& field, const QString& message) {
        if (!message.isEmpty()) {
            issues.append({field, message, {}});
        }
    };
    add(QStringLiteral("name"), nameError(server.name));
    add(QStringLiteral("description"), descriptionError(server.description));
    add(QStringLiteral("url"), urlError(server.url));
    add(QStringLiteral("options.caBundlePath"), caBundleError(server.options.caBundlePath));
    add(QStringLiteral("options.protectedPatterns"), protectedPatternsError(server.options.protectedPatterns));
    issues << requestIssues(server.options);
    issues << authIssues(server.auth);
    for (int i = 0; i < server.userMappings.size(); ++i) {
        if (server.userMappings.at(i).target.trimmed().isEmpty()) {
            add(QStringLiteral("userMappings[%1].target").arg(i),
                tr("SCIM attribute mapping %1 has no SCIM attribute. Enter one or remove the row.").arg(i + 1));
        }
    }
    for (int i = 0; i < server.staticAttributes.size(); ++i) {
        if (server.staticAttributes.at(i).target.trimmed().isEmpty()) {
            add(QStringLiteral("staticAttributes[%1].target").arg(i),
                tr("Static attribute %1 has no SCIM attribute. Enter one or remove the row.").arg(i + 1));
        }
    }
    return issues;
}

QString ServerSettingsValidator::nameError(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return tr("Enter a server name, for example \u201cAWS SCIM Server\u201d.");
    }
    if (trimmed.size() > maxNameLength) {
        return tr("The server name is too long: at most %1 characters.").arg(maxNameLength);
    }
    return {};
}

QString ServerSettingsValidator::descriptionError(const QString& description)
{
    if (description.size() > maxDescriptionLength) {
        return tr("The description is too long: at most %1 characters.").arg(maxDescriptionLength);
    }
    return {};
}

QString ServerSettingsValidator::urlError(const QString& url)
{
    const QString text = url.trimmed();
    if (text.isEmpty()) {
        return tr("Enter the server's SCIM endpoint URL.");
    }
    // Before the other rules: whatever else is wrong, a password must not be kept in the profile.
    if (urlHasCredentials(text)) {
        return tr("The server URL contains a user name or password. Remove them from the URL and enter the "
                  "credential in the Authentication settings instead; it is kept in the system keychain "
                  "(scimdesk-cli: --token-stdin, or --token-env on a machine without a keychain).");
    }
    return policyError(text);
}

ValidationIssues ServerSettingsValidator::authIssues(const AuthSettings& auth)
{
    ValidationIssues issues;
    if (auth.scheme == AuthScheme::Basic && auth.basicUsername.trimmed().isEmpty()) {
        issues.append({QStringLiteral("auth.basicUsername"), tr("Enter the user name for Basic authentication."), {}});
    }
    if (auth.scheme == AuthScheme::OAuthClientCredentials) {
        if (const QString error = tokenUrlError(auth.oauthTokenUrl.trimmed()); !error.isEmpty()) {
            issues.append({QStringLiteral("auth.oauthTokenUrl"), error, {}});
        }
        if (auth.oauthClientId.trimmed().isEmpty()) {
            issues.append({QStringLiteral("auth.oauthClientId"), tr("Enter the OAuth 2.0 client ID."), {}});
        }
    }
    return issues;
}

QString ServerSettingsValidator::caBundleError(const QString& path)
{
    if (path.isEmpty()) {
        return {};
    }
    // Relative to what? The GUI and a scheduled CLI run start in different folders.
    if (!QDir::isAbsolutePath(path)) {
        return tr("Enter the full path of the CA certificate file, not %1.").arg(QDir::toNativeSeparators(path));
    }
    const auto bundle = CaCertificateBundle::load(path);
    return bundle ? QString() : bundle.error();
}

bool ServerSettingsValidator::urlHasCredentials(const QString& url)
{
    const QString text = url.trimmed();
    const auto [start, end] = authorityRange(text);
    if (start >= 0 && text.mid(start, end - start).contains(QLatin1Char('@'))) {
        return true;
    }
    return !QUrl(text).userInfo().isEmpty();
}

QString ServerSettingsValidator::displayUrl(const QString& url)
{
    if (!urlHasCredentials(url)) {
        return url;
    }
    const auto [start, end] = authorityRange(url);
    // The last "@" of the authority: a password may itself hold an unencoded "@".
    const qsizetype at = start >= 0 && end > start ? url.lastIndexOf(QLatin1Char('@'), end - 1) : -1;
    if (at >= start && start >= 0) {
        return url.left(start) + QStringLiteral("***") + url.mid(at);
    }
    return QUrl(url.trimmed()).toString(QUrl::RemoveUserInfo);
}
