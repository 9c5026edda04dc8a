#include "TestCertificateAuthority.h"
#include "validation/SourceSettingsValidator.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// The directory-source rules every save path applies (Add Source, Edit Source, the CLI), with
// the field each message belongs to.
class TestSourceSettingsValidator : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;

    static DirectorySource validSource()
    {
        DirectorySource source;
        source.name = QStringLiteral("Corp AD");
        source.url = QStringLiteral("ldaps://dc1.corp.example");
        source.bindDn = QStringLiteral("CN=svc-scimdesk,OU=Service Accounts,DC=corp,DC=example");
        source.baseDn = QStringLiteral("DC=corp,DC=example");
        source.userFilter = QStringLiteral("(&(objectCategory=person)(objectClass=user))");
        source.groupFilter = QStringLiteral("(objectClass=group)");
        source.anchorAttribute = QStringLiteral("objectGUID");
        source.userMappings = {{QStringLiteral("userName"), QStringLiteral("userPrincipalName")},
            {QStringLiteral("displayName"), QStringLiteral("displayName|cn")}};
        source.groupMemberAttribute = QStringLiteral("member|uniqueMember");
        source.disabledRule = {DisabledAccountRule::Kind::FlagBitSet, QStringLiteral("userAccountControl"), 2, {}};
        return source;
    }

    // The issues of `field` only (the others must stay quiet for a one-field change).
    static QString only(const DirectorySource& source, const QString& field)
    {
        const ValidationIssues issues = SourceSettingsValidator::validate(source);
        if (issues.size() != 1 || issues.constFirst().field != field) {
            return QStringLiteral("<unexpected: %1>")
                .arg(Validation::joinedText(issues) + QStringLiteral(" @ ")
                    + (issues.isEmpty() ? QString() : issues.constFirst().field));
        }
        return issues.constFirst().message;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        const QString created = TestCertificateAuthority(m_files.path()).create();
        QVERIFY2(created.isEmpty(), qPrintable(created));
        QFile notes(m_files.filePath(QStringLiteral("notes.txt")));
        QVERIFY(notes.open(QIODevice::WriteOnly) && notes.write("not a certificate\n") > 0);
    }

    void validSourceHasNoIssues()
    {
        const ValidationIssues issues = SourceSettingsValidator::validate(validSource());
        QVERIFY2(issues.isEmpty(), qPrintable(Validation::joinedText(issues)));
    }

    void url_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("messagePart"); // empty: accepted
        QTest::newRow("ldaps") << QStringLiteral("ldaps://dc1.corp.example") << QString();
        QTest::newRow("ldaps port") << QStringLiteral("ldaps://dc1.corp.example:3269") << QString();
        QTest::newRow("ldap loopback") << QStringLiteral("ldap://127.0.0.1:3890") << QString();
        QTest::newRow("upper-case scheme") << QStringLiteral("LDAPS://dc1.corp.example") << QString();
        QTest::newRow("trailing slash") << QStringLiteral("ldaps://dc1.corp.example/") << QString();
        QTest::newRow("ipv6 loopback") << QStringLiteral("ldap://[::1]:389") << QString();
        QTest::newRow("empty") << QString() << QStringLiteral("Enter the directory's URL");
        QTest::newRow("https") << QStringLiteral("https://dc1.corp.example")
                               << QStringLiteral("must start with ldaps://");
        QTest::newRow("no scheme") << QStringLiteral("dc1.corp.example") << QStringLiteral("must start with ldaps://");
        QTest::newRow("ldapi") << QStringLiteral("ldapi:///var/run/slapd.sock")
                               << QStringLiteral("must start with ldaps://");
        QTest::newRow("no host") << QStringLiteral("ldap://:389") << QStringLiteral("no valid host");
        QTest::newRow("port 0") << QStringLiteral("ldap://dc1:0") << QStringLiteral("port");
        QTest::newRow("base DN in URL") << QStringLiteral("ldap://dc1/dc=corp,dc=example")
                                        << QStringLiteral("base DN and filters in their own fields");
        QTest::newRow("query") << QStringLiteral("ldap://dc1/?cn?sub") << QStringLiteral("in their own fields");
        const QString credential = QStringLiteral("user name or password");
        QTest::newRow("credentials") << QStringLiteral("ldaps://svc:hunter2@dc1.corp.example") << credential;
        QTest::newRow("user only") << QStringLiteral("ldap://svc@dc1") << credential;
    }

    void url()
    {
        QFETCH(QString, url);
        QFETCH(QString, messagePart);
        DirectorySource source = validSource();
        source.url = url;
        const QString error = SourceSettingsValidator::urlError(url);
        if (messagePart.isEmpty()) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(SourceSettingsValidator::validate(source).isEmpty());
            return;
        }
        QVERIFY2(error.contains(messagePart), qPrintable(error));
        QCOMPARE(only(source, QStringLiteral("url")), error);
        QVERIFY(!error.contains(QLatin1String("hunter2")));
    }

    void field_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("messagePart"); // empty: accepted
        QTest::newRow("name empty") << "name"
                                    << "  "
                                    << "Enter a source name";
        QTest::newRow("name embedded") << "name"
                                       << "Embedded"
                                       << "embedded directory";
        QTest::newRow("name control") << "name"
                                      << "Corp\u001bAD"
                                      << "control characters";
        QTest::newRow("name long") << "name" << QString(101, QLatin1Char('x')) << "at most 100";
        QTest::newRow("bind DN") << "bindDn"
                                 << "cn=svc,ou=svc,dc=example,dc=org"
                                 << "";
        QTest::newRow("bind UPN") << "bindDn"
                                  << "svc-scimdesk@corp.example"
                                  << "";
        QTest::newRow("bind down-level") << "bindDn"
                                         << "CORP\\svc-scimdesk"
                                         << "";
        QTest::newRow("bind anonymous") << "bindDn"
                                        << ""
                                        << "";
        QTest::newRow("bind DN unescaped comma") << "bindDn"
                                                 << "CN=Smith, John,OU=Svc,DC=corp"
                                                 << "not a valid DN";
        QTest::newRow("bind plain word") << "bindDn"
                                         << "administrator"
                                         << "user principal name";
        QTest::newRow("base DN empty") << "baseDn"
                                       << ""
                                       << "Enter the base DN";
        QTest::newRow("base DN escaped") << "baseDn"
                                         << "OU=R\\+D,DC=corp,DC=example"
                                         << "";
        QTest::newRow("base DN no equals") << "baseDn"
                                           << "corp.example"
                                           << "not a valid DN";
        QTest::newRow("base DN bad escape") << "baseDn"
                                            << "OU=a\\q,DC=corp"
                                            << "not a valid DN";
        QTest::newRow("user filter empty") << "userFilter"
                                           << ""
                                           << "Enter the user filter";
        QTest::newRow("user filter broken") << "userFilter"
                                            << "(&(objectClass=user)"
                                            << "User filter: Position";
        QTest::newRow("group filter broken") << "groupFilter"
                                             << "objectClass=group"
                                             << "Group filter: Position";
        QTest::newRow("anchor empty") << "anchorAttribute"
                                      << ""
                                      << "Enter the LDAP attribute";
        QTest::newRow("anchor OID") << "anchorAttribute"
                                    << "1.3.6.1.1.16.4"
                                    << "";
        QTest::newRow("anchor bad") << "anchorAttribute"
                                    << "object GUID"
                                    << "not an LDAP attribute name";
        QTest::newRow("member alternatives") << "groupMemberAttribute"
                                             << "member|uniqueMember"
                                             << "";
        QTest::newRow("member bad alternative") << "groupMemberAttribute"
                                                << "member||x"
                                                << "alternatives";
        QTest::newRow("CA missing") << "caFilePath"
                                    << "/nonexistent/ca.pem"
                                    << "does not exist";
        QTest::newRow("CA relative") << "caFilePath"
                                     << "ca.pem"
                                     << "full path";
    }

    void field()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, messagePart);
        DirectorySource source = validSource();
        if (field == QLatin1String("name"))
            source.name = value;
        else if (field == QLatin1String("bindDn"))
            source.bindDn = value;
        else if (field == QLatin1String("baseDn"))
            source.baseDn = value;
        else if (field == QLatin1String("userFilter"))
            source.userFilter = value;
        else if (field == QLatin1String("groupFilter"))
            source.groupFilter = value;
        else if (field == QLatin1String("anchorAttribute"))
            source.anchorAttribute = value;
        else if (field == QLatin1String("groupMemberAttribute"))
            source.groupMemberAttribute = value;
        else if (field == QLatin1String("caFilePath"))
            source.caFilePath = value;
        if (messagePart.isEmpty()) {
            const ValidationIssues issues = SourceSettingsValidator::validate(source);
            QVERIFY2(issues.isEmpty(), qPrintable(Validation::joinedText(issues)));
            return;
        }
        const QString message = only(source, field);
        QVERIFY2(message.contains(messagePart), qPrintable(message));
    }

    void caFile()
    {
        DirectorySource source = validSource();
        source.caFilePath = m_files.filePath(QStringLiteral("ca.pem"));
        QVERIFY(SourceSettingsValidator::validate(source).isEmpty());
        source.caFilePath = m_files.filePath(QStringLiteral("notes.txt"));
        QVERIFY(!only(source, QStringLiteral("caFilePath")).isEmpty());
    }

    void startTlsOnlyWithLdap()
    {
        DirectorySource source = validSource();
        source.startTls = true;
        QVERIFY2(only(source, QStringLiteral("startTls")).contains(QLatin1String("StartTLS is for ldap://")),
            qPrintable(only(source, QStringLiteral("startTls"))));
        source.url = QStringLiteral("ldap://dc1.corp.example");
        QVERIFY(SourceSettingsValidator::validate(source).isEmpty());
        QCOMPARE(SourceSettingsValidator::portOf(source.url), 389);
        // Without StartTLS plain LDAP only reaches this computer.
        source.startTls = false;
        QVERIFY(only(source, QStringLiteral("startTls")).contains(QLatin1String("unencrypted")));
        source.url = QStringLiteral("ldap://localhost:3890");
        QVERIFY(SourceSettingsValidator::validate(source).isEmpty());
        QCOMPARE(SourceSettingsValidator::portOf(source.url), 3890);
        QCOMPARE(SourceSettingsValidator::portOf(QStringLiteral("ldap://dc1")), 389);
        QCOMPARE(SourceSettingsValidator::portOf(QStringLiteral("ldaps://dc1")), 636);
    }

    void pageSize_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("0") << 0 << false;
        QTest::newRow("1") << 1 << true;
        QTest::newRow("500") << 500 << true;
        QTest::newRow("10000") << 10000 << true;
        QTest::newRow("10001") << 10001 << false;
        QTest::newRow("negative") << -5 << false;
    }

    void pageSize()
    {
        QFETCH(int, pageSize);
        QFETCH(bool, accepted);
        DirectorySource source = validSource();
        source.pageSize = pageSize;
        if (accepted) {
            QVERIFY(SourceSettingsValidator::validate(source).isEmpty());
        } else {
            QVERIFY(only(source, QStringLiteral("pageSize")).contains(QLatin1String("between 1 and 10000")));
        }
    }

    void mappings_data()
    {
        QTest::addColumn<QString>("directoryAttribute");
        QTest::addColumn<QString>("ldapAttribute");
        QTest::addColumn<QString>("field"); // empty: accepted
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("custom attribute") << "costCenter"
                                          << "extensionAttribute1"
                                          << ""
                                          << "";
        QTest::newRow("binary option") << "badge"
                                       << "jpegPhoto;binary"
                                       << ""
                                       << "";
        QTest::newRow("objectId") << "objectId"
                                  << "objectGUID"
                                  << "userMappings[2].directoryAttribute"
                                  << "anchor attribute";
        QTest::newRow("active") << "active"
                                << "userAccountControl"
                                << "userMappings[2].directoryAttribute"
                                << "disabled-account rule";
        QTest::newRow("wrong case") << "Email"
                                    << "mail"
                                    << "userMappings[2].directoryAttribute"
                                    << "as email";
        QTest::newRow("twice") << "userName"
                               << "mail"
                               << "userMappings[2].directoryAttribute"
                               << "mapped twice";
        QTest::newRow("empty target") << ""
                                      << "mail"
                                      << "userMappings[2].directoryAttribute"
                                      << "Choose the directory";
        QTest::newRow("bad ldap name") << "email"
                                       << "e-mail address"
                                       << "userMappings[2].ldapAttribute"
                                       << "not an LDAP attribute";
    }

    void mappings()
    {
        QFETCH(QString, directoryAttribute);
        QFETCH(QString, ldapAttribute);
        QFETCH(QString, field);
        QFETCH(QString, messagePart);
        DirectorySource source = validSource();
        source.userMappings.append({directoryAttribute, ldapAttribute});
        if (field.isEmpty()) {
            QVERIFY(SourceSettingsValidator::validate(source).isEmpty());
            return;
        }
        const QString message = only(source, field);
        QVERIFY2(message.contains(messagePart), qPrintable(message));
    }

    void userNameMustBeMapped()
    {
        DirectorySource source = validSource();
        source.userMappings.removeFirst();
        QVERIFY(only(source, QStringLiteral("userMappings")).contains(QLatin1String("userName")));
    }

    void disabledRule_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("attribute");
        QTest::addColumn<qint64>("mask");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field"); // empty: accepted
        QTest::newRow("never") << int(DisabledAccountRule::Kind::Never) << "" << qint64(0) << ""
                               << "";
        QTest::newRow("bit") << int(DisabledAccountRule::Kind::FlagBitSet) << "userAccountControl" << qint64(2) << ""
                             << "";
        QTest::newRow("bit without mask")
            << int(DisabledAccountRule::Kind::FlagBitSet) << "userAccountControl" << qint64(0) << ""
            << "disabledRule.mask";
        QTest::newRow("present") << int(DisabledAccountRule::Kind::AttributePresent) << "pwdAccountLockedTime"
                                 << qint64(0) << ""
                                 << "";
        QTest::newRow("present without attribute")
            << int(DisabledAccountRule::Kind::AttributePresent) << "" << qint64(0) << ""
            << "disabledRule.attribute";
        QTest::newRow("equals without value")
            << int(DisabledAccountRule::Kind::AttributeEquals) << "nsAccountLock" << qint64(0) << " "
            << "disabledRule.value";
    }

    void disabledRule()
    {
        QFETCH(int, kind);
        QFETCH(QString, attribute);
        QFETCH(qint64, mask);
        QFETCH(QString, value);
        QFETCH(QString, field);
        DirectorySource source = validSource();
        source.disabledRule = {DisabledAccountRule::Kind(kind), attribute, mask, value};
        if (field.isEmpty()) {
            QVERIFY(SourceSettingsValidator::validate(source).isEmpty());
        } else {
            QVERIFY(!only(source, field).startsWith(QLatin1String("<unexpected")));
        }
    }
};

QTEST_GUILESS_MAIN(TestSourceSettingsValidator)
#include "tst_sourcesettingsvalidator.moc"
