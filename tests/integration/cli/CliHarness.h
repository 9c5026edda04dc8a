#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// The built scimdesk-cli run against a temporary profile, for the directory, plan and
// server-option tests. run() waits on the process's finished signal, so a server living on
// the test's thread (the AWS emulator) keeps answering meanwhile.
class CliHarness
{
public:
    struct Run
    {
        int exitCode = -1; // -1: it crashed or did not finish
        QString out;
        QString err;

        QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
        // Whether stdout is exactly one JSON document (and nothing else).
        bool isOneJsonDocument() const;
    };

    CliHarness();

    bool isValid() const { return m_dir.isValid(); }
    QString filePath(const QString& name) const { return m_dir.filePath(name); }

    Run run(const QStringList& arguments) const;
    // run() with the emulator's token from an environment variable (--token-env).
    Run runWithToken(const QStringList& arguments) const;

    // "directory users list --json" → its words (no word may hold a space).
    static QStringList words(const char* text);

private:
    QTemporaryDir m_dir;
    QString m_profile;
};
