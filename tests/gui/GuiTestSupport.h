#pragma once

#include "model/DirectoryUser.h"
#include "model/ScimServer.h"
#include "sync/SyncRunSummary.h"

#include <QSignalSpy>
#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <memory>

class InMemorySecretStore;
class QComboBox;
class SyncPage;
class QWidget;
class Workspace;

// A fresh profile in a temporary directory with an in-memory secret store.
struct GuiTestProfile
{
    GuiTestProfile();

    QTemporaryDir directory;
    InMemorySecretStore* secrets = nullptr; // owned by the workspace
    std::shared_ptr<Workspace> workspace;

    // Creates a server through the catalog (with its secret) and waits for it; returns its id.
    qint64 createServer(const ScimServer& server, const QString& secret);
    // The AWS preset applied to a server named `name` at `url` (an emulator), created as above.
    qint64 createAwsServer(const QString& name, const QString& url, const QString& secret,
        const std::function<void(ScimServer&)>& adjust = {});
    // Directory users as the sync tests use them: given name "Given", family name = userName.
    QList<DirectoryUser> addUsers(const QStringList& userNames);
    // Whether any file under the profile directory contains text (e.g. a token).
    bool profileFilesContain(const QString& text) const;
};

namespace GuiTest {
// An AWS server as the seed flow enters it.
ScimServer awsServer(const QString& name = QStringLiteral("AWS SCIM Server"));
// Picks an entry the way a person does: opens the popup and clicks the item.
bool chooseInCombo(QComboBox* combo, const QString& text);
// Replaces a line edit's text by typing, as a person would (select all, type).
void typeInto(QWidget* edit, const QString& text);
// Clicks Preview on the Sync & Logs page and waits for the plan; false when it failed.
bool previewOnPage(SyncPage& page);
// Clicks Apply and waits for the run's summary (a default one when it never finished).
SyncRunSummary applyOnPage(SyncPage& page);
// A view that reads on the thread pool (isLoading(), loaded()): waits until the read its last
// action started is shown. State, not time: the bound only ends a hung test.
template<typename View>
bool waitUntilLoaded(View* view)
{
    if (view->isLoading()) {
        QSignalSpy loaded(view, &View::loaded);
        if (!loaded.wait(60000)) {
            return false;
        }
    }
    return !view->isLoading();
}
// Saves widget as <name>.png when SCIMDESK_SCREENSHOT_DIR is set; for looking at the GUI.
void screenshot(QWidget* widget, const QString& name);
// A top-level window at the two sizes the screenshots are looked at (1024x700 and 1600x1000):
// <name>-1024x700.png and <name>-1600x1000.png; the window keeps the last size.
void screenshotAtReviewSizes(QWidget* window, const QString& name);
} // namespace GuiTest
