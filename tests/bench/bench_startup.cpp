// scimdesk-bench-startup: how long `scimdesk-cli sync APP --dry-run` takes from the moment its
// process is spawned to its first request on the wire (DESIGN.md: CLI start to first request
// <= 150 ms), and what that time goes to. A small HTTP server of this process on loopback
// timestamps the first request head it receives and answers 401, so the CLI stops there. The
// CLI runs with SCIMDESK_STARTUP_TRACE=1 and prints when it reached each phase (util/StartupTrace)
// on the same monotonic clock, so every phase is placed between spawn and first request.
// Prints figures (median and fastest of several runs); fails only when no request arrives.

#include "ResourceUsage.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <optional>

namespace {
QTextStream out(stdout);
const QString kTokenVariable = QStringLiteral("SCIMDESK_BENCH_STARTUP_TOKEN");

qint64 monotonicMicros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Records when the first complete request head arrives and answers every request 401 with a
// SCIM error body, so the CLI ends right after its first request.
class FirstRequestServer : public QObject
{
public:
    FirstRequestServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection())
                serve(socket);
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    void reset() { m_firstMicros.reset(); }
    std::optional<qint64> firstRequestMicros() const { return m_firstMicros; }

private:
    void serve(QTcpSocket* socket)
    {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            const qint64 now = monotonicMicros();
            m_pending[socket] += socket->readAll();
            if (!m_pending.value(socket).contains("\r\n\r\n"))
                return;
            if (!m_firstMicros)
                m_firstMicros = now;
            m_pending.remove(socket);
            const QByteArray body
                = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"401","detail":"bench"})";
            socket->write("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/scim+json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
    }

    QTcpServer m_server;
    QMap<QTcpSocket*, QByteArray> m_pending;
    std::optional<qint64> m_firstMicros;
};

struct Profile
{
    QTemporaryDir dir;
    QString path() const { return dir.filePath(QStringLiteral("profile")); }

    QProcessEnvironment environment(bool trace) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("SCIMDESK_PROFILE"));
        env.insert(kTokenVariable, QStringLiteral("bench-startup-token"));
        if (trace)
            env.insert(QStringLiteral("SCIMDESK_STARTUP_TRACE"), QStringLiteral("1"));
        return env;
    }

    QStringList commandLine(const QStringList& arguments) const
    {
        return QStringList {QStringLiteral("--profile"), path()} + arguments
            + QStringList {QStringLiteral("--token-env"), kTokenVariable};
    }

    // Setup commands send no request; an empty result means it worked.
    QString run(const QStringList& arguments) const
    {
        QProcess process;
        process.setProcessEnvironment(environment(false));
        process.start(QStringLiteral(SCIMDESK_BENCH_CLI), commandLine(arguments));
        if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            return arguments.join(QLatin1Char(' ')) + QStringLiteral(": ")
                + QString::fromUtf8(process.readAllStandardError());
        return QString();
    }
};

QString setUp(const Profile& profile, quint16 port, int users)
{
    const QString url = QStringLiteral("http://127.0.0.1:%1/scim/v2").arg(port);
    QString error = profile.run(
        {QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Bench"),
            QStringLiteral("--type"), QStringLiteral("aws-iam-identity-center"), QStringLiteral("--url"), url});
    if (!error.isEmpty())
        return error;
    QByteArray csv = "userName,email,givenName,familyName,displayName\n";
    for (int i = 0; i < users; ++i)
        csv += QStringLiteral("user%1@example.com,user%1@example.com,Given,Family,User %1\n").arg(i).toUtf8();
    QFile file(profile.dir.filePath(QStringLiteral("users.csv")));
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size())
        return QStringLiteral("cannot write ") + file.fileName();
    file.close();
    error = profile.run(
        {QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), file.fileName()});
    if (!error.isEmpty())
        return error;
    return profile.run({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("App"),
        QStringLiteral("--server"), QStringLiteral("Bench"), QStringLiteral("--all-users")});
}

struct Measurement
{
    qint64 firstRequestMicros = -1; // from spawn; -1 when none arrived
    QMap<QString, qint64> phaseMicros; // from spawn, in the order the CLI reached them
    QList<QString> phaseOrder;
    int exitCode = -1;
};

Measurement measureOnce(const Profile& profile, FirstRequestServer& server)
{
    Measurement measurement;
    server.reset();
    QProcess process;
    process.setProcessEnvironment(profile.environment(true));
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer giveUp; // a CLI that never sends anything must not hang the benchmark
    giveUp.setSingleShot(true);
    QObject::connect(&giveUp, &QTimer::timeout, &loop, &QEventLoop::quit);
    giveUp.start(60000);
    const qint64 spawned = monotonicMicros();
    process.start(QStringLiteral(SCIMDESK_BENCH_CLI),
        profile.commandLine({QStringLiteral("sync"), QStringLiteral("App"), QStringLiteral("--dry-run")}));
    loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    }
    measurement.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    if (const auto first = server.firstRequestMicros())
        measurement.firstRequestMicros = *first - spawned;
    static const QRegularExpression traceLine(
        QStringLiteral("^startup-trace: (\\S+) (\\d+)$"), QRegularExpression::MultilineOption);
    auto lines = traceLine.globalMatch(QString::fromUtf8(process.readAllStandardError()));
    while (lines.hasNext()) {
        const QRegularExpressionMatch line = lines.next();
        measurement.phaseOrder.append(line.captured(1));
        measurement.phaseMicros.insert(line.captured(1), line.captured(2).toLongLong() - spawned);
    }
    return measurement;
}

double medianMs(QList<qint64> micros)
{
    if (micros.isEmpty())
        return -1;
    std::sort(micros.begin(), micros.end());
    return micros.at(micros.size() / 2) / 1000.0;
}

void report(const QList<Measurement>& runs, int users)
{
    QList<qint64> firsts;
    for (const Measurement& run : runs)
        firsts.append(run.firstRequestMicros);
    const qint64 fastest = *std::min_element(firsts.cbegin(), firsts.cend());
    out << QStringLiteral("phase (reached at, median of %1 runs, ms from spawn) | since the previous phase")
               .arg(runs.size())
        << Qt::endl;
    double previous = 0;
    for (const QString& phase : runs.constFirst().phaseOrder) {
        QList<qint64> at;
        for (const Measurement& run : runs)
            at.append(run.phaseMicros.value(phase));
        const double ms = medianMs(at);
        out << QStringLiteral("  %1 %2 | +%3").arg(phase, -20).arg(ms, 7, 'f', 1).arg(ms - previous, 0, 'f', 1)
            << Qt::endl;
        previous = ms;
    }
    const double median = medianMs(firsts);
    out << QStringLiteral("  %1 %2 (seen by the server; the phases after it overlap the request)")
               .arg(QStringLiteral("request arrived"), -20)
               .arg(median, 7, 'f', 1)
        << Qt::endl;
    out << QStringLiteral("summary: CLI start to first request (sync --dry-run, %1 directory users): median %2 ms, "
                          "fastest %3 ms over %4 runs (target <= 150 ms)")
               .arg(users)
               .arg(median, 0, 'f', 1)
               .arg(fastest / 1000.0, 0, 'f', 1)
               .arg(runs.size())
        << Qt::endl;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("scimdesk-cli start-up time to its first request."));
    parser.addHelpOption();
    const QCommandLineOption smoke(QStringLiteral("smoke"), QStringLiteral("Few runs: checks the benchmark runs."));
    const QCommandLineOption runsOption(
        QStringLiteral("runs"), QStringLiteral("Measured runs."), QStringLiteral("n"), QStringLiteral("15"));
    const QCommandLineOption usersOption(QStringLiteral("users"), QStringLiteral("Directory users in the profile."),
        QStringLiteral("n"), QStringLiteral("1000"));
    parser.addOptions({smoke, runsOption, usersOption});
    parser.process(app);
    const int runs = parser.isSet(smoke) ? 3 : std::max(1, parser.value(runsOption).toInt());
    const int users = parser.isSet(smoke) ? 20 : parser.value(usersOption).toInt();

    out << QStringLiteral("load average %1").arg(ResourceUsage::loadAverage(), 0, 'f', 2) << Qt::endl;
    FirstRequestServer server;
    Profile profile;
    if (const QString error = setUp(profile, server.port(), users); !error.isEmpty()) {
        out << "FAILED: setting up the profile: " << error << Qt::endl;
        return 1;
    }
    measureOnce(profile, server); // warms the page cache: a scheduled job's binary is cached too
    QList<Measurement> measured;
    for (int i = 0; i < runs; ++i) {
        const Measurement run = measureOnce(profile, server);
        if (run.firstRequestMicros < 0) {
            out << "FAILED: no request arrived (exit code " << run.exitCode << ")" << Qt::endl;
            return 1;
        }
        measured.append(run);
    }
    report(measured, users);
    out << "OK" << Qt::endl;
    return 0;
}
