#include "PrivateSlapd.h"
#include "ReadHarness.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/types.h>

using namespace ReadHarness;

// Reads against a slapd of the test's own that the test stops, kills or changes: an incomplete
// read is a failed read, a cancel ends a read of a stalled server within 2 s, and a delta read
// after changes equals a full read.
class TestLdapReadFailures : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_slapd = std::make_unique<PrivateSlapd>(m_dir.path() + QStringLiteral("/slapd"));
        QVERIFY2(m_slapd->start(), qPrintable(m_slapd->error()));
        m_pid = m_slapd->fixture().value(QStringLiteral("PID")).toInt();
        QVERIFY(m_pid > 0);
    }

    void cleanup()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGCONT);
        }
        m_slapd.reset();
    }

    void cancelEndsAReadOfAStalledServer()
    {
        std::atomic_bool cancelled {false};
        std::promise<void> stopped;
        auto reader = stallingReader(&stopped);
        DirectorySource source = ReadHarness::source(m_slapd->fixture(), "openldap");
        source.pageSize = 100;
        auto read = readAsync(reader, source, m_slapd->fixture().readerPassword(), {}, cancelled);
        stopped.get_future().wait(); // the server is stopped in the middle of the users
        QElapsedTimer clock;
        clock.start();
        cancelled = true;
        const ReadResult result = read.get();
        const qint64 elapsed = clock.elapsed();
        qInfo("cancel of a read of a stopped slapd took %lld ms", elapsed);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, SourceReadError::Kind::Cancelled);
        QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
    }

    void aStalledServerTimesOut()
    {
        std::atomic_bool cancelled {false};
        std::promise<void> stopped;
        auto reader = stallingReader(&stopped);
        DirectorySource source = ReadHarness::source(m_slapd->fixture(), "openldap");
        source.pageSize = 100;
        source.timeoutSeconds = 2;
        auto read = readAsync(reader, source, m_slapd->fixture().readerPassword(), {}, cancelled);
        stopped.get_future().wait();
        QElapsedTimer clock;
        clock.start();
        const ReadResult result = read.get();
        qInfo("a read of a stopped slapd ended after %lld ms (timeout 2 s)", clock.elapsed());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, SourceReadError::Kind::Timeout);
        QVERIFY2(result.error().message.contains(QStringLiteral("within 2 s")), qPrintable(result.error().message));
    }

    // The TLS handshake with a stopped server (the kernel still accepts the connection) is a
    // blocking libldap call: it must end on cancel, and by itself after the timeout.
    void aStalledHandshakeEndsOnCancelOrTimeout()
    {
        ::kill(m_pid, SIGSTOP);
        DirectorySource source = ReadHarness::source(m_slapd->fixture(), "openldap", true);
        source.timeoutSeconds = 2;
        std::atomic_bool cancelled {false};
        QElapsedTimer clock;
        clock.start();
        const ReadResult timedOut = readAsync(
            std::make_shared<LdapSourceReader>(), source, m_slapd->fixture().readerPassword(), {}, cancelled)
                                        .get();
        qInfo("a TLS handshake with a stopped slapd ended after %lld ms (timeout 2 s)", clock.elapsed());
        QVERIFY(!timedOut.ok());
        QVERIFY2(timedOut.error().kind == SourceReadError::Kind::Timeout, qPrintable(describe(timedOut.error())));

        source.timeoutSeconds = 60;
        auto read = readAsync(
            std::make_shared<LdapSourceReader>(), source, m_slapd->fixture().readerPassword(), {}, cancelled);
        clock.restart();
        cancelled = true;
        const ReadResult result = read.get();
        qInfo("cancel during a hanging TLS handshake took %lld ms", clock.elapsed());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, SourceReadError::Kind::Cancelled);
        QVERIFY(clock.elapsed() < 2000);
    }

    void aConnectionDroppedMidReadFailsTheRead()
    {
        std::atomic_bool cancelled {false};
        const pid_t pid = m_pid;
        auto reader = std::make_shared<LdapSourceReader>(SourceTypeRegistry::load(), [pid] {
            return std::make_unique<HookedConnection>([pid](int entries) {
                if (entries == 150) {
                    ::kill(pid, SIGKILL);
                }
            });
        });
        DirectorySource source = ReadHarness::source(m_slapd->fixture(), "openldap");
        source.pageSize = 100;
        const ReadResult result = readAsync(reader, source, m_slapd->fixture().readerPassword(), {}, cancelled).get();
        m_pid = 0;
        QVERIFY(!result.ok());
        QVERIFY2(result.error().kind == SourceReadError::Kind::Dropped, qPrintable(describe(result.error())));
        QVERIFY(result.error().message.contains(QStringLiteral("incomplete")));
    }

    void aReferralInsideTheBaseIsAnIncompleteRead()
    {
        const DirectoryFixture& slapd = m_slapd->fixture();
        const QString error
            = slapd.modify(QStringLiteral("dn: ou=Remote,ou=People,%1\nchangetype: add\n"
                                          "objectClass: referral\nobjectClass: extensibleObject\n"
                                          "ou: Remote\nref: ldap://remote.example/ou=Remote,dc=remote\n")
                               .arg(slapd.baseDn())
                               .toUtf8());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        std::atomic_bool cancelled {false};
        const auto read
            = LdapSourceReader().read(ReadHarness::source(slapd, "openldap"), slapd.readerPassword(), {}, cancelled);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind, SourceReadError::Kind::Referral);
        QVERIFY2(read.error().message.contains(QStringLiteral("ldap://remote.example/ou=Remote,dc=remote")),
            qPrintable(read.error().message));
    }

    void deltaReadAfterChangesEqualsAFullRead()
    {
        const DirectoryFixture& slapd = m_slapd->fixture();
        const DirectorySource source = ReadHarness::source(slapd, "openldap");
        std::atomic_bool cancelled {false};
        LdapSourceReader reader;
        const auto before = reader.read(source, slapd.readerPassword(), {}, cancelled);
        QVERIFY2(before.ok(), before.ok() ? "" : qPrintable(describe(before.error())));

        const QString base = slapd.baseDn();
        const QString people = QStringLiteral("ou=People,") + base;
        const QString changes = QStringLiteral(
            "dn: uid=ben.vance,ou=Engineering,%1\nchangetype: modify\nreplace: title\ntitle: CTO\n\n"
            "dn: uid=new.person,ou=Engineering,%1\nchangetype: add\nobjectClass: inetOrgPerson\nuid: new.person\n"
            "cn: New Person\nsn: Person\nmail: new.person@scimdesk.test\nmanager: uid=ben.vance,ou=Engineering,%1\n\n"
            "dn: uid=hal.dev,ou=Engineering,%1\nchangetype: delete\n\n"
            "dn: uid=rae.mover,ou=Engineering,%1\nchangetype: modrdn\nnewrdn: uid=rae.moved\ndeleteoldrdn: 1\n"
            "newsuperior: ou=Sales,%1\n\n"
            "dn: uid=leo.sales,ou=Sales,%1\nchangetype: modify\nadd: pwdAccountLockedTime\n"
            "pwdAccountLockedTime: 000001010000Z\n\n"
            "dn: cn=AWS-Engineers,ou=Groups,%2\nchangetype: modify\nadd: member\nmember: uid=mia.sales,ou=Sales,%1\n")
                                    .arg(people, base);
        const QString error = slapd.modify(changes.toUtf8());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // slapd's refint overlay rewrites member values in a background task after the rename
        // and the delete: wait until the directory shows them, as every later reader would.
        QTRY_VERIFY(groupMembers(slapd, QStringLiteral("Platform")).contains("uid=rae.moved"));
        QTRY_VERIFY(!groupMembers(slapd, QStringLiteral("Developers")).contains("uid=hal.dev"));

        SourceReadRequest request = deltaRequest(*before);
        QElapsedTimer clock;
        clock.start();
        const auto delta = reader.read(source, slapd.readerPassword(), request, cancelled);
        const qint64 deltaMs = clock.elapsed();
        QVERIFY2(delta.ok(), delta.ok() ? "" : qPrintable(describe(delta.error())));
        QVERIFY(delta->delta);
        qInfo("delta read: %lld users and %lld groups changed, %lld users present, %lld ms",
            qint64(delta->users.size()), qint64(delta->groups.size()), qint64(delta->presentUserAnchors.size()),
            deltaMs);
        QVERIFY(delta->users.size() < 10);
        const auto after = reader.read(source, slapd.readerPassword(), {}, cancelled);
        QVERIFY(after.ok());
        QCOMPARE(canonical(merged(*before, *delta)), canonical(*after));
        QVERIFY(canonical(*before) != canonical(*after));
        QVERIFY(delta->highWaterMark > before->highWaterMark);

        // Nothing changed since: the delta is empty and keeps the mark.
        request.sinceHighWaterMark = delta->highWaterMark;
        const auto none = reader.read(source, slapd.readerPassword(), request, cancelled);
        QVERIFY(none.ok());
        QCOMPARE(canonical(merged(*after, *none)), canonical(*after));
        QCOMPARE(none->highWaterMark, delta->highWaterMark);
    }

    void aDeltaFromAnotherDirectoryIsRefused()
    {
        const DirectoryFixture& slapd = m_slapd->fixture();
        std::atomic_bool cancelled {false};
        SourceReadRequest request;
        request.full = false;
        request.sinceHighWaterMark = QStringLiteral("csn:20200101000000.000000Z#000000#000#000000");
        request.expectedServerIdentity = QStringLiteral("uuid:00000000-0000-0000-0000-000000000000");
        const auto read = LdapSourceReader().read(
            ReadHarness::source(slapd, "openldap"), slapd.readerPassword(), request, cancelled);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind, SourceReadError::Kind::DeltaNotPossible);
    }

private:
    // The LDIF of a group's member values, read as the admin.
    static QByteArray groupMembers(const DirectoryFixture& slapd, const QString& group)
    {
        QByteArray ldif;
        const QString error = slapd.search(QStringLiteral("ou=Groups,") + slapd.baseDn(),
            QStringLiteral("(cn=%1)").arg(group), {QStringLiteral("member")}, &ldif);
        return error.isEmpty() ? ldif : QByteArray();
    }

    // A reader whose connection stops slapd (SIGSTOP) after the 150th entry and says so.
    std::shared_ptr<LdapSourceReader> stallingReader(std::promise<void>* stopped)
    {
        const pid_t pid = m_pid;
        return std::make_shared<LdapSourceReader>(SourceTypeRegistry::load(), [pid, stopped] {
            return std::make_unique<HookedConnection>([pid, stopped](int entries) {
                if (entries == 150) {
                    ::kill(pid, SIGSTOP);
                    stopped->set_value();
                }
            });
        });
    }

    QTemporaryDir m_dir;
    std::unique_ptr<PrivateSlapd> m_slapd;
    pid_t m_pid = 0;
};

QTEST_GUILESS_MAIN(TestLdapReadFailures)
#include "tst_ldapreadfailures.moc"
