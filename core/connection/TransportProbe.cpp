#include "TransportProbe.h"

#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

TransportProbe::TransportProbe(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        m_outcome.timedOut = true;
        m_outcome.socketError = QAbstractSocket::SocketTimeoutError;
        end();
    });
}

TransportProbe::~TransportProbe()
{
    stop();
}

void TransportProbe::start(
    const QString& host, quint16 port, bool tls, const QList<QSslCertificate>& caCertificates, int timeoutMs)
{
    m_tls = tls;
    QSslSocket* sslSocket = nullptr;
    if (tls) {
        // The socket uses the application proxy, exactly like the SCIM client.
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(caCertificates);
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        sslSocket = new QSslSocket(this);
        sslSocket->setSslConfiguration(ssl);
        m_socket = sslSocket;
        connect(sslSocket, &QSslSocket::sslErrors, this,
            [this](const QList<QSslError>& errors) { m_outcome.sslErrors = errors; });
        connect(sslSocket, &QSslSocket::encrypted, this, [this, sslSocket] {
            m_outcome.encrypted = true;
            m_outcome.protocol = sslSocket->sessionCipher().protocolString();
            m_outcome.certificate = sslSocket->peerCertificate();
            end();
        });
    } else {
        m_socket = new QTcpSocket(this);
    }
    connect(m_socket, &QAbstractSocket::connected, this, [this] {
        m_outcome.connected = true;
        if (!m_tls)
            end();
    });
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        m_outcome.socketError = error;
        m_outcome.errorText = m_socket ? m_socket->errorString() : QString();
        end();
    });
    m_timer->start(timeoutMs);
    if (sslSocket)
        sslSocket->connectToHostEncrypted(host, port);
    else
        m_socket->connectToHost(host, port);
}

void TransportProbe::end()
{
    if (m_done)
        return;
    m_done = true;
    m_timer->stop();
    const Outcome outcome = m_outcome;
    stop();
    emit finished(outcome);
}

void TransportProbe::stop()
{
    m_done = true;
    m_timer->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
}
