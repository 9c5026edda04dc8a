#pragma once

#include "PagedTableModel.h"

#include "sources/DirectoryBrowser.h"

// The users of the embedded directory or of a directory source's last read, page by page,
// ordered by userName (ascending or descending). A source's users also show their DN and anchor.
class DirectoryUserModel : public PagedTableModel<BrowsedUser>
{
    Q_OBJECT

public:
    enum Column
    {
        UserNameColumn,
        DisplayNameColumn,
        EmailColumn,
        DepartmentColumn,
        TitleColumn,
        ActiveColumn,
        DnColumn,
        AnchorColumn,
        ColumnCount
    };
    static constexpr int UserIdRole = Qt::UserRole + 1;

    explicit DirectoryUserModel(DirectoryBrowser browser, QObject* parent = nullptr);

    // Shows another source's users (re-read from the first page).
    void setBrowser(const DirectoryBrowser& browser);
    const DirectoryBrowser& browser() const { return m_browser; }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // The store orders by userName only; other columns keep that order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    int countRows(const QString& search) const override;
    QList<BrowsedUser> loadRows(const QString& search, int limit, int offset) const override;

private:
    QString toolTip(const BrowsedUser& row) const;

    DirectoryBrowser m_browser;
};
