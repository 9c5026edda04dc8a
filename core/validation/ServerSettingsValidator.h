#pragma once

#include "ValidationIssue.h"
#include "model/ScimServer.h"

#include <QString>
#include <QStringList>

// The rules a SCIM server's settings must meet before they are saved, whoever saves them (the
// Add Server wizard, Edit Server, the CLI, the demo): required fields and lengths, the URL
// policy of ScimUrlPolicy (https, plain http only to this computer) and no user name or
// password inside a URL — a credential belongs in the keychain, never in the profile — and a
// trusted CA certificate file that can be read and holds a certificate, request settings in
// range and protected patterns that are regular expressions.
// Rules that need the profile (a unique name) are ServerRepository's.
class ServerSettingsValidator
{
public:
    static constexpr int maxNameLength = 100;
    static constexpr int maxDescriptionLength = 1000;
    // ServerOptions' request settings (the profile database's CHECK allows concurrency 1-64).
    static constexpr int maxConcurrency = 64;
    static constexpr double maxRateLimitPerSecond = 10000;
    static constexpr int maxRequestTimeoutSeconds = 3600;

    // Every issue, in the order of the form: name, description, URL, trusted CA certificate,
    // authentication, attributes.
    static ValidationIssues validate(const ScimServer& server);

    // One field each, for a form that judges a field as it is typed; empty when it is fine.
    static QString nameError(const QString& name);
    static QString descriptionError(const QString& description);
    static QString urlError(const QString& url);
    static ValidationIssues authIssues(const AuthSettings& auth);
    // ServerOptions::caBundlePath: empty (the system's CAs only), or the full path of a readable
    // file that holds at least one PEM certificate (CaCertificateBundle::load).
    static QString caBundleError(const QString& path);
    // The first protected pattern that is empty or not a regular expression, with where.
    static QString protectedPatternsError(const QStringList& patterns);
    // Requests in parallel, rate limit and request timeout: in their ranges; the issues are on
    // options.concurrency, options.rateLimitPerSecond and options.requestTimeoutSeconds.
    static ValidationIssues requestIssues(const ServerOptions& options);

    // Whether the text carries a user name or password before the host ("https://user:pw@host").
    static bool urlHasCredentials(const QString& url);
    // The URL safe to print or show: a user name or password in it is replaced by "***".
    static QString displayUrl(const QString& url);
};
