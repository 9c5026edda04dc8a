#pragma once

#include "ConnectionCheckContext.h"
#include "ConnectionRemediation.h"
#include "ConnectionStepResult.h"

#include "scim/ScimError.h"

#include "util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>
#include <utility>

class ScimClient;

// One step of the guided connection test. A check starts its work in run() and ends it
// with finish() (at once or from a callback); the runner then moves on. After abort() or
// finish(), nothing a late callback does reaches the runner: callbacks wrapped in
// guarded() are skipped and finished() is emitted at most once.
//
// Causes and fixes come from the remediation table (ConnectionRemediation); a check only
// says which failure it found and the facts around it.
class ConnectionCheck : public QObject
{
    Q_OBJECT

public:
    ConnectionCheck(ConnectionStep step, ConnectionCheckContext& context, QObject* parent = nullptr);
    ~ConnectionCheck() override;

    ConnectionStep step() const { return m_result.step; }
    void start();
    // Stops the check: its SCIM requests are cancelled, finished() is not emitted any more.
    void abort();
    bool isOver() const { return m_over; }

signals:
    void finished(const ConnectionStepResult& result);

protected:
    // What the check looks at, e.g. "GET …/ServiceProviderConfig with the stored credentials".
    virtual QString checked() const = 0;
    virtual void run() = 0;
    // Releases what the check holds besides SCIM requests (sockets, lookups, timers).
    virtual void stop() { }

    ConnectionCheckContext& context() const { return m_context; }
    ScimClient& client() const;
    ConnectionStepResult& result() { return m_result; }

    // Ends the check with result(); only the first call counts.
    void finish();
    // Adds the failure's cause and fix (from the table) and makes the step a failure / warning.
    void fail(ConnectionFailure failure, const ConnectionRemediation::Facts& facts = {});
    void warn(ConnectionFailure failure, const ConnectionRemediation::Facts& facts = {});
    // Appends a remark's cause sentence (FilterRejected, UnusualScimPath, ...).
    void remark(ConnectionFailure failure, bool prepend = false);
    // Explains a failed SCIM call: status, timeout, invalid answer, with the server's words.
    void explain(const ScimError& error);
    // The cause and fix a failed SCIM call would give, without touching result().
    Remediation remediationFor(const ScimError& error) const;
    // What the requests from now on do and the permission they need ("create a group", "create
    // and delete groups"): a 403 then names that permission instead of a general one.
    void setOperation(const QString& operation, const QString& permission);

    // Remembers a request so abort() can cancel it.
    quint64 track(quint64 requestId);
    // Wraps a callback so it does nothing once the check is over, e.g.
    //     client().getUser(id, this, guarded<const ObjectAnswer&>([this](const ObjectAnswer& answer) { ... }));
    template<typename... Args, typename Callback>
    std::function<void(Args...)> guarded(Callback callback)
    {
        return [this, callback = std::move(callback)](Args... args) mutable {
            if (!m_over)
                callback(std::forward<Args>(args)...);
        };
    }

    using ObjectAnswer = Result<QJsonObject, ScimError>;
    using ListAnswer = Result<QList<QJsonObject>, ScimError>;
    using DoneAnswer = Status<ScimError>;

private:
    void add(ConnectionVerdict verdict, const Remediation& remediation);
    std::pair<ConnectionFailure, ConnectionRemediation::Facts> classify(const ScimError& error) const;

    ConnectionCheckContext& m_context;
    ConnectionStepResult m_result;
    QList<quint64> m_requests;
    QString m_operation;
    QString m_permission;
    bool m_over = false;
};
