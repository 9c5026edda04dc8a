#pragma once

#include "sources/DirectoryBrowser.h"

#include <QAbstractListModel>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>

class Database;

// Users or groups of an application's source (the embedded directory, or a directory source's
// last read) as a list read a page at a time (fetchMore), so
// a picker over 100,000 users reads only what is scrolled into view. Optionally checkable:
// the checked ids are kept in the order they were checked, independent of the search, so
// an assignment can be built across several searches.
class DirectoryPickerModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Kind
    {
        Users,
        Groups,
    };

    enum Role
    {
        DirectoryIdRole = Qt::UserRole + 1,
    };

    static constexpr int PageSize = 100;

    DirectoryPickerModel(Kind kind, std::shared_ptr<Database> database, QObject* parent = nullptr);

    Kind kind() const { return m_kind; }
    // Lists another source (0: the embedded directory); the checked ids are the caller's business.
    void setSourceId(qint64 sourceId);
    qint64 sourceId() const { return m_browser.sourceId(); }
    QString search() const { return m_search; }
    // Re-reads from the first page with the new search.
    void setSearch(const QString& search);
    void reload();
    // Everything matching the search, loaded or not.
    int totalCount() const { return m_total; }

    // Lists the checked entries only (paged the same way), e.g. "show assigned only".
    void setCheckedOnly(bool checkedOnly);
    bool isCheckedOnly() const { return m_checkedOnly; }

    void setCheckable(bool checkable);
    bool isCheckable() const { return m_checkable; }
    QList<qint64> checkedIds() const { return m_checked; }
    void setCheckedIds(const QList<qint64>& ids);
    void setChecked(qint64 id, bool checked);

    qint64 idAt(int row) const;
    int rowOfId(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void checkedIdsChanged();
    // After a reload or a new search: totalCount() is current.
    void reloaded();

private:
    struct Entry
    {
        qint64 id = 0;
        QString text;
        QString toolTip;
    };

    QList<Entry> loadPage(int offset) const;
    int countMatching() const;
    QList<qint64> checkedMatching() const;

    Kind m_kind;
    DirectoryBrowser m_browser;
    QString m_search;
    bool m_checkable = false;
    bool m_checkedOnly = false;
    int m_total = 0;
    QList<Entry> m_entries;
    QList<qint64> m_checked;
    QSet<qint64> m_checkedSet;
};
