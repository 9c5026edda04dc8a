#pragma once

#include "ConnectionReport.h"
#include "ConnectionStepResult.h"
#include "ConnectionTestOptions.h"
#include "UrlDiagnosis.h"

#include "model/ScimServer.h"
#include "scim/HttpTraceEntry.h"
#include "scim/ScimError.h"
#include "scim/ServiceProviderConfig.h"
#include "servertypes/ServerType.h"

#include <QElapsedTimer>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QString>

#include <functional>
#include <optional>

class QAbstractSocket;
class QTimer;
class ScimClient;

// The engine of ConnectionTest; lives on its worker thread and is driven only through
// queued calls (run, cancel). Each step is asynchronous: it starts work and ends with
// finishStep(), which moves on to the next step or ends the test.
class ConnectionTestRunner : public QObject
{
    Q_OBJECT

public:
    ConnectionTestRunner(ScimServer server, std::optional<ServerType> serverType, QString secret,
        ConnectionTestOptions options, QObject* parent = nullptr);
    ~ConnectionTestRunner() override;

    void run();
    void cancel();

signals:
    void stepStarted(int index);
    void stepFinished(int index, const ConnectionStepResult& result);
    void finished(const ConnectionReport& report);

private:
    void startStep(int index);
    void finishStep(ConnectionStepResult result);
    void finishTest();
    ConnectionStepResult newResult(const QString& checked) const;
    void fail(ConnectionStepResult& result, const QString& cause, const QString& fix) const;
    void warn(ConnectionStepResult& result, const QString& cause, const QString& fix) const;
    QString redacted(QString text) const;
    // Runs `onTimeout` once after the request timeout unless the step ended first.
    void armStepTimer(std::function<void()> onTimeout);

    void runUrl();
    void runReachability();
    void connectSocket(ConnectionStepResult result, const QNetworkProxy& proxy);
    void finishSocket(ConnectionStepResult result, QAbstractSocket* socket, bool connected, bool encrypted,
        const QList<QSslError>& sslErrors, const QString& errorText, int socketError);
    void runAuthentication();
    void probeUsersAfterMissingDiscovery(ConnectionStepResult result, const ScimError& discoveryError);
    void runTokenAge();
    void runCapabilities();
    void runRead();
    void probeCursorPaging(ConnectionStepResult result);
    void runWriteRoundTrip();
    void readBackCreatedUser(ConnectionStepResult result, const QString& id, const QString& userName);
    void deleteCreatedUser(ConnectionStepResult result, const QString& id);
    void deactivateCreatedUser(ConnectionStepResult result, const QString& id, const ScimError& deleteError);
    void runLatency();

    // Plain-words cause and fix for a failed SCIM call in the given step.
    void explainFailure(ConnectionStepResult& result, const ScimError& error) const;
    QString tokenAgeSentence() const;
    QString tokenRenewalFix() const;
    QString timeoutSeconds() const;
    int requestTimeoutMs() const;
    QDateTime now() const;
    void onTrace(const HttpTraceEntry& entry);

    ScimServer m_server;
    std::optional<ServerType> m_serverType;
    QString m_secret;
    ConnectionTestOptions m_options;
    UrlDiagnosis m_url;

    ConnectionReport m_report;
    int m_index = -1;
    QElapsedTimer m_stepClock;
    bool m_cancelled = false;
    bool m_done = false;
    quint64 m_stepGeneration = 0; // late callbacks of an earlier step compare and bail out

    ScimClient* m_client = nullptr;
    QList<quint64> m_pendingRequests;
    QPointer<QAbstractSocket> m_socket;
    QTimer* m_stepTimer = nullptr;
    int m_hostLookupId = -1;
    bool m_viaProxy = false;

    std::optional<ServiceProviderConfig> m_discovered;
    QList<HttpTraceEntry> m_trace;
    quint64 m_pagingListId = 0;
    int m_pagingPages = 0;
    bool m_pagingFirstBareCursor = false;
};
