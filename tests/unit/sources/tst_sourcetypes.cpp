#include "sources/SourceTypeLoader.h"
#include "sources/SourceTypeRegistry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

// A small valid source type; the broken-file rows replace one piece of its text.
const char* const kValid = R"json({
    "id": "test-directory",
    "displayName": "Test directory",
    "urlHint": "ldaps://ldap.example.com",
    "ports": {"ldap": 389, "ldaps": 636},
    "startTls": true,
    "userFilter": "(objectClass=person)",
    "groupFilter": "(objectClass=groupOfNames)",
    "anchor": {"attribute": "entryUUID", "format": "text"},
    "userMappings": [
        {"directoryAttribute": "userName", "ldapAttribute": "uid|mail"},
        {"directoryAttribute": "costCenter", "ldapAttribute": "departmentNumber"}
    ],
    "groups": {"nameAttribute": "cn", "descriptionAttribute": "description", "memberAttribute": "member|uniqueMember"},
    "disabledRule": {"kind": "flag-bit-set", "attribute": "userAccountControl", "mask": 2},
    "nesting": "client-side",
    "highWaterMark": "csn",
    "notes": ["A note."]
})json";

QByteArray validWith(const char* from, const char* to)
{
    QByteArray json(kValid);
    const QByteArray before(from);
    if (!json.contains(before)) {
        qFatal("test data: \"%s\" is not in the valid preset", from);
    }
    return json.replace(before, QByteArray(to));
}

LdapAttributeMapping mapping(const char* directory, const char* ldap)
{
    return {QLatin1String(directory), QLatin1String(ldap)};
}

} // namespace

class TestSourceTypes : public QObject
{
    Q_OBJECT

private slots:
    void validLoads()
    {
        const auto loaded = SourceTypeLoader::parse(kValid, QStringLiteral("test.json"));
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error()));
        QCOMPARE(loaded->id, QStringLiteral("test-directory"));
        QCOMPARE(loaded->userMappings.size(), 2);
        QCOMPARE(loaded->userMappings.at(1), mapping("costCenter", "departmentNumber"));
        QCOMPARE(loaded->disabledRule.mask, 2);
        QCOMPARE(loaded->highWaterMark, SourceType::HighWaterMark::Csn);
        QCOMPARE(loaded->groupMemberAttribute, QStringLiteral("member|uniqueMember"));
    }

    void brokenFile_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not json") << QByteArray("{\n  \"id\": ,\n}")
                                  << QStringLiteral("t.json: invalid JSON at line 2");
        QTest::newRow("not an object") << QByteArray("[1]") << QStringLiteral("must be a JSON object");
        QTest::newRow("bad id") << validWith("\"test-directory\"", "\"Test Directory\"")
                                << QStringLiteral("t.json: id: \"Test Directory\" must be lower-case");
        QTest::newRow("unknown key") << validWith("\"startTls\": true", "\"startTLS\": true")
                                     << QStringLiteral("t.json: startTLS: unknown key");
        QTest::newRow("secret") << validWith("\"startTls\": true", "\"startTls\": true, \"bindPassword\": \"x\"")
                                << QStringLiteral("bindPassword: presets must not contain secrets");
        QTest::newRow("missing filter") << validWith("\"userFilter\": \"(objectClass=person)\",", "")
                                        << QStringLiteral("userFilter: is required");
        QTest::newRow("unbalanced filter") << validWith("(objectClass=person)", "(&(objectClass=person)")
                                           << QStringLiteral("userFilter: \"(&(objectClass=person)\" has 1 unclosed");
        QTest::newRow("two filters") << validWith("(objectClass=person)", "(a=b)(c=d)")
                                     << QStringLiteral("must be one filter; combine");
        QTest::newRow("bad anchor format") << validWith("\"format\": \"text\"", "\"format\": \"binary\"")
                                           << QStringLiteral("anchor.format: \"binary\" is not a format");
        QTest::newRow("bad attribute") << validWith("\"uid|mail\"", "\"mail address\"")
                                       << QStringLiteral("userMappings[0].ldapAttribute: \"mail address\" is not an "
                                                         "LDAP attribute name");
        QTest::newRow("empty alternative")
            << validWith("\"uid|mail\"", "\"uid|\"") << QStringLiteral("userMappings[0].ldapAttribute");
        QTest::newRow("duplicate target")
            << validWith("\"costCenter\"", "\"userName\"")
            << QStringLiteral("userMappings[1].directoryAttribute: \"userName\" is already mapped by userMappings[0]");
        QTest::newRow("no userName") << validWith(
            "\"directoryAttribute\": \"userName\"", "\"directoryAttribute\": \"login\"")
                                     << QStringLiteral("userMappings: must map userName");
        QTest::newRow("mapping not an object")
            << validWith("{\"directoryAttribute\": \"costCenter\", \"ldapAttribute\": \"departmentNumber\"}", "42")
            << QStringLiteral("userMappings[1]: must be an object, not a number");
        QTest::newRow("no member attribute") << validWith(", \"memberAttribute\": \"member|uniqueMember\"", "")
                                             << QStringLiteral("groups.memberAttribute: is required");
        QTest::newRow("unknown rule") << validWith("\"flag-bit-set\"", "\"bit\"")
                                      << QStringLiteral("disabledRule.kind: \"bit\" is not a rule");
        QTest::newRow("mask zero") << validWith("\"mask\": 2", "\"mask\": 0")
                                   << QStringLiteral("disabledRule.mask: must be a whole number of at least 1");
        QTest::newRow("mask missing") << validWith(", \"mask\": 2", "")
                                      << QStringLiteral("disabledRule.mask: is required for kind flag-bit-set");
        QTest::newRow("mask on another rule") << validWith("\"flag-bit-set\"",
            "\"attribute-present\"") << QStringLiteral("disabledRule.mask: is not used by kind attribute-present");
        QTest::newRow("equals without value")
            << validWith("\"flag-bit-set\", \"attribute\": \"userAccountControl\", \"mask\": 2",
                   "\"attribute-equals\", \"attribute\": \"nsAccountLock\"")
            << QStringLiteral("disabledRule.value: is required");
        QTest::newRow("bad nesting") << validWith("\"client-side\"", "\"server\"")
                                     << QStringLiteral("nesting: \"server\" is not valid; use client-side or in-chain");
        QTest::newRow("bad high-water mark")
            << validWith("\"csn\"", "\"usn2\"") << QStringLiteral("highWaterMark: \"usn2\" is not valid");
        QTest::newRow("bad port") << validWith("\"ldaps\": 636", "\"ldaps\": 70000")
                                  << QStringLiteral("ports.ldaps: must be a whole number from 1 to 65535");
    }
    void brokenFile()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const auto loaded = SourceTypeLoader::parse(json, QStringLiteral("t.json"));
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().contains(error), qPrintable(loaded.error()));
    }

    void everyProblemIsReported()
    {
        QByteArray json = validWith("\"client-side\"", "\"server\"");
        json.replace("\"csn\"", "\"usn2\"");
        const auto loaded = SourceTypeLoader::parse(json, QStringLiteral("t.json"));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().split(QLatin1Char('\n')).size(), 2);
    }

    void shippedTypesLoad()
    {
        const SourceTypeRegistry registry = SourceTypeRegistry::load();
        QVERIFY2(registry.errors().isEmpty(), qPrintable(registry.errors().join(QLatin1Char('\n'))));
        QCOMPARE(registry.all().size(), 3);
        for (const char* id : {"active-directory", "openldap", "generic-ldap"}) {
            QVERIFY2(registry.find(QLatin1String(id)), id);
        }
    }

    void activeDirectoryDefaults()
    {
        const auto ad = SourceTypeRegistry::load().find(QStringLiteral("active-directory"));
        QVERIFY(ad);
        QCOMPARE(ad->anchorAttribute, QStringLiteral("objectGUID"));
        QCOMPARE(ad->anchorFormat, SourceType::AnchorFormat::Guid);
        QCOMPARE(ad->userFilter, QStringLiteral("(&(objectCategory=person)(objectClass=user))"));
        const QList<LdapAttributeMapping> expected {mapping("userName", "userPrincipalName"), mapping("email", "mail"),
            mapping("givenName", "givenName"), mapping("familyName", "sn"), mapping("displayName", "displayName"),
            mapping("phone", "telephoneNumber"), mapping("title", "title"), mapping("department", "department"),
            mapping("employeeNumber", "employeeID"), mapping("manager", "manager")};
        QCOMPARE(ad->userMappings, expected);
        QCOMPARE(ad->disabledRule.kind, DisabledAccountRule::Kind::FlagBitSet);
        QCOMPARE(ad->disabledRule.attribute, QStringLiteral("userAccountControl"));
        QCOMPARE(ad->disabledRule.mask, 2);
        QCOMPARE(ad->nesting, GroupNesting::ClientSide);
        QCOMPARE(ad->highWaterMark, SourceType::HighWaterMark::Usn);
    }

    void openLdapDefaults()
    {
        const auto openldap = SourceTypeRegistry::load().find(QStringLiteral("openldap"));
        QVERIFY(openldap);
        QCOMPARE(openldap->anchorAttribute, QStringLiteral("entryUUID"));
        QCOMPARE(openldap->userMappings.at(0), mapping("userName", "uid|mail"));
        QVERIFY(openldap->userMappings.contains(mapping("displayName", "displayName|cn")));
        QVERIFY(openldap->userMappings.contains(mapping("department", "departmentNumber|ou")));
        QCOMPARE(openldap->groupMemberAttribute, QStringLiteral("member|uniqueMember"));
        QCOMPARE(openldap->disabledRule.kind, DisabledAccountRule::Kind::AttributePresent);
        QCOMPARE(openldap->disabledRule.attribute, QStringLiteral("pwdAccountLockedTime"));
        QCOMPARE(openldap->nesting, GroupNesting::ClientSide);
        QCOMPARE(openldap->highWaterMark, SourceType::HighWaterMark::Csn);
        const auto generic = SourceTypeRegistry::load().find(QStringLiteral("generic-ldap"));
        QCOMPARE(generic->disabledRule.kind, DisabledAccountRule::Kind::Never);
    }

    void brokenAndDuplicateFilesAreSkipped()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto write = [&](const QString& name, const QByteArray& json) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(json);
        };
        write(QStringLiteral("a-broken.json"), validWith("\"client-side\"", "\"server\""));
        write(QStringLiteral("b-copy.json"), validWith("\"test-directory\"", "\"openldap\""));
        write(QStringLiteral("c-good.json"), kValid);
        const SourceTypeRegistry registry = SourceTypeRegistry::load(dir.path());
        QCOMPARE(registry.all().size(), 4);
        QVERIFY(registry.find(QStringLiteral("test-directory")));
        QCOMPARE(registry.errors().size(), 2);
        QVERIFY(registry.errors().at(0).contains(QStringLiteral("a-broken.json: nesting")));
        QVERIFY(registry.errors().at(1).contains(QStringLiteral("id \"openldap\" is already used")));
    }

    void applyingATypeSaysWhatItOverwrites()
    {
        const SourceTypeRegistry registry = SourceTypeRegistry::load();
        DirectorySource source;
        source.url = QStringLiteral("ldaps://dc1.example.com");
        source.baseDn = QStringLiteral("DC=example,DC=com");
        source.bindDn = QStringLiteral("svc@example.com");
        const auto first = registry.applyType(source, QStringLiteral("active-directory"));
        QVERIFY(first.ok());
        QVERIFY(first->hasChanges());
        QVERIFY(first->changes.contains(
            QStringLiteral("User filter: (empty) → (&(objectCategory=person)(objectClass=user))")));
        QVERIFY(first->changes.contains(QStringLiteral("Attribute mapping added: userName ← userPrincipalName")));
        QVERIFY(first->changes.contains(
            QStringLiteral("Disabled accounts: never (accounts are never read as disabled) → when userAccountControl "
                           "has bit 0x2 set")));
        QCOMPARE(first->result.sourceTypeId, QStringLiteral("active-directory"));
        // Connection settings are the admin's.
        QCOMPARE(first->result.url, source.url);
        QCOMPARE(first->result.baseDn, source.baseDn);
        QCOMPARE(first->result.bindDn, source.bindDn);

        // Applying it again overwrites nothing.
        const auto again = registry.applyType(first->result, QStringLiteral("active-directory"));
        QVERIFY(!again->hasChanges());

        // Switching to OpenLDAP names each changed setting once, and only those.
        DirectorySource edited = first->result;
        edited.userMappings.append(mapping("costCenter", "extensionAttribute1"));
        const auto switched = registry.applyType(edited, QStringLiteral("openldap"));
        QVERIFY(switched->changes.contains(QStringLiteral("Anchor attribute: objectGUID → entryUUID")));
        QVERIFY(switched->changes.contains(
            QStringLiteral("Attribute mapping changed: userName ← userPrincipalName → userName ← uid|mail")));
        QVERIFY(
            switched->changes.contains(QStringLiteral("Attribute mapping removed: costCenter ← extensionAttribute1")));
        QVERIFY(!switched->changes.contains(QStringLiteral("Attribute mapping changed: email ← mail → email ← mail")));
        QVERIFY(switched->changes.contains(QStringLiteral("Group member attribute: member → member|uniqueMember")));
        QVERIFY(switched->mappingsChanged && switched->anchorChanged && switched->disabledRuleChanged);
        QVERIFY(!switched->nestingChanged);

        const auto unknown = registry.applyType(source, QStringLiteral("novell"));
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().contains(QStringLiteral("active-directory, generic-ldap, openldap")));
    }
};

QTEST_GUILESS_MAIN(TestSourceTypes)
#include "tst_sourcetypes.moc"
