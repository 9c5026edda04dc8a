#include "DroppingTcpProxy.h"

#include <QTcpSocket>

#include <memory>

DroppingTcpProxy::DroppingTcpProxy(QObject* parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &DroppingTcpProxy::accept);
}

bool DroppingTcpProxy::listen(const QHostAddress& target, quint16 targetPort)
{
    m_target = target;
    m_targetPort = targetPort;
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void DroppingTcpProxy::accept()
{
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        auto* upstream = new QTcpSocket(client);
        auto sent = std::make_shared<qint64>(0);
        // Nothing the client sends is lost while the upstream connection is being made.
        connect(upstream, &QTcpSocket::connected, client, [=] { relay(client, upstream, false, sent.get()); });
        connect(client, &QTcpSocket::readyRead, upstream, [=] {
            if (upstream->state() == QAbstractSocket::ConnectedState) {
                relay(client, upstream, false, sent.get());
            }
        });
        connect(upstream, &QTcpSocket::readyRead, client, [=] { relay(upstream, client, true, sent.get()); });
        connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        connect(upstream, &QTcpSocket::errorOccurred, client, &QTcpSocket::disconnectFromHost);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        upstream->connectToHost(m_target, m_targetPort);
    }
}

void DroppingTcpProxy::relay(QTcpSocket* from, QTcpSocket* to, bool fromServer, qint64* sent)
{
    if (from->state() != QAbstractSocket::ConnectedState || to->state() != QAbstractSocket::ConnectedState) {
        return;
    }
    const QByteArray data = from->readAll();
    if (!fromServer) {
        to->write(data);
        return;
    }
    if (m_dropAfter > 0 && *sent + data.size() > m_dropAfter) {
        // Relay up to the limit, then cut both sides mid-stream.
        to->write(data.left(int(m_dropAfter - *sent)));
        to->flush();
        *sent = m_dropAfter;
        ++m_dropCount;
        from->abort();
        to->abort();
        emit dropped();
        return;
    }
    *sent += data.size();
    m_maxServerBytes = qMax(m_maxServerBytes, *sent);
    to->write(data);
}
