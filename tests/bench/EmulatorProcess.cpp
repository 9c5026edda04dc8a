#include "EmulatorProcess.h"

#include "ResourceUsage.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QUuid>

namespace {
constexpr int kStartTimeoutMs = 20000;
}

EmulatorProcess::EmulatorProcess(const QStringList& extraArguments)
    : m_arguments(extraArguments)
    , m_token(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    // Its warnings (e.g. about a client that dropped a connection) go to our stderr.
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

EmulatorProcess::~EmulatorProcess()
{
    stop();
}

bool EmulatorProcess::start()
{
    QStringList arguments {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token"), m_token};
    arguments += m_arguments;
    m_process.start(QStringLiteral(SCIMDESK_BENCH_EMULATOR), arguments);
    if (!m_process.waitForStarted(kStartTimeoutMs)) {
        m_error = QStringLiteral("cannot start %1: %2")
                      .arg(QStringLiteral(SCIMDESK_BENCH_EMULATOR), m_process.errorString());
        return false;
    }
    // Its first stdout line is the base URL; it may arrive in pieces.
    while (!m_process.canReadLine()) {
        if (!m_process.waitForReadyRead(kStartTimeoutMs)) {
            m_error = QStringLiteral("the emulator printed no base URL: %1").arg(m_process.errorString());
            return false;
        }
    }
    m_baseUrl = QUrl(QString::fromUtf8(m_process.readLine()).trimmed());
    if (!m_baseUrl.isValid() || m_baseUrl.scheme().isEmpty()) {
        m_error = QStringLiteral("the emulator printed no base URL");
        return false;
    }
    return true;
}

double EmulatorProcess::cpuSeconds() const
{
    return m_process.state() == QProcess::Running ? ResourceUsage::processCpuSeconds(m_process.processId()) : -1;
}

QUrl EmulatorProcess::endpointUrl(const QString& endpoint) const
{
    QString base = m_baseUrl.toString();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + QLatin1Char('/') + endpoint);
}

int EmulatorProcess::countResources(const QString& endpoint) const
{
    QNetworkAccessManager network;
    QUrl url = endpointUrl(endpoint);
    // Without a cursor AWS answers one page, but totalResults counts every match.
    url.setQuery(QUrlQuery {{QStringLiteral("count"), QStringLiteral("1")}});
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QNetworkReply* reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError)
        return -1;
    return QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("totalResults")).toInt(-1);
}

EmulatorProcess::Totals EmulatorProcess::stop()
{
    Totals totals;
    if (m_stopped || m_process.state() == QProcess::NotRunning)
        return totals;
    m_stopped = true;
    m_process.terminate();
    if (!m_process.waitForFinished(kStartTimeoutMs)) {
        m_process.kill();
        m_process.waitForFinished();
        return totals;
    }
    static const QRegularExpression counts(
        QStringLiteral("requests: (\\d+), writes: (\\d+)(?:, most open at once: (\\d+))?"));
    const auto match = counts.match(QString::fromUtf8(m_process.readAllStandardOutput()));
    if (match.hasMatch()) {
        totals.requests = match.captured(1).toInt();
        totals.writes = match.captured(2).toInt();
        totals.maxOpen = match.captured(3).isEmpty() ? -1 : match.captured(3).toInt();
    }
    return totals;
}
