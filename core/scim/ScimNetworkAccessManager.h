#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QSslConfiguration>

#include <vector>

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
    // Qt 6.4 opens at most six HTTP/1.1 connections to a host per manager, and more requests
    // wait inside Qt, unseen by the client's limits. For more, requests are spread over
    // sibling managers ("lanes", six connections each), filling the first lane first.
    void setConnectionsWanted(int connections);

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request, QIODevice* outgoingData) override;

private:
    QList<ScimNetworkAccessManager*> m_lanes; // children; index i + 1 in m_laneLoad
    std::vector<int> m_laneLoad; // unfinished replies per lane; [0] is this manager
    QByteArray m_authorization;
    QByteArray m_userAgent;
    QSslConfiguration m_sslConfiguration;
};
