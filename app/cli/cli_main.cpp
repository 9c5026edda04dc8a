#include "CliApplication.h"

#include "util/DisplayText.h"
#include "util/StartupTrace.h"
#include "util/ThreadEventLoops.h"
#include "util/Translations.h"

#include <QCoreApplication>

namespace {
QtMessageHandler qtHandler = nullptr;

// Log lines (warnings, the HTTP trace with QT_LOGGING_RULES) can carry server text: they reach
// the terminal with control characters escaped, like everything else the CLI prints.
void escapingMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    qtHandler(type, context, DisplayText::escapedKeepingLines(message));
}
} // namespace

int main(int argc, char** argv)
{
    StartupTrace::mark("main");
    ThreadEventLoops::useQtDispatcher();
    qtHandler = qInstallMessageHandler(escapingMessageHandler);
    QCoreApplication app(argc, argv);
    StartupTrace::mark("qt-application");
    Translations::install();
    StartupTrace::mark("translations");
    // The same names as the GUI: they choose the default profile directory both share.
    QCoreApplication::setApplicationName(QStringLiteral("ScimDesk"));
    QCoreApplication::setOrganizationName(QStringLiteral("ScimDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SCIMDESK_VERSION));
    return CliApplication::run(QCoreApplication::arguments());
}
