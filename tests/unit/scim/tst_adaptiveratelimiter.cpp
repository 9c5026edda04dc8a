#include <scim/AdaptiveRateLimiter.h>

#include <QTest>

class TestAdaptiveRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void enforcesRateAfterBurst();
    void halvesOnThrottleAndRecoversSlowly();
    void throttleBurstCountsOnce();
    void unlimitedUntilThrottled();
};

void TestAdaptiveRateLimiter::enforcesRateAfterBurst()
{
    AdaptiveRateLimiter limiter(10, 2);
    QCOMPARE(limiter.acquire(0), qint64(0));
    QCOMPARE(limiter.acquire(0), qint64(0));
    QCOMPARE(limiter.acquire(0), qint64(100)); // empty: next token in 1/10 s
    QCOMPARE(limiter.acquire(50), qint64(50));
    QCOMPARE(limiter.acquire(100), qint64(0));
    // Over 10 simulated seconds, no more than rate * time + burst requests pass.
    int sent = 0;
    for (qint64 t = 100; t <= 10100; t += 5) {
        if (limiter.acquire(t) == 0)
            ++sent;
    }
    QVERIFY2(sent >= 99 && sent <= 102, qPrintable(QString::number(sent)));
}

void TestAdaptiveRateLimiter::halvesOnThrottleAndRecoversSlowly()
{
    AdaptiveRateLimiter limiter(20);
    QCOMPARE(limiter.currentRate(), 20.0);
    limiter.onThrottled(1000);
    QCOMPARE(limiter.currentRate(), 10.0);
    limiter.onThrottled(3000);
    QCOMPARE(limiter.currentRate(), 5.0);
    // Additive increase: +1 req/s per second of success (20/20), capped at the configured rate.
    limiter.onSuccess(3500);
    QCOMPARE(limiter.currentRate(), 5.0);
    limiter.onSuccess(4000);
    QCOMPARE(limiter.currentRate(), 6.0);
    limiter.onSuccess(7000);
    QCOMPARE(limiter.currentRate(), 9.0);
    limiter.onSuccess(60000);
    QCOMPARE(limiter.currentRate(), 20.0);
    // Never below the floor.
    AdaptiveRateLimiter floor(1, 1, 0.5);
    for (int i = 0; i < 10; ++i)
        floor.onThrottled(i * 2000);
    QCOMPARE(floor.currentRate(), 0.5);
}

void TestAdaptiveRateLimiter::throttleBurstCountsOnce()
{
    AdaptiveRateLimiter limiter(16);
    limiter.onThrottled(1000);
    QVERIFY(limiter.acquire(1000) > 0); // after a throttle the bucket starts empty
    limiter.onThrottled(1100); // same burst of in-flight requests
    limiter.onThrottled(1900);
    QCOMPARE(limiter.currentRate(), 8.0);
}

void TestAdaptiveRateLimiter::unlimitedUntilThrottled()
{
    AdaptiveRateLimiter limiter;
    for (int i = 0; i < 40; ++i)
        QCOMPARE(limiter.acquire(1000 + i * 10), qint64(0)); // 40 in 400 ms
    QCOMPARE(limiter.currentRate(), 0.0);
    limiter.onThrottled(1400);
    QCOMPARE(limiter.currentRate(), 20.0); // half of the observed 40/s
    QVERIFY(limiter.acquire(1400) > 0);
}

QTEST_GUILESS_MAIN(TestAdaptiveRateLimiter)
#include "tst_adaptiveratelimiter.moc"
