#include "DirectoryCommand.h"

#include "CliContext.h"
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

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

QJsonArray issuesJson(const QList<CsvImportIssue>& issues)
{
    QJsonArray array;
    for (const CsvImportIssue& issue : issues) {
        array.append(QJsonObject {{QStringLiteral("line"), issue.line}, {QStringLiteral("message"), issue.message}});
    }
    return array;
}

QString issuesText(const QList<CsvImportIssue>& issues)
{
    QStringList lines;
    for (const CsvImportIssue& issue : issues) {
        lines << (issue.line > 0 ? tr("  line %1: %2").arg(issue.line).arg(issue.message)
                                 : QStringLiteral("  %1").arg(issue.message));
    }
    return lines.join(QLatin1Char('\n'));
}

// What an import would do: the counts and the problems found. A refused import puts its error
// into the same document, so a script reads one JSON document per command.
void printPreview(const CliContext& context, const CsvImportCounts& preview, const QJsonObject& error = {})
{
    if (context.json()) {
        QJsonObject document {
            {QStringLiteral("written"), false},
            {QStringLiteral("rows"), preview.rowCount},
            {QStringLiteral("invalidRows"), preview.invalidRowCount},
            {QStringLiteral("toCreate"), preview.toCreate},
            {QStringLiteral("toUpdate"), preview.toUpdate},
            {QStringLiteral("unchanged"), preview.unchanged},
            {QStringLiteral("issues"), issuesJson(preview.issues)},
        };
        if (!error.isEmpty()) {
            document.insert(QStringLiteral("error"), error);
        }
        context.printJson(document);
    } else {
        QString text = tr("%1 rows: %2 to create, %3 to update, %4 unchanged, %5 invalid.")
                           .arg(preview.rowCount)
                           .arg(preview.toCreate)
                           .arg(preview.toUpdate)
                           .arg(preview.unchanged)
                           .arg(preview.invalidRowCount);
        if (!preview.issues.isEmpty()) {
            text += QLatin1Char('\n') + issuesText(preview.issues);
        }
        context.print(text);
    }
}

// What an import did; kind is "users" or "groups" as given on the command line.
void printImportResult(const CliContext& context, const QString& kind, const CsvImportResult& result)
{
    if (context.json()) {
        context.printJson(QJsonObject {
            {QStringLiteral("written"), result.written},
            {QStringLiteral("created"), result.created},
            {QStringLiteral("updated"), result.updated},
            {QStringLiteral("unchanged"), result.unchanged},
            {QStringLiteral("skipped"), result.skipped},
            {QStringLiteral("issues"), issuesJson(result.issues)},
        });
    } else {
        QString text = tr("Imported %1: %2 created, %3 updated, %4 unchanged, %5 skipped.")
                           .arg(kind)
                           .arg(result.created)
                           .arg(result.updated)
                           .arg(result.unchanged)
                           .arg(result.skipped);
        if (!result.issues.isEmpty()) {
            text += QLatin1Char('\n') + issuesText(result.issues);
        }
        context.print(text);
    }
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
           "Users: a header row names the attributes (userName is required); existing users (same userName) are "
           "updated.\nGroups: one row per membership (group, member) or a members column separated by ';'."));
    parser.addPositionalArgument(QStringLiteral("kind"), tr("users or groups"));
    parser.addPositionalArgument(QStringLiteral("file"), tr("The CSV file (UTF-8)."));
    const QCommandLineOption skipInvalid(QStringLiteral("skip-invalid"), tr("Import the valid rows, skip the others."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), tr("Only check the file and show what would change."));
    const QCommandLineOption replaceMembers(
        QStringLiteral("replace-members"), tr("Groups: the file's members replace those of the groups it names."));
    parser.addOptions({skipInvalid, dryRun, replaceMembers});
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
    if (parser.isSet(dryRun)) {
        const CsvImportPreview preview = importer.preview(0);
        if (!preview.fileError.isEmpty()) {
            return m_context.fail(ExitCode::OperationFailed, preview.fileError);
        }
        printPreview(m_context, preview);
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
        printPreview(m_context, result.value(), CliContext::errorJson(ExitCode::OperationFailed, message, hint));
        m_context.printError(message, hint);
        return toInt(ExitCode::OperationFailed);
    }
    printImportResult(m_context, arguments.at(0), result.value());
    return toInt(ExitCode::Success);
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
