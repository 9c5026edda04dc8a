#pragma once

#include "CsvImportLimits.h"
#include "DirectoryCsvImporter.h"
#include "model/DirectoryGroup.h"
#include "model/DirectoryUser.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// The attributes a CSV import column can fill that mean more than a user attribute.
namespace CsvImportColumn {
inline const QString objectId = QStringLiteral("objectId");
inline const QString userName = QStringLiteral("userName");
inline const QString group = QStringLiteral("group");
inline const QString description = QStringLiteral("description");
inline const QString member = QStringLiteral("member");
inline const QString members = QStringLiteral("members");
inline const QString parent = QStringLiteral("parent");
} // namespace CsvImportColumn

// What a pass over the file found: the counts, every problem by line (the first
// CsvImportLimits::maxListedIssues listed, the others counted), and the writes it implies.
// Users are handed to the writer as the pass goes (the importer drains `users`); groups are
// written once the whole file is known.
struct CsvImportPlan
{
    QString fileError;
    QList<CsvImportIssue> issues;
    int issueCount = 0; // listed or not
    int rowCount = 0;
    int invalidRowCount = 0;
    QList<DirectoryUser> users;
    QList<DirectoryGroup> groups;
    int toCreate = 0;
    int toUpdate = 0;
    int unchanged = 0;
    int directoryCount = 0;
    QList<CsvImportRename> renames;
    int renameCount = 0;
    // With a mirror import: the ids of directory objects the file names (valid rows or not), so
    // that the others can be removed.
    bool mirror = false;
    QSet<qint64> matchedIds;
    QList<qint64> removeIds;
    QStringList removals;

    void addRename(int line, const QString& from, const QString& to)
    {
        ++renameCount;
        if (renames.size() < CsvImportLimits::maxListedIssues) {
            renames.append({line, from, to});
        }
    }

    void addIssue(int line, const QString& message)
    {
        ++issueCount;
        if (issues.size() < CsvImportLimits::maxListedIssues) {
            issues.append({line, message});
        }
    }
};
