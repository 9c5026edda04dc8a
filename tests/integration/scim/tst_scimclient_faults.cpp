#include "FaultServer.h"
#include "ScimTestSupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <memory>

using namespace ScimTestSupport;

namespace {

constexpr int kWaitMs = 15000;
const QString kToken = QStringLiteral("bearer-token-4f7a9c");
const QString kClientSecret = QStringLiteral("client-secret-&=+ 9d2e");
const QString kPassword = QStringLiteral("hunter2-password-value");

QByteArray listBody(
    const QList<QJsonObject>& resources, int total, const QString& nextCursor = QString(), int startIndex = 0)
{
    QJsonArray array;
    for (const QJsonObject& resource : resources)
        array.append(resource);
    QJsonObject body {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:ListResponse")}},
        {QStringLiteral("totalResults"), total},
        {QStringLiteral("itemsPerPage"), int(resources.size())},
        {QStringLiteral("Resources"), array},
    };
    if (!nextCursor.isEmpty())
        body.insert(QStringLiteral("nextCursor"), nextCursor);
    if (startIndex > 0)
        body.insert(QStringLiteral("startIndex"), startIndex);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QJsonObject userNumber(int i)
{
    return QJsonObject {{QStringLiteral("id"), QStringLiteral("id-%1").arg(i)},
        {QStringLiteral("userName"), QStringLiteral("user%1").arg(i)}};
}

QByteArray scimError(int status, const QString& scimType, const QString& detail)
{
    QJsonObject body {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:Error")}},
        {QStringLiteral("status"), QString::number(status)},
        {QStringLiteral("detail"), detail},
    };
    if (!scimType.isEmpty())
        body.insert(QStringLiteral("scimType"), scimType);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// Form fields of an application/x-www-form-urlencoded body, decoded.
QHash<QString, QString> formFields(const QByteArray& body)
{
    QHash<QString, QString> fields;
    for (const QByteArray& pair : body.split('&')) {
        const int equals = pair.indexOf('=');
        QByteArray key = pair.left(equals);
        QByteArray value = pair.mid(equals + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        fields.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(key)),
            QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return fields;
}

} // namespace

// The client against a scripted loopback server that records the raw requests: exact URLs,
// headers and auth, malformed answers, size cap, OAuth token handling, trace redaction and
// Retry-After timing.
class TestScimClientFaults : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void cursorPagingSendsBareCursorFirst();
    void startIndexPagingUrls();
    void startIndexServerReturningFewerThanAsked();
    void startIndexListThatStopsShortIsAnError();
    void malformedJsonOnSuccessIsInvalidResponse();
    void invalidListAnswerFailsTheRead_data();
    void invalidListAnswerFailsTheRead();
    void invalidWriteAnswerFailsTheOperation_data();
    void invalidWriteAnswerFailsTheOperation();
    void unusableIdFromTheServerIsRefused_data();
    void unusableIdFromTheServerIsRefused();
    void idIsOneEncodedPathSegment();
    void unusableIdIsNeverSent_data();
    void unusableIdIsNeverSent();
    void htmlErrorBodyGivesExcerpt();
    void invalidFilterIsParsed();
    void clientErrorsAreNotRetried_data();
    void clientErrorsAreNotRetried();
    void responseSizeCapAbortsEarly_data();
    void responseSizeCapAbortsEarly();
    void bearerHeader();
    void basicHeader();
    void oauthTokenFetchedOnceAndRefreshedOnceOn401();
    void oauthSecond401IsAnError();
    void oauthTokenEndpointErrorHidesSecret();
    void traceRedactsEverySecret();
    void retryAfterHttpDateIsHonoured();
    void conflictOnCreateIsLookedUp();

private:
    std::unique_ptr<ScimClient> client(const std::function<void(ScimClientConfig&)>& adjust = {});
    std::unique_ptr<ScimClient> oauthClient();
    // A SCIM endpoint that accepts only `accepted` tokens and a token endpoint issuing tok-1, tok-2, …
    void serveOAuth(bool scimAlwaysUnauthorized = false);

    std::unique_ptr<FaultServer> m_server;
    int m_tokensIssued = 0;
    QByteArray m_acceptedToken;
};

void TestScimClientFaults::init()
{
    m_server = std::make_unique<FaultServer>();
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    m_tokensIssued = 0;
    m_acceptedToken.clear();
}

void TestScimClientFaults::cleanup()
{
    m_server.reset();
}

std::unique_ptr<ScimClient> TestScimClientFaults::client(const std::function<void(ScimClientConfig&)>& adjust)
{
    ScimClientConfig config = fastConfig(m_server->url(QStringLiteral("/scim/v2")), kToken);
    config.capabilities.pagingMode = PagingMode::StartIndex;
    config.capabilities.maxPageSize = 50;
    if (adjust)
        adjust(config);
    return std::make_unique<ScimClient>(config);
}

std::unique_ptr<ScimClient> TestScimClientFaults::oauthClient()
{
    return client([this](ScimClientConfig& config) {
        config.auth.scheme = AuthScheme::OAuthClientCredentials;
        config.auth.oauthTokenUrl = m_server->url(QStringLiteral("/oauth/token")).toString();
        config.auth.oauthClientId = QStringLiteral("my-client");
        config.auth.oauthScope = QStringLiteral("scim.read scim.write");
        config.secret = kClientSecret;
    });
}

void TestScimClientFaults::serveOAuth(bool scimAlwaysUnauthorized)
{
    m_server->setHandler([this, scimAlwaysUnauthorized](const FaultServer::Request& request) {
        if (request.path() == "/oauth/token") {
            m_acceptedToken = "tok-" + QByteArray::number(++m_tokensIssued) + "-secretish";
            return FaultServer::Reply::json(
                200, R"({"access_token":")" + m_acceptedToken + R"(","token_type":"Bearer","expires_in":3600})");
        }
        if (scimAlwaysUnauthorized || request.header("Authorization") != "Bearer " + m_acceptedToken)
            return FaultServer::Reply::json(401, scimError(401, QString(), QStringLiteral("invalid token")));
        if (request.method == "POST") {
            QJsonObject created = QJsonDocument::fromJson(request.body).object();
            created.insert(QStringLiteral("id"), QStringLiteral("u-created"));
            return FaultServer::Reply::json(201, QJsonDocument(created).toJson(QJsonDocument::Compact));
        }
        const QJsonObject user {{QStringLiteral("id"), QStringLiteral("u1")},
            {QStringLiteral("userName"), QStringLiteral("u1")}, {QStringLiteral("password"), kPassword}};
        return FaultServer::Reply::json(200, listBody({user}, 1));
    });
}

void TestScimClientFaults::cursorPagingSendsBareCursorFirst()
{
    // Cursors as a real server might mint them, with characters that must be percent-encoded.
    const QStringList cursors {QString(), QStringLiteral("page2"), QStringLiteral("p+3/=?&")};
    m_server->setHandler([&cursors](const FaultServer::Request& request) {
        const QString cursor = QString::fromUtf8(request.queryValue("cursor"));
        const int page = int(cursors.indexOf(cursor));
        if (page < 0)
            return FaultServer::Reply::json(400, scimError(400, QString(), QStringLiteral("bad cursor")));
        const QString next = cursors.value(page + 1);
        return FaultServer::Reply::json(200, listBody({userNumber(2 * page), userNumber(2 * page + 1)}, 6, next));
    });
    auto scim = client([](ScimClientConfig& config) { config.capabilities.pagingMode = PagingMode::Cursor; });
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY2(*users, qPrintable(why(*users)));
    QCOMPARE(users->value().size(), 6);
    const QList<FaultServer::Request> requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0).target, QByteArray("/scim/v2/Users?cursor&count=2")); // a bare key, no '='
    QCOMPARE(requests.at(1).target, QByteArray("/scim/v2/Users?cursor=page2&count=2"));
    QCOMPARE(requests.at(2).target, QByteArray("/scim/v2/Users?cursor=p%2B3%2F%3D%3F%26&count=2"));

    // With a filter the bare cursor is still there, and the filter is fully encoded.
    m_server->clearRequests();
    AwaitedList filtered;
    scim->listUsers(
        ScimFilter::eq(QStringLiteral("userName"), QStringLiteral("a+b \"c\"")), this, filtered.callback(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(filtered.done(), kWaitMs);
    QVERIFY2(*filtered, qPrintable(why(*filtered)));
    const FaultServer::Request first = m_server->requests().first();
    QVERIFY2(first.query().startsWith("cursor&count=2&filter="), first.target.constData());
    QVERIFY2(!first.query().contains('+') && !first.query().contains(' '), first.target.constData());
    QCOMPARE(first.queryValue("filter"), QByteArray(R"(userName eq "a+b \"c\"")"));
}

void TestScimClientFaults::startIndexPagingUrls()
{
    constexpr int kTotal = 120;
    m_server->setHandler([](const FaultServer::Request& request) {
        const int startIndex = request.queryValue("startIndex").toInt();
        const int count = request.queryValue("count").toInt();
        QList<QJsonObject> page;
        for (int i = startIndex; i < startIndex + count && i <= kTotal; ++i)
            page.append(userNumber(i));
        return FaultServer::Reply::json(200, listBody(page, kTotal, QString(), startIndex));
    });
    auto scim = client();
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback(), 500); // capped to maxPageSize 50
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY2(*users, qPrintable(why(*users)));
    QCOMPARE(users->value().size(), kTotal);
    QList<QByteArray> targets;
    for (const FaultServer::Request& request : m_server->requests())
        targets.append(request.target);
    const QList<QByteArray> expected {"/scim/v2/Users?startIndex=1&count=50", "/scim/v2/Users?startIndex=51&count=50",
        "/scim/v2/Users?startIndex=101&count=50"};
    QCOMPARE(targets, expected);
}

void TestScimClientFaults::startIndexServerReturningFewerThanAsked()
{
    // Servers may cap a page below `count`; the next startIndex follows what was returned.
    constexpr int kTotal = 100;
    m_server->setHandler([](const FaultServer::Request& request) {
        const int startIndex = request.queryValue("startIndex").toInt();
        QList<QJsonObject> page;
        for (int i = startIndex; i < startIndex + 30 && i <= kTotal; ++i)
            page.append(userNumber(i));
        return FaultServer::Reply::json(200, listBody(page, kTotal, QString(), startIndex));
    });
    auto scim = client();
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY2(*users, qPrintable(why(*users)));
    QCOMPARE(users->value().size(), kTotal);
    QList<QByteArray> starts;
    for (const FaultServer::Request& request : m_server->requests()) {
        starts.append(request.queryValue("startIndex"));
        QCOMPARE(request.queryValue("count"), QByteArray("50"));
    }
    QCOMPARE(starts, (QList<QByteArray> {"1", "31", "61", "91"}));
}

void TestScimClientFaults::startIndexListThatStopsShortIsAnError()
{
    m_server->setHandler([](const FaultServer::Request& request) {
        const int startIndex = request.queryValue("startIndex").toInt();
        QList<QJsonObject> page;
        for (int i = startIndex; i < startIndex + 50 && i <= 100; ++i) // claims 120, has 100
            page.append(userNumber(i));
        return FaultServer::Reply::json(200, listBody(page, 120, QString(), startIndex));
    });
    auto scim = client();
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY(!*users);
    QCOMPARE(users->error().kind, ScimError::Kind::Incomplete);
    QVERIFY2(users->error().detail.contains(QStringLiteral("100 of 120")), qPrintable(users->error().detail));
}

void TestScimClientFaults::malformedJsonOnSuccessIsInvalidResponse()
{
    m_server->setHandler(
        [](const FaultServer::Request&) { return FaultServer::Reply::json(200, R"({"id":"u1","userName":)"); });
    auto scim = client();
    AwaitedObject got;
    scim->getUser(QStringLiteral("u1"), this, got.callback());
    QTRY_VERIFY_WITH_TIMEOUT(got.done(), kWaitMs);
    QVERIFY(!*got);
    QCOMPARE(got->error().kind, ScimError::Kind::InvalidResponse);
    QCOMPARE(got->error().httpStatus, 200);
    // What to do, and what was received.
    QVERIFY2(got->error().message().contains(QStringLiteral("/scim/v2")), qPrintable(got->error().message()));
    QVERIFY2(got->error().detail.contains(QStringLiteral("\"userName\":")), qPrintable(got->error().detail));
    QCOMPARE(m_server->requestCount(), 1); // not retried
}

namespace {

// 200 answers to a list read that are not a list: each must fail the read, never read as "the
// target is empty".
FaultServer::Reply invalidListAnswer(const QByteArray& scenario)
{
    using Ending = FaultServer::Reply::Ending;
    const QByteArray twoUsers = listBody({userNumber(1), userNumber(2)}, 2);
    if (scenario == "empty body")
        return FaultServer::Reply::json(200, QByteArray());
    if (scenario == "empty object")
        return FaultServer::Reply::json(200, "{}");
    if (scenario == "itemsPerPage only")
        return FaultServer::Reply::json(200, R"({"itemsPerPage":0})");
    if (scenario == "SCIM error body")
        return FaultServer::Reply::json(200, scimError(500, QString(), QStringLiteral("Internal failure, try later")));
    if (scenario == "AWS error body with schema only")
        return FaultServer::Reply::json(200,
            R"({"schema":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","detail":"Request is unparsable"})");
    if (scenario == "headers only, then close")
        return FaultServer::Reply::truncated(200, twoUsers, 0, Ending::Close);
    if (scenario == "body cut before Content-Length, close")
        return FaultServer::Reply::truncated(200, twoUsers, twoUsers.size() / 2, Ending::Close);
    if (scenario == "body cut before Content-Length, reset")
        return FaultServer::Reply::truncated(200, twoUsers, twoUsers.size() / 2, Ending::Reset);
    if (scenario == "chunked body cut, close") {
        FaultServer::Reply reply;
        reply.raw = "HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "100\r\n"
            + twoUsers.left(40);
        reply.ending = Ending::Close;
        return reply;
    }
    qFatal("unknown scenario %s", scenario.constData());
}

} // namespace

void TestScimClientFaults::invalidListAnswerFailsTheRead_data()
{
    QTest::addColumn<QByteArray>("scenario");
    QTest::addColumn<int>("kind"); // ScimError::Kind
    for (const char* scenario :
        {"empty body", "empty object", "itemsPerPage only", "SCIM error body", "AWS error body with schema only"})
        QTest::newRow(scenario) << QByteArray(scenario) << int(ScimError::Kind::InvalidResponse);
    // The answer broke off: a network failure (retried, then reported), never a short list.
    for (const char* scenario : {"headers only, then close", "body cut before Content-Length, close",
             "body cut before Content-Length, reset", "chunked body cut, close"})
        QTest::newRow(scenario) << QByteArray(scenario) << int(ScimError::Kind::Network);
}

void TestScimClientFaults::invalidListAnswerFailsTheRead()
{
    QFETCH(QByteArray, scenario);
    QFETCH(int, kind);
    m_server->setHandler([scenario](const FaultServer::Request&) { return invalidListAnswer(scenario); });
    for (PagingMode mode : {PagingMode::StartIndex, PagingMode::Cursor, PagingMode::SinglePage}) {
        auto scim = client([mode](ScimClientConfig& config) { config.capabilities.pagingMode = mode; });
        AwaitedList users;
        scim->listUsers(ScimFilter(), this, users.callback());
        QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
        if (*users)
            QFAIL(qPrintable(QStringLiteral("read as a list of %1 objects").arg(users->value().size())));
        QVERIFY2(users->error().kind == ScimError::Kind(kind), qPrintable(users->error().toString()));
        QVERIFY2(!users->error().detail.isEmpty(), qPrintable(users->error().toString()));
        if (scenario.contains("error body")) { // what the server said is kept for the admin
            QVERIFY2(users->error().detail.contains(QStringLiteral("Internal failure, try later"))
                    || users->error().detail.contains(QStringLiteral("Request is unparsable")),
                qPrintable(users->error().detail));
        }
    }
}

void TestScimClientFaults::invalidWriteAnswerFailsTheOperation_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    const QByteArray errorBody = scimError(409, QStringLiteral("uniqueness"), QStringLiteral("duplicate userName"));
    QTest::newRow("POST 201 without id") << QByteArray("POST") << 201 << QByteArray(R"({"userName":"u1"})");
    QTest::newRow("POST 201 with an empty id")
        << QByteArray("POST") << 201 << QByteArray(R"({"id":"","userName":"u1"})");
    QTest::newRow("POST 201 with a numeric id")
        << QByteArray("POST") << 201 << QByteArray(R"({"id":7,"userName":"u1"})");
    QTest::newRow("POST 201 empty body") << QByteArray("POST") << 201 << QByteArray();
    QTest::newRow("POST 200 SCIM error body") << QByteArray("POST") << 200 << errorBody;
    QTest::newRow("PUT 200 SCIM error body") << QByteArray("PUT") << 200 << errorBody;
    QTest::newRow("PATCH 200 SCIM error body") << QByteArray("PATCH") << 200 << errorBody;
    QTest::newRow("DELETE 200 SCIM error body") << QByteArray("DELETE") << 200 << errorBody;
    QTest::newRow("GET 200 empty body") << QByteArray("GET") << 200 << QByteArray();
    QTest::newRow("GET 200 without id") << QByteArray("GET") << 200 << QByteArray(R"({"userName":"u1"})");
    QTest::newRow("GET 200 SCIM error body") << QByteArray("GET") << 200 << errorBody;
}

void TestScimClientFaults::invalidWriteAnswerFailsTheOperation()
{
    QFETCH(QByteArray, method);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    m_server->setHandler([status, body](const FaultServer::Request& request) {
        if (request.method == "GET" && request.path() == "/scim/v2/Users")
            return FaultServer::Reply::json(200, listBody({}, 0)); // a create's lookup finds nothing
        return FaultServer::Reply::json(status, body);
    });
    auto scim = client();
    AwaitedObject done;
    const QString id = QStringLiteral("u1");
    if (method == "POST") {
        scim->createUser(awsUser(QStringLiteral("u1")), this, done.callback());
    } else if (method == "PUT") {
        scim->replaceUser(id, awsUser(QStringLiteral("u1")), this, done.callback());
    } else if (method == "PATCH") {
        scim->patchUser(
            id, {PatchOperation::replace(QStringLiteral("title"), QStringLiteral("x"))}, this, done.callback());
    } else if (method == "DELETE") {
        scim->deleteUser(id, this, [&done](const Status<ScimError>& result) {
            done.result = result ? Result<QJsonObject, ScimError>(QJsonObject()) : result.error();
        });
    } else {
        scim->getUser(id, this, done.callback());
    }
    QTRY_VERIFY_WITH_TIMEOUT(done.done(), kWaitMs);
    QVERIFY2(!*done, "journalled as a success");
    QVERIFY2(done->error().kind == ScimError::Kind::InvalidResponse, qPrintable(done->error().toString()));
    QCOMPARE(done->error().httpStatus, status);
    QCOMPARE(m_server->requestsTo("/scim/v2/Users").first().method, method);
    QCOMPARE(m_server->requestCount(), 1); // neither retried nor sent again
    if (body.contains("duplicate userName"))
        QVERIFY2(done->error().detail.contains(QStringLiteral("duplicate userName")), qPrintable(done->error().detail));
}

void TestScimClientFaults::unusableIdFromTheServerIsRefused_data()
{
    QTest::addColumn<QJsonValue>("id"); // undefined: no "id" member at all
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("null") << QJsonValue();
    QTest::newRow("number") << QJsonValue(7);
    QTest::newRow("empty") << QJsonValue(QString());
    QTest::newRow(".") << QJsonValue(QStringLiteral("."));
    QTest::newRow("..") << QJsonValue(QStringLiteral(".."));
    QTest::newRow("slash") << QJsonValue(QStringLiteral("../../Groups/g1"));
    QTest::newRow("backslash") << QJsonValue(QStringLiteral("a\\b"));
    QTest::newRow("question mark") << QJsonValue(QStringLiteral("a?filter=x"));
    QTest::newRow("hash") << QJsonValue(QStringLiteral("a#b"));
    QTest::newRow("NUL") << QJsonValue(QStringLiteral("a") + QChar(0) + QStringLiteral("b"));
    QTest::newRow("ESC") << QJsonValue(QStringLiteral("a\x1b[2Jb"));
    QTest::newRow("DEL") << QJsonValue(QStringLiteral("a\x7f"));
    QTest::newRow("C1 control") << QJsonValue(QStringLiteral("a") + QChar(0x85));
    QTest::newRow("newline") << QJsonValue(QStringLiteral("a\nb"));
    QTest::newRow("too long") << QJsonValue(QString(1025, QLatin1Char('a')));
}

void TestScimClientFaults::unusableIdFromTheServerIsRefused()
{
    QFETCH(QJsonValue, id);
    QJsonObject bad {{QStringLiteral("userName"), QStringLiteral("bad")}};
    if (!id.isUndefined())
        bad.insert(QStringLiteral("id"), id);
    m_server->setHandler([&bad](const FaultServer::Request& request) {
        if (request.method == "POST")
            return FaultServer::Reply::json(201, QJsonDocument(bad).toJson(QJsonDocument::Compact));
        if (request.path() == "/scim/v2/Users/u1")
            return FaultServer::Reply::json(200, QJsonDocument(bad).toJson(QJsonDocument::Compact));
        return FaultServer::Reply::json(200, listBody({userNumber(1), bad}, 2));
    });
    auto scim = client();

    // A list holding it is not a usable read of the target.
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    if (*users)
        QFAIL(qPrintable(QStringLiteral("read as a list of %1 objects").arg(users->value().size())));
    QCOMPARE(users->error().kind, ScimError::Kind::InvalidResponse);
    QVERIFY2(users->error().detail.contains(QStringLiteral("id")), qPrintable(users->error().detail));
    // Shown escaped: no raw control character reaches a terminal or a log.
    for (QChar c : users->error().detail)
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f && !(c.unicode() >= 0x80 && c.unicode() < 0xa0),
            qPrintable(users->error().detail.toUtf8().toPercentEncoding(" ")));

    // A create answered with it fails (nothing to link), and so does a read of one resource.
    AwaitedObject created;
    scim->createUser(awsUser(QStringLiteral("u1")), this, created.callback());
    AwaitedObject got;
    scim->getUser(QStringLiteral("u1"), this, got.callback());
    QTRY_VERIFY_WITH_TIMEOUT(created.done() && got.done(), kWaitMs);
    QVERIFY2(!*created, "a create answered with an unusable id counts as done");
    QCOMPARE(created->error().kind, ScimError::Kind::InvalidResponse);
    QVERIFY2(!*got, "a read answered with an unusable id counts as done");
    QCOMPARE(got->error().kind, ScimError::Kind::InvalidResponse);
}

void TestScimClientFaults::idIsOneEncodedPathSegment()
{
    m_server->setHandler([](const FaultServer::Request& request) {
        if (request.method == "DELETE" || request.method == "PATCH")
            return FaultServer::Reply::json(204, QByteArray());
        return FaultServer::Reply::json(200, QJsonDocument(userNumber(1)).toJson(QJsonDocument::Compact));
    });
    auto scim = client();
    const QString id = QStringLiteral("a b%+\u00fc:@~.x");
    AwaitedObject got;
    scim->getUser(id, this, got.callback());
    AwaitedObject patched;
    scim->patchGroup(
        id, {PatchOperation::replace(QStringLiteral("displayName"), QStringLiteral("x"))}, this, patched.callback());
    AwaitedStatus deleted;
    scim->deleteUser(id, this, deleted.callback());
    QTRY_VERIFY_WITH_TIMEOUT(got.done() && patched.done() && deleted.done(), kWaitMs);
    QVERIFY2(*got, qPrintable(why(*got)));
    QVERIFY2(*patched, qPrintable(why(*patched)));
    QVERIFY2(*deleted, qPrintable(why(*deleted)));
    QSet<QByteArray> targets;
    for (const FaultServer::Request& request : m_server->requests())
        targets.insert(request.target);
    QCOMPARE(targets,
        (QSet<QByteArray> {"/scim/v2/Users/a%20b%25%2B%C3%BC%3A%40~.x", "/scim/v2/Groups/a%20b%25%2B%C3%BC%3A%40~.x"}));
}

void TestScimClientFaults::unusableIdIsNeverSent_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("empty") << QString();
    QTest::newRow(".") << QStringLiteral(".");
    QTest::newRow("..") << QStringLiteral("..");
    QTest::newRow("slash") << QStringLiteral("a/b");
    QTest::newRow("NUL") << QStringLiteral("a") + QChar(0);
    QTest::newRow("CR") << QStringLiteral("a\rb");
}

void TestScimClientFaults::unusableIdIsNeverSent()
{
    // An id from a damaged or forged link must not turn into a write to the collection or the
    // base URL (/Users/, /Users/.., /).
    QFETCH(QString, id);
    m_server->setHandler([](const FaultServer::Request&) { return FaultServer::Reply::json(204, QByteArray()); });
    auto scim = client();
    AwaitedObject got;
    scim->getUser(id, this, got.callback());
    AwaitedObject replaced;
    scim->replaceUser(id, awsUser(QStringLiteral("u1")), this, replaced.callback());
    AwaitedObject patched;
    scim->patchGroup(
        id, {PatchOperation::replace(QStringLiteral("displayName"), QStringLiteral("x"))}, this, patched.callback());
    AwaitedStatus deleted;
    scim->deleteGroup(id, this, deleted.callback());
    QTRY_VERIFY_WITH_TIMEOUT(got.done() && replaced.done() && patched.done() && deleted.done(), kWaitMs);
    QVERIFY2(!*got && !*replaced && !*patched && !*deleted, "a call with an unusable id went ahead");
    for (const ScimError& error : {got->error(), replaced->error(), patched->error(), deleted->error()}) {
        QCOMPARE(error.kind, ScimError::Kind::Refused);
        QVERIFY2(error.message().contains(QStringLiteral("path segment")), qPrintable(error.message()));
    }
    QCOMPARE(m_server->requestCount(), 0);
}

void TestScimClientFaults::htmlErrorBodyGivesExcerpt()
{
    m_server->setHandler([](const FaultServer::Request&) {
        FaultServer::Reply reply;
        reply.status = 403;
        reply.headers.append({QByteArray("Content-Type"), QByteArray("text/html")});
        reply.body = "<html><head><title>403</title></head><body><h1>Blocked by the corporate proxy</h1>"
                     "<p>Ask IT to allow scim.example.com</p></body></html>";
        return reply;
    });
    auto scim = client();
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY(!*users);
    const ScimError& error = users->error();
    QCOMPARE(error.kind, ScimError::Kind::Http);
    QCOMPARE(error.httpStatus, 403);
    QVERIFY2(error.toString().contains(QStringLiteral("Blocked by the corporate proxy")), qPrintable(error.toString()));
    QVERIFY2(!error.toString().contains(QStringLiteral("<h1>")), qPrintable(error.toString()));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestScimClientFaults::invalidFilterIsParsed()
{
    m_server->setHandler([](const FaultServer::Request&) {
        return FaultServer::Reply::json(
            400, scimError(400, QStringLiteral("invalidFilter"), QStringLiteral("Unsupported filter operator 'co'")));
    });
    auto scim = client();
    AwaitedList users;
    scim->listUsers(ScimFilter::eq(QStringLiteral("userName"), QStringLiteral("x")), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY(!*users);
    QCOMPARE(users->error().kind, ScimError::Kind::Http);
    QCOMPARE(users->error().httpStatus, 400);
    QCOMPARE(users->error().scimType, QStringLiteral("invalidFilter"));
    QVERIFY(users->error().detail.contains(QStringLiteral("Unsupported filter operator")));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestScimClientFaults::clientErrorsAreNotRetried_data()
{
    QTest::addColumn<int>("status");
    for (int status : {400, 401, 403, 404, 409, 412, 413, 422})
        QTest::addRow("%d", status) << status;
}

void TestScimClientFaults::clientErrorsAreNotRetried()
{
    QFETCH(int, status);
    m_server->setHandler([status](const FaultServer::Request&) {
        return FaultServer::Reply::json(status, scimError(status, QString(), QStringLiteral("no")));
    });
    auto scim = client();
    AwaitedObject replaced;
    scim->replaceUser(QStringLiteral("u1"), awsUser(QStringLiteral("u1")), this, replaced.callback());
    QTRY_VERIFY_WITH_TIMEOUT(replaced.done(), kWaitMs);
    QVERIFY(!*replaced);
    QCOMPARE(replaced->error().httpStatus, status);
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(scim->statistics().retries, 0);
}

void TestScimClientFaults::responseSizeCapAbortsEarly_data()
{
    QTest::addColumn<bool>("announceLength");
    QTest::newRow("Content-Length announced") << true;
    QTest::newRow("read until close") << false;
}

void TestScimClientFaults::responseSizeCapAbortsEarly()
{
    QFETCH(bool, announceLength);
    constexpr qint64 kCap = 256 * 1024;
    constexpr qint64 kOffered = 512LL * 1024 * 1024;
    m_server->setHandler([announceLength](const FaultServer::Request&) {
        FaultServer::Reply reply;
        reply.headers.append({QByteArray("Content-Type"), QByteArray("application/scim+json")});
        reply.streamBytes = kOffered;
        reply.announceLength = announceLength;
        return reply;
    });
    auto scim = client([](ScimClientConfig& config) { config.maxResponseBytes = kCap; });
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY(!*users);
    QCOMPARE(users->error().kind, ScimError::Kind::TooLarge);
    QCOMPARE(m_server->requestCount(), 1); // not retried
    // The client keeps at most the cap of a body, and stops reading while it decides: its
    // buffers are bounded, so TCP pushes back on the server whatever the scheduling. What the
    // server got rid of is the cap, the client's two read buffers (the reply's and the one in
    // flight from Qt's network thread), one raw socket read there (≤ 128 KiB), and the loopback
    // socket buffers: the server's send buffer is fixed at 64 KiB and the client's receive window
    // only grows with what the client has read (≤ 1 MiB here). Measured: 0.45-0.5 MiB.
    QVERIFY2(scim->statistics().bytesReceived <= kCap, qPrintable(QString::number(scim->statistics().bytesReceived)));
    constexpr qint64 kBound = 4LL * 1024 * 1024;
    QVERIFY2(m_server->streamedBytes() <= kBound, qPrintable(QString::number(m_server->streamedBytes())));
}

void TestScimClientFaults::bearerHeader()
{
    m_server->setHandler([](const FaultServer::Request&) { return FaultServer::Reply::json(200, listBody({}, 0)); });
    auto scim = client();
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY2(*users, qPrintable(why(*users)));
    QCOMPARE(m_server->requests().first().header("Authorization"), "Bearer " + kToken.toUtf8());
}

void TestScimClientFaults::basicHeader()
{
    m_server->setHandler([](const FaultServer::Request&) { return FaultServer::Reply::json(200, listBody({}, 0)); });
    auto scim = client([](ScimClientConfig& config) {
        config.auth.scheme = AuthScheme::Basic;
        config.auth.basicUsername = QStringLiteral("admin");
        config.secret = QStringLiteral("pa:ss wörd");
    });
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY2(*users, qPrintable(why(*users)));
    // RFC 7617: base64 of the UTF-8 user-id ":" password.
    QCOMPARE(m_server->requests().first().header("Authorization"), QByteArray("Basic YWRtaW46cGE6c3Mgd8O2cmQ="));
}

void TestScimClientFaults::oauthTokenFetchedOnceAndRefreshedOnceOn401()
{
    serveOAuth();
    auto scim = oauthClient();
    QList<std::shared_ptr<AwaitedList>> lists;
    for (int i = 0; i < 5; ++i) {
        lists.append(std::make_shared<AwaitedList>());
        scim->listUsers(ScimFilter(), this, lists.last()->callback());
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(lists.begin(), lists.end(), [](const auto& l) { return l->done(); }), kWaitMs);
    for (const auto& list : lists)
        QVERIFY2(**list, qPrintable(why(**list)));
    QCOMPARE(m_server->requestCount("/oauth/token"), 1); // cached across the five requests
    QCOMPARE(m_server->requestCount("/scim/v2/Users"), 5);

    // The token request: a form POST; the client secret travels in the form body
    // (client_secret_post, RFC 6749 §2.3.1), never in an Authorization header.
    const FaultServer::Request token = m_server->requestsTo("/oauth/token").first();
    QCOMPARE(token.method, QByteArray("POST"));
    QCOMPARE(token.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    QVERIFY(token.header("Authorization").isEmpty());
    const QHash<QString, QString> form = formFields(token.body);
    QCOMPARE(form.value(QStringLiteral("grant_type")), QStringLiteral("client_credentials"));
    QCOMPARE(form.value(QStringLiteral("client_id")), QStringLiteral("my-client"));
    QCOMPARE(form.value(QStringLiteral("client_secret")), kClientSecret);
    QCOMPARE(form.value(QStringLiteral("scope")), QStringLiteral("scim.read scim.write"));
    for (const FaultServer::Request& request : m_server->requestsTo("/scim/v2"))
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer tok-1-secretish"));

    // The server revokes the token: one 401, exactly one new token, the request retried once.
    m_acceptedToken = "revoked";
    m_server->clearRequests();
    AwaitedList after;
    scim->listUsers(ScimFilter(), this, after.callback());
    QTRY_VERIFY_WITH_TIMEOUT(after.done(), kWaitMs);
    QVERIFY2(*after, qPrintable(why(*after)));
    QCOMPARE(m_server->requestCount("/oauth/token"), 1);
    const QList<FaultServer::Request> scimRequests = m_server->requestsTo("/scim/v2");
    QCOMPARE(scimRequests.size(), 2);
    QCOMPARE(scimRequests.at(0).header("Authorization"), QByteArray("Bearer tok-1-secretish"));
    QCOMPARE(scimRequests.at(1).header("Authorization"), QByteArray("Bearer tok-2-secretish"));
    QCOMPARE(scim->statistics().oauthTokenRequests, 2);
}

void TestScimClientFaults::oauthSecond401IsAnError()
{
    serveOAuth(true);
    auto scim = oauthClient();
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY(!*users);
    QCOMPARE(users->error().httpStatus, 401);
    QCOMPARE(m_server->requestCount("/oauth/token"), 2); // the first token and ONE refresh
    QCOMPARE(m_server->requestCount("/scim/v2"), 2); // the request and ONE retry
    QVERIFY(!users->error().toString().contains(kClientSecret));
    QVERIFY(!users->error().toString().contains(QStringLiteral("secretish")));
}

void TestScimClientFaults::oauthTokenEndpointErrorHidesSecret()
{
    m_server->setHandler([](const FaultServer::Request& request) {
        // A careless token endpoint that echoes what it got.
        return FaultServer::Reply::json(401,
            R"({"error":"invalid_client","error_description":"bad client_secret in )" + request.body.toPercentEncoding()
                + " (client_secret=" + kClientSecret.toUtf8() + ")\"}");
    });
    auto scim = oauthClient();
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY(!*users);
    const QString text = users->error().toString() + users->error().hint();
    QVERIFY2(text.contains(QStringLiteral("invalid_client")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("client secret")), qPrintable(text)); // what to check
    QVERIFY2(!text.contains(kClientSecret), qPrintable(text));
    QVERIFY2(!text.contains(QString::fromLatin1(QUrl::toPercentEncoding(kClientSecret))), qPrintable(text));
    QCOMPARE(m_server->requestCount("/scim/v2"), 0);
}

void TestScimClientFaults::traceRedactsEverySecret()
{
    serveOAuth();
    auto scim = oauthClient();
    scim->setTraceEnabled(true);
    QList<HttpTraceEntry> entries;
    connect(
        scim.get(), &ScimClient::traceEntry, this, [&entries](const HttpTraceEntry& entry) { entries.append(entry); });

    AwaitedList users; // its answer carries a password attribute
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY2(*users, qPrintable(why(*users)));
    QJsonObject user = awsUser(QStringLiteral("pw-user"));
    user.insert(QStringLiteral("password"), kPassword);
    AwaitedObject created; // its request carries a password attribute
    scim->createUser(user, this, created.callback());
    QTRY_VERIFY_WITH_TIMEOUT(created.done(), kWaitMs);
    QVERIFY2(*created, qPrintable(why(*created)));
    QTRY_COMPARE_WITH_TIMEOUT(entries.size(), 3, kWaitMs); // token, list, create

    const QStringList forbidden {kClientSecret, QString::fromLatin1(QUrl::toPercentEncoding(kClientSecret)),
        QStringLiteral("tok-1-secretish"), kPassword};
    bool sawAuthorization = false;
    for (const HttpTraceEntry& entry : std::as_const(entries)) {
        QString all = entry.toString() + entry.url + QString::fromUtf8(entry.requestBodyExcerpt)
            + QString::fromUtf8(entry.responseBodyExcerpt) + entry.error;
        for (const auto& [name, value] : entry.requestHeaders + entry.responseHeaders) {
            all += QString::fromUtf8(name + ": " + value);
            if (name.compare("Authorization", Qt::CaseInsensitive) == 0) {
                sawAuthorization = true;
                QVERIFY2(value == "[REDACTED]" || value == "Bearer [REDACTED]", value.constData());
            }
        }
        for (const QString& secret : forbidden)
            QVERIFY2(!all.contains(secret), qPrintable(QStringLiteral("%1 leaked in: %2").arg(secret, all)));
    }
    QVERIFY(sawAuthorization);
    // The redacted fields are still visibly there, so the trace stays useful.
    QVERIFY(entries.at(1).responseBodyExcerpt.contains("password"));
    QVERIFY(entries.at(2).requestBodyExcerpt.contains("pw-user"));
}

void TestScimClientFaults::retryAfterHttpDateIsHonoured()
{
    qint64 retryAtEpochMs = 0;
    m_server->setHandler([&retryAtEpochMs](const FaultServer::Request& request) {
        if (retryAtEpochMs != 0)
            return FaultServer::Reply::json(200, listBody({}, 0));
        // Two seconds ahead, whole seconds as HTTP-dates have: the wait is between 1 and 2 s.
        const QDateTime when = QDateTime::fromSecsSinceEpoch(request.receivedAtEpochMs / 1000 + 2, QTimeZone::utc());
        retryAtEpochMs = when.toMSecsSinceEpoch();
        FaultServer::Reply reply
            = FaultServer::Reply::json(429, scimError(429, QString(), QStringLiteral("slow down")));
        reply.headers.append(
            {"Retry-After", QLocale::c().toString(when, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1()});
        return reply;
    });
    auto scim = client();
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY2(*users, qPrintable(why(*users)));
    const QList<FaultServer::Request> requests = m_server->requests();
    QCOMPARE(requests.size(), 2);
    const qint64 retriedAt = requests.at(1).receivedAtEpochMs;
    // Not before the date (1 ms for rounding), and not much after it (backoff jitter is ≤ 40 ms / 4).
    QVERIFY2(
        retriedAt >= retryAtEpochMs - 1, qPrintable(QStringLiteral("%1 ms early").arg(retryAtEpochMs - retriedAt)));
    QVERIFY2(
        retriedAt < retryAtEpochMs + 1000, qPrintable(QStringLiteral("%1 ms late").arg(retriedAt - retryAtEpochMs)));
}

void TestScimClientFaults::conflictOnCreateIsLookedUp()
{
    const QJsonObject existing {{QStringLiteral("id"), QStringLiteral("existing-id")},
        {QStringLiteral("userName"), QStringLiteral("zoe@example.com")}};
    m_server->setHandler([&existing](const FaultServer::Request& request) {
        if (request.method == "POST")
            return FaultServer::Reply::json(409, scimError(409, QStringLiteral("uniqueness"), QStringLiteral("dup")));
        return FaultServer::Reply::json(200, listBody({existing}, 1));
    });
    auto scim = client();
    Awaited<Result<ScimClient::CreateOutcome, ScimError>> created;
    scim->createUser(awsUser(QStringLiteral("zoe@example.com")),
        {ScimFilter::eq(QStringLiteral("userName"), QStringLiteral("zoe@example.com"))}, this, created.callback());
    QTRY_VERIFY_WITH_TIMEOUT(created.done(), kWaitMs);
    QVERIFY2(*created, qPrintable(why(*created)));
    QVERIFY(created->value().alreadyExisted);
    QCOMPARE(created->value().resource, existing);
    const QList<FaultServer::Request> requests = m_server->requests();
    QCOMPARE(requests.size(), 2); // the POST once, then the lookup
    QCOMPARE(requests.at(0).method, QByteArray("POST"));
    QCOMPARE(requests.at(1).method, QByteArray("GET"));
    QCOMPARE(requests.at(1).path(), QByteArray("/scim/v2/Users"));
    QCOMPARE(requests.at(1).queryValue("filter"), QByteArray(R"(userName eq "zoe@example.com")"));
}

QTEST_GUILESS_MAIN(TestScimClientFaults)
#include "tst_scimclient_faults.moc"
