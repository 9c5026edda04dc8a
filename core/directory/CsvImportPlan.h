#pragma once

#include "DirectoryCsvImporter.h"
#include "model/DirectoryGroup.h"
#include "model/DirectoryUser.h"

#include <QList>
#include <QSet>
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

// What importing a file would write, worked out without writing: the users or groups to
// save, the counts, and every problem by line.
struct CsvImportPlan
{
    QString fileError;
    QList<CsvImportIssue> issues;
    QSet<int> invalidLines;
    QList<DirectoryUser> users;
    QList<DirectoryGroup> groups;
    int toCreate = 0;
    int toUpdate = 0;
    int unchanged = 0;

    void addIssue(int line, const QString& message)
    {
        issues.append({line, message});
        invalidLines.insert(line);
    }
};
