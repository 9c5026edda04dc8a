#pragma once

#include <sync/ProvisionTrace.h>

#include <QDialog>
#include <QPointer>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTimer;
class QTreeWidget;
class ApplicationSync;
struct SyncFailure;
class Workspace;

// "Provision User…": pick one directory user of an application, watch the five steps of
// ApplicationSync's single-user run with their details, then confirm with Provision. The dialog only
// shows; the work is the core's (ApplicationSync, and through it the sync engine's).
class ProvisionUserDialog : public QDialog
{
    Q_OBJECT

public:
    ProvisionUserDialog(
        std::shared_ptr<Workspace> workspace, qint64 applicationId, qint64 userId = 0, QWidget* parent = nullptr);
    ~ProvisionUserDialog() override;

    const ProvisionTrace& trace() const { return m_trace; }
    // Steps 1–4 for the picked user; the Provision button enables once step 4 has work.
    void check();

signals:
    // Steps 1–4 are done (hasWork: Provision is enabled), or the trace finished.
    void checked(bool hasWork);
    void provisioned(const ProvisionTrace& trace);

private slots:
    void searchUsers();
    void showStep(int index, const ProvisionStep& step);
    void showCurrentDetails();
    void onReady(bool hasWork, const ProvisionTrace& trace);
    void onFinished(const ProvisionTrace& trace);
    void provision();
    void cancelOrClose();
    void copyTrace();

private:
    QWidget* createUserPicker();
    QWidget* createStepPanes();
    QDialogButtonBox* createButtons();
    void connectSignals();
    void showInitialState();
    void fail(const SyncFailure& failure);
    void updateButtons();
    qint64 pickedUserId() const;

    std::shared_ptr<Workspace> m_workspace;
    qint64 m_applicationId = 0;
    qint64 m_preselectedUserId = 0;
    qint64 m_sourceId = 0;
    ProvisionTrace m_trace;
    bool m_busy = false;
    bool m_canProvision = false;

    QLabel* m_header = nullptr;
    QLineEdit* m_search = nullptr;
    QListWidget* m_users = nullptr;
    QTimer* m_searchTimer = nullptr;
    QPushButton* m_checkButton = nullptr;
    QTreeWidget* m_steps = nullptr;
    QPlainTextEdit* m_details = nullptr;
    QTableWidget* m_changes = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_provisionButton = nullptr;
    QPushButton* m_copyButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    ApplicationSync* m_sync = nullptr;
};
