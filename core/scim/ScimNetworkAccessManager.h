#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QSslConfiguration>

// The single place where requests get their Authorization header, TLS configuration and
// User-Agent. Requests marked with kNoAuthAttribute (the OAuth token request) get no
// Authorization header here; they carry their credentials in the form body.
class ScimNetworkAccessManager : public QNetworkAccessManager
{
    Q_OBJECT

public:
    static constexpr QNetworkRequest::Attribute kNoAuthAttribute
        = QNetworkRequest::Attribute(QNetworkRequest::User + 1);

    explicit ScimNetworkAccessManager(QObject* parent = nullptr);

    void setAuthorizationHeader(const QByteArray& value) { m_authorization = value; }
    QByteArray authorizationHeader() const { return m_authorization; }
    void setSslConfiguration(const QSslConfiguration& configuration) { m_sslConfiguration = configuration; }
    void setUserAgent(const QByteArray& userAgent) { m_userAgent = userAgent; }

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request, QIODevice* outgoingData) override;

private:
    QByteArray m_authorization;
    QByteArray m_userAgent;
    QSslConfiguration m_sslConfiguration;
};
