// Talks to the SCIMMY peer over real loopback HTTP with a plain QNetworkAccessManager, to
// prove the fixture behaves like a correct SCIM 2.0 service provider (auth, paging,
// RFC 7643 case rules, filters, PATCH/PUT/DELETE, group membership, uniqueness) before
// client tests rely on it.

#include "ScimmyPeer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

namespace {

const auto kUserSchema = QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User");
const auto kGroupSchema = QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Group");
const auto kPatchSchema = QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp");
constexpr int kUserCount = 260;
constexpr int kPageSize = 100;

struct Response
{
    bool finished = false;
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QByteArray wwwAuthenticate;

    QString describe() const
    {
        return QStringLiteral("HTTP %1: %2").arg(status).arg(QString::fromUtf8(body.left(400)));
    }
};

QString userNameFor(int index)
{
    return QStringLiteral("Peer.User%1@Example.com").arg(index, 4, 10, QLatin1Char('0'));
}

// Every third user has no email at all: SCIMMY's own filter fails on such records.
bool hasEmail(int index)
{
    return index % 3 != 0;
}

QString emailFor(int index)
{
    return QStringLiteral("peer.user%1@example.com").arg(index, 4, 10, QLatin1Char('0'));
}

QJsonObject userResource(const QString& userName, const QString& email = {})
{
    QJsonObject user {
        {QStringLiteral("schemas"), QJsonArray {kUserSchema}},
        {QStringLiteral("userName"), userName},
        {QStringLiteral("displayName"), QStringLiteral("Display ") + userName},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("Given")},
                {QStringLiteral("familyName"), QStringLiteral("Family")}}},
        {QStringLiteral("active"), true},
    };
    if (!email.isEmpty()) {
        user.insert(QStringLiteral("emails"),
            QJsonArray {QJsonObject {{QStringLiteral("value"), email}, {QStringLiteral("type"), QStringLiteral("work")},
                {QStringLiteral("primary"), true}}});
    }
    return user;
}

QJsonObject patchOp(const QJsonArray& operations)
{
    return QJsonObject {
        {QStringLiteral("schemas"), QJsonArray {kPatchSchema}}, {QStringLiteral("Operations"), operations}};
}

QSet<QString> memberIds(const QJsonObject& group)
{
    QSet<QString> ids;
    const QJsonArray members = group.value(QStringLiteral("members")).toArray();
    for (const QJsonValue& member : members)
        ids.insert(member.toObject().value(QStringLiteral("value")).toString());
    return ids;
}

} // namespace

class TestScimmyPeer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rejectsRequestsWithoutValidToken();
    void servesDiscoveryEndpoints();
    void pagesThroughAllUsers();
    void pagePastTheEndIsEmpty();
    void filtersUserNameIgnoringCase();
    void filtersEmailValueWhenSomeUsersHaveNoEmail();
    void patchesReplacesAndDeletesUser();
    void managesGroupMembers();
    void rejectsDuplicateUserName();

private:
    Response send(const QByteArray& verb, const QString& path, const QJsonObject& body = {},
        const QString& authorization = QStringLiteral("<valid>"));
    Response get(const QString& path, const QUrlQuery& query = {});
    QString createUser(const QJsonObject& user);

    ScimmyPeer m_peer;
    QNetworkAccessManager m_network;
    QHash<QString, int> m_indexById; // the kUserCount users made in initTestCase
};

Response TestScimmyPeer::send(
    const QByteArray& verb, const QString& path, const QJsonObject& body, const QString& authorization)
{
    QNetworkRequest request(m_peer.baseUrl().resolved(QUrl(path)));
    request.setRawHeader("Accept", "application/scim+json");
    if (authorization == QLatin1String("<valid>"))
        request.setRawHeader("Authorization", "Bearer " + m_peer.token().toUtf8());
    else if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization.toUtf8());

    QByteArray payload;
    if (!body.isEmpty()) {
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/scim+json"));
    }

    QNetworkReply* reply = m_network.sendCustomRequest(request, verb, payload);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Response response;
    response.finished = reply->isFinished() || finished.wait(10000);
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.wwwAuthenticate = reply->rawHeader("WWW-Authenticate");
    response.json = QJsonDocument::fromJson(response.body).object();
    reply->deleteLater();
    return response;
}

Response TestScimmyPeer::get(const QString& path, const QUrlQuery& query)
{
    QUrl url(path);
    url.setQuery(query);
    return send(QByteArrayLiteral("GET"), url.toString(QUrl::FullyEncoded));
}

QString TestScimmyPeer::createUser(const QJsonObject& user)
{
    const Response created = send(QByteArrayLiteral("POST"), QStringLiteral("Users"), user);
    if (created.status != 201)
        return QString();
    return created.json.value(QStringLiteral("id")).toString();
}

void TestScimmyPeer::initTestCase()
{
    QString error;
    QVERIFY2(m_peer.start(&error), qPrintable(error));
    QCOMPARE(m_peer.baseUrl().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(m_peer.baseUrl().path().endsWith(QLatin1String("/scim/v2/")));
    // Loopback traffic must never go through a proxy from the environment.
    m_network.setProxy(QNetworkProxy::NoProxy);

    for (int i = 0; i < kUserCount; ++i) {
        const QString id = createUser(userResource(userNameFor(i), hasEmail(i) ? emailFor(i) : QString()));
        QVERIFY2(!id.isEmpty(), qPrintable(QStringLiteral("creating user %1 failed").arg(i)));
        m_indexById.insert(id, i);
    }
}

void TestScimmyPeer::rejectsRequestsWithoutValidToken()
{
    const Response missing = send(QByteArrayLiteral("GET"), QStringLiteral("Users"), {}, QString());
    QVERIFY(missing.finished);
    QCOMPARE(missing.status, 401);
    QVERIFY(missing.wwwAuthenticate.startsWith("Bearer"));
    QCOMPARE(missing.json.value(QStringLiteral("status")).toString(), QStringLiteral("401"));

    const Response wrong
        = send(QByteArrayLiteral("GET"), QStringLiteral("Users"), {}, QStringLiteral("Bearer not-") + m_peer.token());
    QCOMPARE(wrong.status, 401);

    const Response basic = send(
        QByteArrayLiteral("GET"), QStringLiteral("ServiceProviderConfig"), {}, QStringLiteral("Basic dXNlcjpwYXNz"));
    QCOMPARE(basic.status, 401);

    QCOMPARE(get(QStringLiteral("ServiceProviderConfig")).status, 200);
}

void TestScimmyPeer::servesDiscoveryEndpoints()
{
    const Response config = get(QStringLiteral("ServiceProviderConfig"));
    QCOMPARE(config.status, 200);
    QVERIFY(config.json.value(QStringLiteral("patch")).toObject().value(QStringLiteral("supported")).toBool());
    QVERIFY(config.json.value(QStringLiteral("filter")).toObject().value(QStringLiteral("supported")).toBool());
    QVERIFY(!config.json.value(QStringLiteral("bulk")).toObject().value(QStringLiteral("supported")).toBool());

    const Response types = get(QStringLiteral("ResourceTypes"));
    QCOMPARE(types.status, 200);
    QSet<QString> endpoints;
    for (const QJsonValue& type : types.json.value(QStringLiteral("Resources")).toArray())
        endpoints.insert(type.toObject().value(QStringLiteral("endpoint")).toString());
    QVERIFY(endpoints.contains(QStringLiteral("/Users")));
    QVERIFY(endpoints.contains(QStringLiteral("/Groups")));

    const Response schemas = get(QStringLiteral("Schemas"));
    QCOMPARE(schemas.status, 200);
    QVERIFY(schemas.json.value(QStringLiteral("totalResults")).toInt() >= 2);
}

void TestScimmyPeer::pagesThroughAllUsers()
{
    QSet<QString> seen;
    int startIndex = 1;
    int pages = 0;
    while (true) {
        const Response page = get(QStringLiteral("Users"),
            QUrlQuery {{QStringLiteral("startIndex"), QString::number(startIndex)},
                {QStringLiteral("count"), QString::number(kPageSize)}});
        QVERIFY2(page.status == 200, qPrintable(page.describe()));
        ++pages;
        QCOMPARE(page.json.value(QStringLiteral("totalResults")).toInt(), kUserCount);
        QCOMPARE(page.json.value(QStringLiteral("startIndex")).toInt(), startIndex);

        const QJsonArray resources = page.json.value(QStringLiteral("Resources")).toArray();
        const int expected = qMin(kPageSize, kUserCount - startIndex + 1);
        QCOMPARE(resources.size(), expected);
        QCOMPARE(page.json.value(QStringLiteral("itemsPerPage")).toInt(), expected);
        for (const QJsonValue& resource : resources) {
            const QString id = resource.toObject().value(QStringLiteral("id")).toString();
            QVERIFY2(!seen.contains(id), qPrintable(QStringLiteral("user %1 listed twice").arg(id)));
            seen.insert(id);
        }
        startIndex += resources.size();
        if (startIndex > kUserCount)
            break;
        QVERIFY(pages < 10);
    }
    QCOMPARE(pages, 3);
    QCOMPARE(seen.size(), kUserCount);
    for (const QString& id : seen)
        QVERIFY(m_indexById.contains(id));
}

void TestScimmyPeer::pagePastTheEndIsEmpty()
{
    const Response page = get(QStringLiteral("Users"),
        QUrlQuery {{QStringLiteral("startIndex"), QString::number(kUserCount + 50)},
            {QStringLiteral("count"), QString::number(kPageSize)}});
    QCOMPARE(page.status, 200);
    QCOMPARE(page.json.value(QStringLiteral("totalResults")).toInt(), kUserCount);
    QVERIFY(page.json.value(QStringLiteral("Resources")).toArray().isEmpty());
}

void TestScimmyPeer::filtersUserNameIgnoringCase()
{
    const int index = 42;
    const QString stored = userNameFor(index);
    for (const QString& asked : {stored, stored.toUpper(), stored.toLower()}) {
        const Response found = get(QStringLiteral("Users"),
            QUrlQuery {{QStringLiteral("filter"), QStringLiteral("userName eq \"%1\"").arg(asked)}});
        QVERIFY2(found.status == 200, qPrintable(found.describe()));
        QCOMPARE(found.json.value(QStringLiteral("totalResults")).toInt(), 1);
        const QJsonObject user = found.json.value(QStringLiteral("Resources")).toArray().at(0).toObject();
        QCOMPARE(user.value(QStringLiteral("userName")).toString(), stored);
        QCOMPARE(m_indexById.value(user.value(QStringLiteral("id")).toString(), -1), index);
    }
}

void TestScimmyPeer::filtersEmailValueWhenSomeUsersHaveNoEmail()
{
    const int index = 41;
    QVERIFY(hasEmail(index));
    QVERIFY(!hasEmail(0)); // the list does hold users without email

    const Response found = get(QStringLiteral("Users"),
        QUrlQuery {
            {QStringLiteral("filter"), QStringLiteral("emails.value eq \"%1\"").arg(emailFor(index).toUpper())}});
    QVERIFY2(found.status == 200, qPrintable(found.describe()));
    QCOMPARE(found.json.value(QStringLiteral("totalResults")).toInt(), 1);
    const QJsonObject user = found.json.value(QStringLiteral("Resources")).toArray().at(0).toObject();
    QCOMPARE(m_indexById.value(user.value(QStringLiteral("id")).toString(), -1), index);

    const Response none = get(QStringLiteral("Users"),
        QUrlQuery {{QStringLiteral("filter"), QStringLiteral("emails.value eq \"nobody@example.com\"")}});
    QVERIFY2(none.status == 200, qPrintable(none.describe()));
    QCOMPARE(none.json.value(QStringLiteral("totalResults")).toInt(), 0);

    const Response valueFilter = get(QStringLiteral("Users"),
        QUrlQuery {{QStringLiteral("filter"),
            QStringLiteral("emails[type eq \"work\" and value eq \"%1\"]").arg(emailFor(index))}});
    QVERIFY2(valueFilter.status == 200, qPrintable(valueFilter.describe()));
    QCOMPARE(valueFilter.json.value(QStringLiteral("totalResults")).toInt(), 1);
}

void TestScimmyPeer::patchesReplacesAndDeletesUser()
{
    const QString id = createUser(userResource(QStringLiteral("lifecycle.user"), QStringLiteral("lc@example.com")));
    QVERIFY(!id.isEmpty());
    const QString path = QStringLiteral("Users/") + id;

    const Response patched = send(QByteArrayLiteral("PATCH"), path,
        patchOp(QJsonArray {
            QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                {QStringLiteral("path"), QStringLiteral("active")}, {QStringLiteral("value"), false}},
            QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                {QStringLiteral("path"), QStringLiteral("name.givenName")},
                {QStringLiteral("value"), QStringLiteral("Patched")}},
        }));
    QVERIFY2(patched.status == 200 || patched.status == 204, qPrintable(patched.describe()));
    Response read = get(path);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json.value(QStringLiteral("active")).toBool(true), false);
    QCOMPARE(read.json.value(QStringLiteral("name")).toObject().value(QStringLiteral("givenName")).toString(),
        QStringLiteral("Patched"));
    QCOMPARE(read.json.value(QStringLiteral("userName")).toString(), QStringLiteral("lifecycle.user"));

    // PUT replaces the whole resource: attributes left out (emails) are gone afterwards.
    QJsonObject replacement = userResource(QStringLiteral("lifecycle.renamed"));
    replacement.insert(QStringLiteral("displayName"), QStringLiteral("Renamed"));
    const Response put = send(QByteArrayLiteral("PUT"), path, replacement);
    QVERIFY2(put.status == 200, qPrintable(put.describe()));
    read = get(path);
    QCOMPARE(read.json.value(QStringLiteral("userName")).toString(), QStringLiteral("lifecycle.renamed"));
    QCOMPARE(read.json.value(QStringLiteral("displayName")).toString(), QStringLiteral("Renamed"));
    QVERIFY(!read.json.contains(QStringLiteral("emails")));
    QCOMPARE(read.json.value(QStringLiteral("id")).toString(), id);

    const Response deleted = send(QByteArrayLiteral("DELETE"), path);
    QCOMPARE(deleted.status, 204);
    QCOMPARE(get(path).status, 404);
    QCOMPARE(send(QByteArrayLiteral("DELETE"), path).status, 404);
}

void TestScimmyPeer::managesGroupMembers()
{
    const QList<QString> ids = m_indexById.keys();
    QVERIFY(ids.size() >= 4);
    const QString first = ids.at(0);
    const QString second = ids.at(1);
    const QString third = ids.at(2);

    const QJsonObject group {
        {QStringLiteral("schemas"), QJsonArray {kGroupSchema}},
        {QStringLiteral("displayName"), QStringLiteral("Peer Engineers")},
        {QStringLiteral("members"),
            QJsonArray {
                QJsonObject {{QStringLiteral("value"), first}}, QJsonObject {{QStringLiteral("value"), second}}}},
    };
    const Response created = send(QByteArrayLiteral("POST"), QStringLiteral("Groups"), group);
    QVERIFY2(created.status == 201, qPrintable(created.describe()));
    const QString groupPath = QStringLiteral("Groups/") + created.json.value(QStringLiteral("id")).toString();
    QCOMPARE(memberIds(get(groupPath).json), (QSet<QString> {first, second}));

    const Response patched = send(QByteArrayLiteral("PATCH"), groupPath,
        patchOp(QJsonArray {
            QJsonObject {{QStringLiteral("op"), QStringLiteral("add")},
                {QStringLiteral("path"), QStringLiteral("members")},
                {QStringLiteral("value"), QJsonArray {QJsonObject {{QStringLiteral("value"), third}}}}},
            QJsonObject {{QStringLiteral("op"), QStringLiteral("remove")},
                {QStringLiteral("path"), QStringLiteral("members[value eq \"%1\"]").arg(first)}},
        }));
    QVERIFY2(patched.status == 200 || patched.status == 204, qPrintable(patched.describe()));
    QCOMPARE(memberIds(get(groupPath).json), (QSet<QString> {second, third}));

    // Membership reads back from the user side too, as RFC 7643's readOnly "groups".
    const Response members = get(QStringLiteral("Users"),
        QUrlQuery {{QStringLiteral("filter"),
            QStringLiteral("groups.value eq \"%1\"").arg(created.json.value(QStringLiteral("id")).toString())}});
    QCOMPARE(members.status, 200);
    QCOMPARE(members.json.value(QStringLiteral("totalResults")).toInt(), 2);

    const Response unknown = send(QByteArrayLiteral("PATCH"), groupPath,
        patchOp(QJsonArray {QJsonObject {{QStringLiteral("op"), QStringLiteral("add")},
            {QStringLiteral("path"), QStringLiteral("members")},
            {QStringLiteral("value"),
                QJsonArray {QJsonObject {{QStringLiteral("value"), QStringLiteral("no-such-user")}}}}}}));
    QCOMPARE(unknown.status, 400);

    QCOMPARE(send(QByteArrayLiteral("DELETE"), groupPath).status, 204);
}

void TestScimmyPeer::rejectsDuplicateUserName()
{
    const Response duplicate
        = send(QByteArrayLiteral("POST"), QStringLiteral("Users"), userResource(userNameFor(7).toUpper()));
    QCOMPARE(duplicate.status, 409);
    QCOMPARE(duplicate.json.value(QStringLiteral("scimType")).toString(), QStringLiteral("uniqueness"));

    // Renaming another user onto a taken userName conflicts as well.
    const QString other = m_indexById.key(8);
    const Response rename
        = send(QByteArrayLiteral("PUT"), QStringLiteral("Users/") + other, userResource(userNameFor(7).toLower()));
    QCOMPARE(rename.status, 409);
}

QTEST_GUILESS_MAIN(TestScimmyPeer)
#include "tst_scimmypeer.moc"
