#include "EmulatorTestClient.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>

EmulatorTestClient::EmulatorTestClient(const QUrl& baseUrl, const QString& token)
    : m_base(baseUrl)
    , m_token(token)
{
}

QString EmulatorTestClient::filterQuery(const QString& filter)
{
    return QStringLiteral("filter=") + QString::fromLatin1(QUrl::toPercentEncoding(filter));
}

EmulatorTestClient::Reply EmulatorTestClient::send(
    const QByteArray& verb, const QString& relative, const QJsonObject& body, int transferTimeoutMs)
{
    Reply result;
    result.url = QUrl(m_base.toString() + relative, QUrl::StrictMode);
    QNetworkRequest request(result.url);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/scim+json"));
    if (transferTimeoutMs > 0)
        request.setTransferTimeout(transferTimeoutMs);
    if (!m_ssl.isNull())
        request.setSslConfiguration(m_ssl);
    const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkReply* reply = payload.isEmpty() && verb != "POST" && verb != "PUT" && verb != "PATCH"
        ? m_nam.sendCustomRequest(request, verb)
        : m_nam.sendCustomRequest(request, verb, payload);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(15000)) {
        reply->abort();
        result.error = QNetworkReply::TimeoutError;
        reply->deleteLater();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.body = reply->isOpen() ? reply->readAll() : QByteArray();
    result.json = QJsonDocument::fromJson(result.body).object();
    result.requestId = reply->rawHeader("x-amzn-RequestId");
    result.retryAfter = reply->rawHeader("Retry-After");
    reply->deleteLater();
    return result;
}
