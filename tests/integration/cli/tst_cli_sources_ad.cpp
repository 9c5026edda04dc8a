// Samba as an Active Directory domain controller to AWS end to end: the shared samba_ad fixture
// (fixed ports 389/636: run under `flock /tmp/scimdesk-samba.lock ctest …`), the real
// scimdesk-cli on a temporary profile and the AWS emulator in this process. The seed is put back
// as it was by a scope guard, also when a check fails.
#include "AwsScimEmulator.h"
#include "CliSourceProfile.h"

#include <QTest>

namespace {
using Profile = CliSourceProfile;

struct Account
{
    const char* userName;
    const char* rdn; // under OU=People
    int userAccountControl; // as seeded: disabled
};

// The seeded disabled accounts, each with another value that has bit 0x2 set: ACCOUNTDISABLE
// alone (514), with DONT_EXPIRE_PASSWORD (66050), with PASSWD_NOTREQD (546).
const Account kDisabled[] = {{"ivy.off@scimdesk.test", "CN=Ivy Off,OU=Engineering", 514},
    {"jon.off@scimdesk.test", "CN=Jon Off,OU=Sales", 66050}, {"kim.off@scimdesk.test", "CN=Kim Off,OU=Sales", 546}};
} // namespace

class CliSourcesAdTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void disabledAccountsAreDeprovisioned();
    void groupOfMoreThan1500MembersArrivesWhole();

private:
    void setUp(const QStringList& appOptions);
    QString accountDn(const Account& account) const
    {
        return QLatin1String(account.rdn) + QStringLiteral(",OU=People,") + m_ad.baseDn();
    }
    QString setUserAccountControl(const Account& account, int value) const;

    DirectoryFixture m_ad;
    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<CliSourceProfile> m_profile;
};

void CliSourcesAdTest::initTestCase()
{
    m_ad = DirectoryFixture::shared(DirectoryFixture::Server::SambaAd);
    QVERIFY2(m_ad.isValid(), qPrintable(m_ad.error()));
}

void CliSourcesAdTest::init()
{
    m_emulator = std::make_unique<AwsScimEmulator>();
    QVERIFY(m_emulator->listen());
    m_profile = std::make_unique<CliSourceProfile>(m_ad);
    QVERIFY2(m_profile->error().isEmpty(), qPrintable(m_profile->error()));
}

void CliSourcesAdTest::cleanup()
{
    m_profile.reset();
    m_emulator.reset();
}

void CliSourcesAdTest::setUp(const QStringList& appOptions)
{
    const QString failed = m_profile->setUp(m_emulator->baseUrl(), appOptions);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

QString CliSourcesAdTest::setUserAccountControl(const Account& account, int value) const
{
    return m_ad.modify(QStringLiteral("dn: %1\nchangetype: modify\nreplace: userAccountControl\n"
                                      "userAccountControl: %2\n-\n")
                           .arg(accountDn(account))
                           .arg(value)
                           .toUtf8());
}

void CliSourcesAdTest::disabledAccountsAreDeprovisioned()
{
    // ivy.off is in AWS-Engineers, kim.off in SRE (nested in it), jon.off in Sales Team.
    setUp({QStringLiteral("--assign-group"), QStringLiteral("AWS-Engineers"), QStringLiteral("--assign-group"),
        QStringLiteral("Sales Team")});
    if (QTest::currentTestFailed()) {
        return;
    }
    struct Restore
    {
        const CliSourcesAdTest* test;
        ~Restore()
        {
            for (const Account& account : kDisabled) {
                test->setUserAccountControl(account, account.userAccountControl);
            }
        }
    } restore {this};
    // Enabled first (NORMAL_ACCOUNT | PASSWD_NOTREQD: they have no password), so that they exist.
    for (const Account& account : kDisabled) {
        const QString error = setUserAccountControl(account, 544);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    CliProcess run = m_profile->sync({QStringLiteral("--apply")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QHash<QString, QString> ids;
    for (const Account& account : kDisabled) {
        const QJsonObject user = m_emulator->findUserByUserName(QLatin1String(account.userName));
        QVERIFY2(user.value(QLatin1String("active")).toBool(), account.userName);
        ids.insert(QLatin1String(account.userName), user.value(QLatin1String("id")).toString());
    }
    const int users = m_emulator->userCount();

    for (const Account& account : kDisabled) {
        const QString error = setUserAccountControl(account, account.userAccountControl);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    m_emulator->resetCounters();
    run = m_profile->sync({QStringLiteral("--apply"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QCOMPARE(Profile::objectCount(run, "disable-user"), 3);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("POST /Users")), 0);
    for (const Account& account : kDisabled) {
        const QJsonObject user = m_emulator->findUserByUserName(QLatin1String(account.userName));
        QCOMPARE(user.value(QLatin1String("id")).toString(), ids.value(QLatin1String(account.userName)));
        QVERIFY2(!user.value(QLatin1String("active")).toBool(), account.userName);
    }
    QCOMPARE(m_emulator->userCount(), users);
}

void CliSourcesAdTest::groupOfMoreThan1500MembersArrivesWhole()
{
    // Samba answers `member` of Bulk-1600 in ranges (member;range=0-1499, then the rest).
    setUp({QStringLiteral("--assign-group"), QStringLiteral("Bulk-1600")});
    if (QTest::currentTestFailed()) {
        return;
    }
    const CliProcess run = m_profile->sync({QStringLiteral("--apply"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QCOMPARE(m_emulator->groupCount(), 1);
    QCOMPARE(m_emulator->userCount(), 1600);
    const QString bulk = m_emulator->store().findGroupByDisplayName(QStringLiteral("Bulk-1600")).value("id").toString();
    QCOMPARE(m_emulator->groupMemberIds(bulk).size(), 1600);
    for (const char* userName :
        {"bulk.0001@scimdesk.test", "bulk.1500@scimdesk.test", "bulk.1501@scimdesk.test", "bulk.1600@scimdesk.test"}) {
        const QString id = m_emulator->findUserByUserName(QLatin1String(userName)).value("id").toString();
        QVERIFY2(m_emulator->groupMemberIds(bulk).contains(id), userName);
    }
}

QTEST_GUILESS_MAIN(CliSourcesAdTest)
#include "tst_cli_sources_ad.moc"
