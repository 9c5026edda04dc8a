#pragma once

#include <csignal>

// Keeps SIGPIPE from ending the process while this thread is inside libldap. libldap writes
// with write(2), so a server that went away (a TLS close_notify to a dead peer, say) raises
// SIGPIPE, whose default action kills the process. While a guard lives, SIGPIPE is blocked on
// this thread only (the write fails with EPIPE, which libldap reports); a SIGPIPE that became
// pending meanwhile is consumed before the old signal mask is restored. Nothing process-wide
// changes, so the application's own signal handling stays as it is.
class SigpipeGuard
{
public:
    SigpipeGuard();
    ~SigpipeGuard();
    SigpipeGuard(const SigpipeGuard&) = delete;
    SigpipeGuard& operator=(const SigpipeGuard&) = delete;

private:
    sigset_t m_previous {};
    bool m_wasPending = false;
    bool m_blocked = false;
};
