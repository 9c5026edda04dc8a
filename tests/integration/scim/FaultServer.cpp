#include "FaultServer.h"

#include <QDateTime>
#include <QHostAddress>
#include <QTcpSocket>
#include <QUrl>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace {

constexpr qint64 kStreamChunk = 64 * 1024;
// Refill the socket only when little is queued, so "bytes streamed" tracks what the client
// (and the kernel's buffers) really took, not what sits in Qt's write buffer.
constexpr qint64 kStreamLowWater = 16 * 1024;
constexpr qint64 kStreamSendBuffer = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

QByteArray FaultServer::Request::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

QByteArray FaultServer::Request::path() const
{
    const int question = target.indexOf('?');
    return question < 0 ? target : target.left(question);
}

QByteArray FaultServer::Request::query() const
{
    const int question = target.indexOf('?');
    return question < 0 ? QByteArray() : target.mid(question + 1);
}

QByteArray FaultServer::Request::queryValue(const QByteArray& key) const
{
    for (const QByteArray& part : query().split('&')) {
        const int equals = part.indexOf('=');
        const QByteArray name = equals < 0 ? part : part.left(equals);
        if (QByteArray::fromPercentEncoding(name) == key)
            return equals < 0 ? QByteArray("") : QByteArray::fromPercentEncoding(part.mid(equals + 1));
    }
    return QByteArray();
}

FaultServer::Reply FaultServer::Reply::json(int status, const QByteArray& body)
{
    Reply reply;
    reply.status = status;
    reply.headers.append({QByteArray("Content-Type"), QByteArray("application/scim+json")});
    reply.body = body;
    return reply;
}

FaultServer::Reply FaultServer::Reply::truncated(int status, const QByteArray& body, qint64 sentBytes, Ending ending)
{
    Reply reply;
    reply.raw = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: application/scim+json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body.left(sentBytes);
    reply.ending = ending;
    return reply;
}

FaultServer::FaultServer(QObject* parent)
    : QObject(parent)
{
    m_clock.start();
    connect(&m_server, &QTcpServer::newConnection, this, &FaultServer::onNewConnection);
}

FaultServer::~FaultServer()
{
    m_server.close();
    const QList<QTcpSocket*> sockets = m_connections.keys();
    for (QTcpSocket* socket : sockets) {
        socket->disconnect(this);
        socket->abort();
    }
}

bool FaultServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FaultServer::url(const QString& path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
}

int FaultServer::requestCount(const QByteArray& pathPrefix) const
{
    return int(requestsTo(pathPrefix).size());
}

QList<FaultServer::Request> FaultServer::requestsTo(const QByteArray& pathPrefix) const
{
    QList<Request> matching;
    for (const Request& request : m_requests) {
        if (request.path().startsWith(pathPrefix))
            matching.append(request);
    }
    return matching;
}

void FaultServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        m_connections.insert(socket, Connection());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { pumpStream(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->deleteLater();
        });
    }
}

void FaultServer::onReadyRead(QTcpSocket* socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->buffer.append(socket->readAll());
    // Several pipelined or keep-alive requests may be waiting.
    while (m_connections.contains(socket) && parseOne(socket, m_connections[socket])) { }
}

bool FaultServer::parseOne(QTcpSocket* socket, Connection& connection)
{
    const int headerEnd = connection.buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const QList<QByteArray> lines = connection.buffer.left(headerEnd).split('\n');
    Request request;
    request.requestLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = request.requestLine.split(' ');
    request.method = parts.value(0);
    request.target = parts.value(1);
    qint64 contentLength = 0;
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const int colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            contentLength = value.toLongLong();
    }
    const qint64 total = headerEnd + 4 + contentLength;
    if (connection.buffer.size() < total)
        return false;
    request.body = connection.buffer.mid(headerEnd + 4, contentLength);
    connection.buffer.remove(0, total);
    request.receivedAtMs = m_clock.elapsed();
    request.receivedAtEpochMs = QDateTime::currentMSecsSinceEpoch();
    m_requests.append(request);
    answer(socket, connection, request);
    emit requestReceived();
    return true;
}

void FaultServer::answer(QTcpSocket* socket, Connection& connection, const Request& request)
{
    const Reply reply = m_handler ? m_handler(request) : Reply::json(404, QByteArray());
    if (reply.hang)
        return;
    if (reply.drop) {
        socket->abort(); // disconnected() cleans up
        return;
    }
    if (!reply.raw.isNull()) {
        socket->write(reply.raw);
        endAfterWrite(socket, connection, reply.ending);
        return;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    for (const auto& [name, value] : reply.headers)
        head += name + ": " + value + "\r\n";
    if (reply.streamBytes > 0) {
        if (reply.announceLength)
            head += "Content-Length: " + QByteArray::number(reply.streamBytes) + "\r\n";
        head += "Connection: close\r\n\r\n";
        connection.streamRemaining = reply.streamBytes;
        connection.closeAfterWrite = true;
        // A fixed kernel send buffer (no autotuning up to tcp_wmem's maximum), so what the
        // server gets rid of is bounded by the client's buffers, not by how fast it is scheduled.
        socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, int(kStreamSendBuffer));
        socket->write(head);
        pumpStream(socket);
        return;
    }
    head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n";
    socket->write(head + reply.body);
}

void FaultServer::endAfterWrite(QTcpSocket* socket, Connection& connection, Reply::Ending ending)
{
    switch (ending) {
    case Reply::Ending::KeepOpen:
        break;
    case Reply::Ending::Close:
        socket->disconnectFromHost(); // after the write buffer is flushed
        break;
    case Reply::Ending::Reset:
        socket->flush();
        if (socket->bytesToWrite() == 0)
            reset(socket);
        else
            connection.resetAfterWrite = true; // see pumpStream()
        break;
    }
}

void FaultServer::reset(QTcpSocket* socket)
{
#ifdef Q_OS_UNIX
    // Linger with a zero timeout: close() sends RST instead of FIN.
    const struct linger noLinger = {1, 0};
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &noLinger, sizeof noLinger);
#endif
    socket->abort();
}

void FaultServer::pumpStream(QTcpSocket* socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    if (it->resetAfterWrite) {
        if (socket->bytesToWrite() == 0)
            reset(socket);
        return;
    }
    if (it->streamRemaining <= 0)
        return;
    if (socket->state() != QAbstractSocket::ConnectedState || socket->bytesToWrite() > kStreamLowWater)
        return;
    const qint64 chunk = std::min(kStreamChunk, it->streamRemaining);
    socket->write(QByteArray(int(chunk), 'x'));
    it->streamRemaining -= chunk;
    m_streamedBytes += chunk;
    if (it->streamRemaining <= 0 && it->closeAfterWrite)
        socket->disconnectFromHost();
}
