// scimdesk-bench-csv-import: what `scimdesk-cli directory import` costs on a big file. It
// generates a users CSV (2,000,000 rows, ~120 MB, by default) and a groups CSV (one row per
// membership, the same number of rows), then runs the real CLI on a fresh profile: users
// imported (all created), the same file again (all unchanged, every row looked up), the groups
// file. Each CLI run is a child process of its own, waited for with wait4(), so its peak
// resident memory is its own; the figure that matters is peak RSS / file size (DESIGN.md:
// below 3). Prints figures; fails only when an import fails.

#include "ResourceUsage.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QTemporaryDir>
#include <QTextStream>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

extern char** environ;

namespace {
QTextStream out(stdout);

struct ChildRun
{
    int exitCode = -1;
    qint64 ms = 0;
    double peakMb = 0;
    double cpuSeconds = 0;
    QString output;
};

// Runs the program with stdout and stderr into `log`, and waits for it with wait4() to get its
// own peak RSS and CPU time.
ChildRun runChild(const QStringList& arguments, const QString& log)
{
    ChildRun run;
    std::vector<QByteArray> storage;
    for (const QString& argument : arguments) {
        storage.push_back(QFile::encodeName(argument));
    }
    std::vector<char*> argv;
    for (QByteArray& argument : storage) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    const QByteArray logPath = QFile::encodeName(log);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, logPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv.front(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        return run;
    }
    int status = 0;
    rusage usage {};
    if (wait4(pid, &status, 0, &usage) != pid) {
        return run;
    }
    run.ms = timer.elapsed();
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.peakMb = double(usage.ru_maxrss) / 1024.0;
    run.cpuSeconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    QFile file(log);
    if (file.open(QIODevice::ReadOnly)) {
        run.output = QString::fromUtf8(file.readAll()).trimmed();
    }
    return run;
}

// Rows shaped like an HR export: about 60 bytes each.
bool writeUsers(const QString& path, int rows)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    QByteArray chunk;
    chunk.reserve(1 << 20);
    chunk += "userName,email,givenName,familyName,department,active\n";
    for (int i = 0; i < rows; ++i) {
        const QByteArray n = QByteArray::number(i);
        chunk += "u" + n + ",u" + n + "@example.com,Given" + QByteArray::number(i % 997) + ",Family"
            + QByteArray::number(i % 1009) + ",Dept " + QByteArray::number(i % 50) + (i % 10 ? ",true\n" : ",false\n");
        if (chunk.size() > (1 << 20) - 256) {
            file.write(chunk);
            chunk.clear();
        }
    }
    return file.write(chunk) == chunk.size() && file.flush();
}

// One row per membership: every user in one of 1,000 groups.
bool writeGroups(const QString& path, int rows)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    QByteArray chunk = "group,member\n";
    for (int i = 0; i < rows; ++i) {
        chunk += "Group " + QByteArray::number(i % 1000) + ",u" + QByteArray::number(i) + "\n";
        if (chunk.size() > (1 << 20) - 256) {
            file.write(chunk);
            chunk.clear();
        }
    }
    return file.write(chunk) == chunk.size() && file.flush();
}

QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / double(1 << 20), 'f', 1) + QStringLiteral(" MiB");
}

// Imports `file` and prints one line of figures; false when the import failed.
bool measure(const QString& label, const QString& cli, const QString& profile, const QString& kind, const QString& file,
    const QString& log, bool smoke)
{
    const qint64 bytes = QFileInfo(file).size();
    const ChildRun run = runChild(
        {cli, QStringLiteral("--profile"), profile, QStringLiteral("directory"), QStringLiteral("import"), kind, file},
        log);
    const double ratio = run.peakMb * 1024.0 * 1024.0 / double(bytes);
    out << label << ": " << mebibytes(bytes) << ", exit " << run.exitCode << ", wall "
        << QString::number(run.ms / 1000.0, 'f', 1) << " s, CPU " << QString::number(run.cpuSeconds, 'f', 1)
        << " s, peak RSS " << QString::number(run.peakMb, 'f', 0) << " MiB = " << QString::number(ratio, 'f', 2)
        << " x the file" << (smoke || ratio < 3 ? "" : "  (ABOVE the 3x target)") << '\n';
    out << "  " << run.output.section(QLatin1Char('\n'), 0, 0) << '\n';
    out << "summary: CSV import, " << label << " (" << mebibytes(bytes) << "): peak "
        << QString::number(run.peakMb, 'f', 0) << " MiB = " << QString::number(ratio, 'f', 2) << " x file, "
        << QString::number(run.ms / 1000.0, 'f', 1) << " s wall, " << QString::number(run.cpuSeconds, 'f', 1)
        << " s CPU\n";
    out.flush();
    return run.exitCode == 0;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Peak memory and time of scimdesk-cli directory import."));
    parser.addHelpOption();
    const QCommandLineOption smoke(QStringLiteral("smoke"), QStringLiteral("Tiny files (2,000 rows)."));
    const QCommandLineOption rowsOption(
        QStringLiteral("rows"), QStringLiteral("Rows per file (default 2,000,000)."), QStringLiteral("n"));
    parser.addOptions({smoke, rowsOption});
    parser.process(app);
    const int rows = parser.isSet(smoke)       ? 2000
        : parser.value(rowsOption).toInt() > 0 ? parser.value(rowsOption).toInt()
                                               : 2000000;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        return 1;
    }
    const QString users = dir.filePath(QStringLiteral("users.csv"));
    const QString groups = dir.filePath(QStringLiteral("groups.csv"));
    const QString profile = dir.filePath(QStringLiteral("profile"));
    const QString log = dir.filePath(QStringLiteral("cli.log"));
    if (!writeUsers(users, rows) || !writeGroups(groups, rows)) {
        out << "Cannot write the CSV files in " << dir.path() << '\n';
        return 1;
    }
    out << "CSV import of " << QLocale(QLocale::English).toString(rows) << " rows, load average "
        << ResourceUsage::loadAverage() << '\n';
    const QString cli = QStringLiteral(SCIMDESK_BENCH_CLI);
    const bool isSmoke = parser.isSet(smoke);
    bool ok = measure(QStringLiteral("users, all new"), cli, profile, QStringLiteral("users"), users, log, isSmoke);
    ok = measure(
             QStringLiteral("users again, all unchanged"), cli, profile, QStringLiteral("users"), users, log, isSmoke)
        && ok;
    ok = measure(QStringLiteral("groups, one row per membership"), cli, profile, QStringLiteral("groups"), groups, log,
             isSmoke)
        && ok;
    return ok ? 0 : 1;
}
