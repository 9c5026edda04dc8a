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

// Who an application provisions: all users, or assigned users and groups picked from the
// directory (searchable, read a page at a time), narrowed by scoping filters; with a live
// count of the users in scope computed off the GUI thread.
class AssignmentEditor : public QWidget
{
    Q_OBJECT

public:
    AssignmentEditor(std::shared_ptr<Database> database, const Assignment& assignment, QWidget* parent = nullptr);

    Assignment assignment() const;
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

    ScopeCounter* m_counter = nullptr;
    QCheckBox* m_allUsers = nullptr;
    bool m_allGroups = false;
    QTabWidget* m_tabs = nullptr;
    DirectoryPickerModel* m_userModel = nullptr;
    DirectoryPickerModel* m_groupModel = nullptr;
    DirectoryPickerList* m_userList = nullptr;
    DirectoryPickerList* m_groupList = nullptr;
    ScopingFilterEditor* m_filters = nullptr;
    QLabel* m_countLabel = nullptr;
    QLabel* m_countError = nullptr;
};
