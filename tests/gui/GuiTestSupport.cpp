#include "GuiTestSupport.h"

#include "secrets/InMemorySecretStore.h"
#include "servers/ServerCatalog.h"
#include "workspace/Workspace.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QPixmap>
#include <QSignalSpy>
#include <QTest>

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
    widget->grab().save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace GuiTest
