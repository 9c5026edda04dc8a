#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

// Sends one request to the emulator and waits for its finished() signal.
class EmulatorTestClient
{
public:
    struct Reply
    {
        int status = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QByteArray body;
        QJsonObject json;
        QByteArray requestId;
        QByteArray retryAfter;
        QUrl url; // as sent
    };

    EmulatorTestClient(const QUrl& baseUrl, const QString& token);

    // `relative` is appended to the base URL text as is (so "Users?cursor" stays literal).
    Reply send(
        const QByteArray& verb, const QString& relative, const QJsonObject& body = {}, int transferTimeoutMs = 0);
    Reply get(const QString& relative) { return send("GET", relative); }
    void setToken(const QString& token) { m_token = token; }
    void setSslConfiguration(const QSslConfiguration& configuration) { m_ssl = configuration; }

    static QString filterQuery(const QString& filter); // "filter=<percent-encoded>"

private:
    QNetworkAccessManager m_nam;
    QUrl m_base;
    QString m_token;
    QSslConfiguration m_ssl;
};
