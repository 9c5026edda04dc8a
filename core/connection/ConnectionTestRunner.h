#pragma once

#include "ConnectionCheckContext.h"
#include "ConnectionReport.h"
#include "ConnectionStepResult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <optional>

class ConnectionCheck;

// The engine of ConnectionTest: runs the checks one after the other on the test's worker
// thread, driven only through queued calls (run, cancel). It owns what the checks share
// (ConnectionCheckContext), creates the SCIM client once the URL passed, times each step,
// redacts what the checks report and skips the rest after a blocking failure or a cancel.
class ConnectionTestRunner : public QObject
{
    Q_OBJECT

public:
    ConnectionTestRunner(ScimServer server, std::optional<ServerType> serverType, ConnectionSecret secret,
        ConnectionTestOptions options, QObject* parent = nullptr);
    ~ConnectionTestRunner() override;

    void run();
    void cancel();

signals:
    void stepStarted(int index);
    void stepFinished(int index, const ConnectionStepResult& result);
    void finished(const ConnectionReport& report);

private:
    ConnectionCheck* createCheck(ConnectionStep step);
    void startStep(int index);
    void finishStep(ConnectionStepResult result);
    void releaseCheck();
    void skipFrom(int index, const QString& cause);
    void finishTest();
    void startClient();
    QString redacted(QString text) const;

    ConnectionCheckContext m_context;
    ConnectionReport m_report;
    int m_index = -1;
    QElapsedTimer m_stepClock;
    QPointer<ConnectionCheck> m_check;
    bool m_cancelled = false;
    bool m_done = false;
};
