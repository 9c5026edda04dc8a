#pragma once

#include <scim/ScimClient.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <optional>

// Collects one asynchronous client result; tests wait on it with QTRY_VERIFY.
template<typename R>
struct Awaited
{
    std::optional<R> result;
    bool done() const { return result.has_value(); }
    auto callback()
    {
        return [this](const R& value) { result = value; };
    }
    const R& operator*() const { return *result; }
    const R* operator->() const { return &*result; }
};

using AwaitedObject = Awaited<Result<QJsonObject, ScimError>>;
using AwaitedList = Awaited<Result<QList<QJsonObject>, ScimError>>;
using AwaitedStatus = Awaited<Status<ScimError>>;

namespace ScimTestSupport {

// The error text of a failed result, for QVERIFY2 (which evaluates its message eagerly).
template<typename R>
QString why(const R& result)
{
    return result ? QString() : result.error().toString();
}

// Fast retries so error-path tests stay well under a second each.
inline ScimClientConfig fastConfig(const QUrl& baseUrl, const QString& token)
{
    ScimClientConfig config;
    config.baseUrl = baseUrl;
    config.secret = token;
    config.requestTimeoutMs = 5000;
    config.retry.maxAttempts = 4;
    config.retry.baseDelayMs = 5;
    config.retry.maxDelayMs = 40;
    config.retry.maxTotalMs = 10000;
    return config;
}

inline QJsonObject awsUser(const QString& userName, const QString& externalId = QString())
{
    QJsonObject user {
        {QStringLiteral("userName"), userName},
        {QStringLiteral("displayName"), userName + QStringLiteral(" Display")},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("Given")},
                {QStringLiteral("familyName"), QStringLiteral("Family")}}},
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")}},
    };
    if (!externalId.isEmpty())
        user.insert(QStringLiteral("externalId"), externalId);
    return user;
}

inline QJsonObject group(const QString& displayName)
{
    return QJsonObject {
        {QStringLiteral("displayName"), displayName},
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Group")}},
    };
}

// A throwaway CA and a server certificate for 127.0.0.1/localhost, made with the openssl CLI.
// Returns an empty string on success, else what failed.
inline QString makeTestCertificates(const QTemporaryDir& dir)
{
    auto run = [&](const QStringList& args) -> QString {
        QProcess process;
        process.setWorkingDirectory(dir.path());
        process.start(QStringLiteral("openssl"), args);
        if (!process.waitForFinished(30000) || process.exitCode() != 0)
            return QStringLiteral("openssl %1 failed: %2")
                .arg(args.join(QLatin1Char(' ')), QString::fromLocal8Bit(process.readAllStandardError()));
        return QString();
    };
    QFile ext(dir.filePath(QStringLiteral("server.ext")));
    if (!ext.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write server.ext");
    ext.write("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
              "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n");
    ext.close();
    const QList<QStringList> steps {
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
            QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
            QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
            QStringLiteral("/CN=ScimDesk Test CA")},
        {QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
            QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
            QStringLiteral("server.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")},
        {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
            QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
            QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.pem"),
            QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("server.ext")},
    };
    for (const QStringList& step : steps) {
        const QString error = run(step);
        if (!error.isEmpty())
            return error;
    }
    return QString();
}

} // namespace ScimTestSupport
