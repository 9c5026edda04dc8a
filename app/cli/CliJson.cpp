#include "CliJson.h"

#include "sources/SourceCache.h"
#include "sources/SourceLoader.h"
#include "storage/DirectorySourceJson.h"
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
        {QStringLiteral("protectedPatterns"), QJsonArray::fromStringList(server.options.protectedPatterns)},
        {QStringLiteral("concurrency"), server.options.concurrency},
        {QStringLiteral("rateLimitPerSecond"), server.options.rateLimitPerSecond},
        {QStringLiteral("requestTimeoutSeconds"), server.options.requestTimeoutSeconds},
        {QStringLiteral("userMappings"), mappings},
        {QStringLiteral("staticAttributes"), statics},
        {QStringLiteral("lastTest"), lastTest.isEmpty() ? QJsonValue() : QJsonValue(lastTest)},
        {QStringLiteral("applications"), QJsonArray::fromStringList(applications)},
        {QStringLiteral("createdAt"), timestamp(server.createdAt)},
        {QStringLiteral("updatedAt"), timestamp(server.updatedAt)},
    };
}

QJsonObject CliJson::application(const Application& application, const QString& serverName, const QString& sourceName,
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
        {QStringLiteral("source"), sourceName},
        {QStringLiteral("assignment"),
            QJsonObject {
                {QStringLiteral("allUsers"), application.assignment.allUsers},
                {QStringLiteral("allGroups"), application.assignment.allGroups},
                {QStringLiteral("users"), QJsonArray::fromStringList(userNames)},
                {QStringLiteral("groups"), QJsonArray::fromStringList(groupNames)},
                {QStringLiteral("filters"), filters},
            }},
        {QStringLiteral("lastSyncAt"), timestamp(application.lastSyncAt)},
        {QStringLiteral("createdAt"), timestamp(application.createdAt)},
        {QStringLiteral("updatedAt"), timestamp(application.updatedAt)},
    };
}

QJsonObject CliJson::source(
    const DirectorySource& source, const QStringList& applications, const std::optional<SourceCacheState>& lastRead)
{
    QJsonValue read;
    if (lastRead) {
        read = QJsonObject {
            {QStringLiteral("readAt"), timestamp(lastRead->readAt)},
            {QStringLiteral("fullReadAt"), timestamp(lastRead->fullReadAt)},
            {QStringLiteral("incremental"), lastRead->wasDelta},
            {QStringLiteral("users"), lastRead->users},
            {QStringLiteral("groups"), lastRead->groups},
            {QStringLiteral("notes"), QJsonArray::fromStringList(lastRead->notes)},
        };
    }
    return QJsonObject {
        {QStringLiteral("id"), source.id},
        {QStringLiteral("name"), source.name},
        {QStringLiteral("description"), source.description},
        {QStringLiteral("type"), source.sourceTypeId},
        {QStringLiteral("url"), source.url},
        {QStringLiteral("startTls"), source.startTls},
        {QStringLiteral("trustedCa"), trustedCa(source.caFilePath)},
        {QStringLiteral("bindDn"), source.bindDn},
        {QStringLiteral("anonymousBind"), source.anonymousBind()},
        {QStringLiteral("passwordStoredAt"), timestamp(source.passwordStoredAt)},
        {QStringLiteral("baseDn"), source.baseDn},
        {QStringLiteral("userFilter"), source.userFilter},
        {QStringLiteral("groupFilter"), source.groupFilter},
        {QStringLiteral("pageSize"), source.pageSize},
        {QStringLiteral("timeoutSeconds"), source.timeoutSeconds},
        {QStringLiteral("anchorAttribute"), source.anchorAttribute},
        {QStringLiteral("userMappings"), DirectorySourceJson::mappingsToJson(source.userMappings)},
        {QStringLiteral("groupNameAttribute"), source.groupNameAttribute},
        {QStringLiteral("groupDescriptionAttribute"), source.groupDescriptionAttribute},
        {QStringLiteral("groupMemberAttribute"), source.groupMemberAttribute},
        {QStringLiteral("disabledRule"), DirectorySourceJson::disabledRuleToJson(source.disabledRule)},
        {QStringLiteral("nesting"), DirectorySourceJson::nestingId(source.nesting)},
        {QStringLiteral("applications"), QJsonArray::fromStringList(applications)},
        {QStringLiteral("lastRead"), read},
        {QStringLiteral("createdAt"), timestamp(source.createdAt)},
        {QStringLiteral("updatedAt"), timestamp(source.updatedAt)},
    };
}

QJsonObject CliJson::sourceRead(const QString& sourceName, const SourceLoadSummary& summary)
{
    const SourceCacheChanges& c = summary.changes;
    return QJsonObject {
        {QStringLiteral("source"), sourceName},
        {QStringLiteral("incremental"), summary.delta},
        {QStringLiteral("fellBackToFull"), summary.fellBackToFull},
        {QStringLiteral("fallbackReason"), summary.fallbackReason},
        {QStringLiteral("users"), summary.users},
        {QStringLiteral("groups"), summary.groups},
        {QStringLiteral("changes"),
            QJsonObject {
                {QStringLiteral("usersAdded"), c.usersAdded},
                {QStringLiteral("usersUpdated"), c.usersUpdated},
                {QStringLiteral("usersRemoved"), c.usersRemoved},
                {QStringLiteral("groupsAdded"), c.groupsAdded},
                {QStringLiteral("groupsUpdated"), c.groupsUpdated},
                {QStringLiteral("groupsRemoved"), c.groupsRemoved},
            }},
        {QStringLiteral("notes"), QJsonArray::fromStringList(summary.notes)},
        {QStringLiteral("readAt"), timestamp(summary.readAt)},
        {QStringLiteral("readMs"), summary.readMs},
    };
}
