#include "CliJson.h"

#include "tls/CaCertificateBundle.h"
#include "validation/ServerSettingsValidator.h"

#include <QJsonArray>

QString CliJson::timestamp(const QDateTime& when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODate) : QString();
}

QString CliJson::secretAgeId(ScimServer::SecretAge age)
{
    switch (age) {
    case ScimServer::SecretAge::Unknown:
        return QStringLiteral("unknown");
    case ScimServer::SecretAge::Fresh:
        return QStringLiteral("fresh");
    case ScimServer::SecretAge::ExpiresSoon:
        return QStringLiteral("expires-soon");
    case ScimServer::SecretAge::Expired:
        return QStringLiteral("expired");
    }
    return QStringLiteral("unknown");
}

QJsonValue CliJson::trustedCa(const QString& caFile)
{
    if (caFile.isEmpty()) {
        return QJsonValue();
    }
    QJsonObject json {{QStringLiteral("file"), caFile}};
    const auto bundle = CaCertificateBundle::load(caFile);
    if (!bundle) {
        json.insert(QStringLiteral("error"), bundle.error());
        return json;
    }
    QJsonArray certificates;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const CaCertificateInfo& info : bundle->describe()) {
        certificates.append(QJsonObject {
            {QStringLiteral("subject"), info.subject()},
            {QStringLiteral("issuer"), info.issuer},
            {QStringLiteral("sha256Fingerprint"), info.sha256Fingerprint},
            {QStringLiteral("validFrom"), timestamp(info.validFrom)},
            {QStringLiteral("validUntil"), timestamp(info.validUntil)},
            {QStringLiteral("problem"), info.validityProblem(now)},
        });
    }
    json.insert(QStringLiteral("certificates"), certificates);
    return json;
}

QJsonObject CliJson::server(const ScimServer& server, const QStringList& applications)
{
    QJsonObject auth {
        {QStringLiteral("scheme"), AuthSettings::schemeId(server.auth.scheme)},
        {QStringLiteral("basicUsername"), server.auth.basicUsername},
        {QStringLiteral("oauthTokenUrl"), server.auth.oauthTokenUrl},
        {QStringLiteral("oauthClientId"), server.auth.oauthClientId},
        {QStringLiteral("oauthScope"), server.auth.oauthScope},
    };
    QJsonArray mappings;
    for (const AttributeMapping& mapping : server.userMappings) {
        mappings.append(QJsonObject {
            {QStringLiteral("kind"), AttributeMapping::kindId(mapping.kind)},
            {QStringLiteral("source"), mapping.source},
            {QStringLiteral("target"), mapping.target},
            {QStringLiteral("applyWhen"), AttributeMapping::applyWhenId(mapping.applyWhen)},
            {QStringLiteral("matching"), mapping.matching},
        });
    }
    QJsonArray statics;
    for (const StaticAttribute& attribute : server.staticAttributes) {
        statics.append(
            QJsonObject {{QStringLiteral("target"), attribute.target}, {QStringLiteral("value"), attribute.value}});
    }
    QJsonObject lastTest;
    if (!server.lastTestVerdict.isEmpty()) {
        lastTest = QJsonObject {
            {QStringLiteral("verdict"), server.lastTestVerdict},
            {QStringLiteral("summary"), server.lastTestSummary},
            {QStringLiteral("at"), timestamp(server.lastTestAt)},
        };
    }
    return QJsonObject {
        {QStringLiteral("id"), server.id},
        {QStringLiteral("name"), server.name},
        {QStringLiteral("description"), server.description},
        // Never a user name or password an older version stored in the URL.
        {QStringLiteral("url"), ServerSettingsValidator::displayUrl(server.url)},
        {QStringLiteral("serverType"), server.serverTypeId},
        {QStringLiteral("auth"), auth},
        {QStringLiteral("secretStoredAt"), timestamp(server.secretStoredAt)},
        {QStringLiteral("secretAge"), secretAgeId(server.secretAge())},
        {QStringLiteral("trustedCa"), trustedCa(server.options.caBundlePath)},
        {QStringLiteral("deprovisionAction"), ServerOptions::deprovisionActionId(server.options.deprovisionAction)},
        {QStringLiteral("deletionThresholdPercent"), server.options.deletionThresholdPercent},
        {QStringLiteral("deletionThresholdMinimum"), server.options.deletionThresholdMinimum},
        {QStringLiteral("fillMissing"), QJsonArray::fromStringList(server.options.fillMissingIds())},
        {QStringLiteral("userMappings"), mappings},
        {QStringLiteral("staticAttributes"), statics},
        {QStringLiteral("lastTest"), lastTest.isEmpty() ? QJsonValue() : QJsonValue(lastTest)},
        {QStringLiteral("applications"), QJsonArray::fromStringList(applications)},
        {QStringLiteral("createdAt"), timestamp(server.createdAt)},
        {QStringLiteral("updatedAt"), timestamp(server.updatedAt)},
    };
}

QJsonObject CliJson::application(const Application& application, const QString& serverName,
    const QStringList& userNames, const QStringList& groupNames)
{
    QJsonArray filters;
    for (const ScopingFilter& filter : application.assignment.scopingFilters) {
        QJsonArray clauses;
        for (const ScopingClause& clause : filter.clauses) {
            clauses.append(QJsonObject {
                {QStringLiteral("attribute"), clause.attribute},
                {QStringLiteral("operator"), ScopingClause::operatorId(clause.op)},
                {QStringLiteral("value"), clause.value},
            });
        }
        filters.append(QJsonObject {{QStringLiteral("name"), filter.name}, {QStringLiteral("clauses"), clauses}});
    }
    return QJsonObject {
        {QStringLiteral("id"), application.id},
        {QStringLiteral("name"), application.name},
        {QStringLiteral("description"), application.description},
        {QStringLiteral("signInProtocol"), application.signInProtocol},
        {QStringLiteral("server"), serverName.isEmpty() ? QJsonValue() : QJsonValue(serverName)},
        {QStringLiteral("assignment"),
            QJsonObject {
                {QStringLiteral("allUsers"), application.assignment.allUsers},
                {QStringLiteral("users"), QJsonArray::fromStringList(userNames)},
                {QStringLiteral("groups"), QJsonArray::fromStringList(groupNames)},
                {QStringLiteral("filters"), filters},
            }},
        {QStringLiteral("lastSyncAt"), timestamp(application.lastSyncAt)},
        {QStringLiteral("createdAt"), timestamp(application.createdAt)},
        {QStringLiteral("updatedAt"), timestamp(application.updatedAt)},
    };
}
