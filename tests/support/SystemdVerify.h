#pragma once

#include <QProcess>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>

#include <optional>

// `systemd-analyze --user verify` over unit files, without a running user manager: it only
// needs a runtime directory. nullopt when systemd-analyze is not installed; otherwise its exit
// code and everything it printed (empty when the units are clean).
struct SystemdVerifyResult
{
    int exitCode = -1;
    QString output;
};

inline std::optional<SystemdVerifyResult> systemdVerify(const QStringList& units, const QString& configHome)
{
    const QString analyze = QStandardPaths::findExecutable(QStringLiteral("systemd-analyze"));
    if (analyze.isEmpty()) {
        return std::nullopt;
    }
    QTemporaryDir runtime;
    QProcess verify;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    verify.setProcessEnvironment(environment);
    verify.start(analyze, QStringList {QStringLiteral("--user"), QStringLiteral("verify")} + units);
    if (!verify.waitForFinished(60000)) {
        return SystemdVerifyResult {-1, QStringLiteral("systemd-analyze did not finish within 60 s")};
    }
    return SystemdVerifyResult {
        verify.exitCode(), QString::fromLocal8Bit(verify.readAllStandardError() + verify.readAllStandardOutput())};
}
