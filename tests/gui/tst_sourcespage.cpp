#include "GuiTestSupport.h"
#include "SourceGuiSupport.h"

#include "model/Application.h"
#include "secrets/InMemorySecretStore.h"
#include "sources/AddSourceWizard.h"
#include "sources/SourceCatalog.h"
#include "sources/SourceDraft.h"
#include "sources/SourceReadLog.h"
#include "sources/SourceTableModel.h"
#include "sources/SourceTestDialog.h"
#include "sources/SourcesPage.h"
#include "storage/ApplicationRepository.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/GuidedTestView.h"
#include "widgets/SecretLineEdit.h"
#include "workspace/Workspace.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

namespace {
using SourceGuiTest::child;
using SourceGuiTest::childLines;
using SourceGuiTest::finishedReport;
using SourceGuiTest::stepItem;

bool visibleWithText(QLabel* label)
{
    return label && label->isVisible() && !label->text().isEmpty();
}
} // namespace

// The Directory Sources page end to end against the shared slapd fixture: the Add Source wizard
// (Source Type notice, live validation, the password to the keychain only), the guided source
// test (a working source, and a wrong password with its explanation), Read Now and Delete.
class TestSourcesPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void addSourceWizardEndToEnd();
    void typeNoticeAsksAndCancelKeepsTheSource();
    void invalidSettingsAreExplainedAsTyped();
    void passwordKeepsItsSpaces();
    void guidedTestPassesAgainstSlapd();
    void guidedTestExplainsAWrongPassword();
    void readNowShowsCountsAndKeepsThemAfterAFailure();
    void readFullyReadsEverythingAgain();
    void deleteIsRefusedWhileAnApplicationUsesTheSource();

private:
    AddSourceWizard* openWizard();
    void next(AddSourceWizard* wizard);

    std::unique_ptr<GuiTestProfile> m_profile;
    std::unique_ptr<SourcesPage> m_page;
};

void TestSourcesPage::initTestCase()
{
    QVERIFY2(SourceGuiTest::slapd().isValid(), qPrintable(SourceGuiTest::slapd().error()));
}

void TestSourcesPage::init()
{
    ConfirmationDialogs::reset();
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
    m_page = std::make_unique<SourcesPage>(m_profile->workspace);
    m_page->resize(1100, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestSourcesPage::cleanup()
{
    m_page.reset();
    m_profile.reset();
    QCOMPARE(ConfirmationDialogs::pendingAnswers(), 0);
    ConfirmationDialogs::reset();
}

AddSourceWizard* TestSourcesPage::openWizard()
{
    child<QAction>(m_page.get(), QStringLiteral("addSourceAction"))->trigger();
    auto* wizard = m_page->findChild<AddSourceWizard*>();
    return wizard && QTest::qWaitForWindowExposed(wizard) ? wizard : nullptr;
}

void TestSourcesPage::next(AddSourceWizard* wizard)
{
    auto* button = wizard->button(QWizard::NextButton);
    QVERIFY2(
        button->isEnabled(), qPrintable(QStringLiteral("Next is disabled on %1").arg(wizard->currentPage()->title())));
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestSourcesPage::addSourceWizardEndToEnd()
{
    const DirectoryFixture& slapd = SourceGuiTest::slapd();
    const QString password = QString::fromUtf8(slapd.readerPassword());
    AddSourceWizard* wizard = openWizard();
    QVERIFY(wizard);
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("sourceNameEdit")), QStringLiteral("Corporate LDAP"));
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("sourceUrlEdit")), slapd.ldapUri());
    // ldap:// to a network address needs StartTLS: it is proposed at once.
    QVERIFY(child<QCheckBox>(wizard, QStringLiteral("startTlsCheck"))->isChecked());
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    QVERIFY(GuiTest::chooseInCombo(
        child<QComboBox>(wizard, QStringLiteral("sourceTypeCombo")), QStringLiteral("OpenLDAP")));
    QCOMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("sourceTypeNotice"));
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("caFileEdit")), slapd.caFile());
    QVERIFY2(
        child<QLabel>(wizard, QStringLiteral("caCertificateDescription"))->text().contains(QStringLiteral("SHA-256")),
        qPrintable(child<QLabel>(wizard, QStringLiteral("caFileMessage"))->text()));
    GuiTest::screenshot(wizard, QStringLiteral("add-source-1-connection"));
    next(wizard);

    QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled()); // no base DN yet
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("bindDnEdit")), slapd.readerDn());
    GuiTest::typeInto(child<SecretLineEdit>(wizard, QStringLiteral("bindPasswordEdit")), password);
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("baseDnEdit")), slapd.baseDn());
    // The type filled the filters.
    QCOMPARE(child<QLineEdit>(wizard, QStringLiteral("userFilterEdit"))->text(),
        QStringLiteral("(objectClass=inetOrgPerson)"));
    QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
    auto* timeout = child<QSpinBox>(wizard, QStringLiteral("timeoutSpin"));
    QCOMPARE(timeout->value(), 60);
    timeout->setValue(90); // a distant domain controller
    GuiTest::screenshot(wizard, QStringLiteral("add-source-2-bind-and-search"));
    next(wizard);

    auto* mappings = child<QTableView>(wizard, QStringLiteral("sourceMappingsTable"));
    QCOMPARE(mappings->model()->rowCount(), 10);
    QCOMPARE(child<QLineEdit>(wizard, QStringLiteral("anchorAttributeEdit"))->text(), QStringLiteral("entryUUID"));
    GuiTest::screenshot(wizard, QStringLiteral("add-source-3-attributes"));
    next(wizard);

    QVERIFY(wizard->currentPage()
                ->findChild<QLabel*>(QStringLiteral("sourceReviewSummary"))
                ->text()
                .contains(slapd.baseDn()));
    GuiTest::screenshot(wizard, QStringLiteral("add-source-4-review"));
    // Sized for its pages as they are laid out, not as a never-shown label would need: fits 1024x700.
    QVERIFY2(wizard->minimumSize().height() < 600, qPrintable(QString::number(wizard->minimumSize().height())));
    QTest::mouseClick(child<QAbstractButton>(wizard, QStringLiteral("testSourceButton")), Qt::LeftButton);
    auto* test = wizard->findChild<SourceTestDialog*>();
    const SourceTestReport report = finishedReport(test);
    QVERIFY2(!report.steps.isEmpty() && !report.hasFailure(), qPrintable(report.toText()));
    GuiTest::screenshot(test, QStringLiteral("add-source-5-guided-test"));
    test->close();

    QSignalSpy created(wizard, &AddSourceWizard::sourceCreated);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QVERIFY(created.wait(10000));
    const qint64 id = created.first().first().toLongLong();
    const auto stored = m_profile->workspace->sources()->repository().find(id);
    QVERIFY(stored);
    QCOMPARE(stored->name, QStringLiteral("Corporate LDAP"));
    QCOMPARE(stored->sourceTypeId, QStringLiteral("openldap"));
    QVERIFY(stored->startTls);
    QCOMPARE(stored->caFilePath, slapd.caFile());
    QCOMPARE(stored->bindDn, slapd.readerDn());
    QCOMPARE(stored->timeoutSeconds, 90);
    // The password is in the keychain and nowhere in the profile folder.
    QCOMPARE(m_profile->secrets->peek(SecretKey::forSource(id)), std::optional<QString>(password));
    QVERIFY(!m_profile->profileFilesContain(password));
    QTRY_COMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->selectedSourceId(), id);
    GuiTest::screenshot(m_page.get(), QStringLiteral("sources-page-created"));
}

void TestSourcesPage::typeNoticeAsksAndCancelKeepsTheSource()
{
    AddSourceWizard* wizard = openWizard();
    QVERIFY(wizard);
    auto* type = child<QComboBox>(wizard, QStringLiteral("sourceTypeCombo"));
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Reject);
    QVERIFY(!GuiTest::chooseInCombo(type, QStringLiteral("OpenLDAP")));
    QCOMPARE(type->currentIndex(), 0);
    QVERIFY(wizard->draft()->source().userMappings.isEmpty());

    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    QVERIFY(GuiTest::chooseInCombo(type, QStringLiteral("OpenLDAP")));
    QCOMPARE(wizard->draft()->source().userMappings.size(), 10);

    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Reject);
    QVERIFY(!GuiTest::chooseInCombo(type, QStringLiteral("Active Directory")));
    const auto shown = ConfirmationDialogs::lastShown();
    QCOMPARE(shown.title, QStringLiteral("Apply Source Type \u201cActive Directory\u201d?"));
    const QString summary = shown.details.join(QLatin1Char('\n'));
    // In plain words, a line per part, with the full list behind Show Details.
    QVERIFY2(summary.contains(QStringLiteral("replacing the 10 mappings you have now")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("objectGUID")), qPrintable(summary));
    QVERIFY2(shown.details.size() < shown.fullDetails.size(), qPrintable(shown.fullDetails.join('\n')));
    QVERIFY(shown.fullDetails.join(QLatin1Char('\n')).contains(QStringLiteral("User filter: ")));
    QCOMPARE(type->currentText(), QStringLiteral("OpenLDAP"));
    QCOMPARE(wizard->draft()->source().anchorAttribute, QStringLiteral("entryUUID"));

    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    wizard->reject(); // "Discard this directory source?"
}

void TestSourcesPage::invalidSettingsAreExplainedAsTyped()
{
    AddSourceWizard* wizard = openWizard();
    QVERIFY(wizard);
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    QVERIFY(GuiTest::chooseInCombo(
        child<QComboBox>(wizard, QStringLiteral("sourceTypeCombo")), QStringLiteral("OpenLDAP")));
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("sourceNameEdit")), QStringLiteral("Bad"));
    auto* url = child<QLineEdit>(wizard, QStringLiteral("sourceUrlEdit"));
    auto* urlError = child<QLabel>(wizard, QStringLiteral("sourceUrlError"));
    GuiTest::typeInto(url, QStringLiteral("https://ldap.example.org"));
    QVERIFY2(
        visibleWithText(urlError) && urlError->text().contains(QStringLiteral("ldap")), qPrintable(urlError->text()));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());

    GuiTest::typeInto(url, QStringLiteral("ldap://ldap.example.org"));
    QVERIFY(!visibleWithText(urlError));
    auto* startTls = child<QCheckBox>(wizard, QStringLiteral("startTlsCheck"));
    QVERIFY(startTls->isChecked());
    QTest::mouseClick(startTls, Qt::LeftButton); // plain LDAP to another computer
    auto* tlsError = child<QLabel>(wizard, QStringLiteral("startTlsError"));
    QVERIFY2(visibleWithText(tlsError) && tlsError->text().contains(QStringLiteral("unencrypted")),
        qPrintable(tlsError->text()));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    GuiTest::screenshot(wizard, QStringLiteral("add-source-errors-connection"));
    QTest::mouseClick(startTls, Qt::LeftButton);
    QVERIFY(!visibleWithText(tlsError));
    next(wizard);

    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("baseDnEdit")), QStringLiteral("dc=example,,dc=org"));
    auto* baseError = child<QLabel>(wizard, QStringLiteral("baseDnError"));
    QVERIFY2(visibleWithText(baseError), "a broken base DN is explained");
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("baseDnEdit")), QStringLiteral("dc=example,dc=org"));
    QVERIFY(!visibleWithText(baseError));
    GuiTest::typeInto(
        child<QLineEdit>(wizard, QStringLiteral("userFilterEdit")), QStringLiteral("(objectClass=person"));
    auto* filterError = child<QLabel>(wizard, QStringLiteral("userFilterError"));
    QVERIFY2(visibleWithText(filterError) && filterError->text().startsWith(QStringLiteral("User filter")),
        qPrintable(filterError->text()));
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("bindDnEdit")), QStringLiteral("not a dn"));
    QVERIFY(visibleWithText(child<QLabel>(wizard, QStringLiteral("bindDnError"))));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
    GuiTest::screenshot(wizard, QStringLiteral("add-source-errors-search"));

    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    wizard->reject();
    QVERIFY(m_profile->workspace->sources()->repository().list().isEmpty());
}

void TestSourcesPage::passwordKeepsItsSpaces()
{
    AddSourceWizard* wizard = openWizard();
    QVERIFY(wizard);
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("sourceNameEdit")), QStringLiteral("Spaces"));
    GuiTest::typeInto(
        child<QLineEdit>(wizard, QStringLiteral("sourceUrlEdit")), QStringLiteral("ldaps://ldap.example.org"));
    next(wizard);
    GuiTest::typeInto(
        child<QLineEdit>(wizard, QStringLiteral("bindDnEdit")), QStringLiteral("cn=reader,dc=example,dc=org"));
    GuiTest::typeInto(child<SecretLineEdit>(wizard, QStringLiteral("bindPasswordEdit")), QStringLiteral(" two words "));
    QCOMPARE(wizard->draft()->password(), QStringLiteral(" two words "));
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    wizard->reject();
}

void TestSourcesPage::guidedTestPassesAgainstSlapd()
{
    const qint64 id = SourceGuiTest::createSource(
        *m_profile, SourceGuiTest::slapdSource(), QString::fromUtf8(SourceGuiTest::slapd().readerPassword()));
    QVERIFY(id > 0);
    m_page->reload();
    m_page->selectSource(id);
    SourceTestDialog* dialog = m_page->testSelected();
    const SourceTestReport report = finishedReport(dialog);
    QVERIFY2(!report.steps.isEmpty() && !report.hasFailure(), qPrintable(report.toText()));
    auto* steps = dialog->view()->stepList();
    QCOMPARE(steps->topLevelItemCount(), 9);
    for (int i = 0; i < steps->topLevelItemCount(); ++i) {
        QVERIFY2(!steps->topLevelItem(i)->text(1).startsWith(ConnectionVerdicts::displayName(ConnectionVerdict::Fail)),
            qPrintable(steps->topLevelItem(i)->text(1)));
    }
    // The sample user with every mapped attribute.
    auto* sample = stepItem(steps, SourceTestStep::SampleUser);
    const QString lines = childLines(sample).join(QLatin1Char('\n'));
    QVERIFY2(lines.contains(QStringLiteral("userName \u2190 uid|mail: ")), qPrintable(lines));
    QVERIFY2(lines.contains(QStringLiteral("Anchor (entryUUID): ")), qPrintable(lines));
    steps->setCurrentItem(sample);
    const QString details = dialog->view()->detailsView()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("email \u2190 mail")), qPrintable(details));
    QVERIFY(!details.contains(QString::fromUtf8(SourceGuiTest::slapd().readerPassword())));
    GuiTest::screenshot(dialog, QStringLiteral("source-test-pass"));
    dialog->close();
}

void TestSourcesPage::guidedTestExplainsAWrongPassword()
{
    const qint64 id
        = SourceGuiTest::createSource(*m_profile, SourceGuiTest::slapdSource(), QStringLiteral("wrong-password"));
    QVERIFY(id > 0);
    m_page->reload();
    m_page->selectSource(id);
    SourceTestDialog* dialog = m_page->testSelected();
    const SourceTestReport report = finishedReport(dialog);
    QVERIFY(report.hasFailure());
    auto* steps = dialog->view()->stepList();
    auto* bind = stepItem(steps, SourceTestStep::Bind);
    QVERIFY(bind);
    QVERIFY2(
        bind->text(1).startsWith(ConnectionVerdicts::displayName(ConnectionVerdict::Fail)), qPrintable(bind->text(1)));
    // The failing step is opened and selected: its cause and fix are on screen without a click.
    QVERIFY(bind->isExpanded());
    QCOMPARE(steps->currentItem(), bind);
    const QString lines = childLines(bind).join(QLatin1Char('\n'));
    QVERIFY2(lines.contains(QStringLiteral("invalidCredentials")), qPrintable(lines));
    QVERIFY2(lines.contains(QStringLiteral("Fix: ")), qPrintable(lines));
    const QString details = dialog->view()->detailsView()->toPlainText();
    QVERIFY2(
        details.contains(QStringLiteral("Cause:")) && details.contains(QStringLiteral("Fix:")), qPrintable(details));
    QVERIFY(stepItem(steps, SourceTestStep::BaseDn)
                ->text(1)
                .startsWith(ConnectionVerdicts::displayName(ConnectionVerdict::Skipped)));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("summaryLabel"))
                ->text()
                .contains(SourceTestSteps::title(SourceTestStep::Bind)));
    GuiTest::screenshot(dialog, QStringLiteral("source-test-wrong-password"));
    dialog->close();
}

void TestSourcesPage::readNowShowsCountsAndKeepsThemAfterAFailure()
{
    const qint64 id = SourceGuiTest::createSource(
        *m_profile, SourceGuiTest::slapdSource(), QString::fromUtf8(SourceGuiTest::slapd().readerPassword()));
    QVERIFY(id > 0);
    m_page->reload();
    m_page->selectSource(id);
    SourceTableModel* model = m_page->model();
    const auto cell = [model](int column) { return model->index(0, column).data().toString(); };
    QCOMPARE(cell(SourceTableModel::LastReadColumn), QStringLiteral("Never read"));

    QSignalSpy read(m_page.get(), &SourcesPage::readFinished);
    child<QAction>(m_page.get(), QStringLiteral("readSourceAction"))->trigger();
    QVERIFY(m_page->isReading(id));
    QCOMPARE(cell(SourceTableModel::LastReadColumn), QStringLiteral("Reading\u2026"));
    QVERIFY(read.wait(60000));
    QCOMPARE(read.first().at(1).toBool(), true);
    QCOMPARE(cell(SourceTableModel::CountsColumn), QLocale().toString(1630) + QStringLiteral(" / 11"));
    QCOMPARE(model->resultText(0), QStringLiteral("Complete (full read)"));
    // When, and the result.
    QVERIFY2(cell(SourceTableModel::LastReadColumn).endsWith(QStringLiteral(" \u2014 Complete (full read)")),
        qPrintable(cell(SourceTableModel::LastReadColumn)));
    GuiTest::screenshot(m_page.get(), QStringLiteral("sources-page-read"));

    // A wrong password stored since: the read fails, says why, and the last complete read stays.
    DirectorySource source = *m_profile->workspace->sources()->repository().find(id);
    bool updated = false;
    m_profile->workspace->sources()->update(source, QStringLiteral("wrong-password"), m_page.get(),
        [&updated](Status<SourceSaveError> status) { updated = status.ok(); });
    QTRY_VERIFY(updated);
    read.clear();
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    m_page->selectSource(id);
    m_page->readSelected();
    QVERIFY(read.wait(60000));
    QCOMPARE(read.first().at(1).toBool(), false);
    QCOMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("readSourceError"));
    QVERIFY2(!ConfirmationDialogs::lastShown().details.isEmpty(), "the error says what to do");
    QCOMPARE(model->resultText(0), QStringLiteral("Failed"));
    QVERIFY(cell(SourceTableModel::LastReadColumn).endsWith(QStringLiteral(" \u2014 Failed")));
    // Why, in full, under the table and in the tooltip.
    auto* details = child<QLabel>(m_page.get(), QStringLiteral("sourceReadDetails"));
    QVERIFY2(visibleWithText(details) && details->text().contains(QStringLiteral("last complete read")),
        qPrintable(details->text()));
    QVERIFY(model->index(0, SourceTableModel::LastReadColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("last complete read")));
    QCOMPARE(cell(SourceTableModel::CountsColumn), QLocale().toString(1630) + QStringLiteral(" / 11"));
    QVERIFY(!SourceReadLog(m_profile->workspace->database()).last(id)->succeeded);
    QVERIFY(!m_profile->profileFilesContain(QString::fromUtf8(SourceGuiTest::slapd().readerPassword())));
    GuiTest::screenshot(m_page.get(), QStringLiteral("sources-page-read-failed"));
}

// Read Now reads only what changed once a full read exists; Read Fully reads everything again.
void TestSourcesPage::readFullyReadsEverythingAgain()
{
    const qint64 id = SourceGuiTest::createSource(
        *m_profile, SourceGuiTest::slapdSource(), QString::fromUtf8(SourceGuiTest::slapd().readerPassword()));
    QVERIFY(id > 0);
    m_page->reload();
    m_page->selectSource(id);
    SourceTableModel* model = m_page->model();
    auto* readNow = child<QAction>(m_page.get(), QStringLiteral("readSourceAction"));
    auto* readFully = child<QAction>(m_page.get(), QStringLiteral("readSourceFullyAction"));
    QVERIFY(m_page->pageActions().contains(readFully));
    QVERIFY(!readFully->icon().isNull());
    QSignalSpy read(m_page.get(), &SourcesPage::readFinished);
    QSignalSpy messages(m_page.get(), &SourcesPage::statusMessage);

    readNow->trigger();
    QVERIFY(!readFully->isEnabled()); // one read of a source at a time
    QVERIFY(read.wait(60000));
    QCOMPARE(model->resultText(0), QStringLiteral("Complete (full read)"));
    readNow->trigger();
    QVERIFY(read.wait(60000));
    QCOMPARE(model->resultText(0), QStringLiteral("Complete (incremental)"));
    messages.clear();
    readFully->trigger();
    QVERIFY(read.wait(60000));
    QCOMPARE(read.last().at(1).toBool(), true);
    QCOMPARE(model->resultText(0), QStringLiteral("Complete (full read)"));
    QVERIFY2(messages.last().at(0).toString().contains(QStringLiteral("full read")),
        qPrintable(messages.last().at(0).toString()));
    QCOMPARE(model->index(0, SourceTableModel::CountsColumn).data().toString(),
        QLocale().toString(1630) + QStringLiteral(" / 11"));
}

void TestSourcesPage::deleteIsRefusedWhileAnApplicationUsesTheSource()
{
    const qint64 id = SourceGuiTest::createSource(*m_profile, SourceGuiTest::slapdSource(), QStringLiteral("pw"));
    QVERIFY(id > 0);
    Application application;
    application.name = QStringLiteral("AWS");
    application.sourceId = id;
    const auto appId = m_profile->workspace->applications().create(application);
    QVERIFY(appId.ok());
    m_profile->workspace->notifyApplicationsChanged();
    m_page->selectSource(id);
    QCOMPARE(m_page->model()->index(0, SourceTableModel::ApplicationsColumn).data().toString(), QStringLiteral("AWS"));

    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    m_page->deleteSelected();
    const auto refused = ConfirmationDialogs::lastShown();
    QCOMPARE(refused.objectName, QStringLiteral("deleteSourceRefused"));
    QVERIFY2(refused.text.contains(QStringLiteral("AWS")), qPrintable(refused.text));
    QVERIFY2(refused.details.join(' ').contains(QStringLiteral("Application Manager")),
        qPrintable(refused.details.join(' ')));
    QVERIFY(m_profile->workspace->sources()->repository().find(id));

    application = *m_profile->workspace->applications().find(appId.value());
    application.sourceId = 0;
    QVERIFY(m_profile->workspace->applications().update(application).ok());
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    m_page->deleteSelected();
    QCOMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("confirmDeleteSource"));
    QTRY_VERIFY(!m_profile->workspace->sources()->repository().find(id));
    QTRY_VERIFY(!m_profile->secrets->contains(SecretKey::forSource(id)));
    QTRY_COMPARE(m_page->model()->rowCount(), 0);
}

QTEST_MAIN(TestSourcesPage)
#include "tst_sourcespage.moc"
