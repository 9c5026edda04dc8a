#include "SandboxServer.h"

#include "AwsScimEmulator.h"

#include <QCoreApplication>
#include <QThread>

#include <functional>

SandboxServer::SandboxServer(QObject* parent)
    : QObject(parent)
{
}

SandboxServer::~SandboxServer()
{
    stop();
}

bool SandboxServer::start(const QString& token, quint16 port, QString* error)
{
    stop();
    AwsScimEmulator::Options options;
    options.token = token;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("sandbox"));
    m_emulator = new AwsScimEmulator(options);
    m_emulator->moveToThread(m_thread);
    m_thread->start();

    bool listening = false;
    QString failure;
    QUrl url;
    QMetaObject::invokeMethod(
        m_emulator,
        [&, port] {
            listening = m_emulator->listen(QHostAddress::LocalHost, port);
            failure = m_emulator->errorString();
            url = m_emulator->baseUrl();
        },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        if (error) {
            *error = QCoreApplication::translate("SandboxServer", "The sandbox could not listen on port %1: %2")
                         .arg(port)
                         .arg(failure);
        }
        stop();
        return false;
    }
    m_baseUrl = url;
    return true;
}

void SandboxServer::withEmulator(const std::function<void(AwsScimEmulator&)>& fn)
{
    if (!m_emulator) {
        return;
    }
    QMetaObject::invokeMethod(
        m_emulator, [&] { fn(*m_emulator); }, Qt::BlockingQueuedConnection);
}

void SandboxServer::stop()
{
    if (!m_thread) {
        return;
    }
    QMetaObject::invokeMethod(
        m_emulator, [this] { delete m_emulator; }, Qt::BlockingQueuedConnection);
    m_emulator = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_baseUrl = {};
}
