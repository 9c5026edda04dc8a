#pragma once

#include <QAbstractSocket>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

#include <atomic>

// Looks at what a directory port speaks, independently of libldap, when a connection failed
// and libldap cannot say why (its GnuTLS backend reports "unknown error" for an untrusted
// certificate and a host name mismatch alike), and for the TLS step of the guided source test.
// Opens its own TCP connection; with StartTLS it sends the StartTLS extended request itself.
// Verifies like the reader does — the system's CAs plus the source's CA file, the host name
// checked — and never sends anything but the StartTLS request: no bind, no password.
//
// Blocking: call on a worker thread. Gives up within 0.2 s of `cancelled`.
class LdapTlsProbe
{
public:
    enum class Mode
    {
        TcpOnly, // connect, nothing more
        TlsFromStart, // ldaps://
        StartTls, // ldap:// with the StartTLS extended operation first
    };

    struct Outcome
    {
        bool connected = false;
        bool ldapAnswered = false; // the StartTLS request got an LDAP answer (the port speaks plain LDAP)
        int startTlsResult = -1; // its LDAP result code
        bool certificateSeen = false; // the server presented a certificate
        bool encrypted = false; // handshake complete, certificate and host name verified
        bool timedOut = false;
        bool cancelled = false;
        QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError;
        QString errorText;
        QList<QSslError> sslErrors;
        QList<QSslCertificate> chain; // the server's, leaf first
        QString protocol; // e.g. "TLSv1.3"
    };

    static Outcome run(const QString& host, quint16 port, Mode mode, const QList<QSslCertificate>& extraCas,
        int timeoutMs, const std::atomic_bool& cancelled);

    // Whether bytes may be (the start of) an LDAP ExtendedResponse; *complete says whether all of it
    // is there, and then *resultCode holds its result code. Exposed for tests: answers are
    // untrusted input.
    static bool parseExtendedResponse(const QByteArray& bytes, int* resultCode, bool* complete);
};
