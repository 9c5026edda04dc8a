#include "GuiTestSupport.h"

#include "directory/DirectoryRepository.h"
#include "secrets/InMemorySecretStore.h"
#include "servers/ServerCatalog.h"
#include "servertypes/ServerTypeRegistry.h"
#include "sync/SyncPage.h"
#include "workspace/Workspace.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QPixmap>
#include <QSignalSpy>
#include <QSize>
#include <QTest>
#include <QToolButton>

GuiTestProfile::GuiTestProfile()
{
    secrets = new InMemorySecretStore;
    auto opened = Workspace::open(directory.filePath(QStringLiteral("profile")), secrets);
    if (opened) {
        workspace = opened.value();
    }
}

qint64 GuiTestProfile::createServer(const ScimServer& server, const QString& secret)
{
    qint64 id = 0;
    bool done = false;
    QObject context;
    workspace->servers()->create(server, secret, &context, [&](Result<qint64, ServerSaveError> result) {
        id = result ? result.value() : -1;
        done = true;
    });
    QSignalSpy spy(workspace->servers(), &ServerCatalog::serversChanged);
    if (!done) {
        spy.wait(5000);
    }
    return id;
}

qint64 GuiTestProfile::createAwsServer(
    const QString& name, const QString& url, const QString& secret, const std::function<void(ScimServer&)>& adjust)
{
    const auto preset = workspace->serverTypes().find(QStringLiteral("aws-iam-identity-center"));
    if (!preset) {
        return -1;
    }
    ScimServer server = ServerTypeRegistry::applyPreset(*preset, GuiTest::awsServer(name)).result;
    server.url = url;
    if (adjust) {
        adjust(server);
    }
    return createServer(server, secret);
}

QList<DirectoryUser> GuiTestProfile::addUsers(const QStringList& userNames)
{
    QList<DirectoryUser> users;
    for (const auto& name : userNames) {
        DirectoryUser user;
        user.userName = name;
        user.givenName = QStringLiteral("Given");
        user.familyName = name;
        user.displayName = QStringLiteral("Given ") + name;
        user.email = name + QStringLiteral("@example.com");
        users.append(user);
    }
    if (!DirectoryRepository(workspace->database()).saveUsers(users)) {
        return {};
    }
    return users;
}

bool GuiTestProfile::profileFilesContain(const QString& text) const
{
    const QByteArray needle = text.toUtf8();
    QDirIterator it(directory.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle)) {
            return true;
        }
    }
    return false;
}

namespace GuiTest {

ScimServer awsServer(const QString& name)
{
    ScimServer server;
    server.name = name;
    server.url = QStringLiteral("https://scim.us-east-1.amazonaws.com/a1b2c3d4e5-aaaa-bbbb-cccc-1234567890ab/scim/v2/");
    server.serverTypeId = QStringLiteral("aws-iam-identity-center");
    return server;
}

bool chooseInCombo(QComboBox* combo, const QString& text)
{
    const int row = combo->findText(text);
    if (row < 0) {
        return false;
    }
    combo->showPopup();
    QAbstractItemView* view = combo->view();
    if (!QTest::qWaitForWindowExposed(view->window())) {
        return false;
    }
    const QRect rect = view->visualRect(view->model()->index(row, combo->modelColumn(), view->rootIndex()));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    return combo->currentIndex() == row;
}

bool previewOnPage(SyncPage& page)
{
    QSignalSpy finished(&page, &SyncPage::previewFinished);
    auto* button = page.findChild<QToolButton*>(QStringLiteral("previewButton"));
    if (!button || !button->isEnabled()) {
        return false;
    }
    QTest::mouseClick(button, Qt::LeftButton);
    return finished.wait(60000) && finished.first().first().toBool();
}

SyncRunSummary applyOnPage(SyncPage& page)
{
    QSignalSpy finished(&page, &SyncPage::applyFinished);
    QTest::mouseClick(page.findChild<QToolButton*>(QStringLiteral("applyButton")), Qt::LeftButton);
    if (!finished.wait(60000)) {
        return {};
    }
    return finished.first().first().value<SyncRunSummary>();
}

void typeInto(QWidget* edit, const QString& text)
{
    edit->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void screenshot(QWidget* widget, const QString& name)
{
    const QString directory = qEnvironmentVariable("SCIMDESK_SCREENSHOT_DIR");
    if (directory.isEmpty()) {
        return;
    }
    // What a person would see: the layout requests the last change posted have been handled.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    widget->grab().save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

void screenshotAtReviewSizes(QWidget* window, const QString& name)
{
    if (qEnvironmentVariableIsEmpty("SCIMDESK_SCREENSHOT_DIR")) {
        return;
    }
    for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
        window->resize(size);
        screenshot(window, QStringLiteral("%1-%2x%3").arg(name).arg(size.width()).arg(size.height()));
    }
}

} // namespace GuiTest
