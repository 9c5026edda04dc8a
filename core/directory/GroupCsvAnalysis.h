#pragma once

#include "CsvReader.h"
#include "model/DirectoryGroup.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

class DirectoryLookup;
class DirectorySnapshot;
struct CsvImportPlan;

// The rows of a groups CSV file checked against the directory: the groups as they will be,
// built row by row (one row per membership or a members list, an optional parent), then
// turned into the writes for DirectoryRepository::saveGroups. Only the groups and their members
// are held, never the rows: a membership takes a set entry, not its line of text.
class GroupCsvAnalysis
{
public:
    // groups: the directory's groups (DirectorySnapshot::Contents::GroupsOnly); users: how
    // member names are resolved. headers: the file's header row; columnAttributes: what each
    // column fills (empty: ignored). replaceMembers: the file's members replace those of the
    // groups it names.
    GroupCsvAnalysis(const DirectorySnapshot& groups, DirectoryLookup& users, const QStringList& headers,
        const QStringList& columnAttributes, bool replaceMembers, CsvImportPlan& plan);

    void addRecord(const CsvRecord& record);
    // Turns the touched groups into writes; nested groups that are new are referenced by
    // their position in the batch (see DirectoryRepository::saveGroups).
    void finish();

private:
    // A group as it will be; nesting is checked on this state.
    struct Target
    {
        DirectoryGroup group; // memberUserIds: as stored; the file's go to memberIds
        QSet<qint64> memberIds;
        QSet<QString> childKeys;
        bool touched = false;
    };
    // The cells of one row.
    struct Row
    {
        int line = 0;
        QString name;
        QString key;
        QString parent;
        QString parentKey;
        QString objectId;
        QString description;
        QList<qint64> memberIds;
    };

    static QString cell(const CsvRecord& record, int index);
    void loadTargets();
    void checkCharacters(const CsvRecord& record);
    // The directory users the member and members cells name; unknown names are an issue.
    QList<qint64> readMembers(const CsvRecord& record, int line);
    void checkParent(const Row& row);
    void checkObjectId(const Row& row);
    void apply(const Row& row);
    // The target for a group the file names, created when the directory has no such group.
    Target& ensure(const QString& name);
    // Whether `from` contains `to`, directly or through nesting.
    bool reaches(const QString& from, const QString& to) const;

    const DirectorySnapshot& m_directory;
    DirectoryLookup& m_users;
    const QStringList m_headers;
    const QStringList m_attributes;
    CsvImportPlan& m_plan;
    const bool m_replaceMembers;
    const int m_columns;
    const int m_groupIndex;
    const int m_descriptionIndex;
    const int m_memberIndex;
    const int m_membersIndex;
    const int m_parentIndex;
    const int m_objectIdIndex;
    QHash<QString, Target> m_targets; // keyed by name key
    QList<QString> m_order; // creation/update order: first mention in the file
    QSet<QString> m_replacedNesting;
    QSet<QString> m_replacedUsers;
};
