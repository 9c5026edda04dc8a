#pragma once

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

class QTimer;

// Opens one TCP connection to the SCIM host and, for https, completes the TLS handshake
// with the certificates the SCIM client would trust (system CAs plus the server's CA
// bundle). Says how far it got; the ReachabilityCheck explains the outcome.
class TransportProbe : public QObject
{
    Q_OBJECT

public:
    struct Outcome
    {
        bool connected = false; // TCP connection established
        bool encrypted = false; // TLS handshake completed and the certificate verified
        bool timedOut = false;
        QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError;
        QString errorText;
        QList<QSslError> sslErrors;
        QString protocol; // e.g. "TLSv1.3"
        QSslCertificate certificate; // the peer's, when encrypted
    };

    explicit TransportProbe(QObject* parent = nullptr);
    ~TransportProbe() override;

    // caCertificates are trusted in addition to the system's.
    void start(
        const QString& host, quint16 port, bool tls, const QList<QSslCertificate>& caCertificates, int timeoutMs);
    void stop();

signals:
    void finished(const TransportProbe::Outcome& outcome);

private:
    void end();

    QPointer<QAbstractSocket> m_socket;
    QTimer* m_timer = nullptr;
    Outcome m_outcome;
    bool m_tls = false;
    bool m_done = false;
};
