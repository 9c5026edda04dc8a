#pragma once

#include "CliProcess.h"
#include "DirectoryFixture.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

// A temporary profile for scimdesk-cli tests with directory sources: the bind password in an
// owner-only file (--source-password-file), the emulator's token in a variable (--token-env),
// and the `sources add`, `servers add` and `apps add` runs those tests start from. Each helper
// returns the finished run; the caller checks its exit code.
class CliSourceProfile
{
public:
    static QString sourceName() { return QStringLiteral("Corp LDAP"); }
    static QString applicationName() { return QStringLiteral("AWS"); }

    // directory: the server the source reads (slapd over StartTLS, Samba AD over LDAPS).
    explicit CliSourceProfile(const DirectoryFixture& directory);

    // Empty when the profile folder and the password file were made, else what failed.
    QString error() const { return m_error; }
    QString path() const { return m_profile; }
    QString filePath(const QString& name) const { return m_dir.filePath(name); }
    QString passwordFile() const { return m_passwordFile; }

    // environment: extra "NAME=value" entries; the emulator's token is always in SCIM_TEST_TOKEN.
    CliProcess run(
        const QStringList& arguments, const QByteArray& input = {}, const QStringList& environment = {}) const;
    // run() with the emulator's token and the source's password from the owner-only file.
    CliProcess runWithSecrets(const QStringList& arguments) const;
    // Replaces the password file's content (a wrong password, or the right one again).
    bool writePasswordFile(const QByteArray& content) const;

    // `sources add` for the directory; url overrides the fixture's (a proxy in front of it).
    CliProcess addSource(const QStringList& extra = {}, const QString& url = {}) const;
    // `servers add` Sandbox (AWS preset) for the emulator at baseUrl.
    CliProcess addServer(const QUrl& baseUrl, const QStringList& extra = {}) const;
    // `apps add` AWS on Sandbox with the source.
    CliProcess addApplication(const QStringList& appOptions) const;
    // addSource(), addServer() and addApplication() in turn: empty when all three worked, else
    // the output of the one that failed.
    QString setUp(const QUrl& baseUrl, const QStringList& appOptions, const QStringList& serverOptions = {},
        const QString& url = {}) const;
    // `sync AWS` with the secrets and extra ("--apply", "--json" …).
    CliProcess sync(const QStringList& extra) const;
    // From `sync --json`: plan.counts.objects.KIND (docs/cli.md).
    static int objectCount(const CliProcess& run, const char* kind);

private:
    DirectoryFixture m_directory;
    QTemporaryDir m_dir;
    QString m_profile;
    QString m_passwordFile;
    QString m_error;
};
