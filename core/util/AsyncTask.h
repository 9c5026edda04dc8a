#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

// Runs CPU or disk work on the global thread pool and hands its result to a callback on the
// thread of `context`. The callback is skipped when `context` is destroyed first (the
// watcher is its child), so a closed dialog or a deleted session is never called back.
//
//     AsyncTask::run(this, [snapshot] { return SyncPlanner::plan(input); },
//         [this](SyncPlan plan) { showPlan(plan); });
namespace AsyncTask {

template<typename Task, typename Callback>
void run(QObject* context, Task&& task, Callback&& callback)
{
    using ResultType = std::invoke_result_t<std::decay_t<Task>>;
    auto* watcher = new QFutureWatcher<ResultType>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
        [watcher, callback = std::forward<Callback>(callback)]() mutable {
            watcher->deleteLater();
            if constexpr (std::is_void_v<ResultType>) {
                callback();
            } else {
                callback(watcher->result());
            }
        });
    watcher->setFuture(QtConcurrent::run(std::forward<Task>(task)));
}

} // namespace AsyncTask
