#pragma once

#include "DirectoryPickerModel.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QTimer;

// A search field over a DirectoryPickerModel list, with how many entries match. Typing is
// debounced so a directory of 100,000 users is queried once per pause, not per key.
// objectPrefix names the parts: <prefix>Search, <prefix>List, <prefix>Count and, when
// checkable, <prefix>CheckedOnly.
class DirectoryPickerList : public QWidget
{
    Q_OBJECT

public:
    DirectoryPickerList(DirectoryPickerModel* model, const QString& objectPrefix, QWidget* parent = nullptr);

    DirectoryPickerModel* model() const { return m_model; }
    QListView* view() const { return m_view; }
    QLineEdit* searchEdit() const { return m_search; }
    qint64 currentId() const;

signals:
    void currentIdChanged(qint64 id);

private:
    void updateCount();

    DirectoryPickerModel* m_model = nullptr;
    QLineEdit* m_search = nullptr;
    QListView* m_view = nullptr;
    QLabel* m_count = nullptr;
    QCheckBox* m_checkedOnly = nullptr;
    QTimer* m_searchTimer = nullptr;
};
