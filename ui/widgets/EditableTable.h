#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QModelIndex;
class QPushButton;
class QTableView;

// A table the admin edits in place, with Add and Remove buttons and the list of problems
// under it. The model does the work; this only lays it out the same way everywhere.
class EditableTable : public QWidget
{
    Q_OBJECT

public:
    // objectPrefix names the parts: <prefix>Table, add<Prefix>Button, remove<Prefix>Button, <prefix>Errors.
    EditableTable(const QString& objectPrefix, const QString& addText, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    void setModel(QAbstractItemModel* model);
    // Starts editing a freshly added row so the admin can type at once.
    void editNewRow(const QModelIndex& index);
    void setErrors(const QStringList& errors);
    int currentRow() const;

signals:
    void addRequested();
    void removeRequested(int row);

private:
    void updateButtons();

    QTableView* m_view = nullptr;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_removeButton = nullptr;
    QLabel* m_errors = nullptr;
};
