#include "sources/LdapUserMapper.h"
#include "sources/SourceTypeRegistry.h"

#include <QTest>

namespace {

DirectorySource sourceOfType(const char* typeId)
{
    DirectorySource source;
    source.baseDn = QStringLiteral("DC=example,DC=com");
    const auto change = SourceTypeRegistry::load().applyType(source, QLatin1String(typeId));
    return change->result;
}

LdapEntry entry(const QString& dn, const QList<QPair<const char*, QList<QByteArray>>>& attributes)
{
    LdapEntry result;
    result.dn = dn;
    for (const auto& [name, values] : attributes) {
        result.attributes.append({QByteArray(name), values});
    }
    return result;
}

} // namespace

class TestLdapUserMapper : public QObject
{
    Q_OBJECT

private slots:
    void requestsOnlyMappedAttributes()
    {
        const LdapUserMapper mapper(sourceOfType("openldap"), SourceType::AnchorFormat::Text);
        const QStringList requested = mapper.requestedAttributes();
        QCOMPARE(requested.first(), QStringLiteral("entryUUID"));
        for (const char* name :
            {"uid", "mail", "displayName", "cn", "departmentNumber", "ou", "manager", "pwdAccountLockedTime"}) {
            QVERIFY2(requested.contains(QLatin1String(name)), name);
        }
        QCOMPARE(requested.count(QStringLiteral("mail")), 1); // userName's alternative and email share it
    }

    // LDAP attribute names compare case-insensitively: a server may spell them otherwise than
    // the source type does (LdapEntry::find tries the exact spelling first).
    void attributeNamesInAnotherCase()
    {
        const LdapUserMapper mapper(sourceOfType("active-directory"), SourceType::AnchorFormat::Guid);
        const LdapEntry user = entry(QStringLiteral("CN=Jane,DC=example,DC=com"),
            {{"OBJECTGUID", {QByteArray::fromHex("9a5c6e0b341278569abcdef012345678")}},
                {"userprincipalname", {"jane@example.com"}}, {"Mail", {"jane.doe@example.com"}},
                {"GivenName", {"Jane"}}, {"USERACCOUNTCONTROL", {"514"}}});
        SourceUserEntry mapped;
        QString problem;
        QVERIFY2(mapper.map(user, &mapped, &problem), qPrintable(problem));
        QCOMPARE(mapped.user.objectId, QStringLiteral("0b6e5c9a-1234-5678-9abc-def012345678"));
        QCOMPARE(mapped.user.userName, QStringLiteral("jane@example.com"));
        QCOMPARE(mapped.user.email, QStringLiteral("jane.doe@example.com"));
        QCOMPARE(mapped.user.givenName, QStringLiteral("Jane"));
        QVERIFY(!mapped.user.active);
    }

    void mapsAnActiveDirectoryUser()
    {
        DirectorySource source = sourceOfType("active-directory");
        source.userMappings.append({QStringLiteral("costCenter"), QStringLiteral("extensionAttribute1")});
        const LdapUserMapper mapper(source, SourceType::AnchorFormat::Guid);
        const LdapEntry user = entry(QStringLiteral("CN=Doe\\, Jane,OU=Staff,DC=example,DC=com"),
            {{"objectGUID", {QByteArray::fromHex("9a5c6e0b341278569abcdef012345678")}},
                {"userPrincipalName", {"jane@example.com"}}, {"mail", {"Jane.Doe@example.com"}},
                {"givenName", {"Jane"}}, {"sn", {"Doe"}}, {"displayName", {"Doe, Jane"}}, {"employeeID", {"E-17"}},
                {"manager", {"CN=Boss,OU=Staff,DC=example,DC=com"}}, {"userAccountControl", {"66050"}},
                {"extensionAttribute1", {"CC-4"}}});
        SourceUserEntry mapped;
        QString problem;
        QVERIFY2(mapper.map(user, &mapped, &problem), qPrintable(problem));
        QCOMPARE(mapped.user.objectId, QStringLiteral("0b6e5c9a-1234-5678-9abc-def012345678"));
        QCOMPARE(mapped.user.userName, QStringLiteral("jane@example.com"));
        QCOMPARE(mapped.user.email, QStringLiteral("Jane.Doe@example.com"));
        QCOMPARE(mapped.user.displayName, QStringLiteral("Doe, Jane"));
        QCOMPARE(mapped.user.employeeNumber, QStringLiteral("E-17"));
        QCOMPARE(mapped.user.customAttributes.value(QStringLiteral("costCenter")), QStringLiteral("CC-4"));
        QVERIFY(!mapped.user.active);
        QCOMPARE(mapped.managerDn, QStringLiteral("CN=Boss,OU=Staff,DC=example,DC=com"));
        QVERIFY(mapped.user.manager.isEmpty()); // resolved by the reader once every user is known
        QCOMPARE(mapped.dn, user.dn);
    }

    void alternativesTakeTheFirstWithAValue()
    {
        const LdapUserMapper mapper(sourceOfType("openldap"), SourceType::AnchorFormat::Text);
        SourceUserEntry mapped;
        QString problem;
        QVERIFY(mapper.map(entry(QStringLiteral("cn=x,dc=example,dc=com"),
                               {{"entryUUID", {"64f3fb40-8617-1041-8130-6bfd7e32898e"}}, {"mail", {"x@example.com"}},
                                   {"cn", {"X Ample"}}, {"ou", {"Sales"}}}),
            &mapped, &problem));
        QCOMPARE(mapped.user.userName, QStringLiteral("x@example.com")); // no uid
        QCOMPARE(mapped.user.displayName, QStringLiteral("X Ample")); // no displayName
        QCOMPARE(mapped.user.department, QStringLiteral("Sales")); // no departmentNumber
        QVERIFY(mapped.user.active);
    }

    void refusesEntriesWithoutAnchorOrUserName()
    {
        const LdapUserMapper mapper(sourceOfType("openldap"), SourceType::AnchorFormat::Text);
        SourceUserEntry mapped;
        QString problem;
        QVERIFY(!mapper.map(entry(QStringLiteral("cn=a,dc=x"), {{"uid", {"a"}}}), &mapped, &problem));
        QVERIFY2(problem.contains(QStringLiteral("no entryUUID")), qPrintable(problem));
        QVERIFY(!mapper.map(entry(QStringLiteral("cn=b,dc=x"), {{"entryUUID", {"u-1"}}}), &mapped, &problem));
        QVERIFY2(problem.contains(QStringLiteral("no uid|mail (mapped to userName)")), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestLdapUserMapper)
#include "tst_ldapusermapper.moc"
