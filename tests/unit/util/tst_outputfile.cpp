// OutputFile against real special files: a FIFO, a symbolic link to one, a device node, a
// folder and a dangling link are refused and left as they were; regular files are replaced
// atomically with the right permissions.
#include "util/OutputFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/types.h>

namespace {
OutputFile::Writer writing(const QByteArray& content)
{
    return [content](QIODevice* device, QString* error) {
        if (device->write(content) != content.size()) {
            *error = device->errorString();
            return false;
        }
        return true;
    };
}

mode_t modeOf(const QString& path)
{
    struct stat info
    {
    };
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0) {
        return 0;
    }
    return info.st_mode;
}

// Restores the process umask when a test ends.
class UmaskGuard
{
public:
    explicit UmaskGuard(mode_t mask)
        : m_previous(::umask(mask))
    {
    }
    ~UmaskGuard() { ::umask(m_previous); }
    UmaskGuard(const UmaskGuard&) = delete;
    UmaskGuard& operator=(const UmaskGuard&) = delete;

private:
    mode_t m_previous;
};
} // namespace

class OutputFileTest : public QObject
{
    Q_OBJECT

private slots:
    void fifoIsRefusedAndKept();
    void symlinkToFifoIsRefusedAndKept();
    void deviceNodeIsRefused();
    void folderAndDanglingLinkAreRefused();
    void newFileIsOwnerOnly_data();
    void newFileIsOwnerOnly();
    void existingFileKeepsItsPermissions();
    void symlinkToRegularFileWritesTheTarget();
    void failedWriteLeavesTheOldContent();
};

void OutputFileTest::fifoIsRefusedAndKept()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("pipe"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);

    const auto written = OutputFile::write(fifo, writing("userName\r\n"));
    QVERIFY(!written);
    QVERIFY2(written.error().contains(QStringLiteral("not a regular file")), qPrintable(written.error()));
    QVERIFY(S_ISFIFO(modeOf(fifo)));
    // No temporary file is left beside it either.
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System),
        QStringList {QStringLiteral("pipe")});
}

void OutputFileTest::symlinkToFifoIsRefusedAndKept()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("pipe"));
    const QString link = dir.filePath(QStringLiteral("export.csv"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QVERIFY(QFile::link(fifo, link));

    const auto written = OutputFile::write(link, writing("userName\r\n"));
    QVERIFY(!written);
    QVERIFY2(written.error().contains(QStringLiteral("symbolic link")), qPrintable(written.error()));
    QVERIFY(S_ISLNK(modeOf(link)));
    QVERIFY(S_ISFIFO(modeOf(fifo)));
}

void OutputFileTest::deviceNodeIsRefused()
{
    if (!S_ISCHR(modeOf(QStringLiteral("/dev/null")))) {
        QSKIP("no /dev/null character device here");
    }
    const auto written = OutputFile::write(QStringLiteral("/dev/null"), writing("x"));
    QVERIFY(!written);
    QVERIFY(S_ISCHR(modeOf(QStringLiteral("/dev/null"))));
}

void OutputFileTest::folderAndDanglingLinkAreRefused()
{
    QTemporaryDir dir;
    QVERIFY(!OutputFile::write(dir.path(), writing("x")));
    const QString link = dir.filePath(QStringLiteral("dangling.csv"));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("nowhere")), link));
    const auto written = OutputFile::write(link, writing("x"));
    QVERIFY(!written);
    QVERIFY2(written.error().contains(QStringLiteral("does not exist")), qPrintable(written.error()));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("nowhere"))));
}

void OutputFileTest::newFileIsOwnerOnly_data()
{
    QTest::addColumn<int>("umask");
    QTest::newRow("umask 000") << 0;
    QTest::newRow("umask 022") << 022;
}

void OutputFileTest::newFileIsOwnerOnly()
{
    QFETCH(int, umask);
    const UmaskGuard guard(static_cast<mode_t>(umask));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.csv"));
    QVERIFY(OutputFile::write(path, writing("userName\r\n")));
    QCOMPARE(modeOf(path) & 0777, mode_t(0600));
    QVERIFY(S_ISREG(modeOf(path)));
}

void OutputFileTest::existingFileKeepsItsPermissions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shared.csv"));
    QVERIFY(OutputFile::write(path, writing("old")));
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0640), 0);

    QVERIFY(OutputFile::write(path, writing("new")));
    QCOMPARE(modeOf(path) & 0777, mode_t(0640));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("new"));
}

void OutputFileTest::symlinkToRegularFileWritesTheTarget()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("target.csv"));
    const QString link = dir.filePath(QStringLiteral("link.csv"));
    QVERIFY(OutputFile::write(target, writing("old")));
    QVERIFY(QFile::link(target, link));

    QVERIFY(OutputFile::write(link, writing("new")));
    QVERIFY(S_ISLNK(modeOf(link)));
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("new"));
}

void OutputFileTest::failedWriteLeavesTheOldContent()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keep.csv"));
    QVERIFY(OutputFile::write(path, writing("old")));
    const auto written = OutputFile::write(path, [](QIODevice* device, QString* error) {
        device->write("half");
        *error = QStringLiteral("the directory read failed");
        return false;
    });
    QVERIFY(!written);
    QCOMPARE(written.error(), QStringLiteral("the directory read failed"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("old"));
}

QTEST_GUILESS_MAIN(OutputFileTest)
#include "tst_outputfile.moc"
