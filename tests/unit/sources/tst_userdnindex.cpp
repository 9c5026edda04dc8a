#include "sources/UserDnIndex.h"

#include <QTest>

namespace {

QList<SourceUserEntry> usersWithDns(const QStringList& dns)
{
    QList<SourceUserEntry> users;
    for (const QString& dn : dns) {
        SourceUserEntry user;
        user.dn = dn;
        user.user.userName = dn.section(QLatin1Char(','), 0, 0);
        users.append(user);
    }
    return users;
}

} // namespace

// DNs are looked up exactly as written (what DistinguishedName normalises is the caller's
// fallback); a member value naming a user shares that user's string.
class TestUserDnIndex : public QObject
{
    Q_OBJECT

private slots:
    void findsEveryUserOfALargeRead()
    {
        QStringList dns;
        for (int i = 0; i < 5000; ++i) {
            dns.append(QStringLiteral("uid=user%1,ou=People,dc=example,dc=com").arg(i));
        }
        const QList<SourceUserEntry> users = usersWithDns(dns);
        const UserDnIndex index(users);
        for (qsizetype i = 0; i < users.size(); i += 7) {
            QCOMPARE(index.find(dns.at(i)), &users.at(i));
        }
        QCOMPARE(index.find(QStringLiteral("uid=user5000,ou=People,dc=example,dc=com")), nullptr);
        QCOMPARE(index.find(QStringLiteral("UID=user1,ou=People,dc=example,dc=com")), nullptr); // exact only
        QCOMPARE(index.find(QString()), nullptr);
    }

    void memberTextSharesTheUsersDn_data()
    {
        QTest::addColumn<QString>("dn");
        QTest::newRow("ascii") << QStringLiteral("cn=Doe\\, Jane+uid=jd,ou=Staff,dc=example,dc=com");
        QTest::newRow("non-ascii") << QStringLiteral("cn=Zoë Łukasiewicz,ou=Kraków,dc=example,dc=com");
    }
    void memberTextSharesTheUsersDn()
    {
        QFETCH(QString, dn);
        const QList<SourceUserEntry> users
            = usersWithDns({QStringLiteral("cn=Other,dc=example,dc=com"), dn, QStringLiteral("cn=Third,dc=x")});
        const UserDnIndex index(users);
        const QString text = index.text(dn.toUtf8());
        QCOMPARE(text, dn);
        QCOMPARE(text.constData(), users.at(1).dn.constData()); // the same characters, not a copy
    }

    void memberTextOfAnUnknownDnIsDecoded()
    {
        const QList<SourceUserEntry> users = usersWithDns({QStringLiteral("cn=Known,dc=example,dc=com")});
        const UserDnIndex index(users);
        QCOMPARE(index.text("cn=Group,dc=example,dc=com"), QStringLiteral("cn=Group,dc=example,dc=com"));
        QCOMPARE(index.text("cn=Gr\xc3\xbcn,dc=example,dc=com"), QStringLiteral("cn=Grün,dc=example,dc=com"));
        QCOMPARE(index.text(QByteArray()), QString());
        QCOMPARE(index.text("\xff\xfe"), QString::fromUtf8("\xff\xfe")); // as QString::fromUtf8 decodes it
    }

    void emptyRead()
    {
        const QList<SourceUserEntry> users;
        const UserDnIndex index(users);
        QCOMPARE(index.find(QStringLiteral("cn=x")), nullptr);
        QCOMPARE(index.text("cn=x"), QStringLiteral("cn=x"));
    }
};

QTEST_GUILESS_MAIN(TestUserDnIndex)
#include "tst_userdnindex.moc"
