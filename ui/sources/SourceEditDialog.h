#pragma once

#include "model/DirectorySource.h"

#include <QDialog>

#include <memory>

class QPushButton;
class QTabWidget;
class SourceAttributesEditor;
class SourceConnectionEditor;
class SourceDraft;
class SourceSearchEditor;
class SourceTestDialog;
class Workspace;

// Edit Source: the Add Source sections as tabs, with the same editors, checks and Source Type
// notice. The password field starts empty and, left empty, keeps the stored password. Test
// Connection runs the guided test with the settings as edited (and the password typed, else the
// stored one) before anything is saved.
class SourceEditDialog : public QDialog
{
    Q_OBJECT

public:
    SourceEditDialog(std::shared_ptr<Workspace> workspace, const DirectorySource& source, QWidget* parent = nullptr);

    SourceDraft* draft() const { return m_draft; }
    QTabWidget* tabs() const { return m_tabs; }
    SourceTestDialog* testConnection();

public slots:
    void accept() override;

private:
    void updateButtons();

    std::shared_ptr<Workspace> m_workspace;
    SourceDraft* m_draft = nullptr;
    QTabWidget* m_tabs = nullptr;
    SourceConnectionEditor* m_connection = nullptr;
    SourceSearchEditor* m_search = nullptr;
    SourceAttributesEditor* m_attributes = nullptr;
    QPushButton* m_saveButton = nullptr;
    QPushButton* m_testButton = nullptr;
    bool m_saving = false;
};
