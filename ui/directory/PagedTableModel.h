#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

// A table over a large, ordered store that is read a page at a time: rowCount() is the
// store's count and a row's page is loaded when a view first asks for it, so a view over
// 100,000 users reads a few hundred rows, not all of them. Only a handful of pages are
// kept. Descending order reads the ascending store from the end.
template<typename Row>
class PagedTableModel : public QAbstractTableModel
{
public:
    static constexpr int PageSize = 200;
    static constexpr int CachedPages = 16;

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : m_count; }

    QString search() const { return m_search; }
    void setSearch(const QString& search)
    {
        m_search = search;
        reload();
    }
    Qt::SortOrder order() const { return m_order; }

    // Re-reads the count and forgets cached pages (after an edit or an import).
    void reload()
    {
        beginResetModel();
        m_pages.clear();
        m_pageUse.clear();
        m_count = countRows(m_search);
        endResetModel();
    }

    // The row at a view row, loading its page when needed; nullopt when out of range.
    std::optional<Row> rowAt(int viewRow) const
    {
        if (viewRow < 0 || viewRow >= m_count) {
            return std::nullopt;
        }
        const int storeRow = m_order == Qt::AscendingOrder ? viewRow : m_count - 1 - viewRow;
        const int page = storeRow / PageSize;
        auto it = m_pages.find(page);
        if (it == m_pages.end()) {
            if (m_pages.size() >= CachedPages && !m_pageUse.isEmpty()) {
                m_pages.remove(m_pageUse.takeFirst());
            }
            it = m_pages.insert(page, loadRows(m_search, PageSize, page * PageSize));
        }
        m_pageUse.removeOne(page);
        m_pageUse.append(page);
        const int inPage = storeRow - page * PageSize;
        if (inPage >= it->size()) {
            return std::nullopt; // the store shrank since the count was read
        }
        return it->at(inPage);
    }

protected:
    void setOrder(Qt::SortOrder order)
    {
        if (order != m_order) {
            beginResetModel();
            m_order = order;
            endResetModel();
        }
    }

    virtual int countRows(const QString& search) const = 0;
    virtual QList<Row> loadRows(const QString& search, int limit, int offset) const = 0;

private:
    QString m_search;
    Qt::SortOrder m_order = Qt::AscendingOrder;
    int m_count = 0;
    mutable QHash<int, QList<Row>> m_pages;
    mutable QList<int> m_pageUse;
};
