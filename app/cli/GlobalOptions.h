#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>

// Options every command accepts, before or after the command words.
struct GlobalOptions
{
    QCommandLineOption profile {QStringLiteral("profile"),
        QCoreApplication::translate("cli",
            "Use the profile in <directory> (default: $SCIMDESK_PROFILE, then the "
            "profile the GUI uses)."),
        QCoreApplication::translate("cli", "directory")};
    QCommandLineOption json {
        QStringLiteral("json"), QCoreApplication::translate("cli", "Print machine-readable JSON on stdout.")};
    QCommandLineOption tokenEnv {QStringLiteral("token-env"),
        QCoreApplication::translate("cli",
            "Headless: read the server's secret from environment variable <name> "
            "instead of the keychain."),
        QCoreApplication::translate("cli", "name")};
    QCommandLineOption tokenFile {QStringLiteral("token-file"),
        QCoreApplication::translate("cli",
            "Headless: read the server's secret from <path> (owner-only file, "
            "chmod 600) instead of the keychain."),
        QCoreApplication::translate("cli", "path")};

    QCommandLineOption demo {QStringLiteral("demo"),
        QCoreApplication::translate("cli",
            "Use the demo profile (sample directory, server and application) against a local AWS "
            "IAM Identity Center sandbox started for this command. Never touches the default profile.")};

    void addTo(QCommandLineParser& parser) const
    {
        parser.addOption(demo);
        parser.addOption(profile);
        parser.addOption(json);
        parser.addOption(tokenEnv);
        parser.addOption(tokenFile);
    }
};
