// Saves a PNG of every main-window page, the connection test and a sync preview/apply of
// the demo profile (sample directory, AWS emulator sandbox), for README images and for
// looking at the GUI after a change. Run through scripts/screenshots (under xvfb-run).

#include "DemoEnvironment.h"
#include "MainWindow.h"
#include "connection/ConnectionTestDialog.h"
#include "servers/ServerCatalog.h"
#include "servers/ServersPage.h"
#include "storage/ApplicationRepository.h"
#include "sync/SyncHistoryView.h"
#include "sync/SyncOverview.h"
#include "sync/SyncPage.h"
#include "util/Translations.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QPixmap>
#include <QSignalSpy>
#include <QSize>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <cstdio>

namespace {
bool save(QWidget* widget, const QString& directory, const QString& name)
{
    QTest::qWait(0);
    QApplication::processEvents();
    const QString path = QDir(directory).filePath(name + QStringLiteral(".png"));
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "saved" : "FAILED", qPrintable(path));
    return ok;
}
} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    Translations::install(); // as the app does: "1 user", not "1 user(s)"
    QApplication::setApplicationName(QStringLiteral("ScimDesk"));
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("screenshots-out");
    QDir().mkpath(out);

    QTemporaryDir profile;
    DemoEnvironment demo;
    auto started = demo.start(profile.filePath(QStringLiteral("demo")));
    if (!started) {
        std::fprintf(stderr, "demo profile: %s\n", qPrintable(started.error()));
        return 1;
    }
    auto workspace = started.value();

    MainWindow window(workspace);
    // Optional second argument WIDTHxHEIGHT: the window's size (scripts/screenshots takes
    // 1024x700 and 1600x1000, each on a virtual screen of that size).
    QSize size(1280, 800);
    if (argc > 2) {
        const QStringList parts = QString::fromLocal8Bit(argv[2]).split(QLatin1Char('x'));
        if (parts.size() == 2 && parts.at(0).toInt() > 0 && parts.at(1).toInt() > 0) {
            size = QSize(parts.at(0).toInt(), parts.at(1).toInt());
        }
    }
    window.resize(size);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        std::fprintf(stderr, "the window was not shown\n");
    }
    int failures = 0;
    for (const auto& page : window.pageNames()) {
        window.showPage(page);
        failures += save(&window, out, QStringLiteral("page-%1").arg(page)) ? 0 : 1;
    }

    // Connection test of the sandbox server.
    if (auto* servers = window.findChild<ServersPage*>()) {
        window.showPage(QStringLiteral("servers"));
        const auto list = workspace->servers()->repository().list();
        if (!list.isEmpty()) {
            servers->selectServer(list.first().id);
            if (auto* dialog = servers->testSelected()) {
                QSignalSpy finished(dialog, &ConnectionTestDialog::finished);
                finished.wait(30000);
                dialog->resize(900, 600);
                failures += save(dialog, out, QStringLiteral("dialog-connection-test")) ? 0 : 1;
                dialog->close();
            }
            failures += save(&window, out, QStringLiteral("page-servers-tested")) ? 0 : 1;
        }
    }

    // Sync: preview, then apply.
    if (auto* sync = window.findChild<SyncPage*>()) {
        window.showPage(QStringLiteral("sync"));
        QSignalSpy previewed(sync, &SyncPage::previewFinished);
        sync->preview();
        if (previewed.wait(60000)) {
            failures += save(&window, out, QStringLiteral("sync-1-preview")) ? 0 : 1;
            QSignalSpy applied(sync, &SyncPage::applyFinished);
            sync->apply();
            if (applied.wait(120000)) {
                failures += save(&window, out, QStringLiteral("sync-2-applied")) ? 0 : 1;
                if (auto* tabs = sync->findChild<QTabWidget*>(QStringLiteral("syncTabs"))) {
                    tabs->setCurrentWidget(sync->history());
                    if (sync->history()->isLoading()) {
                        QSignalSpy loaded(sync->history(), &SyncHistoryView::loaded);
                        loaded.wait(60000);
                    }
                    failures += save(&window, out, QStringLiteral("sync-3-history")) ? 0 : 1;
                    tabs->setCurrentWidget(sync->overview());
                    if (sync->overview()->isLoading()) {
                        QSignalSpy loaded(sync->overview(), &SyncOverview::loaded);
                        loaded.wait(60000);
                    }
                    failures += save(&window, out, QStringLiteral("sync-4-overview")) ? 0 : 1;
                }
            }
        }
    }
    return failures == 0 ? 0 : 1;
}
