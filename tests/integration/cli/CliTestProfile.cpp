#include "CliTestProfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>

namespace {
const QString kTokenVariable = QStringLiteral("SCIMDESK_TEST_TOKEN");
}

QJsonObject CliRun::json() const
{
    return QJsonDocument::fromJson(out).object();
}

CliTestProfile::CliTestProfile()
    : m_profile(m_dir.filePath(QStringLiteral("profile")))
{
}

QProcessEnvironment CliTestProfile::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SCIMDESK_PROFILE"));
    env.insert(kTokenVariable, QStringLiteral("cli-test-token"));
    return env;
}

QStringList CliTestProfile::commandLine(const QStringList& arguments) const
{
    return QStringList {QStringLiteral("--profile"), m_profile} + arguments
        + QStringList {QStringLiteral("--token-env"), kTokenVariable};
}

std::unique_ptr<QProcess> CliTestProfile::prepare(const QStringList& arguments) const
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment());
    process->setProgram(QStringLiteral(SCIMDESK_CLI_PATH));
    process->setArguments(commandLine(arguments));
    return process;
}

std::unique_ptr<QProcess> CliTestProfile::start(const QStringList& arguments) const
{
    std::unique_ptr<QProcess> process = prepare(arguments);
    process->start();
    if (process->waitForStarted())
        process->closeWriteChannel();
    return process;
}

CliRun CliTestProfile::run(const QStringList& arguments, int timeoutMs) const
{
    const std::unique_ptr<QProcess> process = prepare(arguments);
    QSignalSpy finished(process.get(), &QProcess::finished);
    process->start();
    if (!process->waitForStarted())
        return {};
    process->closeWriteChannel();
    if (!finished.wait(timeoutMs)) {
        process->kill();
        process->waitForFinished();
    }
    CliRun run;
    run.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
    run.out = process->readAllStandardOutput();
    run.err = process->readAllStandardError();
    return run;
}

QString CliTestProfile::setUp(const QUrl& url, const QString& presetId, int count) const
{
    CliRun run = this->run({QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"), serverName(),
        QStringLiteral("--type"), presetId, QStringLiteral("--url"), url.toString()});
    if (run.exitCode != 0)
        return QStringLiteral("servers add: ") + QString::fromUtf8(run.err);
    QString csv = QStringLiteral("userName,email,givenName,familyName,displayName\n");
    for (int i = 0; i < count; ++i)
        csv += QStringLiteral("user%1@example.com,user%1@example.com,Given,Family,User %1\n").arg(i);
    QFile file(filePath(QStringLiteral("users.csv")));
    if (!file.open(QIODevice::WriteOnly) || file.write(csv.toUtf8()) != csv.toUtf8().size())
        return QStringLiteral("cannot write ") + file.fileName();
    file.close();
    run = this->run({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), file.fileName()});
    if (run.exitCode != 0)
        return QStringLiteral("directory import: ") + QString::fromUtf8(run.err);
    run = this->run({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), applicationName(),
        QStringLiteral("--server"), serverName(), QStringLiteral("--all-users")});
    if (run.exitCode != 0)
        return QStringLiteral("apps add: ") + QString::fromUtf8(run.err);
    return QString();
}

QJsonArray CliTestProfile::runs() const
{
    const CliRun list
        = run({QStringLiteral("runs"), QStringLiteral("list"), applicationName(), QStringLiteral("--json")});
    return list.json().value(QLatin1String("runs")).toArray();
}
