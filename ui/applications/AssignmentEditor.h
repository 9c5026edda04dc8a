#pragma once

#include "model/Application.h"

#include <QWidget>

#include <memory>

class Database;
class DirectoryPickerList;
class DirectoryPickerModel;
class QCheckBox;
class QLabel;
class QTabWidget;
class ScopeCounter;
class ScopingFilterEditor;

// Who an application provisions: all users, or assigned users and groups (or all groups) picked
// from the application's source — the embedded directory or a directory source's last read —
// (searchable, read a page at a time), narrowed by scoping filters; with a live count of the
// users in scope computed off the GUI thread.
class AssignmentEditor : public QWidget
{
    Q_OBJECT

public:
    // sourceId: the application's source (0: the embedded directory), which the assignment's ids belong to.
    AssignmentEditor(std::shared_ptr<Database> database, const Assignment& assignment, qint64 sourceId = 0,
        QWidget* parent = nullptr);

    Assignment assignment() const;
    // Picks from another source (0: the embedded directory). The assigned users and groups belong
    // to the source they were picked from, so they are cleared.
    void setSourceId(qint64 sourceId);
    qint64 sourceId() const;
    // Re-reads the lists and the count, e.g. after the source was read again.
    void reloadDirectory();
    QStringList validationErrors() const;

    ScopeCounter* scopeCounter() const { return m_counter; }
    DirectoryPickerModel* userModel() const { return m_userModel; }
    DirectoryPickerModel* groupModel() const { return m_groupModel; }
    ScopingFilterEditor* filterEditor() const { return m_filters; }

signals:
    void assignmentChanged();

private:
    void onEdited();
    void updateCountLabel();
    void updateEnabled();
    void updateLabels();

    ScopeCounter* m_counter = nullptr;
    QCheckBox* m_allUsers = nullptr;
    QCheckBox* m_allGroups = nullptr;
    QTabWidget* m_tabs = nullptr;
    DirectoryPickerModel* m_userModel = nullptr;
    DirectoryPickerModel* m_groupModel = nullptr;
    DirectoryPickerList* m_userList = nullptr;
    DirectoryPickerList* m_groupList = nullptr;
    ScopingFilterEditor* m_filters = nullptr;
    QLabel* m_countLabel = nullptr;
    QLabel* m_countError = nullptr;
};
