#pragma once

#include "mapping/MappedUser.h"
#include "model/ScimServer.h"

#include <QDialog>

#include <memory>

class Database;
class DirectoryPickerList;
class DirectoryPickerModel;
class QLabel;
class QPlainTextEdit;
class QRadioButton;

// "Preview for user…": pick a directory user and see the exact SCIM User that would be sent
// with the server's current (possibly unsaved) mappings, static attributes and capabilities,
// for a create or an update, with what pre-flight validation would refuse and how to fix it.
class MappingPreviewDialog : public QDialog
{
    Q_OBJECT

public:
    MappingPreviewDialog(std::shared_ptr<Database> database, const ScimServer& server, QWidget* parent = nullptr);

    void setPurpose(MapPurpose purpose);
    MapPurpose purpose() const;
    void previewUser(qint64 userId);
    qint64 previewedUserId() const { return m_userId; }
    // The JSON shown, exactly as it would be sent; empty before a user is chosen.
    QString previewJson() const;

signals:
    // The preview was redrawn for a user (tests and screen readers wait on it).
    void previewUpdated();

private:
    void refresh();

    std::shared_ptr<Database> m_database;
    ScimServer m_server;
    qint64 m_userId = 0;
    DirectoryPickerModel* m_users = nullptr;
    DirectoryPickerList* m_picker = nullptr;
    QRadioButton* m_createRadio = nullptr;
    QRadioButton* m_updateRadio = nullptr;
    QLabel* m_configurationErrors = nullptr;
    QLabel* m_userLabel = nullptr;
    QPlainTextEdit* m_json = nullptr;
    QLabel* m_fallbacks = nullptr;
    QLabel* m_violations = nullptr;
};
