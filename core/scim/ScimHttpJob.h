#pragma once

#include "ScimError.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTimer>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

// One HTTP exchange: timeout over the whole exchange, a response size cap enforced while
// downloading, typed failure, and self-deletion after finished() (Nextcloud's
// AbstractNetworkJob pattern). Lives on the client's worker thread.
//
// The body is read in bounded steps: the reply's read buffer is limited to kReadBufferBytes,
// so Qt's network thread stops reading the socket (and TCP pushes back on the server) until
// this job has taken the data. Whatever the scheduling, the job never holds more than the cap
// plus one read buffer of a response.
class ScimHttpJob : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kReadBufferBytes = 64 * 1024;

    struct Response
    {
        int status = 0;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QList<QPair<QByteArray, QByteArray>> requestHeaders;
        QString serverRequestId;
        std::optional<ScimError> transportError; // no usable HTTP answer
        qint64 durationMs = 0;
        bool mayHaveArrived = false; // the request body may have reached the server

        QByteArray header(const QByteArray& name) const;
    };

    ScimHttpJob(QNetworkAccessManager* nam, const QNetworkRequest& request, const QByteArray& method,
        const QByteArray& body, int timeoutMs, qint64 maxResponseBytes, QObject* parent = nullptr);

    // The headers as sent (Authorization included) are kept for the trace only.
    void setRecordRequestHeaders(bool record) { m_recordRequestHeaders = record; }
    void start();
    // Aborts with the given kind (Cancelled normally); finished() follows promptly.
    void abort(ScimError::Kind reason = ScimError::Kind::Cancelled);

    const Response& response() const { return m_response; }
    const QByteArray& method() const { return m_method; }
    const QNetworkRequest& request() const { return m_request; }

signals:
    void finished();

private slots:
    void onFinished();
    void readAvailable();

private:
    // Moves what the reply holds into the body; false (nothing taken) when that would pass the cap.
    bool takeAvailable();
    static bool brokeOffAfterStatus(int networkError);

    QNetworkAccessManager* m_nam;
    QNetworkRequest m_request;
    QByteArray m_method;
    QByteArray m_body;
    int m_timeoutMs;
    qint64 m_maxResponseBytes;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::optional<ScimError::Kind> m_abortReason;
    QStringList m_sslErrors;
    Response m_response;
    bool m_done = false;
    bool m_recordRequestHeaders = false;
};
