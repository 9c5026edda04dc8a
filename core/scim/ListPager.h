#pragma once

#include "ScimError.h"

#include <model/ServerCapabilities.h>
#include <util/Result.h>

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>

#include <optional>

// Walks the pages of one list read and decides when it ends. The server decides how many pages
// there are, and the client keeps every object until the read is complete, so a broken or
// hostile server could make a read run forever and fill the memory: cursors that go round in a
// circle, a fresh cursor or a growing totalResults with fresh objects on every page, pages that
// bring nothing new. A read therefore ends, with a RunawayList error that says what the server
// did, as soon as one of these limits is passed:
//  - a totalResults above maxListResources (ServerCapabilities::maxListResources);
//  - more objects than maxListResources, or, for a startIndex read, more than its first page's
//    totalResults plus the objects others may create during the read (kMinGrowth, or a tenth);
//  - a cursor the server gave before, or one longer than kMaxCursorChars;
//  - kMaxPagesWithoutNewObjects pages in a row that bring no new object (a startIndex read ends
//    at the first such page: it has no other way to move on);
//  - more pages than the object limit can need when a page holds at least kMinAveragePage
//    objects on average (the last page excepted), and response bodies of more than
//    maxListResources × kBytesPerObject bytes in all.
// Objects are identified by their id (the response check has refused any without a usable one);
// one listed twice, e.g. because the list shifted under startIndex paging, is kept once.
class ListPager
{
public:
    using Query = QList<QPair<QString, std::optional<QString>>>;
    enum class Next
    {
        AnotherPage,
        Done,
    };

    static constexpr int kMaxCursorChars = 8192;
    static constexpr int kMaxPagesWithoutNewObjects = 5;
    static constexpr int kMinAveragePage = 10;
    static constexpr qint64 kMinGrowth = 1000;
    static constexpr qint64 kBytesPerObject = 2048;

    ListPager(PagingMode mode, int pageSize, qint64 maxResources);

    // The paging parameters of the next page's request.
    Query nextQuery() const;
    // Takes one page (a valid ListResponse) and says whether another page follows. After an
    // error the read is over.
    Result<Next, ScimError> takePage(const QJsonObject& page, qint64 bodyBytes);
    QList<QJsonObject> takeItems();

    int pagesRead() const { return m_pages; }
    // The most objects this read accepts, as far as the pages read so far tell.
    qint64 objectLimit() const { return m_objectLimit; }
    int pageLimit() const;
    qint64 byteLimit() const { return m_maxResources * kBytesPerObject; }

private:
    int addNewObjects(const QJsonArray& resources);
    std::optional<QString> limitProblem(bool hasTotal, double total) const;
    Result<bool, ScimError> hasNextCursor(const QJsonObject& page);
    Result<bool, ScimError> hasNextStartIndex(qsizetype pageObjects, int added, bool hasTotal, double total);
    std::optional<QString> progressProblem(int added);
    static ScimError runaway(const QString& detail);

    PagingMode m_mode;
    int m_pageSize;
    qint64 m_maxResources;
    qint64 m_objectLimit;
    std::optional<double> m_firstTotal;
    QList<QJsonObject> m_items;
    QSet<QString> m_ids;
    QHash<QByteArray, int> m_cursorPages; // SHA-256 of each cursor given → the page that gave it
    QString m_cursor;
    qint64 m_startIndex = 1;
    int m_pages = 0;
    qint64 m_bytes = 0;
    int m_pagesWithoutNewObjects = 0;
};
