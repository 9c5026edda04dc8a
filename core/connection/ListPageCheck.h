#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

// What the read steps of the connection test ask of one page of GET /Users or GET /Groups read
// without a filter, beyond what the SCIM client already refuses for every list (not a list, a
// resource that is not an object or has no usable id): every resource carries its name attribute
// (userName, displayName) as a non-empty string — a sync matches by it — and totalResults does
// not claim objects that a first page leaves out entirely. Pure.
class ListPageCheck
{
public:
    struct Page
    {
        int objects = 0; // on this page
        qint64 total = -1; // totalResults, -1 when absent
    };

    // Why the page is unusable, in words for the report; nullopt when it is fine (*page filled).
    static std::optional<QString> problem(const QJsonObject& json, const QString& nameAttribute, Page* page);
};
