#pragma once

#include "model/DirectoryUser.h"

#include <QDialog>
#include <QHash>

class DirectoryRepository;
class QCheckBox;
class QLabel;
class QLineEdit;
class QTableWidget;

// Adds or edits one directory user: every standard attribute plus custom attributes. The
// repository validates; its message is shown next to the buttons and the dialog stays open.
class UserEditDialog : public QDialog
{
    Q_OBJECT

public:
    // user.id == 0 adds a new user.
    UserEditDialog(DirectoryRepository& repository, const DirectoryUser& user, QWidget* parent = nullptr);

    DirectoryUser user() const;
    qint64 savedUserId() const { return m_savedId; }
    QLineEdit* field(const QString& attribute) const { return m_fields.value(attribute); }

public slots:
    void accept() override;

private:
    // The custom attributes table (filled from user) and its Add/Remove buttons.
    QWidget* createCustomAttributes(const DirectoryUser& user);

    DirectoryRepository& m_repository;
    DirectoryUser m_user;
    qint64 m_savedId = 0;
    QHash<QString, QLineEdit*> m_fields;
    QCheckBox* m_active = nullptr;
    QTableWidget* m_custom = nullptr;
    QLabel* m_error = nullptr;
};
