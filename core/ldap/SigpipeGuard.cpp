#include "SigpipeGuard.h"

#include <pthread.h>

namespace {

bool sigpipePending()
{
    sigset_t pending;
    sigemptyset(&pending);
    return sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
}

} // namespace

SigpipeGuard::SigpipeGuard()
{
    m_wasPending = sigpipePending();
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    m_blocked = pthread_sigmask(SIG_BLOCK, &block, &m_previous) == 0;
}

SigpipeGuard::~SigpipeGuard()
{
    if (!m_blocked) {
        return;
    }
    if (!m_wasPending && sigpipePending()) {
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        const struct timespec now
        {
            0, 0
        };
        sigtimedwait(&pipe, nullptr, &now);
    }
    pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
}
