#include "SourceReadCommand.h"

#include "CliContext.h"
#include "CliJson.h"
#include "InterruptWatcher.h"
#include "SourcesCommand.h"

#include "sources/SourceCatalog.h"
#include "storage/Database.h"
#include "util/AsyncTask.h"
#include "util/DisplayText.h"
#include "workspace/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

} // namespace

SourceReadCommand::SourceReadCommand(CliContext& context)
    : m_context(context)
{
}

int SourceReadCommand::failRead(const DirectorySource& source, const SourceReadError& error) const
{
    if (error.kind == SourceReadError::Kind::Cancelled) {
        return m_context.fail(
            ExitCode::Cancelled, tr("Cancelled while reading the directory source; nothing was kept."));
    }
    QString message
        = tr("The directory source \"%1\" could not be read completely: %2").arg(source.name, error.message);
    if (!error.diagnostic.isEmpty()) {
        message += QLatin1Char(' ') + tr("(the directory said: %1)").arg(DisplayText::escaped(error.diagnostic));
    }
    const QString hint = (error.remedy.isEmpty() ? QString() : error.remedy + QLatin1Char('\n'))
        + tr("  Nothing was kept. Check the source with: scimdesk-cli sources test \"%1\"").arg(source.name);
    return m_context.fail(ExitCode::ConnectionFailed, message, hint);
}

std::optional<int> SourceReadCommand::readNow(const DirectorySource& source, bool full, SourceLoadSummary* summary)
{
    int exitCode = 0;
    const auto password = m_context.readSourcePassword(source, &exitCode);
    if (!password) {
        return exitCode;
    }
    const SourceReaderFactory factory = m_context.workspace().sourceReaderFactory();
    const std::shared_ptr<Database> database = m_context.workspace().database();
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    QObject::connect(m_context.interrupts(), &InterruptWatcher::interrupted, &m_context, [this, cancelled] {
        m_context.progress(QString());
        m_context.warn(tr("Cancelling the read …"));
        *cancelled = true;
    });
    m_context.progress(tr("Reading the directory source \"%1\" …").arg(source.name));
    SourceLoadOutcome outcome;
    CliContext::waitFor([&](std::function<void()> finished) {
        AsyncTask::run(
            &m_context,
            [database, factory, source, secret = password->toUtf8(), full, cancelled]() {
                return SourceLoader::loadWith(factory, database, source, secret, full, *cancelled);
            },
            [&outcome, finished](const SourceLoadOutcome& result) {
                outcome = result;
                finished();
            });
    });
    m_context.progress(QString());
    if (!outcome.snapshot) {
        return failRead(source, outcome.error);
    }
    if (summary) {
        *summary = outcome.summary;
    }
    return std::nullopt;
}

std::optional<int> SourceReadCommand::ensureRead(const DirectorySource& source)
{
    if (SourceCache(m_context.workspace().database(), source.id).state()) {
        return std::nullopt;
    }
    m_context.warn(tr("the directory source \"%1\" has not been read yet; reading it now").arg(source.name));
    return readNow(source, false, nullptr);
}

std::optional<int> SourceReadCommand::find(const DirectorySource& source, bool group, const QString& name, qint64* id)
{
    if (auto stop = ensureRead(source)) {
        return stop;
    }
    SourceCache cache(m_context.workspace().database(), source.id);
    const QList<SourceObjectInfo> found = group ? cache.findGroups(name) : cache.findUsers(name);
    if (found.isEmpty()) {
        return m_context.fail(ExitCode::Usage,
            (group ? tr("There is no group \"%1\" in the directory source \"%2\".")
                   : tr("There is no user \"%1\" in the directory source \"%2\"."))
                .arg(name, source.name),
            tr("Groups are found by name or DN, users by userName or DN, as of the source's last read. Read it again "
               "with: scimdesk-cli sources read \"%1\"")
                .arg(source.name));
    }
    if (found.size() > 1) {
        QStringList dns;
        for (const SourceObjectInfo& object : found) {
            dns << DisplayText::escaped(object.dn);
        }
        return m_context.fail(ExitCode::Usage,
            tr("\"%1\" names %2 entries of \"%3\": %4")
                .arg(name)
                .arg(found.size())
                .arg(source.name, dns.join(QStringLiteral("; "))),
            tr("Give the DN of the one you mean."));
    }
    *id = found.constFirst().id;
    return std::nullopt;
}

void SourceReadCommand::printSummary(const DirectorySource& source, const SourceLoadSummary& summary) const
{
    if (m_context.json()) {
        m_context.printJson(CliJson::sourceRead(source.name, summary));
        return;
    }
    const SourceCacheChanges& c = summary.changes;
    QString text;
    QTextStream stream(&text);
    stream << tr("Read \"%1\" (%2, %3 ms): %4 users, %5 groups.")
                  .arg(source.name, summary.delta ? tr("incremental") : tr("full"))
                  .arg(summary.readMs)
                  .arg(summary.users)
                  .arg(summary.groups)
           << '\n';
    stream << tr("  Users: %1 new, %2 %3, %4 gone. Groups: %5 new, %6 %3, %7 gone.")
                  .arg(c.usersAdded)
                  .arg(c.usersUpdated)
                  .arg(summary.delta ? tr("changed") : tr("read again"))
                  .arg(c.usersRemoved)
                  .arg(c.groupsAdded)
                  .arg(c.groupsUpdated)
                  .arg(c.groupsRemoved)
           << '\n';
    if (summary.fellBackToFull) {
        stream << tr("  An incremental read was not possible (%1), so the source was read fully.")
                      .arg(DisplayText::escaped(summary.fallbackReason))
               << '\n';
    }
    for (const QString& note : summary.notes) {
        stream << tr("  note: %1").arg(DisplayText::escaped(note)) << '\n';
    }
    text.chop(1);
    m_context.print(text);
}

int SourceReadCommand::run()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Reads a directory source now (incrementally when the last read allows it) and keeps the read in the "
           "profile: the users and groups the applications of the source are synced from. Prints the counts and "
           "what to know; writes to no SCIM server. Exit code 4 when the read fails, 5 when interrupted."));
    const QCommandLineOption full(QStringLiteral("full"), tr("Read everything, not only what changed."));
    parser.addOption(full);
    m_context.addSourcePasswordOptions(parser);
    int exitCode = 0;
    const auto source = SourcesCommand::openNamedSource(m_context, parser, tr("The source's name."),
        tr("Name one source: scimdesk-cli sources read NAME [--full]"), &exitCode);
    if (!source) {
        return exitCode;
    }
    SourceLoadSummary summary;
    if (auto stop = readNow(*source, parser.isSet(full), &summary)) {
        return *stop;
    }
    printSummary(*source, summary);
    return toInt(ExitCode::Success);
}
