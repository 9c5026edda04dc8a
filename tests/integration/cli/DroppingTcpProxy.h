#pragma once

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

// A TCP relay on loopback in front of a server (bytes pass through untouched, TLS included) that
// can cut a connection once the server has sent it a given number of bytes: a "connection
// dropped mid-read" that the test controls exactly, without stopping the server.
class DroppingTcpProxy : public QObject
{
    Q_OBJECT

public:
    explicit DroppingTcpProxy(QObject* parent = nullptr);

    // Listens on 127.0.0.1 (a free port) and relays every connection to target:targetPort.
    bool listen(const QHostAddress& target, quint16 targetPort);
    quint16 port() const { return m_server.serverPort(); }

    // Aborts both sides of a connection once the server sent it more than `bytes`; 0 never.
    void setDropAfter(qint64 bytes) { m_dropAfter = bytes; }
    // The most bytes the server sent on one connection, and how many connections were cut.
    qint64 maxServerBytes() const { return m_maxServerBytes; }
    int dropCount() const { return m_dropCount; }

signals:
    void dropped();

private:
    void accept();
    void relay(QTcpSocket* from, QTcpSocket* to, bool fromServer, qint64* sent);

    QTcpServer m_server;
    QHostAddress m_target;
    quint16 m_targetPort = 0;
    qint64 m_dropAfter = 0;
    qint64 m_maxServerBytes = 0;
    int m_dropCount = 0;
};
