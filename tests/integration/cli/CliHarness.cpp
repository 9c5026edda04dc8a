#include "CliHarness.h"

#include <QJsonParseError>
#include <QProcess>
#include <QSignalSpy>

CliHarness::CliHarness()
    : m_profile(m_dir.filePath(QStringLiteral("profile")))
{
}

bool CliHarness::Run::isOneJsonDocument() const
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(out.toUtf8(), &error);
    return error.error == QJsonParseError::NoError && document.isObject();
}

CliHarness::Run CliHarness::run(const QStringList& arguments) const
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("SCIMDESK_PROFILE"));
    environment.insert(QStringLiteral("SCIM_TEST_TOKEN"), QStringLiteral("emulator-token"));
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(SCIMDESK_CLI_PATH), QStringList {QStringLiteral("--profile"), m_profile} + arguments);
    if (!process.waitForStarted()) {
        return {};
    }
    process.closeWriteChannel();
    if (!finished.wait(120000)) {
        process.kill();
        process.waitForFinished();
    }
    Run result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

CliHarness::Run CliHarness::runWithToken(const QStringList& arguments) const
{
    return run(arguments + QStringList {QStringLiteral("--token-env"), QStringLiteral("SCIM_TEST_TOKEN")});
}

QStringList CliHarness::words(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}
