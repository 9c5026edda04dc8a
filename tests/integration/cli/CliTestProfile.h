#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// One finished scimdesk-cli command.
struct CliRun
{
    int exitCode = -1; // -1: it crashed or did not finish
    QByteArray out;
    QByteArray err;

    QJsonObject json() const;
};

// A temporary profile for scimdesk-cli tests, and the built CLI run against it with a headless
// token (--token-env). run() waits on the process's finished signal, so a server living on the
// test's thread keeps answering meanwhile; start() leaves the process running for tests that
// signal it.
class CliTestProfile
{
public:
    CliTestProfile();

    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_profile; }
    QString filePath(const QString& name) const { return m_dir.filePath(name); }

    CliRun run(const QStringList& arguments, int timeoutMs = 120000) const;
    // Started with the same profile, environment and token; the caller waits for it.
    std::unique_ptr<QProcess> start(const QStringList& arguments) const;

    // A server named NAME of the preset type at url, `count` directory users ("user<n>") and an
    // application APP with all users assigned. Empty when it worked, else what failed.
    QString setUp(const QUrl& url, const QString& presetId, int count) const;
    // The runs of APP from `runs list --json`, newest first.
    QJsonArray runs() const;

    static QString serverName() { return QStringLiteral("Hostile"); }
    static QString applicationName() { return QStringLiteral("App"); }

private:
    std::unique_ptr<QProcess> prepare(const QStringList& arguments) const;
    QProcessEnvironment environment() const;
    QStringList commandLine(const QStringList& arguments) const;

    QTemporaryDir m_dir;
    QString m_profile;
};
