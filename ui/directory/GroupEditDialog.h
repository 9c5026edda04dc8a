#pragma once

#include "model/DirectoryGroup.h"

#include <QDialog>

class DirectoryRepository;
class QLabel;
class QLineEdit;
class QListWidget;
class QTimer;

// Adds or edits one directory group and its direct members: users and nested groups, found
// through a search box (the directory can hold 100,000 users, so the picker lists matches
// only). A nesting that would make a group contain itself is refused with the loop named.
class GroupEditDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int PickerLimit = 50;

    GroupEditDialog(DirectoryRepository& repository, const DirectoryGroup& group, QWidget* parent = nullptr);

    DirectoryGroup group() const;
    qint64 savedGroupId() const { return m_savedId; }

public slots:
    void accept() override;
    void searchCandidates();
    void addSelectedCandidates();
    void removeSelectedMembers();

private:
    void addMember(bool isGroup, qint64 id, const QString& name);

    DirectoryRepository& m_repository;
    DirectoryGroup m_group;
    qint64 m_savedId = 0;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_description = nullptr;
    QLineEdit* m_search = nullptr;
    QListWidget* m_candidates = nullptr;
    QListWidget* m_members = nullptr;
    QLabel* m_error = nullptr;
    QTimer* m_searchTimer = nullptr;
};
