#include "CliSourceProfile.h"

#include <QFile>
#include <QJsonObject>

CliSourceProfile::CliSourceProfile(const DirectoryFixture& directory)
    : m_directory(directory)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("No temporary folder: ") + m_dir.errorString();
        return;
    }
    m_profile = m_dir.filePath(QStringLiteral("profile"));
    m_passwordFile = m_dir.filePath(QStringLiteral("ldap-password"));
    // The file holds the password and the line break an editor adds: not part of the password.
    if (!writePasswordFile(m_directory.readerPassword() + '\n')) {
        m_error = QStringLiteral("Cannot write ") + m_passwordFile;
    }
}

bool CliSourceProfile::writePasswordFile(const QByteArray& content) const
{
    QFile file(m_passwordFile);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        return false;
    }
    return file.write(content) == content.size();
}

CliProcess CliSourceProfile::run(
    const QStringList& arguments, const QByteArray& input, const QStringList& environment) const
{
    return CliProcess::run(
        m_profile, arguments, input, QStringList {QStringLiteral("SCIM_TEST_TOKEN=emulator-token")} + environment);
}

CliProcess CliSourceProfile::runWithSecrets(const QStringList& arguments) const
{
    return run(arguments
        + QStringList {QStringLiteral("--token-env"), QStringLiteral("SCIM_TEST_TOKEN"),
            QStringLiteral("--source-password-file"), m_passwordFile});
}

CliProcess CliSourceProfile::addSource(const QStringList& extra, const QString& url) const
{
    QStringList arguments {QStringLiteral("sources"), QStringLiteral("add"), QStringLiteral("--name"), sourceName()};
    if (m_directory.value(QStringLiteral("SERVER")) == QLatin1String("samba_ad")) {
        arguments << QStringLiteral("--type") << QStringLiteral("active-directory") << QStringLiteral("--url")
                  << (url.isEmpty() ? m_directory.ldapsUri() : url);
    } else {
        arguments << QStringLiteral("--type") << QStringLiteral("openldap") << QStringLiteral("--url");
        if (url.isEmpty()) {
            arguments << m_directory.ldapUri() << QStringLiteral("--start-tls");
        } else {
            arguments << url;
        }
    }
    arguments << QStringLiteral("--ca-file") << m_directory.caFile() << QStringLiteral("--base-dn")
              << m_directory.baseDn() << QStringLiteral("--bind-dn") << m_directory.readerDn();
    return runWithSecrets(arguments + extra);
}

CliProcess CliSourceProfile::addServer(const QUrl& baseUrl, const QStringList& extra) const
{
    return run(QStringList {QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
                   QStringLiteral("Sandbox"), QStringLiteral("--type"), QStringLiteral("aws-iam-identity-center"),
                   QStringLiteral("--url"), baseUrl.toString(), QStringLiteral("--token-env"),
                   QStringLiteral("SCIM_TEST_TOKEN")}
        + extra);
}

CliProcess CliSourceProfile::addApplication(const QStringList& appOptions) const
{
    return runWithSecrets(
        QStringList {QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), applicationName(),
            QStringLiteral("--server"), QStringLiteral("Sandbox"), QStringLiteral("--source"), sourceName()}
        + appOptions);
}

CliProcess CliSourceProfile::sync(const QStringList& extra) const
{
    return runWithSecrets(QStringList {QStringLiteral("sync"), applicationName()} + extra);
}

QString CliSourceProfile::setUp(
    const QUrl& baseUrl, const QStringList& appOptions, const QStringList& serverOptions, const QString& url) const
{
    for (const CliProcess& run : {addSource({}, url), addServer(baseUrl, serverOptions), addApplication(appOptions)}) {
        if (run.exitCode != 0) {
            return run.all();
        }
    }
    return {};
}

int CliSourceProfile::objectCount(const CliProcess& run, const char* kind)
{
    return run.json()
        .value(QLatin1String("plan"))
        .toObject()
        .value(QLatin1String("counts"))
        .toObject()
        .value(QLatin1String("objects"))
        .toObject()
        .value(QLatin1String(kind))
        .toInt();
}
