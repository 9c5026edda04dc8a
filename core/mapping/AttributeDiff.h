#pragma once

#include "AttributeChange.h"
#include "ScimPath.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

// Compares the resource ScimDesk would send with the one on the target, attribute by
// attribute, for the mapped paths only (attributes set on the target by other means are not
// ScimDesk's to change). Values are compared through AttributeNormalizer; paths listed as
// case-insensitive (userName, emails.value … — see UserMapper::caseInsensitivePaths()) are
// compared without case. An unchanged user gives no changes, so a no-op sync sends nothing.
// Build one AttributeDiff per run and call compare() for every user: paths are parsed once.
class AttributeDiff
{
public:
    AttributeDiff(const QStringList& mappedPaths, const QStringList& caseInsensitivePaths);
    AttributeDiff(const QList<ScimPath>& mappedPaths, const QStringList& caseInsensitivePaths);

    QList<AttributeChange> compare(const QJsonObject& desired, const QJsonObject& actual) const;
    // The same with the target's values already read: before[i] is the value at the i-th mapped
    // path (undefined when absent).
    QList<AttributeChange> compare(const QJsonObject& desired, const QList<QJsonValue>& before) const;

    static QList<AttributeChange> compare(const QJsonObject& desired, const QJsonObject& actual,
        const QStringList& mappedPaths, const QStringList& caseInsensitivePaths);

private:
    struct Entry
    {
        ScimPath path;
        QString label;
        bool caseExact = true;
    };
    void add(const ScimPath& path, const QStringList& caseInsensitivePaths);

    QList<Entry> m_entries;
};
