#include "DemoEnvironment.h"
#include "MainWindow.h"
#include "secrets/KeychainSecretStore.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <cstdio>
#include <cstring>

namespace {

// Answered before any window system is touched, so they work on a headless machine.
bool handledWithoutDisplay(int argc, char** argv, int* exitCode)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("scimdesk %s\n", SCIMDESK_VERSION);
            *exitCode = 0;
            return true;
        }
    }
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fprintf(stderr,
            "scimdesk: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
            "  Run it from a desktop session, or over SSH with X forwarding (ssh -X), or in a virtual display:\n"
            "    xvfb-run -a scimdesk\n"
            "  For headless provisioning use the command line tool instead: scimdesk-cli --help\n");
        *exitCode = 2;
        return true;
    }
#endif
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    int exitCode = 0;
    if (handledWithoutDisplay(argc, argv, &exitCode)) {
        return exitCode;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ScimDesk"));
    QApplication::setOrganizationName(QStringLiteral("ScimDesk"));
    QApplication::setApplicationVersion(QStringLiteral(SCIMDESK_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/scimdesk.svg")));
    QApplication::setDesktopFileName(QStringLiteral("io.scimdesk.ScimDesk"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Provision users and groups to SCIM 2.0 servers on demand."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption profileOption(QStringLiteral("profile"),
        QApplication::translate("main", "Use the profile in <directory> instead of the default one."),
        QApplication::translate("main", "directory"));
    parser.addOption(profileOption);
    parser.process(app);

    const QString profileDirectory = Profile::resolveDirectory(parser.value(profileOption));
    auto workspace = Workspace::open(profileDirectory, new KeychainSecretStore());
    if (!workspace) {
        QMessageBox::critical(
            nullptr, QApplication::translate("main", "ScimDesk cannot open its profile"), workspace.error().message);
        return 1;
    }

    MainWindow window(workspace.value());
    window.show();
    return app.exec();
}
