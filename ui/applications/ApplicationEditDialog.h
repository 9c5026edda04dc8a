#pragma once

#include "model/Application.h"

#include <QDialog>

#include <memory>

class AssignmentEditor;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QToolButton;
class SourceChooser;
class Workspace;

// Adds or edits an application: name, description, sign-in protocol and, in the SCIM Server
// section, the server that provisions it — shown as a name with a pencil that turns it into
// a choice of servers; in the Assignment section, the source its users and groups come from (the
// embedded directory or a directory source) and who of them it provisions. "Update Settings" saves.
class ApplicationEditDialog : public QDialog
{
    Q_OBJECT

public:
    ApplicationEditDialog(
        std::shared_ptr<Workspace> workspace, const Application& application, QWidget* parent = nullptr);

    qint64 savedApplicationId() const { return m_application.id; }
    // Switches the SCIM Server section from the name to the server choice (the pencil).
    void editScimServer();
    qint64 chosenServerId() const;
    AssignmentEditor* assignmentEditor() const { return m_assignment; }
    qint64 chosenSourceId() const;
    // Chooses the source as the admin does (asking before assigned users and groups are cleared).
    bool chooseSource(qint64 sourceId);
    // Reads the chosen directory source now, so its users and groups can be picked.
    void readSource();

signals:
    void sourceReadFinished(bool succeeded);

public slots:
    void accept() override;

private:
    QGroupBox* createGeneralSection(const Application& application, bool adding);
    QGroupBox* createServerSection(const Application& application);
    QWidget* createSourceRow(const Application& application);
    // Asks before assigned users and groups of the current source are cleared.
    bool confirmSourceChange(qint64 sourceId);
    QString serverName(qint64 id) const;
    void updateError();

    std::shared_ptr<Workspace> m_workspace;
    Application m_application;
    QLineEdit* m_nameEdit = nullptr;
    QLineEdit* m_descriptionEdit = nullptr;
    QComboBox* m_protocolCombo = nullptr;
    QStackedWidget* m_serverStack = nullptr;
    QLabel* m_serverLabel = nullptr;
    QToolButton* m_serverEditButton = nullptr;
    QComboBox* m_serverCombo = nullptr;
    AssignmentEditor* m_assignment = nullptr;
    SourceChooser* m_source = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_updateButton = nullptr;
};
