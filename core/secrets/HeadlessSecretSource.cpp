#include "HeadlessSecretSource.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

HeadlessSecretSource::HeadlessSecretSource(QString secret, QString origin)
    : m_secret(std::move(secret))
    , m_origin(std::move(origin))
{
}

Result<std::unique_ptr<HeadlessSecretSource>, SecretError> HeadlessSecretSource::fromEnvironment(
    const QString& variable)
{
    const QString name = variable.trimmed();
    if (name.isEmpty()) {
        return SecretError(SecretError::Kind::Other, tr("No environment variable name was given."),
            tr("Name the variable that holds the token, e.g. --token-env SCIM_TOKEN."));
    }
    const QString value = qEnvironmentVariable(name.toLocal8Bit().constData()).trimmed();
    if (value.isEmpty()) {
        return SecretError(SecretError::Kind::NotFound,
            tr("The environment variable %1 is not set or empty.").arg(name),
            tr("Export it before running the command (e.g. from your CI secret store), or use --token-file."));
    }
    return std::unique_ptr<HeadlessSecretSource>(
        new HeadlessSecretSource(value, tr("environment variable %1").arg(name)));
}

Result<std::unique_ptr<HeadlessSecretSource>, SecretError> HeadlessSecretSource::fromFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile()) {
        return SecretError(SecretError::Kind::NotFound, tr("The token file %1 does not exist.").arg(path),
            tr("Check the path, or create the file with: install -m 600 /dev/null FILE and write the token into it."));
    }
#ifndef Q_OS_WIN
    // Other accounts must not be able to read (or swap) the token.
    const QFileDevice::Permissions groupOrOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (info.permissions() & groupOrOthers) {
        return SecretError(SecretError::Kind::AccessDenied,
            tr("Refusing the token file %1: it is accessible by other users (group or world permissions).").arg(path),
            tr("Make it readable by its owner only: chmod 600 %1").arg(path));
    }
#endif
    if (info.size() > maximumFileSize) {
        return SecretError(SecretError::Kind::Other, tr("The token file %1 is too large to be a token.").arg(path),
            tr("The file must contain only the token."));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return SecretError(SecretError::Kind::AccessDenied,
            tr("The token file %1 cannot be read: %2").arg(path, file.errorString()),
            tr("Check that the file belongs to the account running the command."));
    }
    const QString value = QString::fromUtf8(file.readAll()).trimmed();
    if (value.isEmpty()) {
        return SecretError(SecretError::Kind::NotFound, tr("The token file %1 is empty.").arg(path),
            tr("Write the token into the file (one line)."));
    }
    return std::unique_ptr<HeadlessSecretSource>(new HeadlessSecretSource(value, tr("file %1").arg(path)));
}

void HeadlessSecretSource::write(const SecretKey&, const QString& secret, QObject* context, StatusCallback done)
{
    Status<SecretError> status;
    if (secret.trimmed() != m_secret) {
        status = SecretError(SecretError::Kind::AccessDenied,
            tr("The secret cannot be stored: the command reads it from the %1, which is never written to.")
                .arg(m_origin),
            tr("Run without --token-env/--token-file to store it in the system keychain, or change the %1.")
                .arg(m_origin));
    }
    deliver(context, [done, status] {
        if (done) {
            done(status);
        }
    });
}

void HeadlessSecretSource::read(const SecretKey&, QObject* context, ReadCallback done)
{
    deliver(context, [done, secret = m_secret] {
        if (done) {
            done(Result<QString, SecretError>(secret));
        }
    });
}

void HeadlessSecretSource::remove(const SecretKey&, QObject* context, StatusCallback done)
{
    deliver(context, [done] {
        if (done) {
            done(Status<SecretError>());
        }
    });
}
