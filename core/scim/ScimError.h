#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>

class Redactor;

// A failed SCIM call, typed so callers can decide (retry, look up, report) without parsing
// text, and worded so an admin can act on message() and hint() directly.
struct ScimError
{
    enum class Kind
    {
        Network, // connection refused/reset/dropped
        Dns, // host name not found
        Tls, // certificate or handshake problem
        Timeout, // no complete answer within the per-request timeout
        Cancelled, // cancel() / cancelAll() by the caller
        Http, // the server answered with an error status
        InvalidResponse, // the server answered, but not with the JSON expected
        Incomplete, // a list ended before all announced results were read
        RunawayList, // a list read went on beyond its limits (ListPager): pages in a circle, no end
        Refused, // refused by this client before sending (config or policy)
        TooLarge, // the response exceeded the configured size cap
    };

    Kind kind = Kind::Network;
    int httpStatus = 0;
    QString scimType;
    QString detail; // server-provided (redacted) detail, or technical detail for non-HTTP errors
    QString requestId; // x-amzn-RequestId, x-request-id, request-id or exceptionRequestId
    QString method;
    QString url; // redacted URL of the failing request, for the log

    ScimError() = default;
    ScimError(Kind kind, QString detail);

    static ScimError http(int status, QString scimType, QString detail, QString requestId);

    // Parses an error response body: standard SCIM ("schemas", "status" as string or number,
    // "scimType", "detail"), AWS's variant ("schema" key, string status, "exceptionRequestId")
    // and anything else (an excerpt of the body, redacted by redactor before it is cut). The
    // status line wins over a missing or inconsistent body status. The fields taken from JSON
    // are whole: Redactor::redactError redacts and cuts them.
    static ScimError fromHttpResponse(
        int status, const QByteArray& body, const QString& headerRequestId, const Redactor& redactor);

    // What happened and what to do, in plain words.
    QString message() const;
    // One more actionable sentence (may be empty).
    QString hint() const;
    // message + detail + request id: what goes into a log line or an error dialog.
    QString toString() const;

    static QString kindId(Kind kind);
};

Q_DECLARE_METATYPE(ScimError)
