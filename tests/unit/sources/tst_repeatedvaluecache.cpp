#include "sources/LdapUserMapper.h"
#include "sources/RepeatedValueCache.h"
#include "sources/SourceTypeRegistry.h"

#include <QTest>

// Values that repeat across a read are one shared string; values that do not stop being kept.
class TestRepeatedValueCache : public QObject
{
    Q_OBJECT

private slots:
    void repeatedValuesAreShared()
    {
        RepeatedValueCache cache;
        QCOMPARE(cache.find("Engineer"), nullptr);
        const QString text = QString::fromUtf8("Engineer");
        cache.add(QByteArray("Engineer"), text);
        for (int i = 0; i < 2 * RepeatedValueCache::kSample; ++i) {
            const QString* found = cache.find(i % 2 ? QByteArray("Engineer") : QByteArray("Eng") + "ineer");
            QVERIFY(found);
            QCOMPARE(found->constData(), text.constData());
        }
        QVERIFY(cache.isEnabled());
    }

    void uniqueValuesGiveUpAfterTheSample()
    {
        RepeatedValueCache cache;
        for (int i = 0; i < RepeatedValueCache::kSample; ++i) {
            const QByteArray value = "user" + QByteArray::number(i) + "@example.com";
            QCOMPARE(cache.find(value), nullptr);
            cache.add(value, QString::fromLatin1(value));
        }
        QVERIFY(!cache.isEnabled());
        QCOMPARE(cache.find("user1@example.com"), nullptr); // nothing kept any more
    }

    void keepsBoundedlyManyValues()
    {
        RepeatedValueCache cache;
        for (int i = 0; i <= RepeatedValueCache::kMaxValues; ++i) {
            const QByteArray value = QByteArray::number(i);
            cache.add(value, QString::fromLatin1(value));
            cache.find(value); // every value found once: the sample alone would keep it on
        }
        QVERIFY(!cache.isEnabled());
    }

    // Through the mapper: two users' equal titles are one string; the bytes of the receive
    // buffer the entries view are not kept.
    void mapperSharesEqualValues()
    {
        DirectorySource source;
        source.baseDn = QStringLiteral("dc=example,dc=com");
        source = SourceTypeRegistry::load().applyType(source, QStringLiteral("openldap"))->result;
        const LdapUserMapper mapper(source, SourceType::AnchorFormat::Text);
        QList<SourceUserEntry> users;
        for (const char* uid : {"ann", "bob"}) {
            QByteArray buffer = QByteArray("Site Reliability Engineer");
            LdapEntry entry;
            entry.dn = QStringLiteral("uid=%1,dc=example,dc=com").arg(QLatin1String(uid));
            entry.attributes = {{"entryUUID", {QByteArray(uid) + "-uuid"}}, {"uid", {QByteArray(uid)}},
                {"title", {QByteArray::fromRawData(buffer.constData(), buffer.size())}}};
            SourceUserEntry user;
            QString problem;
            QVERIFY2(mapper.map(entry, &user, &problem), qPrintable(problem));
            buffer.fill('x'); // the receive buffer is reused
            users.append(user);
        }
        QCOMPARE(users.at(0).user.title, QStringLiteral("Site Reliability Engineer"));
        QCOMPARE(users.at(1).user.title, QStringLiteral("Site Reliability Engineer"));
        QCOMPARE(users.at(1).user.title.constData(), users.at(0).user.title.constData());
        QCOMPARE(users.at(1).user.userName, QStringLiteral("bob"));
    }
};

QTEST_GUILESS_MAIN(TestRepeatedValueCache)
#include "tst_repeatedvaluecache.moc"
