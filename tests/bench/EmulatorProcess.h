#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

// The standalone AWS emulator (scimdesk-aws-emulator) as a child process, so that the
// benchmarked client and the server neither share an event loop nor CPU accounting.
// A fresh process per measurement keeps every run on an empty tenant.
class EmulatorProcess
{
public:
    // Request counts the emulator prints when it stops.
    struct Totals
    {
        int requests = -1;
        int writes = -1;
        int maxOpen = -1; // the most requests the emulator held at once (pending responses)
    };

    explicit EmulatorProcess(const QStringList& extraArguments = {});
    ~EmulatorProcess();
    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;

    // Starts the process on a free loopback port and waits for its base URL.
    bool start();
    QString errorString() const { return m_error; }

    QUrl baseUrl() const { return m_baseUrl; }
    // <base URL>/<endpoint>, e.g. endpointUrl("Users").
    QUrl endpointUrl(const QString& endpoint) const;
    // A throwaway bearer token made up for this process; never printed.
    QString token() const { return m_token; }
    qint64 pid() const { return m_process.processId(); }
    // CPU seconds the emulator has used so far; -1 when unknown.
    double cpuSeconds() const;
    // totalResults of GET <endpoint>?count=1 ("Users", "Groups"); -1 on failure.
    int countResources(const QString& endpoint) const;

    // SIGTERM, then the counts the emulator prints on its way out.
    Totals stop();

private:
    QStringList m_arguments;
    QProcess m_process;
    QUrl m_baseUrl;
    QString m_token;
    QString m_error;
    bool m_stopped = false;
};
