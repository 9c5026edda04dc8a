#pragma once

#include "CsvImportLimits.h"
#include "DirectoryCsvImporter.h"
#include "model/DirectoryGroup.h"
#include "model/DirectoryUser.h"

#include <QList>
#include <QString>

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

    void addIssue(int line, const QString& message)
    {
        ++issueCount;
        if (issues.size() < CsvImportLimits::maxListedIssues) {
            issues.append({line, message});
        }
    }
};
