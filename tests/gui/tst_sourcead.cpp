#include "GuiTestSupport.h"
#include "SourceGuiSupport.h"

#include "DirectoryFixture.h"
#include "directory/DirectoryPage.h"
#include "directory/DirectoryUserModel.h"
#include "sources/AddSourceWizard.h"
#include "sources/SourceCatalog.h"
#include "sources/SourceTestDialog.h"
#include "sources/SourceTypeRegistry.h"
#include "sources/SourcesPage.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/GuidedTestView.h"
#include "widgets/SecretLineEdit.h"
#include "workspace/Workspace.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

namespace {
using SourceGuiTest::child;
using SourceGuiTest::finishedReport;
using SourceGuiTest::stepItem;

QString itemLines(QTreeWidgetItem* item)
{
    return SourceGuiTest::childLines(item).join(QLatin1Char('\n'));
}

// objectGUID as Get-ADUser shows it.
const QRegularExpression kGuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
} // namespace

// The Directory Sources GUI against Samba as an Active Directory domain controller: the Add
// Source wizard with the Active Directory type (UPN bind over LDAPS, the type's filter), the
// guided test (nested groups, objectGUID anchor; a wrong password explained by AD's
// sub-code) and the Directory page showing AD's DNs and objectGUIDs.
class TestSourceAd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void addActiveDirectorySourceTestAndBrowse();
    void wrongPasswordIsExplainedByAdsSubCode();

private:
    DirectoryFixture m_ad;
    std::unique_ptr<GuiTestProfile> m_profile;
    std::unique_ptr<SourcesPage> m_page;
};

void TestSourceAd::initTestCase()
{
    m_ad = DirectoryFixture::shared(DirectoryFixture::Server::SambaAd);
    QVERIFY2(m_ad.isValid(), qPrintable(m_ad.error()));
}

void TestSourceAd::init()
{
    ConfirmationDialogs::reset();
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
    m_page = std::make_unique<SourcesPage>(m_profile->workspace);
    m_page->resize(1100, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestSourceAd::cleanup()
{
    m_page.reset();
    m_profile.reset();
    QCOMPARE(ConfirmationDialogs::pendingAnswers(), 0);
    ConfirmationDialogs::reset();
}

void TestSourceAd::addActiveDirectorySourceTestAndBrowse()
{
    const QString password = QString::fromUtf8(m_ad.readerPassword());
    child<QAction>(m_page.get(), QStringLiteral("addSourceAction"))->trigger();
    auto* wizard = m_page->findChild<AddSourceWizard*>();
    QVERIFY(wizard && QTest::qWaitForWindowExposed(wizard));
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("sourceNameEdit")), QStringLiteral("Corp AD"));
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("sourceUrlEdit")), m_ad.ldapsUri());
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    QVERIFY(GuiTest::chooseInCombo(
        child<QComboBox>(wizard, QStringLiteral("sourceTypeCombo")), QStringLiteral("Active Directory")));
    QCOMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("sourceTypeNotice"));
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("caFileEdit")), m_ad.caFile());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);

    // A UPN, as AD admins type it.
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("bindDnEdit")), m_ad.value(QStringLiteral("READER_UPN")));
    GuiTest::typeInto(child<SecretLineEdit>(wizard, QStringLiteral("bindPasswordEdit")), password);
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("baseDnEdit")), m_ad.baseDn());
    QCOMPARE(child<QLineEdit>(wizard, QStringLiteral("userFilterEdit"))->text(),
        QStringLiteral("(&(objectCategory=person)(objectClass=user))"));
    GuiTest::screenshot(wizard, QStringLiteral("add-source-ad-bind-and-search"));
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(child<QLineEdit>(wizard, QStringLiteral("anchorAttributeEdit"))->text(), QStringLiteral("objectGUID"));
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);

    QTest::mouseClick(child<QAbstractButton>(wizard, QStringLiteral("testSourceButton")), Qt::LeftButton);
    auto* test = wizard->findChild<SourceTestDialog*>();
    const SourceTestReport report = finishedReport(test);
    QVERIFY2(!report.steps.isEmpty() && !report.hasFailure(), qPrintable(report.toText()));
    auto* steps = test->view()->stepList();
    // The nesting check finds AD's nested groups, and the anchor is in its standard string form.
    const QString nesting = itemLines(stepItem(steps, SourceTestStep::Nesting));
    QVERIFY2(nesting.contains(QStringLiteral("contains the group")), qPrintable(nesting));
    const QString sample = itemLines(stepItem(steps, SourceTestStep::SampleUser));
    const QRegularExpressionMatch anchor
        = QRegularExpression(QStringLiteral("Anchor \\(objectGUID\\): (\\S+)")).match(sample);
    QVERIFY2(anchor.hasMatch() && kGuid.match(anchor.captured(1)).hasMatch(), qPrintable(sample));
    QVERIFY(!test->view()->detailsView()->toPlainText().contains(password));
    GuiTest::screenshot(test, QStringLiteral("source-test-ad-pass"));
    test->close();

    QSignalSpy created(wizard, &AddSourceWizard::sourceCreated);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QVERIFY(created.wait(10000));
    const qint64 id = created.first().first().toLongLong();
    QCOMPARE(m_profile->workspace->sources()->repository().find(id)->sourceTypeId, QStringLiteral("active-directory"));

    // Read-only on the Directory page: AD's DN and objectGUID per user.
    DirectoryPage page(m_profile->workspace);
    page.resize(1100, 650);
    page.show();
    QVERIFY(page.showSource(id));
    QSignalSpy read(&page, &DirectoryPage::sourceReadFinished);
    page.readSource();
    QVERIFY(read.wait(120000));
    QCOMPARE(read.first().first().toBool(), true);
    QVERIFY(page.userModel()->rowCount() >= 1631);
    QSignalSpy searched(&page, &DirectoryPage::searchApplied);
    GuiTest::typeInto(child<QLineEdit>(&page, QStringLiteral("searchEdit")), QStringLiteral("eve.sre"));
    QVERIFY(searched.wait(5000));
    QCOMPARE(page.userModel()->rowCount(), 1);
    auto* users = child<QTableView>(&page, QStringLiteral("usersTable"));
    QVERIFY(!users->isColumnHidden(DirectoryUserModel::DnColumn));
    QVERIFY(!users->isColumnHidden(DirectoryUserModel::AnchorColumn));
    const QString dn = page.userModel()->index(0, DirectoryUserModel::DnColumn).data().toString();
    QVERIFY2(
        dn.startsWith(QStringLiteral("CN="), Qt::CaseInsensitive) && dn.endsWith(m_ad.baseDn(), Qt::CaseInsensitive),
        qPrintable(dn));
    const QString guid = page.userModel()->index(0, DirectoryUserModel::AnchorColumn).data().toString();
    QVERIFY2(kGuid.match(guid).hasMatch(), qPrintable(guid));
    // Never squeezed: the whole GUID fits its column (the table scrolls instead).
    QVERIFY(users->columnWidth(DirectoryUserModel::AnchorColumn) >= users->fontMetrics().horizontalAdvance(guid));
    GuiTest::screenshot(&page, QStringLiteral("directory-source-ad-users"));
}

void TestSourceAd::wrongPasswordIsExplainedByAdsSubCode()
{
    const auto type = SourceTypeRegistry::load().find(QStringLiteral("active-directory"));
    QVERIFY(type);
    DirectorySource blank;
    blank.name = QStringLiteral("Corp AD");
    DirectorySource source = SourceTypeRegistry::applyType(*type, blank).result;
    source.url = m_ad.ldapsUri();
    source.caFilePath = m_ad.caFile();
    source.bindDn = m_ad.value(QStringLiteral("READER_UPN"));
    source.baseDn = m_ad.baseDn();
    const qint64 id = SourceGuiTest::createSource(*m_profile, source, QStringLiteral("wrong-Passw0rd"));
    QVERIFY(id > 0);
    m_page->reload();
    m_page->selectSource(id);
    SourceTestDialog* dialog = m_page->testSelected();
    const SourceTestReport report = finishedReport(dialog);
    QVERIFY(report.hasFailure());
    auto* bind = stepItem(dialog->view()->stepList(), SourceTestStep::Bind);
    QVERIFY(bind);
    QVERIFY2(
        bind->text(1).startsWith(ConnectionVerdicts::displayName(ConnectionVerdict::Fail)), qPrintable(bind->text(1)));
    // AD's sub-code, in words, with what to do.
    const QString lines = itemLines(bind);
    QVERIFY2(lines.contains(QStringLiteral("data 52e")), qPrintable(lines));
    QVERIFY2(lines.contains(QStringLiteral("Fix: ")), qPrintable(lines));
    GuiTest::screenshot(dialog, QStringLiteral("source-test-ad-wrong-password"));
    dialog->close();
}

QTEST_MAIN(TestSourceAd)
#include "tst_sourcead.moc"
