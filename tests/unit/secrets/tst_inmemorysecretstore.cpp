#include "secrets/InMemorySecretStore.h"

#include <QObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

// Collects one asynchronous answer and lets the test wait for it without sleeping.
class Answer : public QObject
{
    Q_OBJECT

public:
    int calls = 0;
    std::optional<Status<SecretError>> status;
    std::optional<Result<QString, SecretError>> result;

    SecretStore::StatusCallback statusCallback()
    {
        return [this](Status<SecretError> s) {
            ++calls;
            status = s;
            emit arrived();
        };
    }
    SecretStore::ReadCallback readCallback()
    {
        return [this](Result<QString, SecretError> r) {
            ++calls;
            result = r;
            emit arrived();
        };
    }

signals:
    void arrived();
};

class TestInMemorySecretStore : public QObject
{
    Q_OBJECT

private slots:
    void keyStrings_data();
    void keyStrings();
    void writeReadOverwriteRemove();
    void answersAreQueued();
    void readMissingIsNotFound();
    void removeMissingSucceeds();
    void removeAllForDeletesEveryPurposeOfOneServer();
    void failNextWriteFailsOnceAndStoresNothing();
    void failNextReadAndRemove();
    void removeAllForReportsFailure();
    void callbackSkippedWhenContextDestroyed();
    void fullMessageCombinesMessageAndHint();

private:
    static Status<SecretError> writeSync(SecretStore& store, const SecretKey& key, const QString& secret);
    static Result<QString, SecretError> readSync(SecretStore& store, const SecretKey& key);
    static Status<SecretError> removeSync(SecretStore& store, const SecretKey& key);
};

Status<SecretError> TestInMemorySecretStore::writeSync(SecretStore& store, const SecretKey& key, const QString& secret)
{
    Answer answer;
    QSignalSpy spy(&answer, &Answer::arrived);
    store.write(key, secret, &answer, answer.statusCallback());
    if (!spy.wait(5000)) {
        return SecretError(SecretError::Kind::Other, QStringLiteral("no answer"));
    }
    return *answer.status;
}

Result<QString, SecretError> TestInMemorySecretStore::readSync(SecretStore& store, const SecretKey& key)
{
    Answer answer;
    QSignalSpy spy(&answer, &Answer::arrived);
    store.read(key, &answer, answer.readCallback());
    if (!spy.wait(5000)) {
        return SecretError(SecretError::Kind::Other, QStringLiteral("no answer"));
    }
    return *answer.result;
}

Status<SecretError> TestInMemorySecretStore::removeSync(SecretStore& store, const SecretKey& key)
{
    Answer answer;
    QSignalSpy spy(&answer, &Answer::arrived);
    store.remove(key, &answer, answer.statusCallback());
    if (!spy.wait(5000)) {
        return SecretError(SecretError::Kind::Other, QStringLiteral("no answer"));
    }
    return *answer.status;
}

void TestInMemorySecretStore::keyStrings_data()
{
    QTest::addColumn<qint64>("serverId");
    QTest::addColumn<SecretPurpose>("purpose");
    QTest::addColumn<QString>("expected");
    QTest::newRow("token") << qint64(12) << SecretPurpose::AccessToken << QStringLiteral("server/12/access-token");
    QTest::newRow("basic") << qint64(3) << SecretPurpose::BasicPassword << QStringLiteral("server/3/basic-password");
    QTest::newRow("oauth") << qint64(4000000000LL) << SecretPurpose::OAuthClientSecret
                           << QStringLiteral("server/4000000000/oauth-client-secret");
}

void TestInMemorySecretStore::keyStrings()
{
    QFETCH(qint64, serverId);
    QFETCH(SecretPurpose, purpose);
    QFETCH(QString, expected);
    QCOMPARE(SecretKey({serverId, purpose}).toString(), expected);
}

void TestInMemorySecretStore::writeReadOverwriteRemove()
{
    InMemorySecretStore store;
    const SecretKey key {7, SecretPurpose::AccessToken};
    QVERIFY(writeSync(store, key, QStringLiteral("first")).ok());
    auto read = readSync(store, key);
    QVERIFY(read.ok());
    QCOMPARE(read.value(), QStringLiteral("first"));

    QVERIFY(writeSync(store, key, QStringLiteral("second")).ok());
    read = readSync(store, key);
    QVERIFY(read.ok());
    QCOMPARE(read.value(), QStringLiteral("second"));
    QCOMPARE(store.count(), 1);

    QVERIFY(removeSync(store, key).ok());
    QVERIFY(!store.contains(key));
    read = readSync(store, key);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind, SecretError::Kind::NotFound);
}

void TestInMemorySecretStore::answersAreQueued()
{
    InMemorySecretStore store;
    Answer answer;
    QSignalSpy spy(&answer, &Answer::arrived);
    store.write({1, SecretPurpose::AccessToken}, QStringLiteral("s"), &answer, answer.statusCallback());
    // Like the real keychain, nothing is answered inside the call.
    QCOMPARE(answer.calls, 0);
    QVERIFY(spy.wait(5000));
    QCOMPARE(answer.calls, 1);
}

void TestInMemorySecretStore::readMissingIsNotFound()
{
    InMemorySecretStore store;
    const auto read = readSync(store, {99, SecretPurpose::BasicPassword});
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind, SecretError::Kind::NotFound);
    QVERIFY(read.error().message.contains(QStringLiteral("server/99/basic-password")));
    QVERIFY(!read.error().hint.isEmpty());
}

void TestInMemorySecretStore::removeMissingSucceeds()
{
    InMemorySecretStore store;
    QVERIFY(removeSync(store, {5, SecretPurpose::OAuthClientSecret}).ok());
}

void TestInMemorySecretStore::removeAllForDeletesEveryPurposeOfOneServer()
{
    InMemorySecretStore store;
    for (SecretPurpose purpose : SecretKey::allPurposes()) {
        QVERIFY(writeSync(store, {1, purpose}, QStringLiteral("one")).ok());
        QVERIFY(writeSync(store, {2, purpose}, QStringLiteral("two")).ok());
    }
    QCOMPARE(store.count(), 6);

    Answer answer;
    QSignalSpy spy(&answer, &Answer::arrived);
    store.removeAllFor(1, &answer, answer.statusCallback());
    QVERIFY(spy.wait(5000));
    QVERIFY(answer.status->ok());
    QCOMPARE(answer.calls, 1);
    QCOMPARE(store.count(), 3);
    for (SecretPurpose purpose : SecretKey::allPurposes()) {
        QVERIFY(!store.contains({1, purpose}));
        QCOMPARE(store.peek({2, purpose}), std::optional<QString>(QStringLiteral("two")));
    }
}

void TestInMemorySecretStore::failNextWriteFailsOnceAndStoresNothing()
{
    InMemorySecretStore store;
    const SecretKey key {3, SecretPurpose::AccessToken};
    store.failNextWrite(SecretError(SecretError::Kind::NoBackend, QStringLiteral("No keychain service available")));

    const auto failed = writeSync(store, key, QStringLiteral("token"));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().kind, SecretError::Kind::NoBackend);
    QCOMPARE(failed.error().message, QStringLiteral("No keychain service available"));
    QVERIFY(failed.error().hint.contains(QStringLiteral("Secret Service")));
    QVERIFY(!store.contains(key));

    QVERIFY(writeSync(store, key, QStringLiteral("token")).ok());
    QVERIFY(store.contains(key));
    QCOMPARE(store.writeCount(), 2);
}

void TestInMemorySecretStore::failNextReadAndRemove()
{
    InMemorySecretStore store;
    const SecretKey key {4, SecretPurpose::AccessToken};
    QVERIFY(writeSync(store, key, QStringLiteral("t")).ok());

    store.failNextRead(SecretError(SecretError::Kind::AccessDenied, QStringLiteral("locked")));
    const auto read = readSync(store, key);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind, SecretError::Kind::AccessDenied);
    QVERIFY(readSync(store, key).ok());

    store.failNextRemove(SecretError(SecretError::Kind::Other, QStringLiteral("broken")));
    QVERIFY(!removeSync(store, key).ok());
    QVERIFY(store.contains(key));
    QVERIFY(removeSync(store, key).ok());
    QVERIFY(!store.contains(key));
}

void TestInMemorySecretStore::removeAllForReportsFailure()
{
    InMemorySecretStore store;
    store.failNextRemove(SecretError(SecretError::Kind::AccessDenied, QStringLiteral("locked")));
    Answer answer;
    QSignalSpy spy(&answer, &Answer::arrived);
    store.removeAllFor(8, &answer, answer.statusCallback());
    QVERIFY(spy.wait(5000));
    QCOMPARE(answer.calls, 1);
    QVERIFY(!answer.status->ok());
    QCOMPARE(answer.status->error().kind, SecretError::Kind::AccessDenied);
    QCOMPARE(store.removeCount(), 3);
}

void TestInMemorySecretStore::callbackSkippedWhenContextDestroyed()
{
    InMemorySecretStore store;
    int calls = 0;
    auto context = std::make_unique<QObject>();
    store.write({1, SecretPurpose::AccessToken}, QStringLiteral("s"), context.get(),
        [&calls](Status<SecretError>) { ++calls; });
    context.reset();

    // A later answer to a live context proves the event queue ran past the dropped one.
    Answer answer;
    QSignalSpy spy(&answer, &Answer::arrived);
    store.read({1, SecretPurpose::AccessToken}, &answer, answer.readCallback());
    QVERIFY(spy.wait(5000));
    QCOMPARE(calls, 0);
    QVERIFY(answer.result->ok());
}

void TestInMemorySecretStore::fullMessageCombinesMessageAndHint()
{
    const SecretError error(SecretError::Kind::NoBackend, QStringLiteral("Cannot autolaunch D-Bus"));
    QCOMPARE(error.fullMessage(), QStringLiteral("Cannot autolaunch D-Bus. ") + error.hint);
    const SecretError custom(SecretError::Kind::Other, QStringLiteral("Failed."), QStringLiteral("Do this."));
    QCOMPARE(custom.fullMessage(), QStringLiteral("Failed. Do this."));
    const SecretError bare(SecretError::Kind::Other, QString(), QStringLiteral("Only a hint."));
    QCOMPARE(bare.fullMessage(), QStringLiteral("Only a hint."));
}

QTEST_GUILESS_MAIN(TestInMemorySecretStore)
#include "tst_inmemorysecretstore.moc"
