#include "GuiSession.h"

#include "DemoEnvironment.h"
#include "MainWindow.h"
#include "SandboxServer.h"
#include "secrets/KeychainSecretStore.h"
#include "storage/Profile.h"
#include "workspace/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("GuiSession", text);
}

struct GuiOptions
{
    QCommandLineOption profile {
        QStringLiteral("profile"), tr("Use the profile in <directory> instead of the default one."), tr("directory")};
    QCommandLineOption demo {QStringLiteral("demo"),
        tr("Open the demo profile with a sample directory and a local AWS IAM Identity Center sandbox; "
           "your own profile is not touched.")};
};
} // namespace

GuiSession::GuiSession() = default;

GuiSession::~GuiSession()
{
    // The window uses the workspace; the sandbox serves the window's requests.
    m_window.reset();
    m_workspace.reset();
    m_demo.reset();
}

Result<GuiSession::Options, QString> GuiSession::parseArguments(const QStringList& arguments)
{
    QCommandLineParser parser;
    const GuiOptions known;
    parser.addOptions({known.profile, known.demo});
    parser.addHelpOption();
    parser.addVersionOption();
    if (!parser.parse(arguments)) {
        return parser.errorText() + QLatin1Char('\n') + parser.helpText();
    }
    if (!parser.positionalArguments().isEmpty()) {
        return tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().constFirst()) + QLatin1Char('\n')
            + parser.helpText();
    }
    Options options;
    options.profile = parser.value(known.profile);
    options.demo = parser.isSet(known.demo);
    return options;
}

Result<MainWindow*, QString> GuiSession::open(const Options& options)
{
    if (options.demo) {
        m_demo = std::make_unique<DemoEnvironment>();
        const QString directory = options.profile.isEmpty() ? DemoEnvironment::defaultDirectory()
                                                            : Profile::resolveDirectory(options.profile);
        auto started = m_demo->start(directory);
        if (!started) {
            return tr("Cannot start the demo: %1 Check the folder and its permissions, or choose another one "
                      "with --profile.")
                .arg(started.error());
        }
        m_workspace = started.value();
        m_demoDescription = tr("demo profile %1, sandbox at %2").arg(directory, m_demo->sandbox().baseUrl().toString());
    } else {
        auto opened = Workspace::open(Profile::resolveDirectory(options.profile), new KeychainSecretStore());
        if (!opened) {
            return opened.error().message;
        }
        m_workspace = opened.value();
    }
    m_window = std::make_unique<MainWindow>(m_workspace);
    if (options.demo) {
        m_window->setWindowTitle(tr("ScimDesk — demo (sandbox)"));
    }
    return m_window.get();
}
