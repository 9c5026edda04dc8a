#include "DemoDirectory.h"
#include "DemoEnvironment.h"
#include "SandboxServer.h"
#include "directory/DirectoryRepository.h"
#include "servers/ServerCatalog.h"
#include "storage/ApplicationRepository.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class DemoTest : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    // The CLI with a throwaway HOME, so "the default profile" is one we can look at.
    static Run cli(const QString& home, const QStringList& arguments)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("SCIMDESK_PROFILE"));
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(SCIMDESK_CLI_PATH), arguments);
        Run run;
        if (!process.waitForStarted() || !process.waitForFinished(120000)) {
            process.kill();
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

private slots:
    void cliDemoTwiceNeverTouchesDefaultProfile()
    {
        QTemporaryDir home;
        const QString dataHome = home.filePath(QStringLiteral(".local/share"));
        for (int i = 0; i < 2; ++i) {
            const Run run = cli(home.path(),
                {QStringLiteral("--demo"), QStringLiteral("apps"), QStringLiteral("list"), QStringLiteral("--json")});
            QVERIFY2(run.exitCode == 0, run.err.constData());
            QVERIFY2(run.out.contains("AWS (demo)"), run.out.constData());
        }
        const Run sync = cli(home.path(),
            {QStringLiteral("--demo"), QStringLiteral("sync"), QStringLiteral("AWS (demo)"),
                QStringLiteral("--apply")});
        QVERIFY2(sync.exitCode == 0, sync.err.constData());

        QDir data(dataHome);
        const QStringList profiles = data.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(profiles, QStringList {QStringLiteral("ScimDesk")});
        QDir app(data.filePath(QStringLiteral("ScimDesk")));
        const QStringList inside = app.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(inside, QStringList {QStringLiteral("ScimDesk-demo")});
        QVERIFY(QFile::exists(app.filePath(QStringLiteral("ScimDesk-demo/scimdesk.db"))));
    }

    void environmentCanBeStartedTwice()
    {
        QTemporaryDir dir;
        QString firstUrl;
        for (int i = 0; i < 2; ++i) {
            DemoEnvironment demo;
            auto started = demo.start(dir.path());
            QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error()));
            auto workspace = started.value();
            DirectoryRepository directory(workspace->database());
            QCOMPARE(directory.countUsers(), DemoDirectory::userCount);
            const auto servers = workspace->servers()->repository().list();
            QCOMPARE(servers.size(), 1);
            QCOMPARE(servers.first().url, demo.sandbox().baseUrl().toString());
            QCOMPARE(servers.first().serverTypeId, QStringLiteral("aws-iam-identity-center"));
            QVERIFY(!servers.first().userMappings.isEmpty());
            const auto app = workspace->applications().findByName(QLatin1String(DemoEnvironment::applicationName));
            QVERIFY(app.has_value());
            QCOMPARE(app->scimServerId, servers.first().id);
            QCOMPARE(app->assignment.groupIds.size(), 3);
            QVERIFY(servers.first().url != firstUrl);
            firstUrl = servers.first().url;
        }
    }
};

QTEST_GUILESS_MAIN(DemoTest)
#include "tst_demo.moc"
