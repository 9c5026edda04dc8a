#include "StartupTrace.h"

#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QtGlobal>

#include <chrono>
#include <cstdio>

namespace {
bool enabled()
{
    static const bool on = qEnvironmentVariableIntValue("SCIMDESK_STARTUP_TRACE") == 1;
    return on;
}
} // namespace

void StartupTrace::mark(const char* phase)
{
    if (!enabled())
        return;
    static QMutex mutex;
    static QSet<QByteArray> seen;
    const auto micros
        = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
              .count();
    const QMutexLocker lock(&mutex);
    // Later marks of a phase (the second request, the next command) say nothing about start-up.
    if (seen.contains(phase))
        return;
    seen.insert(phase);
    std::fprintf(stderr, "startup-trace: %s %lld\n", phase, static_cast<long long>(micros));
    std::fflush(stderr);
}
