#include "../../support/SystemdVerify.h"
#include "schedule/LaunchdScheduler.h"
#include "schedule/ScheduleInstaller.h"
#include "schedule/SystemdUserScheduler.h"
#include "schedule/WindowsTaskScheduler.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {
RunSchedule sample(RunSchedule::Frequency frequency = RunSchedule::Frequency::Daily)
{
    RunSchedule schedule;
    schedule.applicationId = 7;
    schedule.applicationName = QStringLiteral("AWS \"prod\" 100% $HOME");
    schedule.frequency = frequency;
    schedule.time = QTime(2, 30);
    schedule.weekday = Qt::Tuesday;
    return schedule;
}

QString readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool wellFormed(const QString& xml)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        reader.readNext();
    }
    return !reader.hasError();
}
} // namespace

class ScheduleTest : public QObject
{
    Q_OBJECT

private slots:
    void onCalendar_data();
    void onCalendar();
    void execWordsAreQuotedAndLiteral();
    void unitsPassSystemdAnalyzeVerify_data();
    void unitsPassSystemdAnalyzeVerify();
    void tokenNeverInTheEntry();
    void installedScheduleIsReadBack();
    void profilesNeverShareAnEntry();
    void installerWritesRegistersAndRemoves();
    void failedRegistrationKeepsFilesAndSaysWhatToRun();
    void badScheduleIsRefusedBeforeWriting();
    void launchdPlistIsWellFormed();
    void windowsTaskIsUtf16AndQuoted();
};

void ScheduleTest::onCalendar_data()
{
    QTest::addColumn<int>("frequency");
    QTest::addColumn<QString>("expected");
    QTest::newRow("hourly") << int(RunSchedule::Frequency::Hourly) << QStringLiteral("*-*-* *:30:00");
    QTest::newRow("daily") << int(RunSchedule::Frequency::Daily) << QStringLiteral("*-*-* 02:30:00");
    QTest::newRow("weekly") << int(RunSchedule::Frequency::Weekly) << QStringLiteral("Tue *-*-* 02:30:00");
}

void ScheduleTest::onCalendar()
{
    QFETCH(int, frequency);
    QFETCH(QString, expected);
    QCOMPARE(SystemdUserScheduler::onCalendar(sample(RunSchedule::Frequency(frequency))), expected);
}

void ScheduleTest::execWordsAreQuotedAndLiteral()
{
    QCOMPARE(SystemdUserScheduler::execWord(QStringLiteral("a \"b\" 5% $X\\")),
        QStringLiteral("\"a \\\"b\\\" 5%% $$X\\\\\""));
}

void ScheduleTest::unitsPassSystemdAnalyzeVerify_data()
{
    QTest::addColumn<int>("frequency");
    QTest::addColumn<QString>("tokenFile");
    QTest::newRow("daily, keychain") << int(RunSchedule::Frequency::Daily) << QString();
    QTest::newRow("hourly, token file") << int(RunSchedule::Frequency::Hourly)
                                        << QStringLiteral("/home/ana/.config/scim token");
    QTest::newRow("weekly") << int(RunSchedule::Frequency::Weekly) << QString();
}

void ScheduleTest::unitsPassSystemdAnalyzeVerify()
{
    QFETCH(int, frequency);
    QFETCH(QString, tokenFile);
    if (QStandardPaths::findExecutable(QStringLiteral("systemd-analyze")).isEmpty()) {
        QSKIP("systemd-analyze is not installed");
    }
    QTemporaryDir config;
    const SystemdUserScheduler scheduler({QStringLiteral(SCIMDESK_CLI_PATH), QStringLiteral("/tmp/profile dir"),
        config.filePath(QStringLiteral("systemd/user")), QString()});
    RunSchedule schedule = sample(RunSchedule::Frequency(frequency));
    schedule.tokenFile = tokenFile;
    QStringList paths;
    QDir().mkpath(config.filePath(QStringLiteral("systemd/user")));
    for (const SchedulerFile& file : scheduler.entryFiles(schedule)) {
        QFile out(file.path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(file.content);
        paths << file.path;
    }
    const auto verified = systemdVerify(paths, config.path());
    QVERIFY(verified);
    QVERIFY2(verified->exitCode == 0 && verified->output.trimmed().isEmpty(), qPrintable(verified->output));
    qInfo("systemd-analyze --user verify: exit 0, no diagnostics for %s", qPrintable(paths.join(u' ')));
}

void ScheduleTest::tokenNeverInTheEntry()
{
    QTemporaryDir dir;
    const QString secret = QStringLiteral("TOKEN-c2VjcmV0LXNjaW0tdG9rZW4");
    const QString tokenPath = dir.filePath(QStringLiteral("token"));
    QFile token(tokenPath);
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write(secret.toUtf8());
    token.close();
    RunSchedule schedule = sample();
    schedule.tokenFile = tokenPath;
    const SystemdUserScheduler systemd({QStringLiteral("/usr/bin/scimdesk-cli"), dir.path(), dir.path(), QString()});
    const LaunchdScheduler launchd({QStringLiteral("/usr/bin/scimdesk-cli"), dir.path(), dir.path(), QString()});
    const WindowsTaskScheduler windows({QStringLiteral("C:/ScimDesk/scimdesk-cli.exe"), dir.path(), dir.path(), {}});
    for (const PlatformScheduler* scheduler : {static_cast<const PlatformScheduler*>(&systemd),
             static_cast<const PlatformScheduler*>(&launchd), static_cast<const PlatformScheduler*>(&windows)}) {
        for (const SchedulerFile& file : scheduler->entryFiles(schedule)) {
            QVERIFY(!file.content.contains(secret.toUtf8()));
            QVERIFY(!file.content.contains(secret.toUtf8().toBase64()));
        }
    }
    const QString service = QString::fromUtf8(systemd.entryFiles(schedule).at(1).content);
    QVERIFY(service.contains(QStringLiteral("\"--token-file\" \"%1\"").arg(tokenPath)));
}

void ScheduleTest::installedScheduleIsReadBack()
{
    QTemporaryDir dir;
    auto scheduler = std::make_shared<SystemdUserScheduler>(
        PlatformScheduler::Setup {QStringLiteral("/bin/true"), dir.path(), dir.path(), QStringLiteral("/bin/true")});
    QVERIFY(!scheduler->installed(7));
    ScheduleInstaller installer(scheduler);
    QSignalSpy done(&installer, &ScheduleInstaller::finished);
    RunSchedule schedule = sample(RunSchedule::Frequency::Weekly);
    schedule.tokenFile = QStringLiteral("/srv/a -- b");
    installer.install(schedule);
    QVERIFY(done.count() == 1 || done.wait(20000));
    const auto installed = scheduler->installed(7);
    QVERIFY(installed);
    QCOMPARE(int(installed->frequency), int(RunSchedule::Frequency::Weekly));
    QCOMPARE(installed->time, QTime(2, 30));
    QCOMPARE(installed->weekday, int(Qt::Tuesday));
    QCOMPARE(installed->tokenFile, schedule.tokenFile);
}

// Application ids restart in every profile: each profile's tag is part of the entry name, and
// an entry written for another profile is neither shown, nor overwritten, nor removed.
void ScheduleTest::profilesNeverShareAnEntry()
{
    QTemporaryDir entries;
    QTemporaryDir profileA;
    QTemporaryDir profileB;
    const auto setup = [&entries](const QString& profile, const QString& tag) {
        return PlatformScheduler::Setup {
            QStringLiteral("/bin/true"), profile, entries.path(), QStringLiteral("/bin/true"), tag};
    };
    auto tagged = std::make_shared<SystemdUserScheduler>(setup(profileA.path(), QStringLiteral("1a2b3c4d")));
    QCOMPARE(tagged->entryName(7), QStringLiteral("scimdesk-sync-1a2b3c4d-app7.timer"));
    QCOMPARE(LaunchdScheduler(setup(profileA.path(), QStringLiteral("1a2b3c4d"))).entryName(7),
        QStringLiteral("io.scimdesk.ScimDesk.sync.1a2b3c4d.app7"));
    QCOMPARE(WindowsTaskScheduler(setup(profileA.path(), QStringLiteral("1a2b3c4d"))).entryName(7),
        QStringLiteral("\\ScimDesk\\Sync 1a2b3c4d application 7"));
    auto otherTag = std::make_shared<SystemdUserScheduler>(setup(profileB.path(), QStringLiteral("99aa88bb")));
    QVERIFY(tagged->entryPaths(7) != otherTag->entryPaths(7));

    // Two profiles made before tags (same entry names): the second sees no schedule and may
    // neither overwrite nor remove the first one's.
    auto legacyA = std::make_shared<SystemdUserScheduler>(setup(profileA.path(), QString()));
    auto legacyB = std::make_shared<SystemdUserScheduler>(setup(profileB.path(), QString()));
    ScheduleInstaller installerA(legacyA);
    QSignalSpy doneA(&installerA, &ScheduleInstaller::finished);
    installerA.install(sample());
    QVERIFY(doneA.count() == 1 || doneA.wait(20000));
    QCOMPARE(legacyA->installed(7)->profileDirectory, profileA.path());
    QVERIFY(!legacyB->installed(7));
    QCOMPARE(legacyB->otherProfile(7), std::optional<QString>(profileA.path()));
    ScheduleInstaller installerB(legacyB);
    QSignalSpy doneB(&installerB, &ScheduleInstaller::finished);
    installerB.install(sample(RunSchedule::Frequency::Hourly));
    QVERIFY(doneB.count() == 1 || doneB.wait(20000));
    auto outcome = doneB.takeFirst().at(0).value<ScheduleOutcome>();
    QVERIFY(!outcome.filesChanged);
    QVERIFY2(outcome.message.contains(QStringLiteral("another profile")), qPrintable(outcome.message));
    QVERIFY(!installerB.follow(7, QString())); // nothing of B's to remove
    installerB.remove(7);
    QVERIFY(doneB.count() == 1 || doneB.wait(20000));
    QCOMPARE(int(legacyA->installed(7)->frequency), int(RunSchedule::Frequency::Daily));
}

void ScheduleTest::installerWritesRegistersAndRemoves()
{
    QTemporaryDir dir;
    // /bin/true stands in for systemctl: whether the commands' success is followed is what counts here.
    auto scheduler = std::make_shared<SystemdUserScheduler>(
        PlatformScheduler::Setup {QStringLiteral("/bin/true"), dir.path(), dir.path(), QStringLiteral("/bin/true")});
    ScheduleInstaller installer(scheduler);
    QSignalSpy done(&installer, &ScheduleInstaller::finished);
    installer.install(sample());
    QVERIFY(done.wait(20000));
    auto outcome = done.takeFirst().at(0).value<ScheduleOutcome>();
    QVERIFY(outcome.filesChanged);
    QVERIFY2(outcome.registered, qPrintable(outcome.message));
    for (const QString& path : scheduler->entryPaths(7)) {
        QVERIFY2(QFile::exists(path), qPrintable(path));
    }
    QVERIFY(readAll(scheduler->entryPaths(7).at(0)).contains(QStringLiteral("OnCalendar=*-*-* 02:30:00")));

    installer.remove(7);
    QVERIFY(done.wait(20000));
    outcome = done.takeFirst().at(0).value<ScheduleOutcome>();
    QVERIFY2(outcome.registered, qPrintable(outcome.message));
    for (const QString& path : scheduler->entryPaths(7)) {
        QVERIFY(!QFile::exists(path));
    }
    QVERIFY(!scheduler->installed(7));
}

void ScheduleTest::failedRegistrationKeepsFilesAndSaysWhatToRun()
{
    QTemporaryDir dir;
    auto scheduler = std::make_shared<SystemdUserScheduler>(
        PlatformScheduler::Setup {QStringLiteral("/bin/true"), dir.path(), dir.path(), QStringLiteral("/bin/false")});
    ScheduleInstaller installer(scheduler);
    QSignalSpy done(&installer, &ScheduleInstaller::finished);
    installer.install(sample());
    QVERIFY(done.wait(20000));
    const auto outcome = done.takeFirst().at(0).value<ScheduleOutcome>();
    QVERIFY(outcome.filesChanged);
    QVERIFY(!outcome.registered);
    QVERIFY2(outcome.message.contains(QStringLiteral("failed")), qPrintable(outcome.message));
    QCOMPARE(outcome.manualCommands,
        QStringList({QStringLiteral("/bin/false --user daemon-reload"),
            QStringLiteral("/bin/false --user enable --now scimdesk-sync-app7.timer")}));
    QVERIFY(QFile::exists(scheduler->entryPaths(7).at(0)));
}

void ScheduleTest::badScheduleIsRefusedBeforeWriting()
{
    QTemporaryDir dir;
    auto scheduler = std::make_shared<SystemdUserScheduler>(
        PlatformScheduler::Setup {QStringLiteral("/bin/true"), dir.path(), dir.path(), QStringLiteral("/bin/true")});
    ScheduleInstaller installer(scheduler);
    QSignalSpy done(&installer, &ScheduleInstaller::finished);
    RunSchedule schedule = sample();
    schedule.applicationName = QStringLiteral("AWS\n[Service]\nExecStart=/bin/sh");
    installer.install(schedule);
    QVERIFY(done.count() == 1 || done.wait(5000));
    const auto outcome = done.takeFirst().at(0).value<ScheduleOutcome>();
    QVERIFY(!outcome.filesChanged);
    QVERIFY(outcome.message.contains(QStringLiteral("line break")));
    QVERIFY(!QFile::exists(scheduler->entryPaths(7).at(0)));
}

void ScheduleTest::launchdPlistIsWellFormed()
{
    const LaunchdScheduler scheduler(
        {QStringLiteral("/Applications/ScimDesk.app/Contents/MacOS/scimdesk-cli"), QStringLiteral("/p"), {}, {}});
    const auto files = scheduler.entryFiles(sample(RunSchedule::Frequency::Weekly));
    QCOMPARE(files.size(), 1);
    const QString plist = QString::fromUtf8(files.first().content);
    QVERIFY(wellFormed(plist));
    QVERIFY(plist.contains(QStringLiteral("<string>AWS &quot;prod&quot; 100% $HOME</string>")));
    QVERIFY(plist.contains(QStringLiteral("<key>Weekday</key><integer>2</integer>")));
    QVERIFY(files.first().path.endsWith(QStringLiteral("Library/LaunchAgents/io.scimdesk.ScimDesk.sync.app7.plist")));
}

void ScheduleTest::windowsTaskIsUtf16AndQuoted()
{
    QCOMPARE(WindowsTaskScheduler::commandLineWord(QStringLiteral("C:\\a b\\")), QStringLiteral("\"C:\\a b\\\\\""));
    QCOMPARE(WindowsTaskScheduler::commandLineWord(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \\\"hi\\\"\""));
    const WindowsTaskScheduler scheduler({QStringLiteral("C:/Program Files/ScimDesk/scimdesk-cli.exe"),
        QStringLiteral("C:/Users/ana/AppData/Roaming/ScimDesk"), QStringLiteral("/tmp"), {}});
    const auto files = scheduler.entryFiles(sample(RunSchedule::Frequency::Hourly));
    QVERIFY(files.first().content.startsWith("\xff\xfe"));
    const QString xml = QStringDecoder(QStringDecoder::Utf16LE).decode(files.first().content);
    QVERIFY(wellFormed(xml));
    QVERIFY(xml.contains(QStringLiteral("<Interval>PT1H</Interval>")));
    QVERIFY(xml.contains(QStringLiteral("<LogonType>InteractiveToken</LogonType>")));
}

QTEST_GUILESS_MAIN(ScheduleTest)
#include "tst_schedule.moc"
