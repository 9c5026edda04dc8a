#include "ConnectionTest.h"

#include "ConnectionTestRunner.h"

#include <QThread>

ConnectionTest::ConnectionTest(const ScimServer& server, const std::optional<ServerType>& serverType,
    const ConnectionSecret& secret, const ConnectionTestOptions& options, QObject* parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_runner(new ConnectionTestRunner(server, serverType, secret, options))
{
    qRegisterMetaType<ConnectionStepResult>();
    qRegisterMetaType<ConnectionReport>();
    m_thread->setObjectName(QStringLiteral("ConnectionTest"));
    m_runner->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    connect(m_runner, &ConnectionTestRunner::stepStarted, this, &ConnectionTest::stepStarted);
    connect(m_runner, &ConnectionTestRunner::stepFinished, this, [this](int index, const ConnectionStepResult& result) {
        m_results.append(result);
        emit stepFinished(index, result);
    });
    connect(m_runner, &ConnectionTestRunner::finished, this, [this](const ConnectionReport& report) {
        m_report = report;
        m_running = false;
        m_finished = true;
        emit finished(report);
    });
    m_thread->start();
}

ConnectionTest::~ConnectionTest()
{
    QMetaObject::invokeMethod(m_runner, &ConnectionTestRunner::cancel, Qt::QueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void ConnectionTest::start()
{
    if (m_running || m_finished)
        return;
    m_running = true;
    QMetaObject::invokeMethod(m_runner, &ConnectionTestRunner::run, Qt::QueuedConnection);
}

void ConnectionTest::cancel()
{
    if (m_running)
        QMetaObject::invokeMethod(m_runner, &ConnectionTestRunner::cancel, Qt::QueuedConnection);
}
