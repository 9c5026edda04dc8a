#include "Migrations.h"

#include "util/LogCategories.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("Migrations", text);
}
} // namespace

// code-shape: data table
const QList<Migrations::Migration>& Migrations::all()
{
    static const QList<Migration> migrations = {
        {1, "servers, applications, assignments and the embedded directory",
            {
                QStringLiteral("CREATE TABLE servers ("
                               " id INTEGER PRIMARY KEY,"
                               " name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
                               " name_key TEXT NOT NULL UNIQUE,"
                               " description TEXT NOT NULL DEFAULT '',"
                               " url TEXT NOT NULL,"
                               " server_type TEXT NOT NULL DEFAULT '',"
                               " capabilities_json TEXT NOT NULL DEFAULT '{}',"
                               " secret_stored_at TEXT,"
                               " last_test_verdict TEXT NOT NULL DEFAULT '',"
                               " last_test_summary TEXT NOT NULL DEFAULT '',"
                               " last_test_at TEXT,"
                               " created_at TEXT NOT NULL,"
                               " updated_at TEXT NOT NULL)"),
                QStringLiteral("CREATE TABLE server_auth ("
                               " server_id INTEGER PRIMARY KEY REFERENCES servers(id) ON DELETE CASCADE,"
                               " scheme TEXT NOT NULL,"
                               " basic_username TEXT NOT NULL DEFAULT '',"
                               " oauth_token_url TEXT NOT NULL DEFAULT '',"
                               " oauth_client_id TEXT NOT NULL DEFAULT '',"
                               " oauth_scope TEXT NOT NULL DEFAULT '')"),
                QStringLiteral("CREATE TABLE server_mappings ("
                               " id INTEGER PRIMARY KEY,"
                               " server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,"
                               " position INTEGER NOT NULL,"
                               " kind TEXT NOT NULL CHECK (kind IN ('direct', 'expression')),"
                               " source TEXT NOT NULL,"
                               " target TEXT NOT NULL,"
                               " apply_when TEXT NOT NULL CHECK (apply_when IN ('always', 'on-create')),"
                               " matching INTEGER NOT NULL DEFAULT 0,"
                               " matching_precedence INTEGER NOT NULL DEFAULT 0,"
                               " default_value TEXT NOT NULL DEFAULT '',"
                               " UNIQUE (server_id, target))"),
                QStringLiteral("CREATE TABLE server_static_attributes ("
                               " id INTEGER PRIMARY KEY,"
                               " server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,"
                               " position INTEGER NOT NULL,"
                               " target TEXT NOT NULL,"
                               " value TEXT NOT NULL,"
                               " UNIQUE (server_id, target))"),
                QStringLiteral("CREATE TABLE server_options ("
                               " server_id INTEGER PRIMARY KEY REFERENCES servers(id) ON DELETE CASCADE,"
                               " deprovision_action TEXT NOT NULL CHECK (deprovision_action IN ('disable', 'delete', "
                               "'none')),"
                               " threshold_percent INTEGER NOT NULL CHECK (threshold_percent BETWEEN 0 AND 100),"
                               " threshold_minimum INTEGER NOT NULL CHECK (threshold_minimum >= 0),"
                               " concurrency INTEGER NOT NULL CHECK (concurrency BETWEEN 1 AND 64),"
                               " rate_limit REAL NOT NULL CHECK (rate_limit >= 0),"
                               " request_timeout_s INTEGER NOT NULL CHECK (request_timeout_s > 0),"
                               " ca_bundle_path TEXT NOT NULL DEFAULT '',"
                               " protected_patterns_json TEXT NOT NULL DEFAULT '[]')"),
                QStringLiteral("CREATE TABLE applications ("
                               " id INTEGER PRIMARY KEY,"
                               " name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
                               " name_key TEXT NOT NULL UNIQUE,"
                               " description TEXT NOT NULL DEFAULT '',"
                               " sign_in_protocol TEXT NOT NULL DEFAULT '',"
                               " scim_server_id INTEGER REFERENCES servers(id) ON DELETE SET NULL,"
                               " last_sync_at TEXT,"
                               " created_at TEXT NOT NULL,"
                               " updated_at TEXT NOT NULL)"),
                QStringLiteral("CREATE TABLE assignments ("
                               " application_id INTEGER PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,"
                               " all_users INTEGER NOT NULL DEFAULT 0,"
                               " scoping_filters_json TEXT NOT NULL DEFAULT '[]')"),
                QStringLiteral("CREATE TABLE directory_users ("
                               " id INTEGER PRIMARY KEY,"
                               " object_id TEXT NOT NULL UNIQUE,"
                               " user_name TEXT NOT NULL CHECK (length(trim(user_name)) > 0),"
                               " user_name_key TEXT NOT NULL UNIQUE,"
                               " email TEXT NOT NULL DEFAULT '',"
                               " given_name TEXT NOT NULL DEFAULT '',"
                               " family_name TEXT NOT NULL DEFAULT '',"
                               " display_name TEXT NOT NULL DEFAULT '',"
                               " phone TEXT NOT NULL DEFAULT '',"
                               " title TEXT NOT NULL DEFAULT '',"
                               " department TEXT NOT NULL DEFAULT '',"
                               " employee_number TEXT NOT NULL DEFAULT '',"
                               " manager TEXT NOT NULL DEFAULT '',"
                               " active INTEGER NOT NULL DEFAULT 1,"
                               " custom_json TEXT NOT NULL DEFAULT '{}',"
                               " created_at TEXT NOT NULL,"
                               " updated_at TEXT NOT NULL)"),
                QStringLiteral("CREATE TABLE directory_groups ("
                               " id INTEGER PRIMARY KEY,"
                               " object_id TEXT NOT NULL UNIQUE,"
                               " display_name TEXT NOT NULL CHECK (length(trim(display_name)) > 0),"
                               " display_name_key TEXT NOT NULL UNIQUE,"
                               " description TEXT NOT NULL DEFAULT '',"
                               " created_at TEXT NOT NULL,"
                               " updated_at TEXT NOT NULL)"),
                QStringLiteral("CREATE TABLE group_user_members ("
                               " group_id INTEGER NOT NULL REFERENCES directory_groups(id) ON DELETE CASCADE,"
                               " user_id INTEGER NOT NULL REFERENCES directory_users(id) ON DELETE CASCADE,"
                               " PRIMARY KEY (group_id, user_id)) WITHOUT ROWID"),
                QStringLiteral("CREATE INDEX group_user_members_user ON group_user_members(user_id)"),
                QStringLiteral("CREATE TABLE group_group_members ("
                               " group_id INTEGER NOT NULL REFERENCES directory_groups(id) ON DELETE CASCADE,"
                               " member_group_id INTEGER NOT NULL REFERENCES directory_groups(id) ON DELETE CASCADE,"
                               " PRIMARY KEY (group_id, member_group_id),"
                               " CHECK (group_id <> member_group_id)) WITHOUT ROWID"),
                QStringLiteral("CREATE TABLE assignment_users ("
                               " application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
                               " user_id INTEGER NOT NULL REFERENCES directory_users(id) ON DELETE CASCADE,"
                               " PRIMARY KEY (application_id, user_id)) WITHOUT ROWID"),
                QStringLiteral("CREATE TABLE assignment_groups ("
                               " application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
                               " group_id INTEGER NOT NULL REFERENCES directory_groups(id) ON DELETE CASCADE,"
                               " PRIMARY KEY (application_id, group_id)) WITHOUT ROWID"),
            }},
        {2, "links to target objects, sync runs and the per-operation journal",
            {
                // A link says "this directory object is that target object, for this application";
                // only linked (managed) objects are ever updated or deprovisioned.
                QStringLiteral("CREATE TABLE target_links ("
                               " id INTEGER PRIMARY KEY,"
                               " application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
                               " object_kind TEXT NOT NULL CHECK (object_kind IN ('user', 'group')),"
                               " directory_object_id TEXT NOT NULL,"
                               " target_id TEXT NOT NULL,"
                               " target_name TEXT NOT NULL DEFAULT '',"
                               " created_at TEXT NOT NULL,"
                               " last_synced_at TEXT,"
                               " UNIQUE (application_id, object_kind, directory_object_id),"
                               " UNIQUE (application_id, object_kind, target_id))"),
                QStringLiteral("CREATE TABLE sync_runs ("
                               " id INTEGER PRIMARY KEY,"
                               " application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
                               " plan_id TEXT NOT NULL,"
                               " mode TEXT NOT NULL CHECK (mode IN ('preview', 'apply', 'single-user')),"
                               " status TEXT NOT NULL,"
                               " started_at TEXT NOT NULL,"
                               " finished_at TEXT,"
                               " summary_json TEXT NOT NULL DEFAULT '{}')"),
                QStringLiteral("CREATE INDEX sync_runs_application ON sync_runs(application_id, started_at)"),
                QStringLiteral("CREATE TABLE journal_entries ("
                               " id INTEGER PRIMARY KEY,"
                               " run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,"
                               " sequence INTEGER NOT NULL,"
                               " action TEXT NOT NULL,"
                               " object_kind TEXT NOT NULL,"
                               " object_name TEXT NOT NULL DEFAULT '',"
                               " directory_object_id TEXT NOT NULL DEFAULT '',"
                               " target_id TEXT NOT NULL DEFAULT '',"
                               " status TEXT NOT NULL,"
                               " http_status INTEGER NOT NULL DEFAULT 0,"
                               " request_id TEXT NOT NULL DEFAULT '',"
                               " error TEXT NOT NULL DEFAULT '',"
                               " before_json TEXT NOT NULL DEFAULT '',"
                               " after_json TEXT NOT NULL DEFAULT '',"
                               " started_at TEXT NOT NULL,"
                               " finished_at TEXT,"
                               " UNIQUE (run_id, sequence))"),
            }},
        {3, "directory sources (LDAP, Active Directory), the application's source and the source cache",
            {
                // Holds no secret: the bind password is in the SecretStore under "source/ID/bind-password".
                QStringLiteral("CREATE TABLE directory_sources ("
                               " id INTEGER PRIMARY KEY,"
                               " name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
                               " name_key TEXT NOT NULL UNIQUE,"
                               " description TEXT NOT NULL DEFAULT '',"
                               " source_type TEXT NOT NULL DEFAULT '',"
                               " url TEXT NOT NULL,"
                               " start_tls INTEGER NOT NULL DEFAULT 0,"
                               " ca_file_path TEXT NOT NULL DEFAULT '',"
                               " bind_dn TEXT NOT NULL DEFAULT '',"
                               " page_size INTEGER NOT NULL CHECK (page_size BETWEEN 1 AND 10000),"
                               " timeout_s INTEGER NOT NULL CHECK (timeout_s > 0),"
                               " base_dn TEXT NOT NULL,"
                               " user_filter TEXT NOT NULL DEFAULT '',"
                               " group_filter TEXT NOT NULL DEFAULT '',"
                               " anchor_attribute TEXT NOT NULL DEFAULT '',"
                               " user_mappings_json TEXT NOT NULL DEFAULT '[]',"
                               " group_name_attribute TEXT NOT NULL DEFAULT '',"
                               " group_description_attribute TEXT NOT NULL DEFAULT '',"
                               " group_member_attribute TEXT NOT NULL DEFAULT '',"
                               " disabled_rule_json TEXT NOT NULL DEFAULT '{}',"
                               " nesting TEXT NOT NULL CHECK (nesting IN ('client-side', 'in-chain')),"
                               " password_stored_at TEXT,"
                               " created_at TEXT NOT NULL,"
                               " updated_at TEXT NOT NULL)"),
                // NULL: the embedded directory. A source in use cannot be deleted.
                QStringLiteral("ALTER TABLE applications ADD COLUMN source_id INTEGER"
                               " REFERENCES directory_sources(id) ON DELETE RESTRICT"),
                QStringLiteral("CREATE INDEX applications_source ON applications(source_id)"),
                QStringLiteral("ALTER TABLE assignments ADD COLUMN all_groups INTEGER NOT NULL DEFAULT 0"),
                // The last complete read of each source: what a delta read is merged into.
                QStringLiteral("CREATE TABLE source_reads ("
                               " source_id INTEGER PRIMARY KEY REFERENCES directory_sources(id) ON DELETE CASCADE,"
                               " high_water_mark TEXT NOT NULL DEFAULT '',"
                               " server_identity TEXT NOT NULL DEFAULT '',"
                               " read_at TEXT NOT NULL,"
                               " full_read_at TEXT NOT NULL,"
                               " was_delta INTEGER NOT NULL DEFAULT 0,"
                               " notes_json TEXT NOT NULL DEFAULT '[]')"),
                // One row per (source, kind, anchor), kept when the object leaves the source
                // (present = 0): its id is the stable local id assignments and snapshots use.
                QStringLiteral("CREATE TABLE source_objects ("
                               " id INTEGER PRIMARY KEY,"
                               " source_id INTEGER NOT NULL REFERENCES directory_sources(id) ON DELETE CASCADE,"
                               " kind TEXT NOT NULL CHECK (kind IN ('user', 'group')),"
                               " anchor TEXT NOT NULL CHECK (length(anchor) > 0),"
                               " present INTEGER NOT NULL DEFAULT 0,"
                               " dn TEXT NOT NULL DEFAULT '',"
                               " dn_key TEXT NOT NULL DEFAULT '',"
                               " name TEXT NOT NULL DEFAULT '',"
                               " name_key TEXT NOT NULL DEFAULT '',"
                               " data_json TEXT NOT NULL DEFAULT '{}',"
                               // A user's manager as resolved when the user was read (see members).
                               " manager_id INTEGER REFERENCES source_objects(id) ON DELETE SET NULL,"
                               " UNIQUE (source_id, kind, anchor))"),
                QStringLiteral("CREATE INDEX source_objects_name ON source_objects(source_id, kind, name_key)"),
                QStringLiteral("CREATE INDEX source_objects_dn ON source_objects(source_id, dn_key)"),
                // A group's direct members as read (DNs), each with the object it resolved to when
                // the group was read: a member renamed later keeps its membership.
                QStringLiteral("CREATE TABLE source_group_members ("
                               " group_id INTEGER NOT NULL REFERENCES source_objects(id) ON DELETE CASCADE,"
                               " position INTEGER NOT NULL,"
                               " member_dn TEXT NOT NULL,"
                               " member_id INTEGER REFERENCES source_objects(id) ON DELETE SET NULL,"
                               " PRIMARY KEY (group_id, position)) WITHOUT ROWID"),
                QStringLiteral("CREATE INDEX source_group_members_member ON source_group_members(member_id)"),
                // The users and groups assigned to an application whose source is a directory source.
                QStringLiteral("CREATE TABLE assignment_source_objects ("
                               " application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
                               " object_id INTEGER NOT NULL REFERENCES source_objects(id) ON DELETE CASCADE,"
                               " PRIMARY KEY (application_id, object_id)) WITHOUT ROWID"),
            }},
        {4, "per-server values ScimDesk may fill in for required attributes (off by default)",
            {
                QStringLiteral("ALTER TABLE server_options ADD COLUMN fill_missing_json TEXT NOT NULL DEFAULT '[]'"),
            }},
        {5, "the last read attempt of each directory source",
            {
                // What the Directory Sources page shows as "last read", failures included (the
                // cache keeps complete reads only). A message, never a secret.
                QStringLiteral("CREATE TABLE source_read_attempts ("
                               " source_id INTEGER PRIMARY KEY REFERENCES directory_sources(id) ON DELETE CASCADE,"
                               " attempted_at TEXT NOT NULL,"
                               " succeeded INTEGER NOT NULL,"
                               " delta INTEGER NOT NULL DEFAULT 0,"
                               " users INTEGER NOT NULL DEFAULT 0,"
                               " groups INTEGER NOT NULL DEFAULT 0,"
                               " read_ms INTEGER NOT NULL DEFAULT 0,"
                               " message TEXT NOT NULL DEFAULT '')"),
            }},
        {6, "indexes on the journal's object columns (History's object filter and per-object view)",
            {
                // NOCASE: the filter is a case-insensitive LIKE 'start%' and the per-object view
                // compares without case; SQLite uses an index for either only with this collation.
                QStringLiteral(
                    "CREATE INDEX journal_entries_object_name ON journal_entries(object_name COLLATE NOCASE)"),
                QStringLiteral("CREATE INDEX journal_entries_directory_object"
                               " ON journal_entries(directory_object_id COLLATE NOCASE)"),
                QStringLiteral("CREATE INDEX journal_entries_target ON journal_entries(target_id COLLATE NOCASE)"),
            }},
        {7, "a keychain scope per profile, so two profiles never share a keychain entry",
            {
                QStringLiteral("CREATE TABLE profile_info (name TEXT PRIMARY KEY, value TEXT NOT NULL)"),
                // A profile without servers and sources has nothing in the keychain yet and
                // gets its own scope. One that has them keeps the names its entries were
                // stored under (an empty scope), so upgrading loses no token.
                QStringLiteral("INSERT INTO profile_info (name, value) SELECT 'keychain_scope',"
                               " CASE WHEN EXISTS (SELECT 1 FROM servers) OR EXISTS (SELECT 1 FROM directory_sources)"
                               " THEN '' ELSE lower(hex(randomblob(16))) END"),
            }},
    };
    return migrations;
}

int Migrations::latestVersion()
{
    return all().last().version;
}

int Migrations::currentVersion(QSqlDatabase& db, StorageError* error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        if (error) {
            *error = {StorageError::Kind::Corrupt,
                tr("The profile database cannot be read (%1). It may be damaged; it has not been changed. "
                   "Restore it from a backup or choose another profile with --profile.")
                    .arg(query.lastError().text())};
        }
        return -1;
    }
    return query.value(0).toInt();
}

Status<StorageError> Migrations::apply(QSqlDatabase& db, int targetVersion)
{
    StorageError error;
    const int current = currentVersion(db, &error);
    if (current < 0) {
        return error;
    }
    if (current > latestVersion()) {
        return StorageError {StorageError::Kind::NewerSchema,
            tr("This profile was created by a newer version of ScimDesk (schema %1; this version knows up to %2). "
               "It has not been changed. Update ScimDesk, or choose another profile with --profile.")
                .arg(current)
                .arg(latestVersion())};
    }

    for (const auto& migration : all()) {
        if (migration.version <= current || migration.version > targetVersion) {
            continue;
        }
        qCInfo(lcStorage) << "Migrating profile database to version" << migration.version << migration.description;
        if (!db.transaction()) {
            return StorageError {StorageError::Kind::Sql,
                tr("Could not start a transaction to upgrade the profile database: %1").arg(db.lastError().text())};
        }
        QSqlQuery query(db);
        QStringList statements = migration.statements;
        statements << QStringLiteral("PRAGMA user_version = %1").arg(migration.version);
        for (const auto& statement : std::as_const(statements)) {
            if (!query.exec(statement)) {
                const QString reason = query.lastError().text();
                db.rollback();
                return StorageError {StorageError::Kind::Sql,
                    tr("Upgrading the profile database to version %1 failed (%2); it was left at version %3.")
                        .arg(migration.version)
                        .arg(reason)
                        .arg(current)};
            }
        }
        if (!db.commit()) {
            const QString reason = db.lastError().text();
            db.rollback();
            return StorageError {StorageError::Kind::Sql,
                tr("Upgrading the profile database to version %1 could not be saved: %2")
                    .arg(migration.version)
                    .arg(reason)};
        }
    }
    return {};
}
