#pragma once

#include "AttributeMapping.h"
#include "AuthSettings.h"
#include "ServerCapabilities.h"
#include "ServerOptions.h"
#include "StaticAttribute.h"

#include <QDateTime>
#include <QString>

// A SCIM 2.0 service provider ScimDesk provisions to. Holds no secret: the token lives
// in the SecretStore under (id, purpose) and secretStoredAt records when it was entered.
struct ScimServer
{
    qint64 id = 0;
    QString name;
    QString description;
    QString url;
    QString serverTypeId; // e.g. "aws-iam-identity-center"
    AuthSettings auth;
    AttributeMappings userMappings;
    StaticAttributes staticAttributes;
    ServerCapabilities capabilities;
    ServerOptions options;
    QDateTime secretStoredAt;
    QString lastTestVerdict; // "pass", "warning", "fail" or empty when never tested
    QString lastTestSummary;
    QDateTime lastTestAt;
    QDateTime createdAt;
    QDateTime updatedAt;

    // Days since the secret was stored, or -1 when unknown.
    int secretAgeDays(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;

    enum class SecretAge
    {
        Unknown, // never stored, or the server's tokens do not expire
        Fresh,
        ExpiresSoon, // within 30 days of capabilities.tokenLifetimeDays
        Expired,
    };
    SecretAge secretAge(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
};
