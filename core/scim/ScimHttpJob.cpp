#include "ScimHttpJob.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>

#include <algorithm>

QByteArray ScimHttpJob::Response::header(const QByteArray& name) const
{
    for (const auto& pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return QByteArray();
}

ScimHttpJob::ScimHttpJob(QNetworkAccessManager* nam, const QNetworkRequest& request, const QByteArray& method,
    const QByteArray& body, int timeoutMs, qint64 maxResponseBytes, QObject* parent)
    : QObject(parent)
    , m_nam(nam)
    , m_request(request)
    , m_method(method)
    , m_body(body)
    , m_timeoutMs(timeoutMs)
    , m_maxResponseBytes(maxResponseBytes)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { abort(ScimError::Kind::Timeout); });
}

void ScimHttpJob::start()
{
    m_clock.start();
    if (m_body.isEmpty() && m_method != "POST" && m_method != "PUT" && m_method != "PATCH")
        m_reply = m_nam->sendCustomRequest(m_request, m_method);
    else
        m_reply = m_nam->sendCustomRequest(m_request, m_method, m_body);
    m_reply->setParent(this);
    // Set before the event loop runs again, i.e. before the network thread starts reading.
    m_reply->setReadBufferSize(std::clamp<qint64>(m_maxResponseBytes + 1, 1, kReadBufferBytes));
    connect(m_reply, &QNetworkReply::finished, this, &ScimHttpJob::onFinished);
    connect(m_reply, &QNetworkReply::readyRead, this, &ScimHttpJob::readAvailable);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > m_maxResponseBytes)
            abort(ScimError::Kind::TooLarge);
    });
    // Recorded for the message only: TLS errors are never ignored.
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            m_sslErrors.append(error.errorString());
    });
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64) {
        if (sent > 0)
            m_response.mayHaveArrived = true;
    });
    if (m_timeoutMs > 0)
        m_timer.start(m_timeoutMs);
}

void ScimHttpJob::abort(ScimError::Kind reason)
{
    if (m_done || !m_reply)
        return;
    if (!m_abortReason)
        m_abortReason = reason;
    m_reply->abort(); // emits finished synchronously
}

bool ScimHttpJob::takeAvailable()
{
    const qint64 available = m_reply->bytesAvailable();
    if (available <= 0)
        return true;
    if (m_response.body.size() + available > m_maxResponseBytes)
        return false;
    m_response.body += m_reply->read(available);
    return true;
}

void ScimHttpJob::readAvailable()
{
    if (!m_done && m_reply && !takeAvailable())
        abort(ScimError::Kind::TooLarge);
}

bool ScimHttpJob::brokeOffAfterStatus(int networkError)
{
    // QNetworkReply::NetworkError: 1-99 connection, 101-199 proxy, 399 protocol failure. The
    // content and server ranges (201-299, 401-499) only restate the HTTP status.
    return (networkError > 0 && networkError < 200) || networkError == QNetworkReply::ProtocolFailure;
}

void ScimHttpJob::onFinished()
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    QNetworkReply* reply = m_reply;
    m_response.durationMs = m_clock.elapsed();
    m_response.requestHeaders.clear();
    if (m_recordRequestHeaders) {
        const QNetworkRequest sent = reply->request();
        for (const QByteArray& name : sent.rawHeaderList())
            m_response.requestHeaders.append({name, sent.rawHeader(name)});
    }
    m_response.headers = reply->rawHeaderPairs();
    m_response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const char* name : {"x-amzn-RequestId", "x-request-id", "request-id", "x-ms-request-id"}) {
        const QByteArray value = m_response.header(name);
        if (!value.isEmpty()) {
            m_response.serverRequestId = QString::fromLatin1(value);
            break;
        }
    }
    if (m_response.status > 0)
        m_response.mayHaveArrived = true;

    auto fail = [this](ScimError::Kind kind, const QString& detail) {
        m_response.transportError = ScimError(kind, detail);
        m_response.status = 0;
    };
    if (m_abortReason) {
        const QString detail = *m_abortReason == ScimError::Kind::Timeout
            ? QCoreApplication::translate("ScimHttpJob", "no complete answer after %1 ms").arg(m_timeoutMs)
            : QString();
        // A timeout after the request went out leaves the outcome unknown.
        if (*m_abortReason == ScimError::Kind::Timeout)
            m_response.mayHaveArrived = true;
        fail(*m_abortReason, detail);
    } else if (m_response.status > 0 && brokeOffAfterStatus(reply->error())) {
        // The status line came but not the whole answer (cut before its Content-Length, reset,
        // broken chunking): never a short success.
        takeAvailable();
        const QString detail = QCoreApplication::translate(
            "ScimHttpJob", "the connection broke off after the status line (HTTP %1) with %2 bytes of the body: %3")
                                   .arg(m_response.status)
                                   .arg(m_response.body.size())
                                   .arg(reply->errorString());
        fail(ScimError::Kind::Network, detail);
        m_response.mayHaveArrived = true; // the server answered, so it got the request
    } else if (m_response.status > 0) {
        if (!takeAvailable()) // what arrived with the end of the reply
            fail(ScimError::Kind::TooLarge, QString());
    } else {
        const QNetworkReply::NetworkError code = reply->error();
        switch (code) {
        case QNetworkReply::HostNotFoundError:
            fail(ScimError::Kind::Dns, reply->errorString());
            break;
        case QNetworkReply::SslHandshakeFailedError:
            fail(ScimError::Kind::Tls,
                m_sslErrors.isEmpty() ? reply->errorString() : m_sslErrors.join(QLatin1String("; ")));
            break;
        case QNetworkReply::TimeoutError:
            m_response.mayHaveArrived = true;
            fail(ScimError::Kind::Timeout, reply->errorString());
            break;
        case QNetworkReply::ConnectionRefusedError:
            m_response.mayHaveArrived = false; // nothing reached the server
            fail(ScimError::Kind::Network, reply->errorString());
            break;
        default:
            if (!m_sslErrors.isEmpty())
                fail(ScimError::Kind::Tls, m_sslErrors.join(QLatin1String("; ")));
            else
                fail(ScimError::Kind::Network, reply->errorString());
            // A dropped connection may happen after the server processed the request.
            m_response.mayHaveArrived = true;
        }
    }
    reply->deleteLater();
    emit finished();
    deleteLater();
}
