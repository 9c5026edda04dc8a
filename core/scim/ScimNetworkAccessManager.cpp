#include "ScimNetworkAccessManager.h"

#include <QNetworkRequest>

ScimNetworkAccessManager::ScimNetworkAccessManager(QObject* parent)
    : QNetworkAccessManager(parent)
    , m_sslConfiguration(QSslConfiguration::defaultConfiguration())
{
    // A redirect could carry the token to another host; SCIM endpoints do not redirect.
    setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QNetworkReply* ScimNetworkAccessManager::createRequest(
    Operation op, const QNetworkRequest& original, QIODevice* outgoingData)
{
    QNetworkRequest request(original);
    if (!request.attribute(kNoAuthAttribute).toBool() && !m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    if (!m_userAgent.isEmpty())
        request.setHeader(QNetworkRequest::UserAgentHeader, m_userAgent);
    if (request.url().scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_sslConfiguration);
    return QNetworkAccessManager::createRequest(op, request, outgoingData);
}
