#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

// A tiny scriptable HTTP/1.1 server on loopback for the client's fault tests. It records every
// request exactly as it arrived (request line, raw headers, body, arrival time) and answers with
// what the test's handler returns: a normal response, a hang, a dropped connection, or a body
// streamed without end so a test can see how much the client accepted before it aborted.
// Lives on the test's thread; requests are handled as soon as they are complete.
class FaultServer : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray target; // exactly as sent: path and query, still percent-encoded
        QByteArray requestLine;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        qint64 receivedAtMs = 0; // on the server's monotonic clock (elapsedMs())
        qint64 receivedAtEpochMs = 0; // wall clock, to compare with HTTP-dates

        QByteArray header(const QByteArray& name) const;
        QByteArray path() const; // target without the query
        QByteArray query() const; // target after '?', raw
        // The decoded value of a query parameter, or a null QByteArray when absent.
        QByteArray queryValue(const QByteArray& key) const;
    };

    struct Reply
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        bool hang = false; // never answer; the connection stays open until the client gives up
        bool drop = false; // close the connection without a byte of answer
        // Stream this many bytes of body after the headers, without Content-Length (the end is
        // the connection's close) unless announceLength; 0: send `body` normally.
        qint64 streamBytes = 0;
        bool announceLength = false;
        // Bytes sent exactly as given instead of a well-formed answer (status line and headers
        // included), e.g. a body cut before its Content-Length; then the connection ends as
        // `ending` says.
        QByteArray raw;
        enum class Ending
        {
            KeepOpen,
            Close, // FIN after the bytes
            Reset, // RST after the bytes
        };
        Ending ending = Ending::KeepOpen;

        static Reply json(int status, const QByteArray& body);
        // A JSON answer whose Content-Length announces the whole body but only `sentBytes` of it
        // are sent before the connection ends.
        static Reply truncated(int status, const QByteArray& body, qint64 sentBytes, Ending ending);
    };

    using Handler = std::function<Reply(const Request&)>;

    explicit FaultServer(QObject* parent = nullptr);
    ~FaultServer() override;

    bool listen();
    QString errorString() const { return m_server.errorString(); }
    // http://127.0.0.1:<port><path>
    QUrl url(const QString& path = QString()) const;

    void setHandler(Handler handler) { m_handler = std::move(handler); }

    const QList<Request>& requests() const { return m_requests; }
    int requestCount(const QByteArray& pathPrefix = QByteArray()) const;
    QList<Request> requestsTo(const QByteArray& pathPrefix) const;
    void clearRequests() { m_requests.clear(); }
    // Body bytes actually handed to the kernel for streamed replies (all connections).
    qint64 streamedBytes() const { return m_streamedBytes; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

signals:
    void requestReceived();

private:
    struct Connection
    {
        QByteArray buffer;
        qint64 streamRemaining = 0;
        bool closeAfterWrite = false;
        bool resetAfterWrite = false;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    bool parseOne(QTcpSocket* socket, Connection& connection);
    void answer(QTcpSocket* socket, Connection& connection, const Request& request);
    void pumpStream(QTcpSocket* socket);
    void endAfterWrite(QTcpSocket* socket, Connection& connection, Reply::Ending ending);
    static void reset(QTcpSocket* socket);

    QTcpServer m_server;
    Handler m_handler;
    QList<Request> m_requests;
    QHash<QTcpSocket*, Connection> m_connections;
    QElapsedTimer m_clock;
    qint64 m_streamedBytes = 0;
};
