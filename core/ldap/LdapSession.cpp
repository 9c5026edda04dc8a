#include "LdapSession.h"

#include "LdapReadAhead.h"
#include "SigpipeGuard.h"

#include <QElapsedTimer>

#include <chrono>
#include <condition_variable>
#include <thread>

#include <sys/socket.h>

namespace {

constexpr int kSliceMs = 200;
// How long a blocking call may take to return once its socket was shut down.
constexpr int kInterruptGraceMs = 500;

struct BlockingCall
{
    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
    int rc = LDAP_OTHER;
};

} // namespace

std::shared_ptr<LdapSession> LdapSession::create(const QString& url, int* rc)
{
    std::shared_ptr<LdapSession> session(new LdapSession());
    *rc = ldap_initialize(&session->m_ld, url.toUtf8().constData());
    if (*rc != LDAP_SUCCESS) {
        session->m_ld = nullptr;
        return session;
    }
    session->m_callbacks.lc_add = &LdapSession::connected;
    session->m_callbacks.lc_del = &LdapSession::closed;
    session->m_callbacks.lc_arg = session.get();
    ldap_set_option(session->m_ld, LDAP_OPT_CONNECT_CB, &session->m_callbacks);
    return session;
}

LdapSession::~LdapSession()
{
    const SigpipeGuard guard;
    if (m_ld) {
        ldap_unbind_ext(m_ld, nullptr, nullptr);
    }
}

int LdapSession::connected(LDAP*, Sockbuf* sb, LDAPURLDesc*, struct sockaddr*, ldap_conncb* context)
{
    auto* self = static_cast<LdapSession*>(context->lc_arg);
    int socket = -1;
    ber_sockbuf_ctrl(sb, LBER_SB_OPT_GET_FD, &socket);
    {
        const std::lock_guard<std::mutex> lock(self->m_socketMutex);
        self->m_socket = socket;
    }
    self->m_tcpConnected = true;
    LdapReadAhead::install(sb);
    return LDAP_SUCCESS;
}

void LdapSession::closed(LDAP*, Sockbuf*, ldap_conncb* context)
{
    auto* self = static_cast<LdapSession*>(context->lc_arg);
    const std::lock_guard<std::mutex> lock(self->m_socketMutex);
    self->m_socket = -1;
}

void LdapSession::interrupt()
{
    // Under the mutex: closed() clears the socket before libldap closes it, so a number
    // reused by another file is never shut down.
    const std::lock_guard<std::mutex> lock(m_socketMutex);
    if (m_socket >= 0) {
        ::shutdown(m_socket, SHUT_RDWR);
    }
}

int LdapSession::runBlocking(
    const std::function<int(LDAP*)>& call, const std::atomic_bool& cancelled, int timeoutMs, Stop* stop)
{
    *stop = Stop::None;
    auto state = std::make_shared<BlockingCall>();
    std::shared_ptr<LdapSession> self = shared_from_this();
    std::thread helper([self, state, call] {
        const SigpipeGuard guard;
        const int rc = call(self->m_ld);
        const std::lock_guard<std::mutex> lock(state->mutex);
        state->rc = rc;
        state->finished = true;
        state->done.notify_all();
    });
    QElapsedTimer clock;
    clock.start();
    std::unique_lock<std::mutex> lock(state->mutex);
    while (!state->finished) {
        if (cancelled || clock.elapsed() >= timeoutMs) {
            *stop = cancelled ? Stop::Cancelled : Stop::TimedOut;
            break;
        }
        state->done.wait_for(lock, std::chrono::milliseconds(kSliceMs));
    }
    if (*stop == Stop::None) {
        lock.unlock();
        helper.join();
        return state->rc;
    }
    lock.unlock();
    interrupt();
    lock.lock();
    state->done.wait_for(lock, std::chrono::milliseconds(kInterruptGraceMs), [&] { return state->finished; });
    const bool finished = state->finished;
    lock.unlock();
    if (finished) {
        helper.join();
    } else {
        m_abandoned = true;
        helper.detach(); // it holds `self`; the session ends when the call returns
    }
    return LDAP_TIMEOUT;
}

LdapSession::Wait LdapSession::waitFor(int msgid, const std::atomic_bool& cancelled, int idleTimeoutMs)
{
    QElapsedTimer idle;
    idle.start();
    while (true) {
        if (cancelled || idle.elapsed() >= idleTimeoutMs) {
            ldap_abandon_ext(m_ld, msgid, nullptr, nullptr);
            return {nullptr, cancelled ? Stop::Cancelled : Stop::TimedOut, LDAP_SUCCESS};
        }
        struct timeval slice
        {
            0, kSliceMs * 1000
        };
        LDAPMessage* messages = nullptr;
        const int rc = ldap_result(m_ld, msgid, LDAP_MSG_RECEIVED, &slice, &messages);
        if (rc > 0 && messages) {
            return {messages, Stop::None, LDAP_SUCCESS};
        }
        if (messages) {
            ldap_msgfree(messages);
        }
        if (rc < 0) {
            const int error = resultCode();
            return {nullptr, Stop::None, error == LDAP_SUCCESS ? LDAP_SERVER_DOWN : error};
        }
    }
}

int LdapSession::resultCode() const
{
    int code = LDAP_SUCCESS;
    if (m_ld) {
        ldap_get_option(m_ld, LDAP_OPT_RESULT_CODE, &code);
    }
    return code;
}

QString LdapSession::diagnostic() const
{
    char* message = nullptr;
    if (!m_ld || ldap_get_option(m_ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &message) != LDAP_OPT_SUCCESS || !message) {
        return {};
    }
    const QString text = QString::fromUtf8(message);
    ldap_memfree(message);
    return text;
}
