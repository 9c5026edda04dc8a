#pragma once

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

#include <ldap.h>

// One libldap session handle (LDAP*) and what it takes to give up on it at any moment.
//
// libldap's asynchronous calls are polled in short slices (waitFor), so a cancel or a server
// that stops answering ends them in time. The few calls libldap only offers blocking — the
// TCP connect and a TLS handshake — run on a helper thread (runBlocking): on cancel or timeout
// the socket is shut down, which makes the call return at once; if it still does not, the
// helper thread is left to finish on its own and keeps the session alive until it has. The
// session is then abandoned: nothing may use it any more.
class LdapSession : public std::enable_shared_from_this<LdapSession>
{
public:
    enum class Stop
    {
        None,
        Cancelled,
        TimedOut,
    };

    struct Wait
    {
        LDAPMessage* messages = nullptr; // free with ldap_msgfree
        Stop stop = Stop::None;
        int error = LDAP_SUCCESS; // when messages is null and stop is None, e.g. LDAP_SERVER_DOWN
    };

    // ldap_initialize(url); *rc gets its result.
    static std::shared_ptr<LdapSession> create(const QString& url, int* rc);
    ~LdapSession();
    LdapSession(const LdapSession&) = delete;
    LdapSession& operator=(const LdapSession&) = delete;

    LDAP* handle() const { return m_ld; }

    // Runs call(handle()) on a helper thread and waits for it in short slices.
    int runBlocking(
        const std::function<int(LDAP*)>& call, const std::atomic_bool& cancelled, int timeoutMs, Stop* stop);
    bool isAbandoned() const { return m_abandoned; }

    // The messages received so far for msgid (at least one), polling in 200 ms slices. Gives up
    // (and abandons the operation) when cancelled, or when nothing arrived for idleTimeoutMs.
    Wait waitFor(int msgid, const std::atomic_bool& cancelled, int idleTimeoutMs);

    // Whether a TCP connection was established (libldap's connect callback fired).
    bool tcpConnected() const { return m_tcpConnected; }
    int resultCode() const;
    QString diagnostic() const;

private:
    LdapSession() = default;
    static int connected(LDAP* ld, Sockbuf* sb, LDAPURLDesc* server, struct sockaddr* address, ldap_conncb* context);
    static void closed(LDAP* ld, Sockbuf* sb, ldap_conncb* context);
    void interrupt();

    LDAP* m_ld = nullptr;
    ldap_conncb m_callbacks {};
    std::mutex m_socketMutex;
    int m_socket = -1;
    std::atomic_bool m_tcpConnected {false};
    bool m_abandoned = false;
};
