#pragma once

#include "SourceTestReport.h"

#include "model/DirectorySource.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class LdapConnection;

// The engine of SourceConnectionTest: runs the checks one after the other on the test's worker
// thread (run() is invoked queued), times them, skips the rest after a blocking failure or a
// cancel, and reports through signals that cross to the caller's thread queued.
class SourceTestRunner : public QObject
{
    Q_OBJECT

public:
    using ConnectionFactory = std::function<std::unique_ptr<LdapConnection>()>;

    SourceTestRunner(DirectorySource source, const QByteArray& password, int anchorFormat, ConnectionFactory factory,
        const std::atomic_bool& cancelled, QObject* parent = nullptr);
    ~SourceTestRunner() override;

    void run();

signals:
    void stepStarted(int index);
    void stepFinished(int index, const SourceTestStepResult& result);
    void finished(const SourceTestReport& report);

private:
    DirectorySource m_source;
    QByteArray m_password;
    int m_anchorFormat;
    ConnectionFactory m_factory;
    const std::atomic_bool& m_cancelled;
};
