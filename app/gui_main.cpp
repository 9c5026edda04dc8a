#include "GuiSession.h"
#include "MainWindow.h"
#include "util/ThreadEventLoops.h"
#include "util/Translations.h"

#include <QApplication>
#include <QMessageBox>

#include <cstdio>
#include <cstring>

namespace {

// Answered before any window system is touched, so they work on a headless machine.
bool handledWithoutDisplay(int argc, char** argv, int* exitCode)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::printf("Usage: scimdesk [--profile DIRECTORY] [--demo]\n"
                        "Provision users and groups to SCIM 2.0 servers on demand.\n\n"
                        "  --profile DIRECTORY  use the profile in DIRECTORY instead of the default one\n"
                        "  --demo               open the demo profile with a sample directory and a local\n"
                        "                       AWS IAM Identity Center sandbox; your own profile is not touched\n"
                        "  -v, --version        print the version\n"
                        "  -h, --help           print this help\n\n"
                        "Headless provisioning: scimdesk-cli --help\n");
            *exitCode = 0;
            return true;
        }
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
    ThreadEventLoops::useQtDispatcher();
    int exitCode = 0;
    if (handledWithoutDisplay(argc, argv, &exitCode)) {
        return exitCode;
    }

    QApplication app(argc, argv);
    Translations::install();
    QApplication::setApplicationName(QStringLiteral("ScimDesk"));
    QApplication::setOrganizationName(QStringLiteral("ScimDesk"));
    QApplication::setApplicationVersion(QStringLiteral(SCIMDESK_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/scimdesk.svg")));
    QApplication::setDesktopFileName(QStringLiteral("io.scimdesk.ScimDesk"));

    const auto options = GuiSession::parseArguments(QApplication::arguments());
    if (!options) {
        std::fprintf(stderr, "%s\n", qPrintable(options.error()));
        return 2;
    }
    GuiSession session;
    const auto window = session.open(options.value());
    if (!window) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "ScimDesk cannot open its profile"),
            window.error().toHtmlEscaped());
        std::fprintf(stderr, "scimdesk: %s\n", qPrintable(window.error()));
        return 1;
    }
    if (!session.demoDescription().isEmpty()) {
        std::fprintf(stderr, "scimdesk: %s\n", qPrintable(session.demoDescription()));
    }
    window.value()->show();
    return app.exec();
}
