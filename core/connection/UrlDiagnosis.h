#pragma once

#include "ConnectionVerdict.h"

#include "servertypes/ConnectionHints.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

struct ServerType;

// What is right or wrong with a SCIM server URL an admin entered, without any network
// access. Generic rules (scheme, credentials, plain http, resource URLs, query parts) are
// code; everything about a product comes from the presets' connection hints: the URLs
// admins paste by mistake (a sign-in portal, a console page) and the URL template a
// product's SCIM endpoint follows (e.g. https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2/),
// which is checked part by part. The server's own type is consulted first, then every
// known type, so an AWS URL is recognised even when the server's type is "Generic".
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
        WrongUrl, // a URL a preset lists as a common wrong paste (wrongUrlId() says which)
        MissingUrlPart, // the host fits a preset's template, but a <part> such as the tenant id is missing
        UnusualUrlPart, // a <part> of the path does not have the preset's shape (warning)
        MissingScimPath, // the template's path ends early (e.g. no /scim/v2 after the tenant id)
        ResourcePath, // the URL of a resource (/Users, /Groups, ...) instead of the base URL
        UnexpectedPath, // the host fits a preset's template, the path does not
        QueryOrFragment, // a ?query or #fragment that will be dropped (warning)
        NoPath, // a generic server URL with no path at all (warning)
        TypeMismatch, // does not match the server type's URL pattern (warning)
    };

    // knownTypes: every preset; their hints recognise product URLs whatever serverType is.
    static UrlDiagnosis diagnose(
        const QString& input, const ServerType* serverType = nullptr, const QList<ServerType>& knownTypes = {});

    ConnectionVerdict verdict() const { return m_verdict; }
    Problem problem() const { return m_problem; }
    // Stable id of problem(), e.g. "wrong-url", for tests, the CLI and logs.
    static QString problemId(Problem problem);
    // The most specific id: the preset's wrong-URL id (e.g. "aws-access-portal") for
    // WrongUrl, problemId() otherwise.
    QString code() const;
    QString wrongUrlId() const { return m_wrongUrlId; }

    // The base URL the client will use: blanks trimmed, query/fragment and trailing slash
    // removed. Invalid when verdict() is Fail.
    QUrl url() const { return m_url; }
    // A corrected URL when one can be derived (e.g. with /scim/v2 appended), else empty.
    QString suggestedUrl() const { return m_suggestedUrl; }

    // The preset whose URL template the host fits, or that listed the wrong paste; empty if none.
    QString recognisedTypeId() const { return m_recognisedTypeId; }
    QString recognisedTypeName() const { return m_recognisedTypeName; }
    // The hints that apply to this URL: those of the recognised preset, else the server type's.
    const ConnectionHints& hints() const { return m_hints; }
    // The template parts read from the URL, e.g. {"region": "us-east-1", "tenant-id": "…"}.
    QHash<QString, QString> urlParts() const { return m_urlParts; }

    QString cause() const { return m_cause; }
    QString fix() const { return m_fix; }
    QStringList details() const { return m_details; }

    // hints.urlTemplate with the known parts filled in ("https://scim.eu-west-1.amazonaws.com/<tenant-id>/...").
    static QString filledTemplate(const ConnectionHints& hints, const QHash<QString, QString>& parts);

private:
    void setProblem(Problem problem, ConnectionVerdict verdict, QString cause, QString fix);
    // A scheme other than http(s), credentials in the URL, plain http to another computer.
    bool refuseUnsafeUrl(const QUrl& url);
    bool diagnoseKnownWrongPaste(const QUrl& url, const QList<const ServerType*>& candidates);
    bool diagnoseTemplateUrl(const QUrl& url, const QList<const ServerType*>& candidates, const ServerType* serverType);
    void diagnoseTemplatePath(const QUrl& url, const ServerType& type);
    void diagnoseGenericUrl(const QUrl& url, const ServerType* serverType);
    void recognise(const ServerType& type);
    void addPart(const QString& name, const QString& value);
    QString whereToCopy() const;

    ConnectionVerdict m_verdict = ConnectionVerdict::Pass;
    Problem m_problem = Problem::None;
    QString m_wrongUrlId;
    QUrl m_url;
    QString m_suggestedUrl;
    QString m_recognisedTypeId;
    QString m_recognisedTypeName;
    ConnectionHints m_hints;
    QHash<QString, QString> m_urlParts;
    QString m_cause;
    QString m_fix;
    QStringList m_details;
};
