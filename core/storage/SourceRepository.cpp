#include "SourceRepository.h"

#include "Database.h"
#include "DirectorySourceJson.h"
#include "SqlValues.h"
#include "validation/SourceSettingsValidator.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("SourceRepository", text);
}

StorageError sqlError(const QSqlQuery& query, const QString& what)
{
    return {StorageError::Kind::Sql, QStringLiteral("%1: %2").arg(what, query.lastError().text())};
}

QString compactJson(const QJsonDocument& document)
{
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

const char* const selectSource
    = "SELECT id, name, description, source_type, url, start_tls, ca_file_path, bind_dn, page_size, timeout_s,"
      " base_dn, user_filter, group_filter, anchor_attribute, user_mappings_json, group_name_attribute,"
      " group_description_attribute, group_member_attribute, disabled_rule_json, nesting, password_stored_at,"
      " created_at, updated_at FROM directory_sources";

// The columns create() and update() write, in this order (update adds the id).
const char* const settingColumns[] = {"name", "name_key", "description", "source_type", "url", "start_tls",
    "ca_file_path", "bind_dn", "page_size", "timeout_s", "base_dn", "user_filter", "group_filter", "anchor_attribute",
    "user_mappings_json", "group_name_attribute", "group_description_attribute", "group_member_attribute",
    "disabled_rule_json", "nesting", "password_stored_at", "updated_at"};

DirectorySource sourceFromRow(const QSqlQuery& q)
{
    DirectorySource s;
    s.id = q.value(0).toLongLong();
    s.name = q.value(1).toString();
    s.description = q.value(2).toString();
    s.sourceTypeId = q.value(3).toString();
    s.url = q.value(4).toString();
    s.startTls = q.value(5).toBool();
    s.caFilePath = q.value(6).toString();
    s.bindDn = q.value(7).toString();
    s.pageSize = q.value(8).toInt();
    s.timeoutSeconds = q.value(9).toInt();
    s.baseDn = q.value(10).toString();
    s.userFilter = q.value(11).toString();
    s.groupFilter = q.value(12).toString();
    s.anchorAttribute = q.value(13).toString();
    s.userMappings
        = DirectorySourceJson::mappingsFromJson(QJsonDocument::fromJson(q.value(14).toString().toUtf8()).array());
    s.groupNameAttribute = q.value(15).toString();
    s.groupDescriptionAttribute = q.value(16).toString();
    s.groupMemberAttribute = q.value(17).toString();
    s.disabledRule
        = DirectorySourceJson::disabledRuleFromJson(QJsonDocument::fromJson(q.value(18).toString().toUtf8()).object());
    s.nesting = DirectorySourceJson::nestingFromId(q.value(19).toString());
    s.passwordStoredAt = SqlValues::toDateTime(q.value(20));
    s.createdAt = SqlValues::toDateTime(q.value(21));
    s.updatedAt = SqlValues::toDateTime(q.value(22));
    return s;
}

void bindSettings(QSqlQuery& query, const DirectorySource& s, const QDateTime& now)
{
    query.addBindValue(s.name.trimmed());
    query.addBindValue(SqlValues::nameKey(s.name));
    query.addBindValue(SqlValues::text(s.description));
    query.addBindValue(SqlValues::text(s.sourceTypeId));
    query.addBindValue(s.url.trimmed());
    query.addBindValue(s.startTls ? 1 : 0);
    query.addBindValue(SqlValues::text(s.caFilePath));
    query.addBindValue(SqlValues::text(s.bindDn.trimmed()));
    query.addBindValue(s.pageSize);
    query.addBindValue(s.timeoutSeconds);
    query.addBindValue(s.baseDn.trimmed());
    query.addBindValue(SqlValues::text(s.userFilter));
    query.addBindValue(SqlValues::text(s.groupFilter));
    query.addBindValue(SqlValues::text(s.anchorAttribute));
    query.addBindValue(compactJson(QJsonDocument(DirectorySourceJson::mappingsToJson(s.userMappings))));
    query.addBindValue(SqlValues::text(s.groupNameAttribute));
    query.addBindValue(SqlValues::text(s.groupDescriptionAttribute));
    query.addBindValue(SqlValues::text(s.groupMemberAttribute));
    query.addBindValue(compactJson(QJsonDocument(DirectorySourceJson::disabledRuleToJson(s.disabledRule))));
    query.addBindValue(DirectorySourceJson::nestingId(s.nesting));
    query.addBindValue(SqlValues::fromDateTime(s.passwordStoredAt));
    query.addBindValue(SqlValues::fromDateTime(now));
}

QStringList columnList()
{
    QStringList columns;
    for (const char* column : settingColumns) {
        columns << QLatin1String(column);
    }
    return columns;
}
// Whether two settings of one source read different entries or attributes.
bool readsDiffer(const DirectorySource& a, const DirectorySource& b)
{
    return a.url.trimmed() != b.url.trimmed() || a.baseDn.trimmed() != b.baseDn.trimmed()
        || a.userFilter != b.userFilter || a.groupFilter != b.groupFilter || a.anchorAttribute != b.anchorAttribute
        || a.userMappings != b.userMappings || a.groupNameAttribute != b.groupNameAttribute
        || a.groupDescriptionAttribute != b.groupDescriptionAttribute
        || a.groupMemberAttribute != b.groupMemberAttribute || !(a.disabledRule == b.disabledRule)
        || a.nesting != b.nesting || a.sourceTypeId != b.sourceTypeId;
}
} // namespace

SourceRepository::SourceRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

bool SourceRepository::nameExists(const QString& name, qint64 excludeId) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT 1 FROM directory_sources WHERE name_key = ? AND id <> ?"));
    query.addBindValue(SqlValues::nameKey(name));
    query.addBindValue(excludeId);
    return query.exec() && query.next();
}

ValidationIssues SourceRepository::issues(const DirectorySource& source, qint64 excludeId) const
{
    ValidationIssues issues = SourceSettingsValidator::validate(source);
    const QString name = source.name.trimmed();
    if (Validation::firstMessage(issues, QStringLiteral("name")).isEmpty() && nameExists(name, excludeId)) {
        issues.prepend({QStringLiteral("name"),
            tr("A directory source named \u201c%1\u201d already exists. Choose another name.").arg(name), {}});
    }
    return issues;
}

Status<StorageError> SourceRepository::validate(const DirectorySource& source, qint64 excludeId) const
{
    const ValidationIssues found = issues(source, excludeId);
    if (found.isEmpty()) {
        return {};
    }
    const bool duplicate = found.constFirst().field == QLatin1String("name")
        && SourceSettingsValidator::nameError(source.name).isEmpty();
    return StorageError {duplicate ? StorageError::Kind::Duplicate : StorageError::Kind::Validation,
        Validation::joinedText(found), found.constFirst().field};
}

Result<qint64, StorageError> SourceRepository::create(const DirectorySource& source)
{
    if (auto status = validate(source); !status) {
        return status.error();
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QStringList columns = columnList();
    columns << QStringLiteral("created_at");
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT INTO directory_sources (%1) VALUES (%2)")
                      .arg(columns.join(QStringLiteral(", ")),
                          QStringList(columns.size(), QStringLiteral("?")).join(QStringLiteral(", "))));
    bindSettings(query, source, now);
    query.addBindValue(SqlValues::fromDateTime(now));
    if (!query.exec()) {
        return sqlError(query, tr("Could not save the directory source"));
    }
    return query.lastInsertId().toLongLong();
}

Status<StorageError> SourceRepository::update(const DirectorySource& source)
{
    if (auto status = validate(source, source.id); !status) {
        return status;
    }
    const auto before = find(source.id);
    QStringList assignments;
    for (const QString& column : columnList()) {
        assignments << column + QStringLiteral(" = ?");
    }
    QSqlQuery query(m_database->connection());
    query.prepare(
        QStringLiteral("UPDATE directory_sources SET %1 WHERE id = ?").arg(assignments.join(QStringLiteral(", "))));
    bindSettings(query, source, QDateTime::currentDateTimeUtc());
    query.addBindValue(source.id);
    if (!query.exec()) {
        return sqlError(query, tr("Could not save the directory source"));
    }
    if (query.numRowsAffected() == 0) {
        return StorageError {StorageError::Kind::NotFound,
            tr("The directory source \u201c%1\u201d no longer exists; it may have been deleted in another window.")
                .arg(source.name)};
    }
    if (before && readsDiffer(*before, source)) {
        // The last read answered other questions (another server, base DN, filter or mapping): a
        // delta merged into it would mix both, so the next read is a full one. Local ids stay.
        QSqlQuery forget(m_database->connection());
        forget.prepare(QStringLiteral("DELETE FROM source_reads WHERE source_id = ?"));
        forget.addBindValue(source.id);
        if (!forget.exec()) {
            return sqlError(forget, tr("Could not save the directory source"));
        }
    }
    return {};
}

Status<StorageError> SourceRepository::remove(qint64 id)
{
    const auto source = find(id);
    if (!source) {
        return StorageError {StorageError::Kind::NotFound, tr("The directory source no longer exists.")};
    }
    if (const QStringList applications = applicationsUsing(id); !applications.isEmpty()) {
        return StorageError::validation(QStringLiteral("applications"),
            tr("The directory source \u201c%1\u201d is the source of %2. Choose another source for them first "
               "(Application Manager, or scimdesk-cli apps edit APP --source NAME|embedded), then remove it.")
                .arg(source->name, applications.join(QStringLiteral(", "))));
    }
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("DELETE FROM directory_sources WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        return sqlError(query, tr("Could not delete the directory source"));
    }
    if (query.numRowsAffected() == 0) {
        return StorageError {StorageError::Kind::NotFound, tr("The directory source no longer exists.")};
    }
    return {};
}

std::optional<DirectorySource> SourceRepository::find(qint64 id) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QLatin1String(selectSource) + QStringLiteral(" WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return sourceFromRow(query);
}

std::optional<DirectorySource> SourceRepository::findByName(const QString& name) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QLatin1String(selectSource) + QStringLiteral(" WHERE name_key = ?"));
    query.addBindValue(SqlValues::nameKey(name));
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return sourceFromRow(query);
}

QList<DirectorySource> SourceRepository::list() const
{
    QList<DirectorySource> sources;
    QSqlQuery query(m_database->connection());
    if (!query.exec(QLatin1String(selectSource) + QStringLiteral(" ORDER BY name_key"))) {
        return sources;
    }
    while (query.next()) {
        sources.append(sourceFromRow(query));
    }
    return sources;
}

QStringList SourceRepository::applicationsUsing(qint64 sourceId) const
{
    QStringList names;
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT name FROM applications WHERE source_id = ? ORDER BY name_key"));
    query.addBindValue(sourceId);
    if (query.exec()) {
        while (query.next()) {
            names.append(query.value(0).toString());
        }
    }
    return names;
}

Status<StorageError> SourceRepository::setPasswordStoredAt(qint64 id, const QDateTime& when)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE directory_sources SET password_stored_at = ? WHERE id = ?"));
    query.addBindValue(SqlValues::fromDateTime(when));
    query.addBindValue(id);
    if (!query.exec()) {
        return sqlError(query, tr("Could not record when the bind password was stored"));
    }
    return {};
}
