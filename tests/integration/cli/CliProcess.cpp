#include "CliProcess.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>

QJsonObject CliProcess::json() const
{
    return QJsonDocument::fromJson(out.toUtf8()).object();
}

CliProcess CliProcess::run(const QString& profile, const QStringList& arguments, const QByteArray& input,
    const QStringList& environment, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SCIMDESK_PROFILE"));
    for (const QString& entry : environment) {
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    }
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(SCIMDESK_CLI_PATH), QStringList {QStringLiteral("--profile"), profile} + arguments);
    if (!process.waitForStarted()) {
        return {};
    }
    process.write(input);
    process.closeWriteChannel();
    if (!finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    CliProcess result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}
