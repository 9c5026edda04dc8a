#include <sync/CapabilityRefinement.h>

#include <QTest>

// What /ServiceProviderConfig changes in a preset's capabilities, and what it only reports.
class TestCapabilityRefinement : public QObject
{
    Q_OBJECT

private slots:
    void pageSizeFollowsMaxResults_data();
    void pageSizeFollowsMaxResults();
    void patchUnsupportedIsAWarning_data();
    void patchUnsupportedIsAWarning();
    void filterUnsupportedIsAWarning();
    void neverWidensThePreset();
    void bulkIsIgnored();
    void agreeingServerChangesNothing();
};

namespace {
ServiceProviderConfig fullSupport()
{
    ServiceProviderConfig config;
    config.patchSupported = true;
    config.filterSupported = true;
    return config;
}
} // namespace

void TestCapabilityRefinement::pageSizeFollowsMaxResults_data()
{
    QTest::addColumn<int>("presetPageSize");
    QTest::addColumn<int>("maxResults");
    QTest::addColumn<int>("expected");
    QTest::addColumn<bool>("noted");
    QTest::newRow("smaller lowers") << 100 << 50 << 50 << true;
    QTest::newRow("equal keeps") << 100 << 100 << 100 << false;
    QTest::newRow("larger keeps") << 100 << 200 << 100 << false;
    QTest::newRow("not stated keeps") << 100 << 0 << 100 << false;
    QTest::newRow("unlimited preset takes it") << 0 << 500 << 500 << true;
}

void TestCapabilityRefinement::pageSizeFollowsMaxResults()
{
    QFETCH(int, presetPageSize);
    QFETCH(int, maxResults);
    QFETCH(int, expected);
    QFETCH(bool, noted);
    ServerCapabilities preset;
    preset.maxPageSize = presetPageSize;
    ServiceProviderConfig config = fullSupport();
    config.filterMaxResults = maxResults;
    const auto outcome = CapabilityRefinement::refine(preset, config);
    QCOMPARE(outcome.capabilities.maxPageSize, expected);
    QCOMPARE(outcome.notes.size(), noted ? 1 : 0);
    QVERIFY(outcome.warnings.isEmpty()); // paging follows the server: nothing can fail
    if (noted)
        QVERIFY(outcome.notes.first().contains(QString::number(maxResults)));
}

void TestCapabilityRefinement::patchUnsupportedIsAWarning_data()
{
    QTest::addColumn<bool>("groupPut");
    QTest::newRow("group PUT allowed") << true;
    QTest::newRow("no group PUT (AWS-like)") << false;
}

void TestCapabilityRefinement::patchUnsupportedIsAWarning()
{
    QFETCH(bool, groupPut);
    ServerCapabilities preset;
    preset.groupPutSupported = groupPut;
    ServiceProviderConfig config = fullSupport();
    config.patchSupported = false;
    const auto outcome = CapabilityRefinement::refine(preset, config);
    QVERIFY(!outcome.capabilities.patchSupported);
    QCOMPARE(outcome.warnings.size(), 1);
    QCOMPARE(outcome.notes, outcome.warnings);
    QVERIFY(outcome.warnings.first().contains(QLatin1String("PATCH")));
    QCOMPARE(outcome.warnings.first().contains(QLatin1String("PUT")), !groupPut);
}

void TestCapabilityRefinement::filterUnsupportedIsAWarning()
{
    ServerCapabilities preset;
    ServiceProviderConfig config = fullSupport();
    config.filterSupported = false;
    config.filterMaxResults = 10; // meaningless without filter support
    const auto outcome = CapabilityRefinement::refine(preset, config);
    QCOMPARE(outcome.capabilities.maxPageSize, preset.maxPageSize);
    QCOMPARE(outcome.warnings.size(), 1);
    QVERIFY(outcome.warnings.first().contains(QLatin1String("filters")));

    preset.filterOperators.clear(); // a type that never filters does not care
    QVERIFY(CapabilityRefinement::refine(preset, config).warnings.isEmpty());
}

void TestCapabilityRefinement::neverWidensThePreset()
{
    ServerCapabilities preset;
    preset.patchSupported = false;
    preset.maxPageSize = 50;
    ServiceProviderConfig config = fullSupport();
    config.filterMaxResults = 1000;
    config.bulkSupported = true;
    config.bulkMaxOperations = 1000;
    const auto outcome = CapabilityRefinement::refine(preset, config);
    QVERIFY(!outcome.capabilities.patchSupported);
    QCOMPARE(outcome.capabilities.maxPageSize, 50);
    QVERIFY(!outcome.capabilities.bulkSupported);
}

void TestCapabilityRefinement::bulkIsIgnored()
{
    ServerCapabilities preset;
    ServiceProviderConfig config = fullSupport();
    config.bulkSupported = true;
    config.bulkMaxOperations = 100;
    const auto outcome = CapabilityRefinement::refine(preset, config);
    QCOMPARE(outcome.capabilities, preset);
    QVERIFY(outcome.warnings.isEmpty());
    QCOMPARE(outcome.notes.size(), 1);
}

void TestCapabilityRefinement::agreeingServerChangesNothing()
{
    ServerCapabilities preset;
    ServiceProviderConfig config = fullSupport();
    config.filterMaxResults = preset.maxPageSize;
    const auto outcome = CapabilityRefinement::refine(preset, config);
    QCOMPARE(outcome.capabilities, preset);
    QVERIFY(outcome.notes.isEmpty());
    QVERIFY(outcome.warnings.isEmpty());
}

QTEST_GUILESS_MAIN(TestCapabilityRefinement)
#include "tst_capabilityrefinement.moc"
