#pragma once

#include "ConnectionVerdict.h"

#include <QString>
#include <QStringList>
#include <QUrl>

struct ServerType;

// What is right or wrong with a SCIM server URL an admin entered, without any network
// access. Recognises the URLs admins commonly paste by mistake (the AWS access portal,
// SAML sign-in/issuer URLs, console pages, a base URL without /scim/v2, a resource URL)
// and says which one it is and where the right one is. AWS-shaped URLs are recognised by
// their host (scim.<region>.amazonaws.com); the server type, when given, adds its own URL
// pattern and hint.
class UrlDiagnosis
{
public:
    enum class Problem
    {
        None,
        Empty,
        Malformed,
        UnsupportedScheme,
        PlainHttp, // http:// to a host that is not this computer
        Credentials, // user:password@ in the URL
        AwsAccessPortal, // https://d-xxxxxxxxxx.awsapps.com/start
        AwsSamlUrl, // SAML sign-in (ACS) or issuer URL
        AwsConsole, // a page of the AWS management console
        AwsMissingTenant, // scim.<region>.amazonaws.com without the tenant id
        AwsUnusualTenant, // the tenant id has neither known shape (warning)
        MissingScimPath, // the /scim/v2 part is missing
        ResourcePath, // the URL of a resource (/Users, /Groups, ...) instead of the base URL
        UnexpectedPath, // an AWS SCIM host with a path that is not /<tenant>/scim/v2
        QueryOrFragment, // a ?query or #fragment that will be dropped (warning)
        NoPath, // a generic server URL with no path at all (warning)
        TypeMismatch, // does not match the server type's URL pattern (warning)
    };

    static UrlDiagnosis diagnose(const QString& input, const ServerType* serverType = nullptr);

    ConnectionVerdict verdict() const { return m_verdict; }
    Problem problem() const { return m_problem; }
    // Stable id of problem(), e.g. "aws-access-portal", for tests, the CLI and logs.
    static QString problemId(Problem problem);

    // The base URL the client will use: blanks trimmed, query/fragment and trailing slash
    // removed. Invalid when verdict() is Fail.
    QUrl url() const { return m_url; }
    // A corrected URL when one can be derived (e.g. with /scim/v2 appended), else empty.
    QString suggestedUrl() const { return m_suggestedUrl; }

    bool isAwsShaped() const { return !m_awsRegion.isEmpty(); }
    QString awsRegion() const { return m_awsRegion; }
    QString awsTenant() const { return m_awsTenant; }

    QString cause() const { return m_cause; }
    QString fix() const { return m_fix; }
    QStringList details() const { return m_details; }

    // Where the AWS IAM Identity Center SCIM endpoint is shown in the console.
    static QString awsEndpointLocation();

private:
    void setProblem(Problem problem, ConnectionVerdict verdict, QString cause, QString fix);
    bool diagnoseKnownWrongPaste(const QUrl& url);
    void diagnoseAwsScimUrl(const QUrl& url, const QString& region);
    void diagnoseGenericUrl(const QUrl& url, const ServerType* serverType);

    ConnectionVerdict m_verdict = ConnectionVerdict::Pass;
    Problem m_problem = Problem::None;
    QUrl m_url;
    QString m_suggestedUrl;
    QString m_awsRegion;
    QString m_awsTenant;
    QString m_cause;
    QString m_fix;
    QStringList m_details;
};
