#include "DirectoryCommand.h"

#include "CliContext.h"
#include "CsvImportOutput.h"
#include "DirectoryGroupsCommand.h"
#include "DirectoryUsersCommand.h"

#include "directory/DirectoryCsvExporter.h"
#include "directory/DirectoryCsvImporter.h"
#include "directory/DirectoryRepository.h"
#include "directory/DirectorySnapshot.h"
#include "workspace/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>

#include <QTextStream>
#include <optional>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

// A file that cannot be imported is the command's failure (1); a profile that cannot be written
// is 6, or 7 while another process holds its lock.
ExitCode importExitCode(const StorageError& error)
{
    if (error.kind == StorageError::Kind::Busy) {
        return ExitCode::ProfileBusy;
    }
    return error.field == QLatin1String("file") ? ExitCode::OperationFailed : ExitCode::ProfileError;
}

// import and export both take "users|groups FILE".
bool isKindAndFile(const QStringList& arguments)
{
    return arguments.size() == 2
        && (arguments.at(0) == QLatin1String("users") || arguments.at(0) == QLatin1String("groups"));
}
} // namespace

DirectoryCommand::DirectoryCommand(CliContext& context)
    : m_context(context)
    , m_mirror(QStringLiteral("mirror"),
          tr("Make the directory equal to the file: users (or groups) the file does not name are removed. Shows "
             "what it removes; more than the deletion threshold needs --confirm-deletions."))
    , m_threshold(QStringLiteral("deletion-threshold"),
          tr("With --mirror: removing more than PERCENT % of the directory's entries, and more than MIN, needs "
             "--confirm-deletions (default 5,10)."),
          tr("percent,min"))
    , m_confirm(QStringLiteral("confirm-deletions"), tr("With --mirror: remove even above the deletion threshold."))
{
}

QString DirectoryCommand::summary()
{
    return tr("  directory import|export users|groups FILE   CSV import/export of the embedded directory\n")
        + DirectoryUsersCommand::summary() + QLatin1Char('\n') + DirectoryGroupsCommand::summary();
}

int DirectoryCommand::run(const QString& subcommand)
{
    // "users list", "groups edit" …: the object, then what to do with it.
    const QString object = subcommand.section(QLatin1Char(' '), 0, 0);
    const QString action = subcommand.section(QLatin1Char(' '), 1);
    if (object == QLatin1String("users")) {
        return DirectoryUsersCommand(m_context).run(action);
    }
    if (object == QLatin1String("groups")) {
        return DirectoryGroupsCommand(m_context).run(action);
    }
    if (subcommand == QLatin1String("import")) {
        return importCsv();
    }
    if (subcommand == QLatin1String("export")) {
        return exportCsv();
    }
    return m_context.fail(ExitCode::Usage,
        tr("Choose import, export, users or groups: scimdesk-cli directory import users FILE, "
           "scimdesk-cli directory users list"),
        tr("See: scimdesk-cli directory import --help, scimdesk-cli directory users add --help"));
}

int DirectoryCommand::importCsv()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Imports users or groups from a CSV file into the embedded directory. Every row is checked first; "
           "problems are listed with their line numbers and nothing is written unless --skip-invalid is given "
           "(then the valid rows are imported and the others reported).\n"
           "Users: a header row names the attributes (userName is required); a row is matched by objectId, else by "
           "userName, and updated (a changed userName with a known objectId is a rename).\n"
           "Groups: one row per membership (group, member) or a members column separated by ';'.\n"
           "--mirror makes the directory equal to the file: what the file does not name is removed. The CSV "
           "layouts are described in docs/cli.md."));
    parser.addPositionalArgument(QStringLiteral("kind"), tr("users or groups"));
    parser.addPositionalArgument(QStringLiteral("file"), tr("The CSV file (UTF-8)."));
    const QCommandLineOption skipInvalid(QStringLiteral("skip-invalid"), tr("Import the valid rows, skip the others."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), tr("Only check the file and show what would change."));
    const QCommandLineOption replaceMembers(
        QStringLiteral("replace-members"), tr("Groups: the file's members replace those of the groups it names."));
    parser.addOptions({skipInvalid, dryRun, replaceMembers, m_mirror, m_threshold, m_confirm});
    if (auto stop = m_context.parseAndOpenWorkspace(parser, QStringLiteral("users|groups FILE"), isKindAndFile,
            tr("Usage: scimdesk-cli directory import users|groups FILE"))) {
        return *stop;
    }
    const QStringList arguments = parser.positionalArguments();
    const bool users = arguments.at(0) == QLatin1String("users");
    DirectoryRepository repository(m_context.workspace().database());
    DirectoryCsvImporter importer(
        repository, users ? DirectoryCsvImporter::Kind::Users : DirectoryCsvImporter::Kind::Groups);
    importer.setReplaceGroupMembers(parser.isSet(replaceMembers));
    if (auto status = importer.loadFile(arguments.at(1)); !status) {
        return m_context.fail(ExitCode::OperationFailed, status.error().message);
    }
    CsvImportOutput::Mirror mirror;
    if (auto stop = checkMirror(parser, importer, parser.isSet(dryRun), mirror)) {
        return *stop;
    }
    const CsvImportOutput output(m_context, mirror);
    if (parser.isSet(dryRun)) {
        const CsvImportPreview preview = importer.preview(0);
        if (!preview.fileError.isEmpty()) {
            return m_context.fail(ExitCode::OperationFailed, preview.fileError);
        }
        output.printPreview(preview);
        return toInt(ExitCode::Success);
    }
    if (auto refused = m_context.lockProfileForWriting()) {
        return *refused;
    }
    // One pass: the rows are checked and written together, and nothing is written when a row
    // is invalid (unless --skip-invalid).
    auto result = importer.import(
        parser.isSet(skipInvalid) ? DirectoryCsvImporter::Mode::SkipInvalid : DirectoryCsvImporter::Mode::AllOrNothing);
    if (!result) {
        return m_context.fail(importExitCode(result.error()), result.error().message);
    }
    if (!result->written) {
        const QString message = QCoreApplication::translate(
            "cli", "Nothing was imported: %n row(s) are invalid.", nullptr, result->invalidRowCount);
        const QString hint = tr("Fix the rows listed above, or import the valid rows only with --skip-invalid.");
        output.printPreview(result.value(), CliContext::errorJson(ExitCode::OperationFailed, message, hint));
        m_context.printError(message, hint);
        return toInt(ExitCode::OperationFailed);
    }
    output.printResult(arguments.at(0), result.value());
    return toInt(ExitCode::Success);
}

// --mirror: what the file would remove, checked against the threshold before anything is
// written. A dry run only reports; an import above the threshold without --confirm-deletions is
// refused (3) with the list of what it would remove, in one JSON document.
std::optional<int> DirectoryCommand::checkMirror(const QCommandLineParser& parser, DirectoryCsvImporter& importer,
    bool dryRun, CsvImportOutput::Mirror& mirror) const
{
    if (!parser.isSet(m_mirror)) {
        if (parser.isSet(m_threshold) || parser.isSet(m_confirm)) {
            return m_context.fail(ExitCode::Usage, tr("--deletion-threshold and --confirm-deletions need --mirror."));
        }
        return std::nullopt;
    }
    mirror.mirror = true;
    if (parser.isSet(m_threshold)) {
        const auto threshold = DeletionThreshold::parse(parser.value(m_threshold));
        if (!threshold) {
            return m_context.fail(ExitCode::Usage,
                tr("\"%1\" is not a deletion threshold.").arg(parser.value(m_threshold)),
                tr("Give a percentage from 0 to 100 and a minimum number of entries, e.g. --deletion-threshold "
                   "5,10"));
        }
        mirror.threshold = *threshold;
    }
    importer.setMirror(true);
    const CsvImportPreview preview = importer.preview(0);
    if (!preview.fileError.isEmpty()) {
        return m_context.fail(ExitCode::OperationFailed, preview.fileError);
    }
    mirror.limit = mirror.threshold.limit(preview.directoryCount);
    mirror.needsConfirmation = mirror.threshold.exceeded(preview.toRemove, preview.directoryCount);
    // The import removes no more than what was checked (and confirmed) here.
    importer.setMirror(true, preview.toRemove);
    if (dryRun || !mirror.needsConfirmation || parser.isSet(m_confirm)) {
        return std::nullopt;
    }
    const QString message = tr("The import would remove %1 of %2 entries, more than the threshold of %3; nothing "
                               "was written.")
                                .arg(preview.toRemove)
                                .arg(preview.directoryCount)
                                .arg(mirror.limit);
    const QString hint = tr("Check the file and the list above; to remove them, run again with --confirm-deletions.");
    CsvImportOutput(m_context, mirror)
        .printPreview(preview, CliContext::errorJson(ExitCode::ThresholdRefused, message, hint));
    m_context.printError(message, hint);
    return toInt(ExitCode::ThresholdRefused);
}

int DirectoryCommand::exportCsv()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Exports the directory's users or groups as CSV, in the layout import reads back. Cells that a "
           "spreadsheet would run as a formula are neutralised. The file is written atomically."));
    parser.addPositionalArgument(QStringLiteral("kind"), tr("users or groups"));
    parser.addPositionalArgument(QStringLiteral("file"), tr("The CSV file to write."));
    if (auto stop = m_context.parseAndOpenWorkspace(parser, QStringLiteral("users|groups FILE"), isKindAndFile,
            tr("Usage: scimdesk-cli directory export users|groups FILE"))) {
        return *stop;
    }
    const QStringList arguments = parser.positionalArguments();
    auto snapshot = DirectorySnapshot::load(*m_context.workspace().database());
    if (!snapshot) {
        return m_context.fail(ExitCode::ProfileError, snapshot.error().message);
    }
    const bool users = arguments.at(0) == QLatin1String("users");
    const auto status = users ? DirectoryCsvExporter::exportUsersToFile(snapshot.value(), arguments.at(1))
                              : DirectoryCsvExporter::exportGroupsToFile(snapshot.value(), arguments.at(1));
    if (!status) {
        return m_context.fail(ExitCode::OperationFailed, status.error().message);
    }
    const int count = users ? int(snapshot->users().size()) : int(snapshot->groups().size());
    if (m_context.json()) {
        m_context.printJson(QJsonObject {{QStringLiteral("file"), arguments.at(1)}, {arguments.at(0), count}});
    } else {
        m_context.print(tr("Exported %1 %2 to %3.").arg(count).arg(arguments.at(0), arguments.at(1)));
    }
    return toInt(ExitCode::Success);
}
