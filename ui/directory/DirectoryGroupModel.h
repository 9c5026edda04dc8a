#pragma once

#include "PagedTableModel.h"

#include "model/DirectoryGroup.h"

class DirectoryRepository;

// The directory's groups, page by page, ordered by display name.
class DirectoryGroupModel : public PagedTableModel<DirectoryGroup>
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        DescriptionColumn,
        UserMembersColumn,
        GroupMembersColumn,
        ColumnCount
    };
    static constexpr int GroupIdRole = Qt::UserRole + 1;

    explicit DirectoryGroupModel(DirectoryRepository& repository, QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    int countRows(const QString& search) const override;
    QList<DirectoryGroup> loadRows(const QString& search, int limit, int offset) const override;

private:
    DirectoryRepository& m_repository;
};
