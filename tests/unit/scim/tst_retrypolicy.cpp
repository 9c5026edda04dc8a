#include <scim/RetryPolicy.h>

#include <QTest>
#include <QTimeZone>

namespace {

ScimError httpError(int status)
{
    return ScimError::http(status, QString(), QString(), QString());
}

RetryPolicy policy(double random, int maxAttempts = 5, qint64 maxTotalMs = 60000)
{
    RetrySettings settings;
    settings.maxAttempts = maxAttempts;
    settings.baseDelayMs = 100;
    settings.maxDelayMs = 1000;
    settings.maxTotalMs = maxTotalMs;
    return RetryPolicy(settings, [random] { return random; });
}

} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void retryableErrors_data();
    void retryableErrors();
    void backoffIsExponentialWithFullJitter_data();
    void backoffIsExponentialWithFullJitter();
    void givesUpAfterMaxAttempts();
    void givesUpWhenTotalTimeWouldBeExceeded();
    void honoursRetryAfter();
    void parsesRetryAfter_data();
    void parsesRetryAfter();
    void unknownOutcome();
};

void TestRetryPolicy::retryableErrors_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("retryable");
    using K = ScimError::Kind;
    for (int status : {429, 500, 502, 503, 504})
        QTest::addRow("http-%d", status) << int(K::Http) << status << true;
    for (int status : {400, 401, 403, 404, 409, 412, 501})
        QTest::addRow("http-%d", status) << int(K::Http) << status << false;
    QTest::newRow("network") << int(K::Network) << 0 << true;
    QTest::newRow("timeout") << int(K::Timeout) << 0 << true;
    QTest::newRow("tls") << int(K::Tls) << 0 << false;
    QTest::newRow("dns") << int(K::Dns) << 0 << false;
    QTest::newRow("cancelled") << int(K::Cancelled) << 0 << false;
    QTest::newRow("invalid") << int(K::InvalidResponse) << 0 << false;
    QTest::newRow("refused") << int(K::Refused) << 0 << false;
    QTest::newRow("too-large") << int(K::TooLarge) << 0 << false;
}

void TestRetryPolicy::retryableErrors()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(bool, retryable);
    ScimError error {ScimError::Kind(kind), QString()};
    error.httpStatus = status;
    QCOMPARE(RetryPolicy::isRetryable(error), retryable);
    QCOMPARE(policy(0.5).nextDelayMs(error, 1, 0, std::nullopt).has_value(), retryable);
}

void TestRetryPolicy::backoffIsExponentialWithFullJitter_data()
{
    QTest::addColumn<int>("attemptsMade");
    QTest::addColumn<double>("random");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("1-max") << 1 << 0.999999 << qint64(99);
    QTest::newRow("1-zero") << 1 << 0.0 << qint64(0);
    QTest::newRow("2-half") << 2 << 0.5 << qint64(100);
    QTest::newRow("3-half") << 3 << 0.5 << qint64(200);
    QTest::newRow("4-max") << 4 << 0.999999 << qint64(799);
    QTest::newRow("5-capped") << 5 << 0.5 << qint64(500); // min(1000, 1600) * 0.5
    QTest::newRow("30-capped") << 30 << 0.25 << qint64(250);
}

void TestRetryPolicy::backoffIsExponentialWithFullJitter()
{
    QFETCH(int, attemptsMade);
    QFETCH(double, random);
    QFETCH(qint64, expected);
    QCOMPARE(policy(random, 100).backoffMs(attemptsMade), expected);
}

void TestRetryPolicy::givesUpAfterMaxAttempts()
{
    const RetryPolicy p = policy(0.5, 3);
    QVERIFY(p.nextDelayMs(httpError(503), 1, 0, std::nullopt));
    QVERIFY(p.nextDelayMs(httpError(503), 2, 0, std::nullopt));
    QVERIFY(!p.nextDelayMs(httpError(503), 3, 0, std::nullopt));
}

void TestRetryPolicy::givesUpWhenTotalTimeWouldBeExceeded()
{
    const RetryPolicy p = policy(0.5, 10, 1000);
    QCOMPARE(p.nextDelayMs(httpError(500), 1, 900, std::nullopt), std::optional<qint64>(50));
    QVERIFY(!p.nextDelayMs(httpError(500), 1, 990, std::nullopt));
    QVERIFY(!p.nextDelayMs(httpError(429), 1, 0, qint64(5000))); // Retry-After beyond the budget
}

void TestRetryPolicy::honoursRetryAfter()
{
    const RetryPolicy p = policy(0.0);
    QCOMPARE(p.nextDelayMs(httpError(429), 1, 0, qint64(2000)), std::optional<qint64>(2000));
    const RetryPolicy jittered = policy(0.8);
    // Server delay plus a quarter of the jittered backoff: never earlier than asked.
    QCOMPARE(jittered.nextDelayMs(httpError(429), 2, 0, qint64(2000)), std::optional<qint64>(2000 + 160 / 4));
}

void TestRetryPolicy::parsesRetryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expectedMs"); // -1: nullopt
    QTest::newRow("seconds") << QByteArray("3") << qint64(3000);
    QTest::newRow("zero") << QByteArray("0") << qint64(0);
    QTest::newRow("spaces") << QByteArray(" 12 ") << qint64(12000);
    QTest::newRow("imf-date") << QByteArray("Wed, 21 Oct 2015 07:28:10 GMT") << qint64(10000);
    QTest::newRow("rfc850-date") << QByteArray("Wednesday, 21-Oct-15 07:28:05 GMT") << qint64(5000);
    QTest::newRow("asctime") << QByteArray("Wed Oct 21 07:28:20 2015") << qint64(20000);
    QTest::newRow("past-date") << QByteArray("Wed, 21 Oct 2015 07:00:00 GMT") << qint64(0);
    QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
    QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
}

void TestRetryPolicy::parsesRetryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expectedMs);
    const QDateTime now(QDate(2015, 10, 21), QTime(7, 28, 0), QTimeZone::utc());
    const std::optional<qint64> parsed = RetryPolicy::parseRetryAfterMs(value, now);
    if (expectedMs < 0)
        QVERIFY(!parsed);
    else
        QCOMPARE(parsed, std::optional<qint64>(expectedMs));
}

void TestRetryPolicy::unknownOutcome()
{
    QVERIFY(RetryPolicy::isOutcomeUnknown(ScimError(ScimError::Kind::Timeout, QString())));
    QVERIFY(RetryPolicy::isOutcomeUnknown(ScimError(ScimError::Kind::Network, QString())));
    QVERIFY(RetryPolicy::isOutcomeUnknown(httpError(502)));
    QVERIFY(!RetryPolicy::isOutcomeUnknown(httpError(429)));
    QVERIFY(!RetryPolicy::isOutcomeUnknown(httpError(503)));
    QVERIFY(!RetryPolicy::isOutcomeUnknown(httpError(409)));
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
