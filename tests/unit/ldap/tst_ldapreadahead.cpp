#include "ldap/LdapReadAhead.h"

#include <QFile>
#include <QTest>

#include <cerrno>
#include <thread>

#include <sys/socket.h>
#include <unistd.h>

// The read buffer under libldap's TLS layer, on a socket pair with liblber's own TCP layer
// below it, as libldap stacks them: messages come out intact and in order, many per read(2),
// and libldap is told data is ready while some is buffered (so it does not poll the socket).
class TestLdapReadAhead : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, m_fds), 0);
        m_socket = ber_sockbuf_alloc();
        QVERIFY(m_socket);
        QCOMPARE(ber_sockbuf_add_io(m_socket, &ber_sockbuf_io_tcp, LBER_SBIOD_LEVEL_PROVIDER, &m_fds[1]), 0);
        QVERIFY(LdapReadAhead::install(m_socket));
    }

    void cleanup()
    {
        ber_sockbuf_free(m_socket); // closes m_fds[1] through the TCP layer
        m_socket = nullptr;
        if (m_fds[0] >= 0) {
            ::close(m_fds[0]);
        }
        m_fds[0] = m_fds[1] = -1;
    }

    void manyMessagesPerSystemCall()
    {
        constexpr int count = 1000;
        QByteArray stream;
        for (int i = 0; i < count; ++i) {
            stream += message(i, QByteArray("value ") + QByteArray::number(i));
        }
        QCOMPARE(::write(m_fds[0], stream.constData(), size_t(stream.size())), ssize_t(stream.size()));
        ::close(m_fds[0]);
        m_fds[0] = -1;
        const qint64 before = readCalls();
        for (int i = 0; i < count; ++i) {
            QByteArray value;
            QCOMPARE(next(&value), i);
            QCOMPARE(value, QByteArray("value ") + QByteArray::number(i));
            if (i == 0) {
                // Whatever came with the first read is ready without a poll.
                QCOMPARE(ber_sockbuf_ctrl(m_socket, LBER_SB_OPT_DATA_READY, nullptr), 1);
            }
        }
        const qint64 calls = readCalls() - before;
        qInfo("%d messages (%lld bytes) in %lld read calls", count, qint64(stream.size()), calls);
        if (before >= 0) {
            // ~17 KB in a 64 KiB buffer; /proc/self/io's own reading counts too. Unbuffered: > 1,000.
            QVERIFY2(calls <= 10, qPrintable(QString::number(calls)));
        }
        QCOMPARE(next(nullptr), -1); // the writer closed: the end passes through
    }

    // Larger than the buffer, written while it is read: served in pieces, reassembled intact.
    void messageLargerThanTheBuffer()
    {
        const QByteArray big(int(3 * LdapReadAhead::kBufferBytes + 17), 'x');
        const QByteArray stream = message(1, big) + message(2, "after");
        std::thread writer([this, &stream] {
            qsizetype written = 0;
            while (written < stream.size()) {
                const ssize_t n = ::write(m_fds[0], stream.constData() + written, size_t(stream.size() - written));
                if (n <= 0) {
                    break;
                }
                written += n;
            }
        });
        QByteArray value;
        const int first = next(&value);
        const int second = next(nullptr);
        writer.join();
        QCOMPARE(first, 1);
        QCOMPARE(value.size(), big.size());
        QVERIFY(value == big);
        QCOMPARE(second, 2);
    }

private:
    // SEQUENCE { INTEGER id, OCTET STRING value }
    static QByteArray message(int id, const QByteArray& value)
    {
        BerElement* ber = ber_alloc_t(LBER_USE_DER);
        struct berval bytes
        {
            ber_len_t(value.size()), const_cast<char*>(value.constData())
        };
        ber_printf(ber, "{iO}", ber_int_t(id), &bytes);
        struct berval* flat = nullptr;
        ber_flatten(ber, &flat);
        const QByteArray out(flat->bv_val, qsizetype(flat->bv_len));
        ber_bvfree(flat);
        ber_free(ber, 1);
        return out;
    }

    // The next message's id (its value into *value), or -1 when there is none.
    int next(QByteArray* value)
    {
        BerElement* ber = ber_alloc_t(LBER_USE_DER);
        ber_len_t length = 0;
        int id = -1;
        ber_tag_t tag = LBER_DEFAULT;
        do {
            // A message that arrived in part: ber_get_next says "would block" and resumes (libldap
            // polls in between; this socket blocks).
            errno = 0;
            tag = ber_get_next(m_socket, &length, ber);
        } while (tag == LBER_DEFAULT && (errno == EWOULDBLOCK || errno == EAGAIN));
        if (tag != LBER_DEFAULT) {
            ber_int_t number = -1;
            struct berval bytes
            {
                0, nullptr
            };
            // ber_get_next took the SEQUENCE's tag and length already, as libldap's reader relies on.
            if (ber_scanf(ber, "im", &number, &bytes) != LBER_ERROR) {
                id = int(number);
                if (value) {
                    *value = QByteArray(bytes.bv_val, qsizetype(bytes.bv_len));
                }
            }
        }
        ber_free(ber, 1);
        return id;
    }

    // Linux counts a process's read calls in /proc/self/io; -1 elsewhere.
    static qint64 readCalls()
    {
        QFile io(QStringLiteral("/proc/self/io"));
        if (!io.open(QIODevice::ReadOnly)) {
            return -1;
        }
        for (const QByteArray& line : io.readAll().split('\n')) {
            if (line.startsWith("syscr: ")) {
                return line.mid(7).trimmed().toLongLong();
            }
        }
        return -1;
    }

    int m_fds[2] {-1, -1};
    Sockbuf* m_socket = nullptr;
};

QTEST_GUILESS_MAIN(TestLdapReadAhead)
#include "tst_ldapreadahead.moc"
