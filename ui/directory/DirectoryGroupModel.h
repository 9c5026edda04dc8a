#pragma once

#include "PagedTableModel.h"

#include "sources/DirectoryBrowser.h"

// The groups of the embedded directory or of a directory source's last read, page by page,
// ordered by name. A source's groups also show their DN and anchor.
class DirectoryGroupModel : public PagedTableModel<BrowsedGroup>
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        DescriptionColumn,
        UserMembersColumn,
        GroupMembersColumn,
        DnColumn,
        AnchorColumn,
        ColumnCount
    };
    static constexpr int GroupIdRole = Qt::UserRole + 1;

    explicit DirectoryGroupModel(DirectoryBrowser browser, QObject* parent = nullptr);

    void setBrowser(const DirectoryBrowser& browser);
    const DirectoryBrowser& browser() const { return m_browser; }

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    int countRows(const QString& search) const override;
    QList<BrowsedGroup> loadRows(const QString& search, int limit, int offset) const override;

private:
    DirectoryBrowser m_browser;
};
