// scimdesk-cli against a hostile SCIM target on real loopback HTTP (the in-test FaultServer): the
// target echoes the bearer token in x-amzn-RequestId, exceptionRequestId, scimType, a long detail
// and a listed user, and sends user names with terminal control characters. Whatever it sends,
// the token is in no output, trace or profile file, and control characters are shown escaped.
#include "../scim/FaultServer.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace {

// '/' and '+' make the percent-encoded and base64 forms differ from the token itself.
const QString kToken = QStringLiteral("hostile/Tok3n+0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f");
const QString kRealmMessage = QStringLiteral(R"(Bearer realm="IdentityCenter" rejected the request)");
// ESC sequences (clear screen, window title), BEL, CR, and a right-to-left override.
const QString kHostileName = QStringLiteral("Evil\x1b[2J\x1b]0;pwned\x07\rAll good \u202Egnp.exe");

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

QByteArray errorBody(const QJsonObject& fields)
{
    QJsonObject body {
        {QStringLiteral("schema"), QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:Error")}},
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:Error")}}};
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
        body.insert(it.key(), it.value());
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray listBody(const QJsonArray& resources)
{
    return QJsonDocument(
        QJsonObject {{QStringLiteral("schemas"),
                         QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:ListResponse")}},
            {QStringLiteral("totalResults"), int(resources.size())},
            {QStringLiteral("itemsPerPage"), int(resources.size())}, {QStringLiteral("Resources"), resources}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject targetUser(const QString& id, const QString& userName, const QString& displayName)
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("userName"), userName},
        {QStringLiteral("displayName"), displayName},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("Given")},
                {QStringLiteral("familyName"), QStringLiteral("Family")}}},
        {QStringLiteral("active"), true}};
}

// What a leak of the token looks like in bytes: itself, its encodings, and its first characters
// (a detail cut before it was redacted keeps those).
QList<QPair<QString, QByteArray>> leakForms()
{
    const QByteArray token = kToken.toUtf8();
    return {{QStringLiteral("plain"), token}, {QStringLiteral("base64"), token.toBase64()},
        {QStringLiteral("base64 of the Bearer header"), ("Bearer " + token).toBase64().mid(12, 24)},
        {QStringLiteral("percent-encoded"), QUrl::toPercentEncoding(kToken)},
        {QStringLiteral("first 10 characters"), token.left(10)}};
}

// "<where>: <form>" for every leak found in bytes.
QStringList leaksIn(const QString& where, const QByteArray& bytes)
{
    QStringList found;
    for (const auto& [name, form] : leakForms()) {
        if (const qsizetype count = bytes.count(form))
            found << QStringLiteral("%1: %2 x%3").arg(where, name).arg(count);
    }
    return found;
}

bool hasRawControl(const QByteArray& bytes)
{
    const QString text = QString::fromUtf8(bytes);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\n' && u != u'\t') || (u >= 0x7F && u <= 0x9F) || (u >= 0x202A && u <= 0x202E)
            || (u >= 0x2066 && u <= 0x2069))
            return true;
    }
    return false;
}

} // namespace

class CliHostileTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void echoedTokenIsNeverShownOrStored();
    void controlCharactersInServerValuesAreShownEscaped();
    void ordinaryWordAfterBearerIsKept();

private:
    CliRun cli(const QStringList& arguments);
    void setUpProfile();
    FaultServer::Reply answer(const FaultServer::Request& request) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FaultServer> m_server;
    QString m_profile;
    QStringList m_leaks; // every sink that held the token, for the failure message
};

void CliHostileTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_profile = m_dir->filePath(QStringLiteral("profile"));
    m_server = std::make_unique<FaultServer>();
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    m_server->setHandler([this](const FaultServer::Request& request) { return answer(request); });
    m_leaks.clear();
}

void CliHostileTest::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

CliRun CliHostileTest::cli(const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SCIMDESK_PROFILE"));
    env.insert(QStringLiteral("HOSTILE_TOKEN"), kToken);
    // The HTTP trace goes to stderr.
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("scimdesk.scim.trace.debug=true"));
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(SCIMDESK_CLI_PATH),
        QStringList {QStringLiteral("--profile"), m_profile} + arguments
            + QStringList {QStringLiteral("--token-env"), QStringLiteral("HOSTILE_TOKEN")});
    if (!process.waitForStarted())
        return {};
    process.closeWriteChannel();
    // Waiting on the signal spins this event loop, so the in-process server keeps answering.
    if (!finished.wait(60000)) {
        process.kill();
        process.waitForFinished();
    }
    CliRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    const QString command = arguments.join(QLatin1Char(' '));
    m_leaks << leaksIn(command + QStringLiteral(" stdout"), run.out)
            << leaksIn(command + QStringLiteral(" stderr"), run.err);
    return run;
}

FaultServer::Reply CliHostileTest::answer(const FaultServer::Request& request) const
{
    const QString token = kToken;
    if (request.path().endsWith("/ServiceProviderConfig"))
        return FaultServer::Reply::json(404, QByteArray());
    if (request.method == "GET" && request.path().endsWith("/Users")) {
        return FaultServer::Reply::json(200,
            listBody({targetUser(QStringLiteral("t-evil"), QStringLiteral("evil@example.com"), kHostileName),
                // Matched to a directory user: the plan shows the name it would overwrite.
                targetUser(QStringLiteral("t-echo"), QStringLiteral("listed@example.com"), token)}));
    }
    if (request.method == "GET")
        return FaultServer::Reply::json(200, listBody({}));
    const QString userName = QJsonDocument::fromJson(request.body).object().value(QLatin1String("userName")).toString();
    FaultServer::Reply reply;
    if (userName.startsWith(QLatin1String("header"))) {
        reply = FaultServer::Reply::json(400,
            errorBody({{QStringLiteral("status"), QStringLiteral("400")},
                {QStringLiteral("detail"), token + QString(2048, QLatin1Char('x'))}}));
        reply.headers.append({QByteArray("x-amzn-RequestId"), token.toUtf8()});
    } else if (userName.startsWith(QLatin1String("body"))) {
        reply = FaultServer::Reply::json(400,
            errorBody({{QStringLiteral("status"), QStringLiteral("400")},
                {QStringLiteral("scimType"), QStringLiteral("Bearer ") + token},
                {QStringLiteral("exceptionRequestId"), QString::fromLatin1(token.toUtf8().toBase64())},
                {QStringLiteral("detail"), QStringLiteral("Authorization was ") + token}}));
    } else if (userName.startsWith(QLatin1String("html"))) {
        // Not JSON: the excerpt is cut at 300 characters, right inside the token.
        reply.status = 400;
        reply.headers.append({QByteArray("Content-Type"), QByteArray("text/html")});
        reply.body = "<html><body><p>" + QByteArray(290, 'h') + ' ' + token.toUtf8() + "</p></body></html>";
    } else if (userName.startsWith(QLatin1String("realm"))) {
        reply = FaultServer::Reply::json(400,
            errorBody({{QStringLiteral("status"), QStringLiteral("400")}, {QStringLiteral("detail"), kRealmMessage}}));
    } else {
        reply = FaultServer::Reply::json(400,
            errorBody({{QStringLiteral("status"), QStringLiteral("400")},
                {QStringLiteral("detail"),
                    QStringLiteral("percent-encoded %1 and base64 %2")
                        .arg(QString::fromLatin1(QUrl::toPercentEncoding(token)),
                            QString::fromLatin1(token.toUtf8().toBase64()))}}));
        reply.headers.append({"x-amzn-RequestId", QUrl::toPercentEncoding(token)});
    }
    return reply;
}

void CliHostileTest::setUpProfile()
{
    CliRun run = cli({QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("Hostile"), QStringLiteral("--type"), QStringLiteral("aws-iam-identity-center"),
        QStringLiteral("--url"), m_server->url(QStringLiteral("/scim/v2")).toString()});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QString csv = QStringLiteral("userName,email,givenName,familyName,displayName\n");
    for (const char* name : {"evil", "listed", "header", "body", "html", "realm", "encoded"})
        csv += QStringLiteral("%1@example.com,%1@example.com,Given,Family,%1 user\n").arg(QLatin1String(name));
    const QString path = m_dir->filePath(QStringLiteral("users.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv.toUtf8());
    file.close();
    run = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), path});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    run = cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("App"),
        QStringLiteral("--server"), QStringLiteral("Hostile"), QStringLiteral("--all-users")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
}

void CliHostileTest::echoedTokenIsNeverShownOrStored()
{
    setUpProfile();
    const CliRun dryRun = cli({QStringLiteral("sync"), QStringLiteral("App"), QStringLiteral("--dry-run")});
    QVERIFY2(dryRun.exitCode == 0, dryRun.err.constData());
    const CliRun apply = cli({QStringLiteral("sync"), QStringLiteral("App"), QStringLiteral("--apply")});
    QCOMPARE(apply.exitCode, 1); // every write was refused
    const CliRun applyJson
        = cli({QStringLiteral("sync"), QStringLiteral("App"), QStringLiteral("--apply"), QStringLiteral("--json")});
    QCOMPARE(applyJson.exitCode, 1);
    const QJsonObject run = applyJson.json().value(QLatin1String("run")).toObject();
    QCOMPARE(run.value(QLatin1String("failed")).toInt(), 7);
    const CliRun runs = cli({QStringLiteral("runs"), QStringLiteral("list")});
    QCOMPARE(runs.exitCode, 0);
    const QString runId = QString::number(run.value(QLatin1String("runId")).toInteger());
    const CliRun shown = cli({QStringLiteral("runs"), QStringLiteral("show"), runId});
    QCOMPARE(shown.exitCode, 0);
    const CliRun shownJson = cli({QStringLiteral("runs"), QStringLiteral("show"), runId, QStringLiteral("--json")});
    QCOMPARE(shownJson.exitCode, 0);

    QDirIterator files(m_profile, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int scanned = 0;
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_leaks << leaksIn(file.fileName(), file.readAll());
        ++scanned;
    }
    QVERIFY(scanned > 0);
    if (!m_leaks.isEmpty())
        qWarning().noquote() << "The token leaked:\n" + m_leaks.join(QStringLiteral("\n")); // in full
    QVERIFY2(m_leaks.isEmpty(), qPrintable(m_leaks.join(QStringLiteral("\n"))));

    // The server did say all of it: each echo was received, and there is something to redact.
    QVERIFY2(shown.out.contains("[REDACTED]"), shown.out.constData());
    QVERIFY2(dryRun.out.contains(R"(displayName: "[REDACTED]" → "listed user")"), dryRun.out.constData());
    QVERIFY2(apply.err.contains("request-id=[REDACTED]"), apply.err.right(2000).constData());
}

void CliHostileTest::ordinaryWordAfterBearerIsKept()
{
    setUpProfile();
    const CliRun apply = cli({QStringLiteral("sync"), QStringLiteral("App"), QStringLiteral("--apply")});
    QCOMPARE(apply.exitCode, 1);
    // Only credentials are masked: the server's "Bearer realm" message keeps its words.
    QVERIFY2(apply.out.contains(kRealmMessage.toUtf8()), apply.out.constData());
    const CliRun shown
        = cli({QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--json")});
    QCOMPARE(shown.exitCode, 0);
    bool found = false;
    for (const QJsonValue& entry : shown.json().value(QLatin1String("entries")).toArray())
        found = found || entry.toObject().value(QLatin1String("error")).toString().contains(kRealmMessage);
    QVERIFY2(found, shown.out.constData());
}

void CliHostileTest::controlCharactersInServerValuesAreShownEscaped()
{
    setUpProfile();
    const CliRun dryRun = cli({QStringLiteral("sync"), QStringLiteral("App"), QStringLiteral("--dry-run")});
    QVERIFY2(dryRun.exitCode == 0, dryRun.err.constData());
    QVERIFY2(!hasRawControl(dryRun.out), dryRun.out.constData());
    QVERIFY2(!hasRawControl(dryRun.err), dryRun.err.constData());
    // The update shows the server's value, escaped: the admin sees what would be overwritten.
    QVERIFY2(dryRun.out.contains(R"("Evil\x1b[2J\x1b]0;pwned\x07\rAll good \u202egnp.exe" → "evil user")"),
        dryRun.out.constData());

    // --json stays JSON: the value is exactly the server's, escaped the JSON way.
    const CliRun json
        = cli({QStringLiteral("sync"), QStringLiteral("App"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    QVERIFY2(json.out.contains(R"(\u001b[2J)"), json.out.constData());
    bool found = false;
    for (const QJsonValue& operation :
        json.json().value(QLatin1String("plan")).toObject().value(QLatin1String("operations")).toArray()) {
        for (const QJsonValue& change : operation.toObject().value(QLatin1String("changes")).toArray())
            found = found || change.toObject().value(QLatin1String("before")).toString() == kHostileName;
    }
    QVERIFY2(found, json.out.constData());
    QVERIFY2(m_leaks.isEmpty(), qPrintable(m_leaks.join(QStringLiteral("\n"))));
}

QTEST_GUILESS_MAIN(CliHostileTest)
#include "tst_cli_hostile.moc"
