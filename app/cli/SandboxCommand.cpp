#include "SandboxCommand.h"

#include "CliContext.h"
#include "InterruptWatcher.h"

#include "AwsScimEmulator.h"
#include "secrets/HeadlessSecretSource.h"
#include "storage/Profile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

QString randomToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// Creates an owner-only token file; the file is the only place the sandbox token is kept.
bool writeTokenFile(const QString& path, const QString& token, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(token.toUtf8() + '\n');
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}
} // namespace

SandboxCommand::SandboxCommand(CliContext& context)
    : m_context(context)
{
}

QString SandboxCommand::summary()
{
    return tr("  sandbox [--port N]                       run a local AWS IAM Identity Center emulator as a target");
}

int SandboxCommand::run()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Runs an AWS IAM Identity Center SCIM emulator on 127.0.0.1 as a safe target to try ScimDesk with. "
           "The first line printed is its SCIM base URL. The bearer token is read from --token-file; when that "
           "file does not exist it is created (mode 600) with a random token. Without --token-file the token "
           "file is sandbox-token in the profile directory. Runs until Ctrl-C."));
    const QCommandLineOption port(
        QStringLiteral("port"), tr("Port to listen on (default: any free port)."), tr("port"));
    parser.addOption(port);
    if (auto stop = m_context.parse(parser)) {
        return *stop;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return m_context.fail(ExitCode::Usage, tr("sandbox takes no arguments."));
    }
    int exitCode = 0;
    const std::optional<quint16> portNumber = portFrom(parser, port, &exitCode);
    if (!portNumber) {
        return exitCode;
    }
    const std::optional<QString> tokenFile = ensureTokenFile(parser, &exitCode);
    if (!tokenFile) {
        return exitCode;
    }
    const std::optional<QString> token = readToken(*tokenFile, &exitCode);
    if (!token) {
        return exitCode;
    }

    AwsScimEmulator::Options options;
    options.token = *token;
    AwsScimEmulator emulator(options);
    if (!emulator.listen(QHostAddress::LocalHost, *portNumber)) {
        return m_context.fail(ExitCode::OperationFailed,
            tr("The sandbox cannot listen on port %1: %2").arg(*portNumber).arg(emulator.errorString()),
            tr("Choose another port with --port, or leave it out to take any free port."));
    }
    // Installed before the URL is printed, so whoever reads it may stop the sandbox at once.
    InterruptWatcher* interrupts = m_context.interrupts();
    printEndpoint(emulator.baseUrl().toString(), *tokenFile);
    QEventLoop loop;
    QObject::connect(interrupts, &InterruptWatcher::interrupted, &loop, &QEventLoop::quit);
    loop.exec();
    emulator.close();
    return toInt(ExitCode::Success);
}

std::optional<quint16> SandboxCommand::portFrom(
    const QCommandLineParser& parser, const QCommandLineOption& port, int* exitCode) const
{
    if (!parser.isSet(port)) {
        return quint16(0);
    }
    bool ok = false;
    const uint value = parser.value(port).toUInt(&ok);
    if (!ok || value > 65535) {
        *exitCode = m_context.fail(ExitCode::Usage, tr("--port must be a number from 0 to 65535."));
        return std::nullopt;
    }
    return quint16(value);
}

std::optional<QString> SandboxCommand::ensureTokenFile(const QCommandLineParser& parser, int* exitCode) const
{
    QString tokenFile = parser.value(m_context.globalOptions().tokenFile);
    if (!parser.isSet(m_context.globalOptions().tokenFile)) {
        const QString directory = Profile::resolveDirectory(parser.value(m_context.globalOptions().profile));
        if (!QDir().mkpath(directory)) {
            *exitCode
                = m_context.fail(ExitCode::ProfileError, tr("Cannot create the profile directory %1.").arg(directory));
            return std::nullopt;
        }
        QFile::setPermissions(directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        tokenFile = QDir(directory).filePath(QStringLiteral("sandbox-token"));
    }
    if (!QFileInfo::exists(tokenFile)) {
        QString error;
        if (!writeTokenFile(tokenFile, randomToken(), &error)) {
            *exitCode = m_context.fail(
                ExitCode::OperationFailed, tr("Cannot create the token file %1: %2").arg(tokenFile, error));
            return std::nullopt;
        }
    }
    return tokenFile;
}

std::optional<QString> SandboxCommand::readToken(const QString& tokenFile, int* exitCode) const
{
    auto source = HeadlessSecretSource::fromFile(tokenFile);
    if (!source) {
        *exitCode = m_context.fail(ExitCode::Usage, source.error().message, source.error().hint);
        return std::nullopt;
    }
    QString token;
    CliContext::waitFor([&](std::function<void()> finished) {
        source.value()->read(SecretKey {}, &m_context, [&token, finished](Result<QString, SecretError> result) {
            token = result ? result.value() : QString();
            finished();
        });
    });
    return token;
}

void SandboxCommand::printEndpoint(const QString& baseUrl, const QString& tokenFile) const
{
    if (m_context.json()) {
        // One line, so a script can read it before the sandbox stops.
        m_context.print(QString::fromUtf8(
            QJsonDocument(QJsonObject {{QStringLiteral("baseUrl"), baseUrl}, {QStringLiteral("tokenFile"), tokenFile}})
                .toJson(QJsonDocument::Compact)));
    } else {
        m_context.print(baseUrl);
        m_context.print(tr("Sandbox AWS IAM Identity Center SCIM endpoint is running. Its bearer token is in %1.\n"
                           "Add it as a server with:\n"
                           "  scimdesk-cli servers add --name Sandbox --type aws-iam-identity-center --url %2 "
                           "--token-file %1\n"
                           "Press Ctrl-C to stop.")
                            .arg(tokenFile, baseUrl));
    }
}
