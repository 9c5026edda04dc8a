#include "ServerRepository.h"

#include "Database.h"
#include "SqlValues.h"
#include "validation/ServerSettingsValidator.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ServerRepository", text);
}

StorageError sqlError(const QSqlQuery& query, const QString& what)
{
    return {StorageError::Kind::Sql, tr("%1: %2").arg(what, query.lastError().text())};
}

bool exec(QSqlQuery& query)
{
    return query.exec();
}

ScimServer serverFromRow(const QSqlQuery& q)
{
    ScimServer server;
    server.id = q.value(0).toLongLong();
    server.name = q.value(1).toString();
    server.description = q.value(2).toString();
    server.url = q.value(3).toString();
    server.serverTypeId = q.value(4).toString();
    server.capabilities
        = ServerCapabilities::fromJson(QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object());
    server.secretStoredAt = SqlValues::toDateTime(q.value(6));
    server.lastTestVerdict = q.value(7).toString();
    server.lastTestSummary = q.value(8).toString();
    server.lastTestAt = SqlValues::toDateTime(q.value(9));
    server.createdAt = SqlValues::toDateTime(q.value(10));
    server.updatedAt = SqlValues::toDateTime(q.value(11));
    return server;
}

const char* const selectServer = "SELECT id, name, description, url, server_type, capabilities_json, secret_stored_at,"
                                 " last_test_verdict, last_test_summary, last_test_at, created_at, updated_at"
                                 " FROM servers";

Status<StorageError> writeAuth(QSqlDatabase& db, const ScimServer& server)
{
    QSqlQuery auth(db);
    auth.prepare(QStringLiteral("INSERT INTO server_auth (server_id, scheme, basic_username, oauth_token_url,"
                                " oauth_client_id, oauth_scope) VALUES (?, ?, ?, ?, ?, ?)"));
    auth.addBindValue(server.id);
    auth.addBindValue(AuthSettings::schemeId(server.auth.scheme));
    auth.addBindValue(SqlValues::text(server.auth.basicUsername));
    auth.addBindValue(SqlValues::text(server.auth.oauthTokenUrl));
    auth.addBindValue(SqlValues::text(server.auth.oauthClientId));
    auth.addBindValue(SqlValues::text(server.auth.oauthScope));
    if (!auth.exec()) {
        return sqlError(auth, tr("Could not save the authentication settings"));
    }
    return {};
}

Status<StorageError> writeMappings(QSqlDatabase& db, const ScimServer& server)
{
    QSqlQuery mapping(db);
    mapping.prepare(
        QStringLiteral("INSERT INTO server_mappings (server_id, position, kind, source, target, apply_when,"
                       " matching, matching_precedence, default_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (int i = 0; i < server.userMappings.size(); ++i) {
        const auto& m = server.userMappings.at(i);
        mapping.addBindValue(server.id);
        mapping.addBindValue(i);
        mapping.addBindValue(AttributeMapping::kindId(m.kind));
        mapping.addBindValue(SqlValues::text(m.source));
        mapping.addBindValue(m.target.trimmed());
        mapping.addBindValue(AttributeMapping::applyWhenId(m.applyWhen));
        mapping.addBindValue(m.matching ? 1 : 0);
        mapping.addBindValue(m.matchingPrecedence);
        mapping.addBindValue(SqlValues::text(m.defaultValue));
        if (!mapping.exec()) {
            if (mapping.lastError().nativeErrorCode() == QLatin1String("2067")) {
                return StorageError::validation(QStringLiteral("userMappings"),
                    tr("The SCIM attribute %1 is mapped twice. Keep one mapping for it.").arg(m.target));
            }
            return sqlError(mapping, tr("Could not save the SCIM attribute mappings"));
        }
    }
    return {};
}

Status<StorageError> writeStaticAttributes(QSqlDatabase& db, const ScimServer& server)
{
    QSqlQuery staticAttr(db);
    staticAttr.prepare(QStringLiteral(
        "INSERT INTO server_static_attributes (server_id, position, target, value) VALUES (?, ?, ?, ?)"));
    for (int i = 0; i < server.staticAttributes.size(); ++i) {
        const auto& s = server.staticAttributes.at(i);
        staticAttr.addBindValue(server.id);
        staticAttr.addBindValue(i);
        staticAttr.addBindValue(s.target.trimmed());
        staticAttr.addBindValue(SqlValues::text(s.value));
        if (!staticAttr.exec()) {
            if (staticAttr.lastError().nativeErrorCode() == QLatin1String("2067")) {
                return StorageError::validation(QStringLiteral("staticAttributes"),
                    tr("The static attribute %1 is listed twice. Keep one.").arg(s.target));
            }
            return sqlError(staticAttr, tr("Could not save the static attributes"));
        }
    }
    return {};
}

Status<StorageError> writeOptions(QSqlDatabase& db, const ScimServer& server)
{
    QSqlQuery options(db);
    options.prepare(QStringLiteral(
        "INSERT INTO server_options (server_id, deprovision_action, threshold_percent, threshold_minimum,"
        " concurrency, rate_limit, request_timeout_s, ca_bundle_path, protected_patterns_json, fill_missing_json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const auto& o = server.options;
    options.addBindValue(server.id);
    options.addBindValue(ServerOptions::deprovisionActionId(o.deprovisionAction));
    options.addBindValue(o.deletionThresholdPercent);
    options.addBindValue(o.deletionThresholdMinimum);
    options.addBindValue(o.concurrency);
    options.addBindValue(o.rateLimitPerSecond);
    options.addBindValue(o.requestTimeoutSeconds);
    options.addBindValue(SqlValues::text(o.caBundlePath));
    options.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(o.protectedPatterns)).toJson(QJsonDocument::Compact)));
    options.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(o.fillMissingIds())).toJson(QJsonDocument::Compact)));
    if (!options.exec()) {
        return StorageError::validation(QStringLiteral("options"),
            tr("The server options are out of range (concurrency 1\u201364, threshold 0\u2013100 %, timeout above "
               "0 s): %1")
                .arg(options.lastError().databaseText()));
    }
    return {};
}
} // namespace

ServerRepository::ServerRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

bool ServerRepository::nameExists(const QString& name, qint64 excludeId) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT 1 FROM servers WHERE name_key = ? AND id <> ?"));
    query.addBindValue(SqlValues::nameKey(name));
    query.addBindValue(excludeId);
    return query.exec() && query.next();
}

ValidationIssues ServerRepository::issues(const ScimServer& server, qint64 excludeId) const
{
    ValidationIssues issues = ServerSettingsValidator::validate(server);
    const QString name = server.name.trimmed();
    if (Validation::firstMessage(issues, QStringLiteral("name")).isEmpty() && nameExists(name, excludeId)) {
        issues.prepend({QStringLiteral("name"),
            tr("A SCIM server named \u201c%1\u201d already exists. Choose another name.").arg(name), {}});
    }
    return issues;
}

Status<StorageError> ServerRepository::validate(const ScimServer& server, qint64 excludeId) const
{
    const ValidationIssues found = issues(server, excludeId);
    if (found.isEmpty()) {
        return {};
    }
    const QString name = server.name.trimmed();
    const bool duplicate
        = found.constFirst().field == QLatin1String("name") && ServerSettingsValidator::nameError(name).isEmpty();
    return StorageError {duplicate ? StorageError::Kind::Duplicate : StorageError::Kind::Validation,
        Validation::joinedText(found), found.constFirst().field};
}

Result<qint64, StorageError> ServerRepository::create(const ScimServer& server)
{
    if (auto status = validate(server); !status) {
        return status.error();
    }
    qint64 id = 0;
    const auto status = m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QSqlQuery query(db);
        query.prepare(QStringLiteral(
            "INSERT INTO servers (name, name_key, description, url, server_type, capabilities_json, secret_stored_at,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        query.addBindValue(server.name.trimmed());
        query.addBindValue(SqlValues::nameKey(server.name));
        query.addBindValue(SqlValues::text(server.description));
        query.addBindValue(server.url.trimmed());
        query.addBindValue(SqlValues::text(server.serverTypeId));
        query.addBindValue(
            QString::fromUtf8(QJsonDocument(server.capabilities.toJson()).toJson(QJsonDocument::Compact)));
        query.addBindValue(SqlValues::fromDateTime(server.secretStoredAt));
        query.addBindValue(SqlValues::fromDateTime(now));
        query.addBindValue(SqlValues::fromDateTime(now));
        if (!exec(query)) {
            return sqlError(query, tr("Could not save the server"));
        }
        id = query.lastInsertId().toLongLong();
        ScimServer stored = server;
        stored.id = id;
        return writeChildren(db, stored);
    });
    if (!status) {
        return status.error();
    }
    return id;
}

Status<StorageError> ServerRepository::update(const ScimServer& server)
{
    if (auto status = validate(server, server.id); !status) {
        return status;
    }
    return m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE servers SET name = ?, name_key = ?, description = ?, url = ?,"
                                     " server_type = ?, capabilities_json = ?, secret_stored_at = ?, updated_at = ?"
                                     " WHERE id = ?"));
        query.addBindValue(server.name.trimmed());
        query.addBindValue(SqlValues::nameKey(server.name));
        query.addBindValue(SqlValues::text(server.description));
        query.addBindValue(server.url.trimmed());
        query.addBindValue(SqlValues::text(server.serverTypeId));
        query.addBindValue(
            QString::fromUtf8(QJsonDocument(server.capabilities.toJson()).toJson(QJsonDocument::Compact)));
        query.addBindValue(SqlValues::fromDateTime(server.secretStoredAt));
        query.addBindValue(SqlValues::fromDateTime(QDateTime::currentDateTimeUtc()));
        query.addBindValue(server.id);
        if (!exec(query)) {
            return sqlError(query, tr("Could not save the server"));
        }
        if (query.numRowsAffected() == 0) {
            return StorageError {StorageError::Kind::NotFound,
                tr("The server \u201c%1\u201d no longer exists; it may have been deleted in another window.")
                    .arg(server.name)};
        }
        for (const auto* table : {"server_auth", "server_mappings", "server_static_attributes", "server_options"}) {
            QSqlQuery clear(db);
            clear.prepare(QStringLiteral("DELETE FROM %1 WHERE server_id = ?").arg(QLatin1String(table)));
            clear.addBindValue(server.id);
            if (!clear.exec()) {
                return sqlError(clear, tr("Could not save the server"));
            }
        }
        return writeChildren(db, server);
    });
}

Status<StorageError> ServerRepository::writeChildren(QSqlDatabase& db, const ScimServer& server) const
{
    for (const auto write : {writeAuth, writeMappings, writeStaticAttributes, writeOptions}) {
        if (auto status = write(db, server); !status) {
            return status;
        }
    }
    return {};
}

ScimServer ServerRepository::readChildren(ScimServer server) const
{
    QSqlDatabase db = m_database->connection();
    QSqlQuery auth(db);
    auth.prepare(QStringLiteral("SELECT scheme, basic_username, oauth_token_url, oauth_client_id, oauth_scope"
                                " FROM server_auth WHERE server_id = ?"));
    auth.addBindValue(server.id);
    if (auth.exec() && auth.next()) {
        server.auth.scheme = AuthSettings::schemeFromId(auth.value(0).toString()).value_or(AuthScheme::AccessToken);
        server.auth.basicUsername = auth.value(1).toString();
        server.auth.oauthTokenUrl = auth.value(2).toString();
        server.auth.oauthClientId = auth.value(3).toString();
        server.auth.oauthScope = auth.value(4).toString();
    }

    QSqlQuery mapping(db);
    mapping.prepare(QStringLiteral("SELECT kind, source, target, apply_when, matching, matching_precedence,"
                                   " default_value FROM server_mappings WHERE server_id = ? ORDER BY position"));
    mapping.addBindValue(server.id);
    if (mapping.exec()) {
        while (mapping.next()) {
            AttributeMapping m;
            AttributeMapping::kindFromId(mapping.value(0).toString(), &m.kind);
            m.source = mapping.value(1).toString();
            m.target = mapping.value(2).toString();
            AttributeMapping::applyWhenFromId(mapping.value(3).toString(), &m.applyWhen);
            m.matching = mapping.value(4).toBool();
            m.matchingPrecedence = mapping.value(5).toInt();
            m.defaultValue = mapping.value(6).toString();
            server.userMappings.append(m);
        }
    }

    QSqlQuery staticAttr(db);
    staticAttr.prepare(
        QStringLiteral("SELECT target, value FROM server_static_attributes WHERE server_id = ? ORDER BY position"));
    staticAttr.addBindValue(server.id);
    if (staticAttr.exec()) {
        while (staticAttr.next()) {
            server.staticAttributes.append({staticAttr.value(0).toString(), staticAttr.value(1).toString()});
        }
    }

    QSqlQuery options(db);
    options.prepare(QStringLiteral("SELECT deprovision_action, threshold_percent, threshold_minimum, concurrency,"
                                   " rate_limit, request_timeout_s, ca_bundle_path, protected_patterns_json,"
                                   " fill_missing_json FROM server_options WHERE server_id = ?"));
    options.addBindValue(server.id);
    if (options.exec() && options.next()) {
        auto& o = server.options;
        ServerOptions::deprovisionActionFromId(options.value(0).toString(), &o.deprovisionAction);
        o.deletionThresholdPercent = options.value(1).toInt();
        o.deletionThresholdMinimum = options.value(2).toInt();
        o.concurrency = options.value(3).toInt();
        o.rateLimitPerSecond = options.value(4).toDouble();
        o.requestTimeoutSeconds = options.value(5).toInt();
        o.caBundlePath = options.value(6).toString();
        o.protectedPatterns.clear();
        for (const auto& p : QJsonDocument::fromJson(options.value(7).toString().toUtf8()).array()) {
            o.protectedPatterns.append(p.toString());
        }
        QStringList fills;
        for (const auto& fill : QJsonDocument::fromJson(options.value(8).toString().toUtf8()).array()) {
            fills.append(fill.toString());
        }
        // An id a newer version wrote is left off rather than guessed.
        fills.removeIf([](const QString& id) { return !ServerOptions::allFillMissingIds().contains(id); });
        o.setFillMissingIds(fills);
    }
    return server;
}

Status<StorageError> ServerRepository::remove(qint64 id)
{
    return m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("DELETE FROM servers WHERE id = ?"));
        query.addBindValue(id);
        if (!query.exec()) {
            return sqlError(query, tr("Could not delete the server"));
        }
        if (query.numRowsAffected() == 0) {
            return StorageError {StorageError::Kind::NotFound, tr("The server no longer exists.")};
        }
        return {};
    });
}

std::optional<ScimServer> ServerRepository::find(qint64 id) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QLatin1String(selectServer) + QStringLiteral(" WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return readChildren(serverFromRow(query));
}

std::optional<ScimServer> ServerRepository::findByName(const QString& name) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QLatin1String(selectServer) + QStringLiteral(" WHERE name_key = ?"));
    query.addBindValue(SqlValues::nameKey(name));
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return readChildren(serverFromRow(query));
}

QList<ScimServer> ServerRepository::list() const
{
    QList<ScimServer> servers;
    QSqlQuery query(m_database->connection());
    if (!query.exec(QLatin1String(selectServer) + QStringLiteral(" ORDER BY name_key"))) {
        return servers;
    }
    while (query.next()) {
        servers.append(serverFromRow(query));
    }
    for (auto& server : servers) {
        server = readChildren(server);
    }
    return servers;
}

QStringList ServerRepository::applicationsUsing(qint64 serverId) const
{
    QStringList names;
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT name FROM applications WHERE scim_server_id = ? ORDER BY name_key"));
    query.addBindValue(serverId);
    if (query.exec()) {
        while (query.next()) {
            names.append(query.value(0).toString());
        }
    }
    return names;
}

Status<StorageError> ServerRepository::setSecretStoredAt(qint64 id, const QDateTime& when)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE servers SET secret_stored_at = ? WHERE id = ?"));
    query.addBindValue(SqlValues::fromDateTime(when));
    query.addBindValue(id);
    if (!query.exec()) {
        return sqlError(query, tr("Could not record when the secret was stored"));
    }
    return {};
}

Status<StorageError> ServerRepository::recordTestResult(
    qint64 id, const QString& verdict, const QString& summary, const QDateTime& when)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral(
        "UPDATE servers SET last_test_verdict = ?, last_test_summary = ?, last_test_at = ? WHERE id = ?"));
    query.addBindValue(SqlValues::text(verdict));
    query.addBindValue(SqlValues::text(summary));
    query.addBindValue(SqlValues::fromDateTime(when));
    query.addBindValue(id);
    if (!query.exec()) {
        return sqlError(query, tr("Could not record the connection test result"));
    }
    return {};
}
