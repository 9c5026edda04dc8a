#include "LdapTlsProbe.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QHostInfo>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

#include <functional>

namespace {

constexpr int kSliceMs = 200;
// An ExtendedResponse to StartTLS is a few dozen bytes; anything far longer is not one.
constexpr int kMaxAnswerBytes = 64 * 1024;

// messageID 1, ExtendedRequest with requestName 1.3.6.1.4.1.1466.20037 (RFC 4511 section 4.14.1).
const QByteArray& startTlsRequest()
{
    static const QByteArray request = QByteArray::fromHex("301d02010177188016") + QByteArray("1.3.6.1.4.1.1466.20037");
    return request;
}

// Reads one BER tag and length at *pos; false when the bytes end first or the length is absurd.
bool readHeader(const QByteArray& bytes, int* pos, quint8* tag, int* length)
{
    if (*pos + 2 > bytes.size()) {
        return false;
    }
    *tag = quint8(bytes.at(*pos));
    const quint8 first = quint8(bytes.at(*pos + 1));
    *pos += 2;
    if (first < 0x80) {
        *length = first;
        return true;
    }
    const int count = first & 0x7f;
    if (count == 0 || count > 3 || *pos + count > bytes.size()) {
        return false;
    }
    *length = 0;
    for (int i = 0; i < count; ++i) {
        *length = (*length << 8) | quint8(bytes.at(*pos + i));
    }
    *pos += count;
    return true;
}

// Runs this thread's events in short slices until done(), the socket is closed, the time is
// over or the probe is cancelled. (waitForConnected() cannot be sliced: its timeout aborts the
// connection attempt.)
bool waitUntil(QSslSocket& socket, const std::function<bool()>& done, const QElapsedTimer& clock, int timeoutMs,
    const std::atomic_bool& cancelled, LdapTlsProbe::Outcome* outcome)
{
    while (!done()) {
        if (cancelled) {
            outcome->cancelled = true;
            return false;
        }
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0) {
            outcome->timedOut = true;
            return false;
        }
        if (socket.state() == QAbstractSocket::UnconnectedState
            && socket.error() != QAbstractSocket::UnknownSocketError) {
            return done();
        }
        QEventLoop loop;
        QTimer::singleShot(int(qMin<qint64>(left, kSliceMs)), &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QSslSocket::connected, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QSslSocket::encrypted, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QSslSocket::readyRead, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QSslSocket::disconnected, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QSslSocket::errorOccurred, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

} // namespace

bool LdapTlsProbe::parseExtendedResponse(const QByteArray& bytes, int* resultCode, bool* complete)
{
    *complete = false;
    int pos = 0;
    quint8 tag = 0;
    int length = 0;
    if (bytes.size() < 2) {
        return bytes.isEmpty() || quint8(bytes.at(0)) == 0x30; // nothing that rules LDAP out yet
    }
    if (!readHeader(bytes, &pos, &tag, &length) || tag != 0x30) {
        return false;
    }
    if (pos + length > bytes.size()) {
        return true; // an LDAP message so far, not all of it yet
    }
    *complete = true;
    const int end = pos + length;
    if (!readHeader(bytes, &pos, &tag, &length) || tag != 0x02 || pos + length > end) {
        return false; // messageID
    }
    pos += length;
    if (!readHeader(bytes, &pos, &tag, &length) || tag != 0x78 || pos + length > end) {
        return false; // ExtendedResponse
    }
    if (!readHeader(bytes, &pos, &tag, &length) || tag != 0x0a || length < 1 || length > 4 || pos + length > end) {
        return false; // resultCode
    }
    int code = 0;
    for (int i = 0; i < length; ++i) {
        code = (code << 8) | quint8(bytes.at(pos + i));
    }
    *resultCode = code;
    return true;
}

LdapTlsProbe::Outcome LdapTlsProbe::run(const QString& host, quint16 port, Mode mode,
    const QList<QSslCertificate>& extraCas, int timeoutMs, const std::atomic_bool& cancelled)
{
    Outcome outcome;
    QElapsedTimer clock;
    clock.start();
    // A thread Qt did not start gets its event dispatcher with its first event loop; the socket's
    // notifiers need it from the start.
    const QEventLoop dispatcher;
    QSslSocket socket;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(configuration.caCertificates() + extraCas);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket.setSslConfiguration(configuration);
    socket.setPeerVerifyName(host);
    QObject::connect(&socket, &QSslSocket::sslErrors, &socket,
        [&outcome](const QList<QSslError>& errors) { outcome.sslErrors = errors; });
    const auto finish = [&] {
        outcome.socketError = socket.error();
        if (outcome.errorText.isEmpty() && socket.error() != QAbstractSocket::UnknownSocketError) {
            outcome.errorText = socket.errorString();
        }
        outcome.chain = socket.peerCertificateChain();
        outcome.certificateSeen = !outcome.chain.isEmpty();
        outcome.encrypted = socket.isEncrypted();
        if (outcome.encrypted) {
            outcome.protocol = socket.sessionCipher().protocolString();
        }
        socket.abort();
        return outcome;
    };

    // The name is looked up here, blocking, rather than by the socket, whose answer comes as a
    // cross-thread event.
    QHostAddress address(host);
    if (address.isNull()) {
        const QHostInfo info = QHostInfo::fromName(host);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            outcome.socketError = QAbstractSocket::HostNotFoundError;
            outcome.errorText = info.errorString();
            return outcome;
        }
        address = info.addresses().constFirst();
    }
    if (cancelled) {
        outcome.cancelled = true;
        return outcome;
    }
    socket.connectToHost(address, port);
    outcome.connected = waitUntil(
        socket, [&] { return socket.state() == QAbstractSocket::ConnectedState; }, clock, timeoutMs, cancelled,
        &outcome);
    if (!outcome.connected || mode == Mode::TcpOnly) {
        return finish();
    }
    if (mode == Mode::StartTls) {
        socket.write(startTlsRequest());
        QByteArray answer;
        bool complete = false;
        bool isLdap = true;
        waitUntil(
            socket,
            [&] {
                answer += socket.read(kMaxAnswerBytes - answer.size());
                isLdap = parseExtendedResponse(answer, &outcome.startTlsResult, &complete);
                return !isLdap || complete || answer.size() >= kMaxAnswerBytes;
            },
            clock, timeoutMs, cancelled, &outcome);
        outcome.ldapAnswered = isLdap && complete && outcome.startTlsResult >= 0;
        if (!outcome.ldapAnswered || outcome.startTlsResult != 0) {
            return finish();
        }
    }
    socket.startClientEncryption();
    waitUntil(
        socket, [&] { return socket.isEncrypted() || socket.state() != QAbstractSocket::ConnectedState; }, clock,
        timeoutMs, cancelled, &outcome);
    return finish();
}
