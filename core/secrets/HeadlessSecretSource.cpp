#include "HeadlessSecretSource.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace {
struct Wording
{
    QString what; // "token", "password"
    QString envOption; // "--token-env SCIM_TOKEN"
    QString fileOption; // "--token-file"
    QString storeAdvice; // how to store it in the keychain instead
};

Wording wording(HeadlessSecretSource::Content content)
{
    if (content == HeadlessSecretSource::Content::SourcePassword) {
        return {QCoreApplication::translate("HeadlessSecretSource", "bind password"),
            QStringLiteral("--source-password-env LDAP_PASSWORD"), QStringLiteral("--source-password-file"),
            QCoreApplication::translate("HeadlessSecretSource",
                "Run without --source-password-env/--source-password-file and with --password-stdin to store it in "
                "the system keychain")};
    }
    return {QCoreApplication::translate("HeadlessSecretSource", "token"), QStringLiteral("--token-env SCIM_TOKEN"),
        QStringLiteral("--token-file"),
        QCoreApplication::translate(
            "HeadlessSecretSource", "Run without --token-env/--token-file to store it in the system keychain")};
}

// A file holds one line: its final line break (LF or CRLF) is the editor's, not the password's.
QString withoutFinalLineBreak(QString text)
{
    if (text.endsWith(QLatin1Char('\n'))) {
        text.chop(1);
        if (text.endsWith(QLatin1Char('\r'))) {
            text.chop(1);
        }
    }
    return text;
}
} // namespace

HeadlessSecretSource::HeadlessSecretSource(QString secret, QString origin, Content content)
    : m_secret(std::move(secret))
    , m_origin(std::move(origin))
    , m_content(content)
{
}

QString HeadlessSecretSource::normalized(const QString& secret) const
{
    return m_content == Content::Token ? secret.trimmed() : secret;
}

Result<std::unique_ptr<HeadlessSecretSource>, SecretError> HeadlessSecretSource::fromEnvironment(
    const QString& variable, Content content)
{
    const Wording words = wording(content);
    const QString name = variable.trimmed();
    if (name.isEmpty()) {
        return SecretError(SecretError::Kind::Other, tr("No environment variable name was given."),
            tr("Name the variable that holds the %1, e.g. %2.").arg(words.what, words.envOption));
    }
    QString value = qEnvironmentVariable(name.toLocal8Bit().constData());
    if (content == Content::Token) {
        value = value.trimmed();
    }
    if (value.isEmpty()) {
        return SecretError(SecretError::Kind::NotFound,
            tr("The environment variable %1 is not set or empty.").arg(name),
            tr("Export it before running the command (e.g. from your CI secret store), or use %1.")
                .arg(words.fileOption));
    }
    return std::unique_ptr<HeadlessSecretSource>(
        new HeadlessSecretSource(value, tr("environment variable %1").arg(name), content));
}

Result<std::unique_ptr<HeadlessSecretSource>, SecretError> HeadlessSecretSource::fromFile(
    const QString& path, Content content)
{
    const Wording words = wording(content);
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile()) {
        return SecretError(SecretError::Kind::NotFound, tr("The %1 file %2 does not exist.").arg(words.what, path),
            tr("Check the path, or create the file with: install -m 600 /dev/null FILE and write the %1 into it.")
                .arg(words.what));
    }
#ifndef Q_OS_WIN
    // Other accounts must not be able to read (or swap) the secret.
    const QFileDevice::Permissions groupOrOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (info.permissions() & groupOrOthers) {
        return SecretError(SecretError::Kind::AccessDenied,
            tr("Refusing the %1 file %2: it is accessible by other users (group or world permissions).")
                .arg(words.what, path),
            tr("Make it readable by its owner only: chmod 600 %1").arg(path));
    }
#endif
    if (info.size() > maximumFileSize) {
        return SecretError(SecretError::Kind::Other,
            tr("The %1 file %2 is too large to hold a %1.").arg(words.what, path),
            tr("The file must contain only the %1.").arg(words.what));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return SecretError(SecretError::Kind::AccessDenied,
            tr("The %1 file %2 cannot be read: %3").arg(words.what, path, file.errorString()),
            tr("Check that the file belongs to the account running the command."));
    }
    const QString text = QString::fromUtf8(file.readAll());
    const QString value = content == Content::Token ? text.trimmed() : withoutFinalLineBreak(text);
    if (value.isEmpty()) {
        return SecretError(SecretError::Kind::NotFound, tr("The %1 file %2 is empty.").arg(words.what, path),
            tr("Write the %1 into the file (one line).").arg(words.what));
    }
    return std::unique_ptr<HeadlessSecretSource>(new HeadlessSecretSource(value, tr("file %1").arg(path), content));
}

void HeadlessSecretSource::write(const SecretKey&, const QString& secret, QObject* context, StatusCallback done)
{
    Status<SecretError> status;
    if (normalized(secret) != m_secret) {
        const Wording words = wording(m_content);
        status = SecretError(SecretError::Kind::AccessDenied,
            tr("The secret cannot be stored: the command reads it from the %1, which is never written to.")
                .arg(m_origin),
            tr("%1, or change the %2.").arg(words.storeAdvice, m_origin));
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
