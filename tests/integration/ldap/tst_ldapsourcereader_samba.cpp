#include "ReadHarness.h"

#include "ldap/LdapRangedValues.h"
#include "sources/DistinguishedName.h"
#include "sources/check/SourceConnectionTest.h"

#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <functional>

using namespace ReadHarness;

// The LDAP reader against Samba as an Active Directory domain controller: objectGUID in its
// standard form, userAccountControl bits, ranged retrieval, the in-chain rule, AD's bind
// errors, DOMAIN_SCOPE from the domain root and delta reads by USN.
class TestLdapSourceReaderSamba : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_ad = DirectoryFixture::shared(DirectoryFixture::Server::SambaAd);
        QVERIFY2(m_ad.isValid(), qPrintable(m_ad.error()));
    }

    void fullReadOverLdapsWithAUpn()
    {
        DirectorySource source = ReadHarness::source(m_ad, "active-directory", true);
        source.bindDn = m_ad.value(QStringLiteral("READER_UPN"));
        std::atomic_bool cancelled {false};
        QElapsedTimer clock;
        clock.start();
        const auto read = LdapSourceReader().read(source, m_ad.readerPassword(), {}, cancelled);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(describe(read.error())));
        qInfo("Samba: %lld users, %lld groups in %lld ms", qint64(read->users.size()), qint64(read->groups.size()),
            clock.elapsed());
        // The seed's 1,630 people and svc-reader; built-in accounts without a userPrincipalName
        // (krbtgt, Guest, …) are skipped with a note.
        QVERIFY(read->users.size() >= 1631 && read->users.size() < 1634);
        QVERIFY2(read->notes.join(QLatin1Char(' ')).contains(QStringLiteral("skipped")),
            qPrintable(read->notes.join(QLatin1Char(' '))));
        QVERIFY(read->highWaterMark.startsWith(QStringLiteral("usn:")));
        QVERIFY(read->serverIdentity.startsWith(QStringLiteral("ad:")));

        for (const char* disabled : {"ivy.off", "jon.off", "kim.off", "sam.former"}) { // 514, 66050, 546, 514
            QVERIFY2(!user(*read, disabled)->user.active, disabled);
        }
        for (const char* active : {"cara.sales", "finn.sre", "ada.chief"}) { // 66048, 66048, 512
            QVERIFY2(user(*read, active)->user.active, active);
        }
        const SourceUserEntry* eve = user(*read, "eve.sre");
        QCOMPARE(eve->user.employeeNumber, QStringLiteral("E0005"));
        QCOMPARE(eve->user.department, QStringLiteral("Engineering"));
        QCOMPARE(eve->user.manager, QStringLiteral("dan.platform@scimdesk.test"));
        QCOMPARE(user(*read, "jose.muller")->user.manager, QStringLiteral("ben.vance@scimdesk.test"));
        // The anchor is objectGUID as Samba's own tools (and Get-ADUser) write it.
        QCOMPARE(eve->user.objectId, guidBySambaTool(QStringLiteral("eve.sre")));
        QCOMPARE(user(*read, "jose.muller")->user.objectId, guidBySambaTool(QStringLiteral("jose.muller")));
    }

    void rangedRetrievalOfALargeGroup_data()
    {
        QTest::addColumn<int>("step");
        QTest::newRow("AD's MaxValRange") << 1500;
        QTest::newRow("1,000 at a time") << 1000;
        QTest::newRow("uneven") << 333;
    }
    void rangedRetrievalOfALargeGroup()
    {
        QFETCH(int, step);
        OpenLdapConnection connection;
        std::atomic_bool cancelled {false};
        openAndBind(connection, cancelled);
        const QString bulk = QStringLiteral("CN=Bulk-1600,OU=Groups,") + m_ad.baseDn();
        const auto values = LdapRangedValues::readAll(connection, bulk, QStringLiteral("member"), step, cancelled);
        QVERIFY2(values.ok(), values.ok() ? "" : qPrintable(describe(values.error())));
        QSet<QString> members;
        for (const QByteArray& value : values.value()) {
            members.insert(DistinguishedName::normalizedKey(QString::fromUtf8(value)));
        }
        QCOMPARE(values->size(), 1600);
        QCOMPARE(members.size(), 1600);
        QVERIFY(members.contains(
            DistinguishedName::normalizedKey(QStringLiteral("CN=bulk.1600,OU=Bulk,") + m_ad.baseDn())));
    }

    void inChainAndClientSideNestingAgree()
    {
        DirectorySource source = ReadHarness::source(m_ad, "active-directory");
        std::atomic_bool cancelled {false};
        const auto clientSide = LdapSourceReader().read(source, m_ad.readerPassword(), {}, cancelled);
        QVERIFY2(clientSide.ok(), clientSide.ok() ? "" : qPrintable(describe(clientSide.error())));
        source.nesting = GroupNesting::MatchingRuleInChain;
        const auto inChain = LdapSourceReader().read(source, m_ad.readerPassword(), {}, cancelled);
        QVERIFY2(inChain.ok(), inChain.ok() ? "" : qPrintable(describe(inChain.error())));

        const QHash<QString, QSet<QString>> flattened = flattenedUsers(*clientSide);
        int compared = 0;
        for (const SourceGroupEntry& group : inChain->groups) {
            if (!DistinguishedName::isWithin(group.dn, QStringLiteral("OU=Groups,") + m_ad.baseDn())) {
                continue;
            }
            QSet<QString> members;
            for (const QString& dn : group.memberDns) {
                members.insert(DistinguishedName::normalizedKey(dn));
            }
            QCOMPARE(members, flattened.value(group.anchor));
            ++compared;
        }
        QCOMPARE(compared, 11);
        const auto sizeOf = [&](const char* name) {
            for (const SourceGroupEntry& group : inChain->groups) {
                if (group.name == QLatin1String(name)) {
                    return int(group.memberDns.size());
                }
            }
            return -1;
        };
        QCOMPARE(sizeOf("AWS-Engineers"), 7);
        QCOMPARE(sizeOf("Loop-A"), 2);
        QCOMPARE(sizeOf("Bulk-1600"), 1600);
    }

    void simpleBindWithoutTlsIsRefused()
    {
        OpenLdapConnection connection;
        connection.setAllowPasswordWithoutTls(true); // to see what AD answers
        std::atomic_bool cancelled {false};
        LdapConnectionSettings settings;
        settings.url = m_ad.ldapUri();
        QVERIFY(connection.open(settings, cancelled).ok());
        QByteArray password = m_ad.readerPassword();
        const auto bound = connection.bind(m_ad.readerDn(), password, cancelled);
        QVERIFY(!bound.ok());
        QCOMPARE(bound.error().ldapResultCode, 8);
        QCOMPARE(bound.error().kind, SourceReadError::Kind::Bind);
        QVERIFY2(
            bound.error().message.contains(QStringLiteral("strongerAuthRequired")), qPrintable(bound.error().message));
        QVERIFY(bound.error().remedy.contains(QStringLiteral("StartTLS")));
    }

    void invalidCredentialsAreExplainedBySubCode_data()
    {
        QTest::addColumn<QString>("bindDn");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QString>("subCode");
        QTest::newRow("wrong password") << m_ad.readerDn() << QByteArray("wrong-Passw0rd")
                                        << QStringLiteral("data 52e");
        QTest::newRow("wrong password by UPN")
            << m_ad.value(QStringLiteral("READER_UPN")) << QByteArray("wrong-Passw0rd") << QStringLiteral("data 52e");
    }
    void invalidCredentialsAreExplainedBySubCode()
    {
        QFETCH(QString, bindDn);
        QFETCH(QByteArray, password);
        QFETCH(QString, subCode);
        DirectorySource source = ReadHarness::source(m_ad, "active-directory");
        source.bindDn = bindDn;
        std::atomic_bool cancelled {false};
        const auto read = LdapSourceReader().read(source, password, {}, cancelled);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind, SourceReadError::Kind::Bind);
        QCOMPARE(read.error().ldapResultCode, 49);
        QVERIFY2(read.error().message.contains(subCode), qPrintable(describe(read.error())));
        QVERIFY2(read.error().diagnostic.contains(subCode.mid(5)), qPrintable(read.error().diagnostic));
    }

    // An account of the test's own, disabled and then expired: AD's sub-codes name the reason.
    void bindAccountStatesAreExplained()
    {
        const QString account = QStringLiteral("h3.bindstate");
        const QByteArray password = "Sup3r-Secret-Pw1";
        const auto removeAccount = qScopeGuard([&] {
            sambaTool({QStringLiteral("user"), QStringLiteral("delete"), account});
        });
        QCOMPARE(sambaTool({QStringLiteral("user"), QStringLiteral("create"), account, QString::fromLatin1(password)}),
            QString());
        DirectorySource source = ReadHarness::source(m_ad, "active-directory", true);
        source.bindDn = account + QStringLiteral("@scimdesk.test");
        std::atomic_bool cancelled {false};
        const auto bindError = [&] {
            const auto read = LdapSourceReader().read(source, password, {}, cancelled);
            return read.ok() ? SourceReadError() : read.error();
        };

        QCOMPARE(sambaTool({QStringLiteral("user"), QStringLiteral("disable"), account}), QString());
        const SourceReadError disabled = bindError();
        QCOMPARE(disabled.kind, SourceReadError::Kind::Bind);
        QVERIFY2(disabled.message.contains(QStringLiteral("is disabled (data 533)")), qPrintable(describe(disabled)));

        QCOMPARE(sambaTool({QStringLiteral("user"), QStringLiteral("setexpiry"), account, QStringLiteral("--days=0")}),
            QString());
        QCOMPARE(sambaTool({QStringLiteral("user"), QStringLiteral("enable"), account}), QString());
        const SourceReadError expired = bindError();
        QVERIFY2(expired.message.contains(QStringLiteral("has expired (data 701)")), qPrintable(describe(expired)));
    }

    void deltaReadAfterChangesEqualsAFullRead()
    {
        const DirectorySource source = ReadHarness::source(m_ad, "active-directory");
        std::atomic_bool cancelled {false};
        LdapSourceReader reader;
        const auto before = reader.read(source, m_ad.readerPassword(), {}, cancelled);
        QVERIFY2(before.ok(), before.ok() ? "" : qPrintable(describe(before.error())));

        const QString base = m_ad.baseDn();
        const QString ben = QStringLiteral("CN=Ben Vance,OU=Engineering,OU=People,") + base;
        const QString own = QStringLiteral("OU=h3-delta,") + base;
        const QString added = QStringLiteral("CN=Delta Person,") + own;
        const QString developers = QStringLiteral("CN=Developers,OU=Groups,") + base;
        const QString leo = QStringLiteral("CN=Leo Sales,OU=Sales,OU=People,") + base;
        // Put the seed back however the test ends.
        const auto restore = qScopeGuard([&] {
            m_ad.modify(
                QStringLiteral("dn: %1\nchangetype: modify\nreplace: title\ntitle: VP Engineering\n\n"
                               "dn: %2\nchangetype: modify\ndelete: member\nmember: %3\n\n"
                               "dn: %3\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: 512\n\n"
                               "dn: %4\nchangetype: delete\n\ndn: %5\nchangetype: delete\n")
                    .arg(ben, developers, leo, added, own)
                    .toUtf8());
        });
        const QString error = m_ad.modify(
            QStringLiteral("dn: %1\nchangetype: modify\nreplace: title\ntitle: CTO\n\n"
                           "dn: %2\nchangetype: add\nobjectClass: organizationalUnit\n\n"
                           "dn: %3\nchangetype: add\nobjectClass: user\nsAMAccountName: delta.person\n"
                           "userPrincipalName: delta.person@scimdesk.test\ngivenName: Delta\nsn: Person\n"
                           "manager: %1\nuserAccountControl: 514\n\n"
                           "dn: %4\nchangetype: modify\nadd: member\nmember: %5\n\n"
                           "dn: %5\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: 514\n")
                .arg(ben, own, added, developers, leo)
                .toUtf8());
        QVERIFY2(error.isEmpty(), qPrintable(error));

        SourceReadRequest request = deltaRequest(*before);
        QElapsedTimer clock;
        clock.start();
        const auto delta = reader.read(source, m_ad.readerPassword(), request, cancelled);
        QVERIFY2(delta.ok(), delta.ok() ? "" : qPrintable(describe(delta.error())));
        qInfo("Samba delta read: %lld users and %lld groups changed in %lld ms", qint64(delta->users.size()),
            qint64(delta->groups.size()), clock.elapsed());
        QVERIFY(delta->users.size() <= 5);
        const auto after = reader.read(source, m_ad.readerPassword(), {}, cancelled);
        QVERIFY(after.ok());
        QCOMPARE(canonical(merged(*before, *delta)), canonical(*after));
        QVERIFY(canonical(*before) != canonical(*after));

        SourceReadRequest otherDc = request;
        otherDc.expectedServerIdentity = QStringLiteral("ad:00000000-0000-0000-0000-000000000000");
        const auto refused = reader.read(source, m_ad.readerPassword(), otherDc, cancelled);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, SourceReadError::Kind::DeltaNotPossible);
        QVERIFY(refused.error().message.contains(QStringLiteral("invocationId")));
    }

    void guidedTestOnActiveDirectory()
    {
        DirectorySource source = ReadHarness::source(m_ad, "active-directory");
        source.bindDn = m_ad.value(QStringLiteral("READER_UPN"));
        source.nesting = GroupNesting::MatchingRuleInChain;
        SourceConnectionTest test(source, m_ad.readerPassword());
        QSignalSpy finished(&test, &SourceConnectionTest::finished);
        test.start();
        QVERIFY(finished.wait(120000));
        const SourceTestReport report = test.report();
        qInfo("guided test on Samba AD:\n%s", qPrintable(report.toText()));
        QVERIFY2(!report.hasFailure(), qPrintable(report.toText()));
        const auto details = [&](SourceTestStep step) {
            return report.steps.at(SourceTestSteps::all().indexOf(step)).details.join(QLatin1Char('\n'));
        };
        QVERIFY(details(SourceTestStep::BaseDn).contains(QStringLiteral("Active Directory domain controller")));
        QVERIFY(details(SourceTestStep::Nesting).contains(QStringLiteral("The in-chain rule finds")));
        QVERIFY(QRegularExpression(QStringLiteral("Anchor \\(objectGUID\\): [0-9a-f]{8}-[0-9a-f]{4}-"))
                    .match(details(SourceTestStep::SampleUser))
                    .hasMatch());
    }

private:
    void openAndBind(LdapConnection& connection, const std::atomic_bool& cancelled)
    {
        LdapConnectionSettings settings;
        settings.url = m_ad.ldapsUri();
        settings.caFilePath = m_ad.caFile();
        const auto opened = connection.open(settings, cancelled);
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(describe(opened.error())));
        QByteArray password = m_ad.readerPassword();
        const auto bound = connection.bind(m_ad.readerDn(), password, cancelled);
        QVERIFY2(bound.ok(), bound.ok() ? "" : qPrintable(describe(bound.error())));
    }

    // Runs samba-tool against the fixture's configuration; empty on success, else its output.
    QString sambaTool(QStringList arguments) const
    {
        arguments << QStringLiteral("-s") << m_ad.value(QStringLiteral("SMB_CONF"));
        QProcess tool;
        tool.start(QStringLiteral("samba-tool"), arguments);
        tool.waitForFinished(-1);
        if (tool.exitStatus() == QProcess::NormalExit && tool.exitCode() == 0) {
            return {};
        }
        return QString::fromUtf8(tool.readAllStandardOutput() + tool.readAllStandardError());
    }

    // objectGUID of an account as samba-tool prints it: an oracle independent of our formatting.
    QString guidBySambaTool(const QString& account) const
    {
        QProcess tool;
        tool.start(QStringLiteral("samba-tool"),
            {QStringLiteral("user"), QStringLiteral("show"), account, QStringLiteral("--attributes=objectGUID"),
                QStringLiteral("-s"), m_ad.value(QStringLiteral("SMB_CONF"))});
        tool.waitForFinished(-1);
        const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("objectGUID: ([0-9a-f-]{36})"))
                                                  .match(QString::fromUtf8(tool.readAllStandardOutput()));
        return match.hasMatch() ? match.captured(1)
                                : QStringLiteral("samba-tool said: ") + QString::fromUtf8(tool.readAllStandardError());
    }

    static const SourceUserEntry* user(const SourceRead& read, const char* account)
    {
        const QString userName = QLatin1String(account) + QStringLiteral("@scimdesk.test");
        for (const auto& entry : read.users) {
            if (entry.user.userName == userName) {
                return &entry;
            }
        }
        qFatal("no user %s", account);
        return nullptr;
    }

    // Client-side nesting of a read, the test's own oracle: group anchor -> the normalised DNs
    // of every user below it, loops harmless.
    static QHash<QString, QSet<QString>> flattenedUsers(const SourceRead& read)
    {
        QSet<QString> users;
        for (const auto& entry : read.users) {
            users.insert(DistinguishedName::normalizedKey(entry.dn));
        }
        QHash<QString, const SourceGroupEntry*> groups;
        for (const auto& group : read.groups) {
            groups.insert(DistinguishedName::normalizedKey(group.dn), &group);
        }
        QHash<QString, QSet<QString>> result;
        for (const auto& group : read.groups) {
            QSet<QString> seen;
            QSet<QString> members;
            std::function<void(const SourceGroupEntry&)> visit = [&](const SourceGroupEntry& current) {
                for (const QString& dn : current.memberDns) {
                    const QString key = DistinguishedName::normalizedKey(dn);
                    if (users.contains(key)) {
                        members.insert(key);
                    } else if (groups.contains(key) && !seen.contains(key)) {
                        seen.insert(key);
                        visit(*groups.value(key));
                    }
                }
            };
            visit(group);
            result.insert(group.anchor, members);
        }
        return result;
    }

    DirectoryFixture m_ad;
};

QTEST_GUILESS_MAIN(TestLdapSourceReaderSamba)
#include "tst_ldapsourcereader_samba.moc"
