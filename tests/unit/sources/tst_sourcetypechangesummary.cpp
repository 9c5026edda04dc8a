#include "sources/SourceTypeChangeSummary.h"
#include "sources/SourceTypeRegistry.h"

#include <QTest>

// The Source Type notice in plain words: one line per part of the source the type changes,
// naming what the admin recognises, never internal ids; the setting-by-setting list stays in
// SourceTypeChange::changes for "Show Details".
class TestSourceTypeChangeSummary : public QObject
{
    Q_OBJECT

private:
    SourceTypeRegistry m_types = SourceTypeRegistry::load();

    static DirectorySource blank()
    {
        DirectorySource source;
        source.name = QStringLiteral("Corp");
        source.url = QStringLiteral("ldaps://dc1.corp.example");
        source.baseDn = QStringLiteral("DC=corp,DC=example");
        return source;
    }

private slots:
    void initTestCase() { QVERIFY2(m_types.errors().isEmpty(), qPrintable(m_types.errors().join('\n'))); }

    void activeDirectoryOnABlankSource()
    {
        const auto type = m_types.find(QStringLiteral("active-directory"));
        QVERIFY(type);
        const SourceTypeChange change = SourceTypeRegistry::applyType(*type, blank());
        const QStringList lines = SourceTypeChangeSummary::summarize(change, *type, blank());
        const QString text = lines.join(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines.size() < change.changes.size(), qPrintable(change.changes.join(QLatin1Char('\n'))));
        QVERIFY2(text.contains(type->userFilter), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("objectGUID")) && text.contains(QStringLiteral("GUID form")),
            qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("read from the LDAP attributes Active Directory uses")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("bit 0x2")), qPrintable(text));
        // What already matches (the default group attributes, client-side nesting) is not mentioned.
        QVERIFY2(!text.contains(QStringLiteral("Nested groups")) && !text.contains(QStringLiteral("Groups:")),
            qPrintable(text));
        // Internal ids belong in files and scripts, not in a question to the admin.
        QVERIFY2(!text.contains(QStringLiteral("client-side")) && !text.contains(QStringLiteral("flag-bit-set")),
            qPrintable(text));
        QVERIFY2(!change.changes.join(QLatin1Char('\n')).contains(QStringLiteral("client-side")),
            qPrintable(change.changes.join(QLatin1Char('\n'))));
    }

    void switchingTypesSaysWhatIsReplaced()
    {
        const auto openldap = m_types.find(QStringLiteral("openldap"));
        const auto ad = m_types.find(QStringLiteral("active-directory"));
        QVERIFY(openldap && ad);
        const DirectorySource before = SourceTypeRegistry::applyType(*openldap, blank()).result;
        const SourceTypeChange change = SourceTypeRegistry::applyType(*ad, before);
        const QString text = SourceTypeChangeSummary::summarize(change, *ad, before).join(QLatin1Char('\n'));
        QVERIFY2(text.contains(QStringLiteral("replacing the %1 mappings you have now").arg(before.userMappings.size())),
            qPrintable(text));
    }

    void theSameTypeAgainSaysNothing()
    {
        const auto type = m_types.find(QStringLiteral("openldap"));
        const DirectorySource once = SourceTypeRegistry::applyType(*type, blank()).result;
        const SourceTypeChange again = SourceTypeRegistry::applyType(*type, once);
        QVERIFY(!again.hasChanges());
        QVERIFY(SourceTypeChangeSummary::summarize(again, *type, once).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSourceTypeChangeSummary)
#include "tst_sourcetypechangesummary.moc"
