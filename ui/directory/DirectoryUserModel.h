#pragma once

#include "PagedTableModel.h"

#include "model/DirectoryUser.h"

class DirectoryRepository;

// The directory's users, page by page, ordered by userName (ascending or descending).
class DirectoryUserModel : public PagedTableModel<DirectoryUser>
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
        ColumnCount
    };
    static constexpr int UserIdRole = Qt::UserRole + 1;

    explicit DirectoryUserModel(DirectoryRepository& repository, QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // The store orders by userName only; other columns keep that order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    int countRows(const QString& search) const override;
    QList<DirectoryUser> loadRows(const QString& search, int limit, int offset) const override;

private:
    DirectoryRepository& m_repository;
};
