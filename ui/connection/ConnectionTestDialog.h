#pragma once

#include "connection/ConnectionReport.h"
#include "connection/ConnectionStepResult.h"
#include "model/ScimServer.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class ServerConnectionTest;
class QCheckBox;
class QLabel;
class GuidedTestView;
class QPushButton;
class Workspace;

// Shows the guided connection test of one stored server (ServerConnectionTest, which reads
// the token, runs the checks and records the result): each step with its verdict, duration,
// what was checked and, for warnings and failures, the cause and the fix. The token is
// never shown or copied.
class ConnectionTestDialog : public QDialog
{
    Q_OBJECT

public:
    ConnectionTestDialog(std::shared_ptr<Workspace> workspace, const ScimServer& server, QWidget* parent = nullptr);
    ~ConnectionTestDialog() override;

    bool isRunning() const;
    // Valid once finished() was emitted.
    ConnectionReport report() const { return m_report; }

signals:
    void finished(const ConnectionReport& report);
    // The result was stored as the server's last test (the server list shows it).
    void resultRecorded(qint64 serverId);

public slots:
    void start();
    void cancel();
    void copyReport();

protected:
    void reject() override;

private:
    void resetSteps();
    void showStepStarted(int index);
    void showStepFinished(int index, const ConnectionStepResult& result);
    void showFinished(const ConnectionReport& report);
    void updateButtons();

    std::shared_ptr<Workspace> m_workspace;
    ScimServer m_server;
    QPointer<ServerConnectionTest> m_test;
    ConnectionReport m_report;
    bool m_hasReport = false;

    QLabel* m_summary = nullptr;
    GuidedTestView* m_view = nullptr;
    QCheckBox* m_writeRoundTrip = nullptr;
    QPushButton* m_startButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_copyButton = nullptr;
    QPushButton* m_closeButton = nullptr;
};
