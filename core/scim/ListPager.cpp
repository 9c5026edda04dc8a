#include "ListPager.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonValue>

#include <algorithm>
#include <limits>
#include <utility>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ListPager", text);
}

QString count(double value)
{
    return QString::number(value, 'f', 0);
}

QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024 * 1024), 'f', 1);
}

} // namespace

ListPager::ListPager(PagingMode mode, int pageSize, qint64 maxResources)
    : m_mode(mode)
    , m_pageSize(std::max(1, pageSize))
    , m_maxResources(std::max<qint64>(1, maxResources))
    , m_objectLimit(m_maxResources)
{
}

ListPager::Query ListPager::nextQuery() const
{
    Query query;
    switch (m_mode) {
    case PagingMode::Cursor:
        // AWS needs a bare "cursor" key on the first page to page at all.
        query.append({QStringLiteral("cursor"), m_pages == 0 ? std::nullopt : std::optional<QString>(m_cursor)});
        query.append({QStringLiteral("count"), QString::number(m_pageSize)});
        break;
    case PagingMode::StartIndex:
        query.append({QStringLiteral("startIndex"), QString::number(m_startIndex)});
        query.append({QStringLiteral("count"), QString::number(m_pageSize)});
        break;
    case PagingMode::SinglePage:
        break;
    }
    return query;
}

int ListPager::pageLimit() const
{
    const qint64 perPage = std::min<qint64>(m_pageSize, kMinAveragePage);
    const qint64 pages = (m_objectLimit + perPage - 1) / perPage + kMaxPagesWithoutNewObjects;
    return int(std::min<qint64>(pages, std::numeric_limits<int>::max()));
}

QList<QJsonObject> ListPager::takeItems()
{
    m_ids.clear();
    return std::exchange(m_items, {});
}

ScimError ListPager::runaway(const QString& detail)
{
    return ScimError(ScimError::Kind::RunawayList, detail);
}

Result<ListPager::Next, ScimError> ListPager::takePage(const QJsonObject& page, qint64 bodyBytes)
{
    ++m_pages;
    m_bytes += bodyBytes;
    const QJsonValue totalValue = page.value(QLatin1String("totalResults"));
    const bool hasTotal = totalValue.isDouble();
    const double total = totalValue.toDouble();
    if (hasTotal && !m_firstTotal) {
        m_firstTotal = total;
        // Under startIndex paging the announced total is what the pages must add up to; others
        // may create objects meanwhile, but not without end.
        if (m_mode == PagingMode::StartIndex && total <= double(m_maxResources))
            m_objectLimit = std::min<qint64>(m_maxResources, qint64(total) + std::max(kMinGrowth, qint64(total) / 10));
    }
    const QJsonArray resources = page.value(QLatin1String("Resources")).toArray();
    const int added = addNewObjects(resources);
    if (const std::optional<QString> problem = limitProblem(hasTotal, total))
        return runaway(*problem);

    Result<bool, ScimError> more = false;
    switch (m_mode) {
    case PagingMode::Cursor:
        more = hasNextCursor(page);
        break;
    case PagingMode::StartIndex:
        more = hasNextStartIndex(resources.size(), added, hasTotal, total);
        break;
    case PagingMode::SinglePage:
        break;
    }
    if (!more)
        return more.error();
    if (*more) {
        if (const std::optional<QString> problem = progressProblem(added))
            return runaway(*problem);
        return Next::AnotherPage;
    }
    if (hasTotal && double(m_items.size()) < total) {
        return ScimError(ScimError::Kind::Incomplete,
            tr("read %1 of %2 objects; the server gave no way to read the rest").arg(m_items.size()).arg(count(total)));
    }
    return Next::Done;
}

int ListPager::addNewObjects(const QJsonArray& resources)
{
    int added = 0;
    for (const QJsonValue& value : resources) {
        const QJsonObject object = value.toObject();
        const QString id = object.value(QLatin1String("id")).toString();
        if (m_ids.contains(id))
            continue;
        m_ids.insert(id);
        m_items.append(object);
        ++added;
    }
    return added;
}

std::optional<QString> ListPager::limitProblem(bool hasTotal, double total) const
{
    const QString raise = tr("If the target really holds that many objects, raise maxListResources in the "
                             "capabilities of its server type.");
    if (hasTotal && total > double(m_maxResources)) {
        return tr("page %1 says the list holds %2 objects (totalResults), more than the %3 one list read accepts. %4")
            .arg(m_pages)
            .arg(count(total))
            .arg(m_maxResources)
            .arg(raise);
    }
    if (m_items.size() > m_objectLimit) {
        if (m_objectLimit < m_maxResources) {
            return tr("after %1 pages the server had sent %2 different objects, although its first page said the "
                      "list holds %3 (totalResults, %4 on page %1); a list may grow while it is read, but not by "
                      "more than %5")
                .arg(m_pages)
                .arg(m_items.size())
                .arg(count(*m_firstTotal))
                .arg(hasTotal ? count(total) : tr("none"))
                .arg(m_objectLimit - qint64(*m_firstTotal));
        }
        return tr("after %1 pages the server had sent %2 different objects, more than the %3 one list read "
                  "accepts. %4")
            .arg(m_pages)
            .arg(m_items.size())
            .arg(m_maxResources)
            .arg(raise);
    }
    if (m_bytes > byteLimit()) {
        return tr("after %1 pages the server had sent %2 MiB, more than the %3 MiB a list of at most %4 objects "
                  "may take")
            .arg(m_pages)
            .arg(mebibytes(m_bytes), mebibytes(byteLimit()))
            .arg(m_maxResources);
    }
    return std::nullopt;
}

Result<bool, ScimError> ListPager::hasNextCursor(const QJsonObject& page)
{
    const QString next = page.value(QLatin1String("nextCursor")).toString();
    if (next.isEmpty())
        return false;
    if (next.size() > kMaxCursorChars) {
        return runaway(tr("page %1 gave a next cursor of %2 characters; at most %3 are accepted")
                           .arg(m_pages)
                           .arg(next.size())
                           .arg(kMaxCursorChars));
    }
    // Only a digest is kept: a cursor may be long, and a read may have many pages.
    const QByteArray digest = QCryptographicHash::hash(next.toUtf8(), QCryptographicHash::Sha256);
    if (const auto earlier = m_cursorPages.constFind(digest); earlier != m_cursorPages.cend()) {
        return runaway(tr("page %1 gave the same next cursor as page %2, so its pages go round in a circle")
                           .arg(m_pages)
                           .arg(earlier.value()));
    }
    m_cursorPages.insert(digest, m_pages);
    m_cursor = next;
    return true;
}

Result<bool, ScimError> ListPager::hasNextStartIndex(qsizetype pageObjects, int added, bool hasTotal, double total)
{
    const bool more
        = pageObjects > 0 && (hasTotal ? double(m_items.size()) < total : pageObjects >= qsizetype(m_pageSize));
    if (!more)
        return false;
    if (added == 0) {
        return ScimError(ScimError::Kind::Incomplete,
            tr("the server ignored startIndex and returned the same page again after %1 of %2 objects")
                .arg(m_items.size())
                .arg(hasTotal ? count(total) : tr("an unknown number of")));
    }
    m_startIndex += pageObjects;
    return true;
}

std::optional<QString> ListPager::progressProblem(int added)
{
    m_pagesWithoutNewObjects = added > 0 ? 0 : m_pagesWithoutNewObjects + 1;
    if (m_pagesWithoutNewObjects >= kMaxPagesWithoutNewObjects) {
        return tr("%1 pages in a row (up to page %2) brought no object that was not read before, yet each named a "
                  "next page")
            .arg(m_pagesWithoutNewObjects)
            .arg(m_pages);
    }
    if (m_pages >= pageLimit()) {
        return tr("the read reached %1 pages and the server still named a next page; a list of at most %2 objects "
                  "needs fewer when a page holds %3 or more objects on average")
            .arg(m_pages)
            .arg(m_objectLimit)
            .arg(std::min(m_pageSize, kMinAveragePage));
    }
    return std::nullopt;
}
