#pragma once

#include "sync/JournalStore.h"
#include "sync/SyncPlan.h"
#include "sync/SyncProgress.h"
#include "sync/SyncRunSummary.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QVBoxLayout;
class QPushButton;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QTabWidget;
class QTableView;
class ApplicationSync;
class SyncHistoryView;
class SyncOverview;
class SyncPlanView;
class PlanRequestDialog;
class SyncResultsModel;
class SyncRunDialog;
class TypedConfirmationDialog;
class Workspace;
struct HttpTraceEntry;
struct SyncFailure;

// Sync & Logs: pick an application, preview its plan, apply exactly that plan with progress,
// cancel and a live log, export the results, look at past runs and, when switched on, the
// redacted HTTP trace. The work runs in the core's ApplicationSync (on its worker thread);
// this page only shows what its signals say.
class SyncPage : public QWidget
{
    Q_OBJECT

public:
    explicit SyncPage(std::shared_ptr<Workspace> workspace, QWidget* parent = nullptr);
    ~SyncPage() override;

    QList<QAction*> pageActions() const { return m_actions; }
    bool selectApplication(qint64 applicationId);
    // Selects the first application provisioned by this server.
    bool selectApplicationOfServer(qint64 serverId);
    qint64 currentApplicationId() const;
    bool isBusy() const;
    std::optional<SyncPlan> currentPlan() const { return m_plan; }
    SyncResultsModel* resultsModel() const { return m_results; }
    SyncOverview* overview() const { return m_overview; }
    SyncHistoryView* history() const { return m_historyView; }
    // The request the selected plan row sends, opened on demand; null when the row sends none.
    PlanRequestDialog* showSelectedRequest();
    // The typed confirmation of a threshold-exceeding plan while it is open.
    TypedConfirmationDialog* pendingConfirmation() const;

    bool exportResultsCsv(const QString& path, QString* error = nullptr) const;
    bool exportResultsJson(const QString& path, QString* error = nullptr) const;

public slots:
    void reloadApplications();
    void reloadHistory();
    void preview();
    void apply();
    void cancel();
    SyncRunDialog* openRun(int historyRow);

signals:
    void statusMessage(const QString& text);
    // Background work for the main window's status bar: total -1 when idle, 0 when the size
    // is not known yet (reading, planning).
    void activity(const QString& text, int done, int total);
    void previewFinished(bool succeeded);
    void applyFinished(const SyncRunSummary& summary);

private:
    // "The run succeeded." — for the status line, the log and the status bar.
    static QString statusSentence(SyncRunSummary::Status status);
    void createActions();
    QVBoxLayout* createControls();
    QWidget* createPlanTab();
    QWidget* createRunTab();
    QWidget* createHistoryTab();
    QWidget* createTraceView();
    void showPlanCounts(const SyncPlan& plan);
    void connectSignals();
    void applyConfirmed(bool confirmed);
    void showPlan(const SyncPlan& plan);
    void showPreviewFailure(const SyncFailure& failure);
    void showProgress(const SyncProgress& progress);
    void showOperation(const JournalEntry& entry);
    void showSummary(const SyncRunSummary& summary);
    void appendTrace(const HttpTraceEntry& entry);
    void log(const QString& line);
    // The controller of the current application, created on first use.
    ApplicationSync* syncForCurrent();
    void discardSession();
    void updateActions();

    std::shared_ptr<Workspace> m_workspace;
    QPointer<ApplicationSync> m_sync;
    std::optional<SyncPlan> m_plan;
    bool m_applying = false;
    bool m_reloadWhenIdle = false; // applications changed during a run
    SyncProgress::Phase m_lastPhase = SyncProgress::Phase::Finished;
    QPointer<TypedConfirmationDialog> m_confirmation;

    QComboBox* m_applications = nullptr;
    QCheckBox* m_trace = nullptr;
    QLabel* m_planSummary = nullptr;
    QLabel* m_planCounts = nullptr;
    QPushButton* m_requestButton = nullptr;
    SyncOverview* m_overview = nullptr;
    SyncHistoryView* m_historyView = nullptr;
    SyncPlanView* m_planView = nullptr;
    QTabWidget* m_tabs = nullptr;
    QWidget* m_planTab = nullptr;
    QWidget* m_runTab = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_rate = nullptr;
    QPlainTextEdit* m_log = nullptr;
    SyncResultsModel* m_results = nullptr;
    QTableView* m_resultsTable = nullptr;
    QPlainTextEdit* m_traceView = nullptr;
    QAction* m_previewAction = nullptr;
    QAction* m_applyAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_exportCsvAction = nullptr;
    QAction* m_exportJsonAction = nullptr;
    QList<QAction*> m_actions;
};
