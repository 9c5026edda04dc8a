// The emulator behaves like AWS IAM Identity Center's SCIM endpoint (aws-scim-reference.md).
#include "AwsScimEmulator.h"
#include "EmulatorTestClient.h"

#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

QJsonObject userBody(const QString& userName, const QString& email = QString())
{
    QJsonObject body {{QStringLiteral("schemas"), QJsonArray {AwsScimStore::kUserSchema}},
        {QStringLiteral("userName"), userName}, {QStringLiteral("displayName"), QStringLiteral("Display ") + userName},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("Given")},
                {QStringLiteral("familyName"), QStringLiteral("Family")}}}};
    if (!email.isEmpty())
        body.insert(QStringLiteral("emails"),
            QJsonArray {QJsonObject {{QStringLiteral("value"), email}, {QStringLiteral("primary"), true}}});
    return body;
}

QJsonObject patchBody(const QJsonArray& operations)
{
    return {{QStringLiteral("schemas"), QJsonArray {AwsScimStore::kPatchOpSchema}},
        {QStringLiteral("Operations"), operations}};
}

QJsonObject op(const QString& name, const QString& path, const QJsonValue& value = QJsonValue::Undefined)
{
    QJsonObject object {{QStringLiteral("op"), name}};
    if (!path.isEmpty())
        object.insert(QStringLiteral("path"), path);
    if (!value.isUndefined())
        object.insert(QStringLiteral("value"), value);
    return object;
}

QJsonArray memberList(const QStringList& ids)
{
    QJsonArray list;
    for (const QString& id : ids)
        list.append(QJsonObject {{QStringLiteral("value"), id}});
    return list;
}

} // namespace

class TestAwsScimEmulator : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void rejectsMissingOrWrongCredentials();
    void userLifecycle();
    void rejectsInvalidUsers_data();
    void rejectsInvalidUsers();
    void conflictsOnUniqueAttributes_data();
    void conflictsOnUniqueAttributes();
    void patchUserRules();
    void cursorPagingWalksAllUsers();
    void listWithoutCursorReturnsOnePage();
    void rejectsCountAbove100();
    void rejectsUnsupportedFilters_data();
    void rejectsUnsupportedFilters();
    void filterValueEscaping();
    void groupsNeverReturnMembers();
    void groupPatchLimits();
    void groupPutIsNotSupported();
    void discoveryDocuments();
    void countsRequests();

private:
    QString createUser(const QString& userName);

    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<EmulatorTestClient> m_client;
};

void TestAwsScimEmulator::init()
{
    AwsScimEmulator::Options options;
    options.token = QStringLiteral("secret-token");
    m_emulator = std::make_unique<AwsScimEmulator>(options);
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
    m_client = std::make_unique<EmulatorTestClient>(m_emulator->baseUrl(), QStringLiteral("secret-token"));
}

void TestAwsScimEmulator::cleanup()
{
    m_client.reset();
    m_emulator.reset();
}

QString TestAwsScimEmulator::createUser(const QString& userName)
{
    return m_emulator->store().createUser(userBody(userName)).body.value(QLatin1String("id")).toString();
}

void TestAwsScimEmulator::rejectsMissingOrWrongCredentials()
{
    QVERIFY(m_emulator->baseUrl().toString().endsWith(QLatin1String("/scim/v2/")));
    m_client->setToken(QString());
    auto reply = m_client->get(QStringLiteral("Users"));
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.json.value(QLatin1String("status")).toString(), QStringLiteral("401"));
    QCOMPARE(reply.json.value(QLatin1String("schema")).toArray().first().toString(), AwsScimStore::kErrorSchema);
    QCOMPARE(reply.json.value(QLatin1String("schemas")).toArray().first().toString(), AwsScimStore::kErrorSchema);
    QVERIFY(!reply.requestId.isEmpty());
    QCOMPARE(reply.json.value(QLatin1String("exceptionRequestId")).toString(), QString::fromLatin1(reply.requestId));
    QVERIFY(reply.json.contains(QLatin1String("timeStamp")));

    m_client->setToken(QStringLiteral("wrong"));
    QCOMPARE(m_client->get(QStringLiteral("Users")).status, 401);

    // A wrong tenant id is a 401 too, even with the right token.
    QUrl otherTenant = m_emulator->baseUrl();
    otherTenant.setPath(QStringLiteral("/other-tenant/scim/v2/"));
    EmulatorTestClient other(otherTenant, QStringLiteral("secret-token"));
    QCOMPARE(other.get(QStringLiteral("Users")).status, 401);
}

void TestAwsScimEmulator::userLifecycle()
{
    QJsonObject body = userBody(QStringLiteral("alice@example.com"), QStringLiteral("alice@example.com"));
    body.insert(QStringLiteral("externalId"), QStringLiteral("ext-1"));
    body.insert(AwsScimStore::kEnterpriseUserSchema,
        QJsonObject {{QStringLiteral("department"), QStringLiteral("IT")},
            {QStringLiteral("manager"), QJsonObject {{QStringLiteral("value"), QStringLiteral("m1")}}}});
    auto created = m_client->send("POST", QStringLiteral("Users"), body);
    QCOMPARE(created.status, 201);
    QVERIFY(!created.requestId.isEmpty());
    const QString id = created.json.value(QLatin1String("id")).toString();
    QVERIFY(!id.isEmpty());
    const QJsonObject meta = created.json.value(QLatin1String("meta")).toObject();
    QCOMPARE(meta.value(QLatin1String("resourceType")).toString(), QStringLiteral("User"));
    QVERIFY(meta.contains(QLatin1String("created")) && meta.contains(QLatin1String("lastModified")));
    QVERIFY(created.json.value(QLatin1String("schemas")).toArray().contains(AwsScimStore::kEnterpriseUserSchema));

    auto fetched = m_client->get(QStringLiteral("Users/") + id);
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.json.value(QLatin1String("userName")).toString(), QStringLiteral("alice@example.com"));

    QJsonObject replacement = userBody(QStringLiteral("alice@example.com"));
    replacement.insert(QStringLiteral("displayName"), QStringLiteral("Alice Replaced"));
    auto replaced = m_client->send("PUT", QStringLiteral("Users/") + id, replacement);
    QCOMPARE(replaced.status, 200);
    QCOMPARE(replaced.json.value(QLatin1String("displayName")).toString(), QStringLiteral("Alice Replaced"));
    QVERIFY(!replaced.json.contains(QLatin1String("emails"))); // PUT is a full replace
    QVERIFY(!replaced.json.contains(QLatin1String("externalId")));

    auto patched = m_client->send("PATCH", QStringLiteral("Users/") + id,
        patchBody({op(QStringLiteral("replace"), QStringLiteral("displayName"), QStringLiteral("Alice P")),
            op(QStringLiteral("replace"), QStringLiteral("active"), false),
            op(QStringLiteral("add"), QStringLiteral("emails[type eq \"work\"].value"),
                QStringLiteral("alice@work.example"))}));
    QCOMPARE(patched.status, 200);
    QCOMPARE(patched.json.value(QLatin1String("displayName")).toString(), QStringLiteral("Alice P"));
    QCOMPARE(patched.json.value(QLatin1String("active")).toBool(true), false);
    QCOMPARE(m_emulator->store().user(id).value(QLatin1String("emails")).toArray().size(), 1);

    QCOMPARE(m_client->send("DELETE", QStringLiteral("Users/") + id).status, 204);
    QCOMPARE(m_client->get(QStringLiteral("Users/") + id).status, 404);
    QCOMPARE(m_emulator->userCount(), 0);
}

void TestAwsScimEmulator::rejectsInvalidUsers_data()
{
    QTest::addColumn<QJsonObject>("body");
    const QJsonObject valid = userBody(QStringLiteral("bob"));
    auto without = [&valid](const QString& key) {
        QJsonObject copy = valid;
        copy.remove(key);
        return copy;
    };
    auto with = [&valid](const QString& key, const QJsonValue& value) {
        QJsonObject copy = valid;
        copy.insert(key, value);
        return copy;
    };
    QTest::newRow("no userName") << without(QStringLiteral("userName"));
    QTest::newRow("no displayName") << without(QStringLiteral("displayName"));
    QTest::newRow("no givenName") << with(
        QStringLiteral("name"), QJsonObject {{QStringLiteral("familyName"), QStringLiteral("F")}});
    QTest::newRow("no familyName") << with(
        QStringLiteral("name"), QJsonObject {{QStringLiteral("givenName"), QStringLiteral("G")}});
    const QJsonObject email {{QStringLiteral("value"), QStringLiteral("a@x.org")}, {QStringLiteral("primary"), true}};
    QTest::newRow("two emails") << with(QStringLiteral("emails"), QJsonArray {email, email});
    QTest::newRow("two phone numbers") << with(QStringLiteral("phoneNumbers"),
        QJsonArray {QJsonObject {{QStringLiteral("value"), QStringLiteral("1")}},
            QJsonObject {{QStringLiteral("value"), QStringLiteral("2")}}});
    QTest::newRow("email not primary") << with(
        QStringLiteral("emails"), QJsonArray {QJsonObject {{QStringLiteral("value"), QStringLiteral("a@x.org")}}});
    QTest::newRow("userName with <") << with(QStringLiteral("userName"), QStringLiteral("a<b"));
    QTest::newRow("userName with %") << with(QStringLiteral("userName"), QStringLiteral("a%b"));
    QTest::newRow("userName with :") << with(QStringLiteral("userName"), QStringLiteral("a:b"));
    QTest::newRow("userName 129 chars") << with(QStringLiteral("userName"), QString(129, QLatin1Char('u')));
    QTest::newRow("title 1025 chars") << with(QStringLiteral("title"), QString(1025, QLatin1Char('t')));
    QTest::newRow("empty title") << with(QStringLiteral("title"), QString());
    QTest::newRow("control character") << with(QStringLiteral("title"),
        QStringLiteral("a\x01"
                       "b"));
    QTest::newRow("reserved userName") << with(QStringLiteral("userName"), QStringLiteral("administrator"));
    QTest::newRow("password") << with(QStringLiteral("password"), QStringLiteral("p"));
    QTest::newRow("groups on create") << with(QStringLiteral("groups"), QJsonArray());
    QTest::newRow("manager displayName") << with(AwsScimStore::kEnterpriseUserSchema,
        QJsonObject {{QStringLiteral("manager"),
            QJsonObject {{QStringLiteral("value"), QStringLiteral("m")},
                {QStringLiteral("displayName"), QStringLiteral("M")}}}});
}

void TestAwsScimEmulator::rejectsInvalidUsers()
{
    QFETCH(QJsonObject, body);
    const auto reply = m_client->send("POST", QStringLiteral("Users"), body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json.value(QLatin1String("status")).toString(), QStringLiteral("400"));
    QVERIFY(!reply.json.value(QLatin1String("detail")).toString().isEmpty());
    QCOMPARE(m_emulator->userCount(), 0);
}

void TestAwsScimEmulator::conflictsOnUniqueAttributes_data()
{
    QTest::addColumn<QJsonObject>("second");
    QTest::newRow("userName, other case") << userBody(QStringLiteral("CAROL@Example.com"));
    QTest::newRow("primary email") << userBody(QStringLiteral("other"), QStringLiteral("Carol@Example.com"));
    QJsonObject sameExternalId = userBody(QStringLiteral("third"));
    sameExternalId.insert(QStringLiteral("externalId"), QStringLiteral("ext-carol"));
    QTest::newRow("externalId") << sameExternalId;
}

void TestAwsScimEmulator::conflictsOnUniqueAttributes()
{
    QFETCH(QJsonObject, second);
    QJsonObject first = userBody(QStringLiteral("carol@example.com"), QStringLiteral("carol@example.com"));
    first.insert(QStringLiteral("externalId"), QStringLiteral("ext-carol"));
    QCOMPARE(m_client->send("POST", QStringLiteral("Users"), first).status, 201);
    const auto reply = m_client->send("POST", QStringLiteral("Users"), second);
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.json.value(QLatin1String("detail")).toString(),
        QStringLiteral("Refused to create a new, duplicate resource."));
    QCOMPARE(reply.json.value(QLatin1String("status")).toString(), QStringLiteral("409"));
    QCOMPARE(m_emulator->userCount(), 1);
}

void TestAwsScimEmulator::patchUserRules()
{
    const QString id = createUser(QStringLiteral("dave"));
    const QString path = QStringLiteral("Users/") + id;
    QCOMPARE(
        m_client->send("PATCH", path, patchBody({op(QStringLiteral("remove"), QStringLiteral("userName"))})).status,
        400);
    QCOMPARE(
        m_client->send("PATCH", path, patchBody({op(QStringLiteral("remove"), QStringLiteral("active"))})).status, 400);
    QCOMPARE(m_client->send("PATCH", path, patchBody({op(QStringLiteral("remove"), QString())})).status, 400);
    QCOMPARE(m_client
                 ->send("PATCH", path,
                     patchBody({op(QStringLiteral("replace"), QStringLiteral("active"), false),
                         op(QStringLiteral("replace"), QStringLiteral("active"), true)}))
                 .status,
        400);
    // Removing a required attribute leaves an invalid user.
    QCOMPARE(
        m_client->send("PATCH", path, patchBody({op(QStringLiteral("remove"), QStringLiteral("displayName"))})).status,
        400);
    // No path: one attribute in the value object.
    const auto noPath = m_client->send("PATCH", path,
        patchBody({op(
            QStringLiteral("replace"), QString(), QJsonObject {{QStringLiteral("title"), QStringLiteral("CTO")}})}));
    QCOMPARE(noPath.status, 200);
    QCOMPARE(noPath.json.value(QLatin1String("title")).toString(), QStringLiteral("CTO"));
    const auto enterprise = m_client->send("PATCH", path,
        patchBody({op(QStringLiteral("add"), AwsScimStore::kEnterpriseUserSchema + QStringLiteral(":department"),
            QStringLiteral("Sales"))}));
    QCOMPARE(enterprise.status, 200);
    QCOMPARE(enterprise.json.value(AwsScimStore::kEnterpriseUserSchema).toObject().value(QLatin1String("department")),
        QJsonValue(QStringLiteral("Sales")));
    QCOMPARE(m_client
                 ->send("PATCH", QStringLiteral("Users/missing"),
                     patchBody({op(QStringLiteral("replace"), QStringLiteral("title"), QStringLiteral("x"))}))
                 .status,
        404);
}

void TestAwsScimEmulator::cursorPagingWalksAllUsers()
{
    for (int i = 0; i < 250; ++i)
        QVERIFY(!createUser(QStringLiteral("user%1").arg(i, 3, 10, QLatin1Char('0'))).isEmpty());

    QSet<QString> seen;
    QString next;
    int pages = 0;
    auto reply = m_client->get(QStringLiteral("Users?cursor"));
    QVERIFY2(reply.url.toString().contains(QLatin1String("/Users?cursor")), qPrintable(reply.url.toString()));
    QVERIFY(!reply.url.toString().contains(QLatin1String("cursor=")));
    while (true) {
        QCOMPARE(reply.status, 200);
        ++pages;
        const QJsonArray resources = reply.json.value(QLatin1String("Resources")).toArray();
        QCOMPARE(reply.json.value(QLatin1String("itemsPerPage")).toInt(), resources.size());
        QCOMPARE(reply.json.value(QLatin1String("totalResults")).toInt(), 250);
        for (const QJsonValue& user : resources)
            seen.insert(user.toObject().value(QLatin1String("id")).toString());
        next = reply.json.value(QLatin1String("nextCursor")).toString();
        if (next.isEmpty())
            break;
        QCOMPARE(resources.size(), 100);
        reply = m_client->get(QStringLiteral("Users?cursor=") + next);
    }
    QCOMPARE(pages, 3);
    QCOMPARE(seen.size(), 250);

    // count pages smaller, and a filter pages the same way.
    reply = m_client->get(QStringLiteral("Users?count=7&cursor"));
    QCOMPARE(reply.json.value(QLatin1String("Resources")).toArray().size(), 7);
    QVERIFY(reply.json.contains(QLatin1String("nextCursor")));
    QCOMPARE(m_client->get(QStringLiteral("Users?cursor=bogus")).status, 400);
}

void TestAwsScimEmulator::listWithoutCursorReturnsOnePage()
{
    for (int i = 0; i < 120; ++i)
        createUser(QStringLiteral("u%1").arg(i));
    auto reply = m_client->get(QStringLiteral("Users"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QLatin1String("Resources")).toArray().size(), 100);
    QVERIFY(!reply.json.contains(QLatin1String("nextCursor")));
    // startIndex is ignored like on AWS: the same first page comes back.
    reply = m_client->get(QStringLiteral("Users?startIndex=101&count=100"));
    QCOMPARE(reply.json.value(QLatin1String("Resources")).toArray().first().toObject().value(QLatin1String("userName")),
        QJsonValue(QStringLiteral("u0")));

    m_emulator->setLegacySinglePage(true);
    reply = m_client->get(QStringLiteral("Users"));
    QCOMPARE(reply.json.value(QLatin1String("Resources")).toArray().size(), 50);
    QVERIFY(!reply.json.contains(QLatin1String("nextCursor")));
}

void TestAwsScimEmulator::rejectsCountAbove100()
{
    QCOMPARE(m_client->get(QStringLiteral("Users?count=101&cursor")).status, 400);
    QCOMPARE(m_client->get(QStringLiteral("Groups?count=101")).status, 400);
    QCOMPARE(m_client->get(QStringLiteral("Users?count=0")).status, 400);
    QCOMPARE(m_client->get(QStringLiteral("Users?count=100&cursor")).status, 200);
}

void TestAwsScimEmulator::rejectsUnsupportedFilters_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("filter");
    QTest::newRow("co") << "Users"
                        << R"(userName co "a")";
    QTest::newRow("sw") << "Users"
                        << R"(userName sw "a")";
    QTest::newRow("or") << "Users"
                        << R"(userName eq "a" or userName eq "b")";
    QTest::newRow("pr") << "Users"
                        << "title pr";
    QTest::newRow("unsupported user attribute") << "Users"
                                                << R"(displayName eq "a")";
    QTest::newRow("emails") << "Users"
                            << R"(emails.value eq "a@b.c")";
    QTest::newRow("unsupported group attribute") << "Groups"
                                                 << R"(userName eq "a")";
    QTest::newRow("unterminated") << "Users"
                                  << R"(userName eq "a)";
    QTest::newRow("parentheses") << "Users"
                                 << R"((userName eq "a"))";
}

void TestAwsScimEmulator::rejectsUnsupportedFilters()
{
    QFETCH(QString, resource);
    QFETCH(QString, filter);
    const auto reply = m_client->get(resource + QLatin1Char('?') + EmulatorTestClient::filterQuery(filter));
    QCOMPARE(reply.status, 400);
}

void TestAwsScimEmulator::filterValueEscaping()
{
    const QString tricky = QStringLiteral(R"(o"brien\x+y@example.com)");
    const QString id = createUser(tricky);
    QVERIFY(!id.isEmpty());
    createUser(QStringLiteral("someone-else"));
    const auto reply = m_client->get(QStringLiteral("Users?")
        + EmulatorTestClient::filterQuery(QStringLiteral(R"(userName eq "O\"BRIEN\\x+y@example.com")")));
    QCOMPARE(reply.status, 200);
    const QJsonArray resources = reply.json.value(QLatin1String("Resources")).toArray();
    QCOMPARE(resources.size(), 1);
    QCOMPARE(resources.first().toObject().value(QLatin1String("id")).toString(), id);
    // Unencoded '+' in a query means a space to AWS, so the user is not found.
    const auto unencoded = m_client->get(QStringLiteral("Users?filter=userName%20eq%20%22someone+else%22"));
    QCOMPARE(unencoded.json.value(QLatin1String("totalResults")).toInt(), 0);
}

void TestAwsScimEmulator::groupsNeverReturnMembers()
{
    const QString u1 = createUser(QStringLiteral("m1"));
    const QString u2 = createUser(QStringLiteral("m2"));
    const QString u3 = createUser(QStringLiteral("m3"));
    const auto created = m_client->send("POST", QStringLiteral("Groups"),
        QJsonObject {{QStringLiteral("displayName"), QStringLiteral("Engineers")},
            {QStringLiteral("externalId"), QStringLiteral("g-ext")},
            {QStringLiteral("members"), memberList({u1, u2})}});
    QCOMPARE(created.status, 201);
    const QString gid = created.json.value(QLatin1String("id")).toString();
    QCOMPARE(created.json.value(QLatin1String("members")).toArray().size(), 0);
    QCOMPARE(m_emulator->groupMemberIds(gid), (QSet<QString> {u1, u2}));

    auto fetched = m_client->get(QStringLiteral("Groups/") + gid);
    QCOMPARE(fetched.status, 200);
    QVERIFY(fetched.json.contains(QLatin1String("members")));
    QCOMPARE(fetched.json.value(QLatin1String("members")).toArray().size(), 0);

    auto members = m_client->get(QStringLiteral("Users?cursor&")
        + EmulatorTestClient::filterQuery(QStringLiteral("groups.value eq \"%1\"").arg(gid)));
    QCOMPARE(members.status, 200);
    QCOMPARE(members.json.value(QLatin1String("totalResults")).toInt(), 2);
    auto groupsOfUser = m_client->get(
        QStringLiteral("Groups?") + EmulatorTestClient::filterQuery(QStringLiteral("members.value eq \"%1\"").arg(u1)));
    QCOMPARE(groupsOfUser.json.value(QLatin1String("Resources")).toArray().size(), 1);
    QCOMPARE(m_client
                 ->get(QStringLiteral("Groups?")
                     + EmulatorTestClient::filterQuery(
                         QStringLiteral("members.value eq \"%1\" and displayName eq \"engineers\"").arg(u1)))
                 .json.value(QLatin1String("totalResults"))
                 .toInt(),
        1);

    const auto patched = m_client->send("PATCH", QStringLiteral("Groups/") + gid,
        patchBody({op(QStringLiteral("add"), QStringLiteral("members"), memberList({u3})),
            op(QStringLiteral("remove"), QStringLiteral("members"), memberList({u1}))}));
    QCOMPARE(patched.status, 204);
    QVERIFY(patched.body.isEmpty());
    QCOMPARE(m_emulator->groupMemberIds(gid), (QSet<QString> {u2, u3}));
    const auto removeOne = m_client->send("PATCH", QStringLiteral("Groups/") + gid,
        patchBody({op(QStringLiteral("remove"), QStringLiteral("members[value eq \"%1\"]").arg(u2))}));
    QCOMPARE(removeOne.status, 204);
    QCOMPARE(m_emulator->groupMemberIds(gid), (QSet<QString> {u3}));

    QCOMPARE(m_client
                 ->send("POST", QStringLiteral("Groups"),
                     QJsonObject {{QStringLiteral("displayName"), QStringLiteral("ENGINEERS")}})
                 .status,
        409);
    QCOMPARE(m_client->send("DELETE", QStringLiteral("Users/") + u3).status, 204);
    QVERIFY(m_emulator->groupMemberIds(gid).isEmpty());
    QCOMPARE(m_client->send("DELETE", QStringLiteral("Groups/") + gid).status, 204);
    QCOMPARE(m_emulator->groupCount(), 0);
}

void TestAwsScimEmulator::groupPatchLimits()
{
    QStringList ids;
    for (int i = 0; i < 101; ++i)
        ids.append(createUser(QStringLiteral("p%1").arg(i)));
    const QString gid = m_emulator->store()
                            .createGroup(QJsonObject {{QStringLiteral("displayName"), QStringLiteral("Big")}})
                            .body.value(QLatin1String("id"))
                            .toString();
    const QString path = QStringLiteral("Groups/") + gid;

    auto tooMany = m_client->send(
        "PATCH", path, patchBody({op(QStringLiteral("add"), QStringLiteral("members"), memberList(ids))}));
    QCOMPARE(tooMany.status, 400);
    QVERIFY(m_emulator->groupMemberIds(gid).isEmpty());
    QCOMPARE(m_client
                 ->send("PATCH", path,
                     patchBody({op(QStringLiteral("add"), QStringLiteral("members"), memberList(ids.mid(0, 100)))}))
                 .status,
        204);
    QCOMPARE(m_emulator->groupMemberIds(gid).size(), 100);

    auto replace = m_client->send("PATCH", path,
        patchBody({op(QStringLiteral("replace"), QStringLiteral("members"), memberList(ids.mid(0, 1)))}));
    QCOMPARE(replace.status, 400);
    QCOMPARE(replace.json.value(QLatin1String("detail")).toString(),
        QStringLiteral("Replacing group memberships is not supported."));
    auto removeAll
        = m_client->send("PATCH", path, patchBody({op(QStringLiteral("remove"), QStringLiteral("members"))}));
    QCOMPARE(removeAll.status, 400);
    QCOMPARE(m_emulator->groupMemberIds(gid).size(), 100);

    QCOMPARE(
        m_client
            ->send("PATCH", path,
                patchBody({op(QStringLiteral("replace"), QStringLiteral("displayName"), QStringLiteral("Bigger"))}))
            .status,
        204);
    QCOMPARE(m_emulator->store().group(gid).value(QLatin1String("displayName")).toString(), QStringLiteral("Bigger"));
    QCOMPARE(m_client
                 ->send("PATCH", path,
                     patchBody({op(QStringLiteral("replace"), QStringLiteral("description"), QStringLiteral("x"))}))
                 .status,
        400);

    QJsonObject tooBig {
        {QStringLiteral("displayName"), QStringLiteral("TooBig")}, {QStringLiteral("members"), memberList(ids)}};
    QCOMPARE(m_client->send("POST", QStringLiteral("Groups"), tooBig).status, 400);
}

void TestAwsScimEmulator::groupPutIsNotSupported()
{
    const QString gid = m_emulator->store()
                            .createGroup(QJsonObject {{QStringLiteral("displayName"), QStringLiteral("G")}})
                            .body.value(QLatin1String("id"))
                            .toString();
    const auto reply = m_client->send(
        "PUT", QStringLiteral("Groups/") + gid, QJsonObject {{QStringLiteral("displayName"), QStringLiteral("H")}});
    QVERIFY(reply.status >= 400);
    QCOMPARE(m_emulator->store().group(gid).value(QLatin1String("displayName")).toString(), QStringLiteral("G"));
}

void TestAwsScimEmulator::discoveryDocuments()
{
    const auto config = m_client->get(QStringLiteral("ServiceProviderConfig"));
    QCOMPARE(config.status, 200);
    QCOMPARE(config.json.value(QLatin1String("patch")).toObject().value(QLatin1String("supported")).toBool(), true);
    QCOMPARE(config.json.value(QLatin1String("bulk")).toObject().value(QLatin1String("supported")).toBool(true), false);
    QCOMPARE(config.json.value(QLatin1String("bulk")).toObject().value(QLatin1String("maxOperations")).toInt(-1), 0);
    QCOMPARE(config.json.value(QLatin1String("filter")).toObject().value(QLatin1String("maxResults")).toInt(), 50);
    for (const char* feature : {"changePassword", "sort", "etag"})
        QCOMPARE(
            config.json.value(QLatin1String(feature)).toObject().value(QLatin1String("supported")).toBool(true), false);

    const auto schemas = m_client->get(QStringLiteral("Schemas"));
    QCOMPARE(schemas.json.value(QLatin1String("Resources")).toArray().size(), 3);
    const auto user = m_client->get(QStringLiteral("Schemas/") + AwsScimStore::kUserSchema);
    QCOMPARE(user.status, 200);
    QCOMPARE(user.json.value(QLatin1String("id")).toString(), AwsScimStore::kUserSchema);
    QCOMPARE(m_client->get(QStringLiteral("ResourceTypes")).json.value(QLatin1String("totalResults")).toInt(), 2);

    QCOMPARE(m_client->send("POST", QStringLiteral("Bulk"), QJsonObject {{QStringLiteral("x"), 1}}).status, 501);
    QCOMPARE(m_client->get(QStringLiteral("Me")).status, 501);
    QCOMPARE(
        m_client->send("POST", QStringLiteral("Users/.search"), QJsonObject {{QStringLiteral("x"), 1}}).status, 501);
    QCOMPARE(m_client->get(QStringLiteral("Nothing")).status, 404);
}

void TestAwsScimEmulator::countsRequests()
{
    m_emulator->resetCounters();
    QSignalSpy handled(m_emulator.get(), &AwsScimEmulator::requestHandled);
    m_client->send("POST", QStringLiteral("Users"), userBody(QStringLiteral("counted")));
    m_client->get(QStringLiteral("Users?cursor"));
    m_client->get(QStringLiteral("Users/unknown"));
    QCOMPARE(m_emulator->requestCount(), 3);
    QCOMPARE(m_emulator->writeCount(), 1);
    QCOMPARE(m_emulator->requestCount(QStringLiteral("GET")), 2);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("POST /Users")), 1);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("GET /Users/{id}")), 1);
    QCOMPARE(m_emulator->statusCount(404), 1);
    QCOMPARE(handled.size(), 3);
    QCOMPARE(handled.at(0).at(2).toInt(), 201);
}

QTEST_GUILESS_MAIN(TestAwsScimEmulator)
#include "tst_awsscimemulator.moc"
