#pragma once

#include "util/Result.h"

#include <QString>
#include <QStringList>

#include <memory>

class DemoEnvironment;
class MainWindow;
class Workspace;

// What `scimdesk` opens: the admin's profile (secrets in the OS keychain), or with --demo the
// separate demo profile with its sandbox running on loopback, exactly as `scimdesk-cli --demo`
// sets it up. main() keeps one alive for the life of the window; tests start one in-process.
class GuiSession
{
public:
    struct Options
    {
        QString profile; // --profile; empty: the default profile (or the default demo profile)
        bool demo = false;
    };

    GuiSession();
    ~GuiSession();

    // Parses the GUI's arguments (argv[0] first). --help and --version are answered by the
    // caller before this; an unknown option is an error with the usage in its text.
    static Result<Options, QString> parseArguments(const QStringList& arguments);

    // Opens the profile and creates the main window (not shown yet).
    Result<MainWindow*, QString> open(const Options& options);

    MainWindow* window() const { return m_window.get(); }
    std::shared_ptr<Workspace> workspace() const { return m_workspace; }
    // "demo profile DIR, sandbox at URL" after a demo start; empty otherwise.
    QString demoDescription() const { return m_demoDescription; }

private:
    std::unique_ptr<DemoEnvironment> m_demo;
    std::shared_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;
    QString m_demoDescription;
};
