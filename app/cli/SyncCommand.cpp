#include "SyncCommand.h"

#include "CliContext.h"
#include "CliJson.h"
#include "CliPlan.h"
#include "InterruptWatcher.h"
#include "SourceReadCommand.h"

#include "controller/ApplicationSync.h"
#include "directory/DirectoryRepository.h"
#include "servers/ServerCatalog.h"
#include "storage/ApplicationRepository.h"
#include "sync/JournalStore.h"
#include "sync/SyncPlan.h"
#include "sync/SyncRunSummary.h"
#include "util/DisplayText.h"
#include "workspace/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

// A server or directory value in a line of text: its control characters, line breaks and
// bidi overrides shown as escapes, so the value cannot rewrite or fake what is printed.
QString shown(const QString& value)
{
    return DisplayText::escaped(value);
}

QJsonObject entryJson(const JournalEntry& entry)
{
    return QJsonObject {
        {QStringLiteral("sequence"), entry.sequence},
        {QStringLiteral("action"), entry.action},
        {QStringLiteral("objectKind"), entry.objectKind},
        {QStringLiteral("objectName"), entry.objectName},
        {QStringLiteral("directoryObjectId"), entry.directoryObjectId},
        {QStringLiteral("targetId"), entry.targetId},
        {QStringLiteral("status"), entry.status},
        {QStringLiteral("httpStatus"), entry.httpStatus},
        {QStringLiteral("requestId"), entry.requestId},
        {QStringLiteral("error"), entry.error},
        {QStringLiteral("before"), entry.before},
        {QStringLiteral("after"), entry.after},
        {QStringLiteral("startedAt"), CliJson::timestamp(entry.startedAt)},
        {QStringLiteral("finishedAt"), CliJson::timestamp(entry.finishedAt)},
    };
}

QJsonObject runRecordJson(const SyncRunRecord& run, const QString& applicationName)
{
    return QJsonObject {
        {QStringLiteral("id"), run.id},
        {QStringLiteral("application"), applicationName},
        {QStringLiteral("planId"), run.planId},
        {QStringLiteral("mode"), run.mode},
        {QStringLiteral("status"), run.status},
        {QStringLiteral("startedAt"), CliJson::timestamp(run.startedAt)},
        {QStringLiteral("finishedAt"), CliJson::timestamp(run.finishedAt)},
        {QStringLiteral("summary"), run.summary},
    };
}

} // namespace

SyncCommand::SyncCommand(CliContext& context)
    : m_context(context)
{
}

QString SyncCommand::summary()
{
    return tr("  sync APP --dry-run | --apply [--confirm-deletions]   preview or apply a sync of an application\n"
              "  provision-user APP USER                  provision one user now, with the explanation of scope\n"
              "  runs list [APP] | runs show RUN-ID       the journal of past runs");
}

bool SyncCommand::handles(const QString& command)
{
    return command == QLatin1String("sync") || command == QLatin1String("provision-user")
        || command == QLatin1String("runs");
}

int SyncCommand::run(const QString& command, const QString& subcommand)
{
    if (command == QLatin1String("sync")) {
        return sync();
    }
    if (command == QLatin1String("provision-user")) {
        return provisionUser();
    }
    return runs(subcommand);
}

QJsonObject SyncCommand::planJson(const SyncPlan& plan, const QString& applicationName, const QString& serverName)
{
    return CliPlan::json(plan, applicationName, serverName);
}

QString SyncCommand::planText(const SyncPlan& plan, const QString& applicationName, const QString& serverName)
{
    return CliPlan::text(plan, applicationName, serverName);
}

std::optional<int> SyncCommand::resolve(const QString& applicationName, SyncSetup* setup)
{
    const auto found = m_context.workspace().applications().findByName(applicationName);
    if (!found) {
        return m_context.fail(ExitCode::Usage, tr("There is no application named \"%1\".").arg(applicationName),
            tr("List them with: scimdesk-cli apps list"));
    }
    auto resolved = ApplicationSync::resolve(m_context.workspace(), found->id);
    if (!resolved) {
        return failWith(resolved.error(), QString());
    }
    *setup = resolved.value();
    return std::nullopt;
}

int SyncCommand::failWith(const SyncFailure& failure, const QString& serverName, const QString& sourceName) const
{
    switch (failure.kind) {
    case SyncFailure::Kind::Setup:
        return m_context.fail(ExitCode::Usage, failure.message, failure.hint);
    case SyncFailure::Kind::Busy:
        return m_context.fail(ExitCode::OperationFailed, failure.message, failure.hint);
    case SyncFailure::Kind::Secret:
    case SyncFailure::Kind::Keychain:
        return m_context.fail(
            failure.kind == SyncFailure::Kind::Secret ? ExitCode::ConnectionFailed : ExitCode::ProfileError,
            failure.message,
            failure.hint + QLatin1Char('\n')
                + (failure.aboutSource
                        ? tr("  On a machine without a keychain, use --source-password-env NAME or "
                             "--source-password-file PATH.")
                        : tr("  On a machine without a keychain, use --token-env NAME or --token-file PATH.")));
    case SyncFailure::Kind::Cancelled:
        return m_context.fail(ExitCode::Cancelled, tr("Cancelled before anything was changed."));
    case SyncFailure::Kind::SourceRead:
        // Nothing was sent to the SCIM server: the directory must be fixed first.
        return m_context.fail(ExitCode::ConnectionFailed, failure.message,
            (failure.hint.isEmpty() ? QString() : failure.hint + QLatin1Char('\n'))
                + tr("  Check the source with: scimdesk-cli sources test \"%1\"").arg(sourceName));
    case SyncFailure::Kind::Read:
        break;
    }
    return m_context.fail(ExitCode::ConnectionFailed, failure.message,
        serverName.isEmpty() ? failure.hint
                             : tr("Check the server with: scimdesk-cli servers test \"%1\"").arg(serverName));
}

int SyncCommand::exitCodeFor(const SyncRunSummary& summary, bool authFailed) const
{
    switch (summary.status) {
    case SyncRunSummary::Status::Succeeded:
        return toInt(ExitCode::Success);
    case SyncRunSummary::Status::Refused:
        return toInt(ExitCode::ThresholdRefused);
    case SyncRunSummary::Status::Cancelled:
        return toInt(ExitCode::Cancelled);
    case SyncRunSummary::Status::Partial:
    case SyncRunSummary::Status::Failed:
        return toInt(authFailed ? ExitCode::ConnectionFailed : ExitCode::OperationFailed);
    }
    return toInt(ExitCode::OperationFailed);
}

void SyncCommand::showProgress(ApplicationSync& sync, bool* authFailed)
{
    QObject::connect(&sync, &ApplicationSync::progress, &m_context, [this](const SyncProgress& progress) {
        if (progress.total > 0) {
            m_context.progress(tr("%1: %2/%3 done, %4 failed")
                                   .arg(SyncProgress::phaseLabel(progress.phase))
                                   .arg(progress.done)
                                   .arg(progress.total)
                                   .arg(progress.failed));
        } else {
            m_context.progress(SyncProgress::phaseLabel(progress.phase));
        }
    });
    QObject::connect(&sync, &ApplicationSync::operationFinished, &m_context, [authFailed](const JournalEntry& entry) {
        if (entry.httpStatus == 401 || entry.httpStatus == 403) {
            *authFailed = true;
        }
    });
    QObject::connect(m_context.interrupts(), &InterruptWatcher::interrupted, &sync, [this, &sync] {
        m_context.progress(QString());
        m_context.warn(tr("Cancelling: in-flight requests are stopped; the journal keeps what was done."));
        sync.cancel();
    });
}

QString SyncCommand::summaryText(const SyncRunSummary& summary)
{
    QString text = tr("Run %1 %2: %3 of %4 operations succeeded, %5 failed, %6 skipped (%7 requests).")
                       .arg(summary.runId)
                       .arg(SyncRunSummary::statusId(summary.status))
                       .arg(summary.succeeded)
                       .arg(summary.total)
                       .arg(summary.failed)
                       .arg(summary.skipped)
                       .arg(summary.requests);
    if (!summary.message.isEmpty()) {
        text += QLatin1Char('\n') + shown(summary.message);
    }
    for (const QString& error : summary.errors) {
        text += QStringLiteral("\n  ") + shown(error);
    }
    return text;
}

QJsonObject SyncCommand::runJson(const SyncRunSummary& summary)
{
    QJsonObject run = summary.toJson();
    run.insert(QStringLiteral("runId"), summary.runId);
    return run;
}

int SyncCommand::execute(const SyncSetup& setup, bool apply, bool confirmed)
{
    const Application& application = setup.application;
    const ScimServer& server = setup.server;
    ApplicationSync sync(m_context.workspacePointer(), application.id);
    bool authFailed = false;
    showProgress(sync, &authFailed);
    InterruptWatcher* interrupts = m_context.interrupts();

    std::optional<SyncPlan> plan;
    std::optional<SyncFailure> failure;
    std::optional<SyncRunSummary> summary;
    QEventLoop loop;
    QObject::connect(&sync, &ApplicationSync::previewFailed, &loop, [&](const SyncFailure& failed) {
        failure = failed;
        loop.quit();
    });
    QObject::connect(&sync, &ApplicationSync::previewReady, &loop, [&](const SyncPlan& ready) {
        plan = ready;
        if (!apply) {
            loop.quit();
        }
    });
    QObject::connect(&sync, &ApplicationSync::applyFinished, &loop, [&](const SyncRunSummary& finished) {
        summary = finished;
        loop.quit();
    });
    if (apply) {
        sync.previewAndApply(confirmed);
    } else {
        sync.preview();
    }
    loop.exec();
    m_context.progress(QString());

    if (failure) {
        if (interrupts->wasInterrupted()) {
            failure->kind = SyncFailure::Kind::Cancelled;
        }
        return failWith(*failure, server.name, setup.source ? setup.source->name : QString());
    }
    if (!plan) {
        return printCancelledBeforePlan(*summary);
    }
    return printOutcome(*plan, summary, setup, authFailed);
}

int SyncCommand::printCancelledBeforePlan(const SyncRunSummary& summary) const
{
    if (m_context.json()) {
        m_context.printJson(
            QJsonObject {{QStringLiteral("plan"), QJsonValue::Null}, {QStringLiteral("run"), runJson(summary)}});
    } else {
        m_context.print(summaryText(summary));
    }
    return exitCodeFor(summary, false);
}

int SyncCommand::printOutcome(
    const SyncPlan& plan, const std::optional<SyncRunSummary>& summary, const SyncSetup& setup, bool authFailed) const
{
    const QString& applicationName = setup.application.name;
    const QString& serverName = setup.server.name;
    const bool refused = summary && summary->status == SyncRunSummary::Status::Refused;
    const QString refusal
        = refused ? (summary->message.isEmpty() ? plan.confirmationReason : summary->message) : QString();
    const QString refusalHint = tr("Review the plan; to apply it anyway rerun with --confirm-deletions.");
    if (m_context.json()) {
        QJsonObject output {{QStringLiteral("plan"), planJson(plan, applicationName, serverName)}};
        if (summary) {
            output.insert(QStringLiteral("run"), runJson(*summary));
        }
        if (refused) {
            output.insert(
                QStringLiteral("error"), CliContext::errorJson(ExitCode::ThresholdRefused, refusal, refusalHint));
        }
        m_context.printJson(output);
    } else {
        m_context.print(planText(plan, applicationName, serverName));
        if (summary) {
            m_context.print(summaryText(*summary));
        }
    }
    if (!summary) {
        return m_context.interrupts()->wasInterrupted() ? toInt(ExitCode::Cancelled) : toInt(ExitCode::Success);
    }
    if (refused) {
        // With --json the error is already part of the one JSON document printed above.
        m_context.printError(refusal, refusalHint);
        return toInt(ExitCode::ThresholdRefused);
    }
    return exitCodeFor(*summary, authFailed);
}

int SyncCommand::sync()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Syncs an application to its SCIM server. --dry-run reads the directory and the server and prints the "
           "plan (creates, updates with before → after, disables, deletes, membership changes) without writing. "
           "--apply previews the same way, prints the plan and applies exactly it. A plan that disables or deletes "
           "more than the server's threshold is refused (exit code 3) unless --confirm-deletions is given."));
    parser.addPositionalArgument(QStringLiteral("application"), tr("The application's name."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), tr("Preview only; change nothing."));
    const QCommandLineOption apply(QStringLiteral("apply"), tr("Preview, then apply the plan."));
    const QCommandLineOption confirmDeletions(QStringLiteral("confirm-deletions"),
        tr("Confirm a plan that disables or deletes more objects than the deletion threshold."));
    parser.addOptions({dryRun, apply, confirmDeletions});
    m_context.addSourcePasswordOptions(parser);
    if (auto stop = m_context.parse(parser, QStringLiteral("APP --dry-run|--apply"))) {
        return *stop;
    }
    if (parser.positionalArguments().size() != 1) {
        return m_context.fail(ExitCode::Usage, tr("Name one application: scimdesk-cli sync APP --dry-run|--apply"));
    }
    if (parser.isSet(dryRun) == parser.isSet(apply)) {
        return m_context.fail(ExitCode::Usage, tr("Choose --dry-run (preview only) or --apply."));
    }
    if (parser.isSet(confirmDeletions) && !parser.isSet(apply)) {
        return m_context.fail(ExitCode::Usage, tr("--confirm-deletions only applies with --apply."));
    }
    if (auto stop = m_context.openWorkspace()) {
        return *stop;
    }
    SyncSetup setup;
    if (auto stop = resolve(parser.positionalArguments().constFirst(), &setup)) {
        return *stop;
    }
    // Locked before the preview, so the plan applied is the one computed while no other
    // process could write.
    if (parser.isSet(apply)) {
        if (auto refused = m_context.lockProfileForWriting()) {
            return *refused;
        }
    }
    return execute(setup, parser.isSet(apply), parser.isSet(confirmDeletions));
}

std::optional<int> SyncCommand::findUser(const SyncSetup& setup, const QString& name, qint64* userId)
{
    if (setup.source) {
        // A user of the application's directory source, by userName or DN.
        return SourceReadCommand(m_context).find(*setup.source, false, name, userId);
    }
    const auto user = DirectoryRepository(m_context.workspace().database()).findUserByUserName(name);
    if (!user) {
        return m_context.fail(ExitCode::Usage, tr("There is no directory user \"%1\".").arg(name),
            tr("Look the user up with: scimdesk-cli directory export users FILE"));
    }
    *userId = user->id;
    return std::nullopt;
}

int SyncCommand::provisionUser()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Provisions one directory user to the application's SCIM server now, the same way as the app's "
           "Provision User: the user's SCIM body, every scope condition, the targeted lookups on the server, the "
           "planned action, then the action itself with the user's group memberships. Prints the five steps."));
    parser.addPositionalArgument(QStringLiteral("application"), tr("The application's name."));
    parser.addPositionalArgument(QStringLiteral("user"), tr("The user's userName."));
    const QCommandLineOption checkOnly(
        QStringLiteral("check-only"), tr("Run steps 1 to 4 and print the planned action; send nothing."));
    parser.addOption(checkOnly);
    m_context.addSourcePasswordOptions(parser);
    const auto appAndUser = [](const QStringList& arguments) { return arguments.size() == 2; };
    if (auto stop = m_context.parseAndOpenWorkspace(parser, QStringLiteral("APP USER"), appAndUser,
            tr("Usage: scimdesk-cli provision-user APP USER [--check-only]"))) {
        return *stop;
    }
    const QStringList arguments = parser.positionalArguments();
    SyncSetup setup;
    if (auto stop = resolve(arguments.at(0), &setup)) {
        return *stop;
    }
    qint64 userId = 0;
    if (auto stop = findUser(setup, arguments.at(1), &userId)) {
        return *stop;
    }

    const bool perform = !parser.isSet(checkOnly);
    if (perform) {
        if (auto refused = m_context.lockProfileForWriting()) {
            return *refused;
        }
    }
    ApplicationSync sync(m_context.workspacePointer(), setup.application.id);
    bool authFailed = false;
    showProgress(sync, &authFailed);
    QObject::connect(
        &sync, &ApplicationSync::provisionStepStarted, &m_context, [this](int index, const ProvisionStep& step) {
            m_context.progress(tr("Step %1: %2 …").arg(index + 1).arg(step.title));
        });
    InterruptWatcher* interrupts = m_context.interrupts();
    std::optional<ProvisionTrace> trace;
    std::optional<SyncFailure> failure;
    QEventLoop loop;
    QObject::connect(&sync, &ApplicationSync::provisionFailed, &loop, [&](const SyncFailure& failed) {
        failure = failed;
        loop.quit();
    });
    QObject::connect(&sync, &ApplicationSync::provisionReady, &loop, [&](bool hasWork, const ProvisionTrace& ready) {
        if (hasWork && perform && !interrupts->wasInterrupted()) {
            sync.performProvision(); // the command line is the admin's confirmation
            return;
        }
        trace = ready;
        loop.quit();
    });
    QObject::connect(&sync, &ApplicationSync::provisionFinished, &loop, [&](const ProvisionTrace& finished) {
        trace = finished;
        loop.quit();
    });
    sync.startProvisionUser(userId);
    loop.exec();
    m_context.progress(QString());
    if (failure) {
        return failWith(*failure, setup.server.name, setup.source ? setup.source->name : QString());
    }
    if (m_context.json()) {
        m_context.printJson(trace->toJson());
    } else {
        m_context.print(trace->toText());
    }
    return provisionExitCode(*trace, authFailed, interrupts->wasInterrupted());
}

int SyncCommand::provisionExitCode(const ProvisionTrace& trace, bool authFailed, bool interrupted) const
{
    if (trace.run) {
        return exitCodeFor(*trace.run, authFailed);
    }
    if (interrupted) {
        return toInt(ExitCode::Cancelled);
    }
    for (const ProvisionStep& step : trace.steps) {
        if (step.status == ProvisionStep::Status::Fail) {
            // Steps 1–4 fail on reads (directory, server) or on a configuration to fix.
            return toInt(
                step.kind == ProvisionStep::Kind::Match ? ExitCode::ConnectionFailed : ExitCode::OperationFailed);
        }
    }
    return toInt(ExitCode::Success);
}

int SyncCommand::runs(const QString& subcommand)
{
    if (subcommand == QLatin1String("list")) {
        return listRuns();
    }
    if (subcommand == QLatin1String("show")) {
        return showRun();
    }
    return m_context.fail(ExitCode::Usage, tr("Choose list or show: scimdesk-cli runs list [APP]"));
}

int SyncCommand::listRuns()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists the latest sync runs (all applications, or one)."));
    parser.addPositionalArgument(QStringLiteral("application"), tr("Only this application's runs."), tr("[APP]"));
    const QCommandLineOption limit(QStringLiteral("limit"), tr("At most this many runs per application (default 20)."),
        tr("n"), QStringLiteral("20"));
    parser.addOption(limit);
    if (auto stop = m_context.parse(parser, QStringLiteral("[APP]"))) {
        return *stop;
    }
    if (parser.positionalArguments().size() > 1) {
        return m_context.fail(ExitCode::Usage, tr("Usage: scimdesk-cli runs list [APP]"));
    }
    bool ok = false;
    const int maximum = parser.value(limit).toInt(&ok);
    if (!ok || maximum <= 0) {
        return m_context.fail(ExitCode::Usage, tr("--limit must be a positive number."));
    }
    if (auto stop = m_context.openWorkspace()) {
        return *stop;
    }
    QList<Application> applications = m_context.workspace().applications().list();
    if (!parser.positionalArguments().isEmpty()) {
        const auto found = m_context.workspace().applications().findByName(parser.positionalArguments().constFirst());
        if (!found) {
            return m_context.fail(ExitCode::Usage,
                tr("There is no application named \"%1\".").arg(parser.positionalArguments().constFirst()));
        }
        applications = {*found};
    }
    JournalStore journal(m_context.workspace().database());
    QJsonArray array;
    QString text;
    QTextStream stream(&text);
    for (const Application& application : applications) {
        auto runs = journal.runs(application.id, maximum);
        if (!runs) {
            return m_context.fail(ExitCode::ProfileError, runs.error().message);
        }
        for (const SyncRunRecord& run : runs.value()) {
            array.append(runRecordJson(run, application.name));
            stream << run.id << '\t' << shown(application.name) << '\t' << run.mode << '\t' << run.status << '\t'
                   << CliJson::timestamp(run.startedAt) << '\n';
        }
    }
    if (m_context.json()) {
        m_context.printJson(QJsonObject {{QStringLiteral("runs"), array}});
    } else {
        m_context.print(array.isEmpty() ? tr("No sync runs yet.") : text);
    }
    return toInt(ExitCode::Success);
}

int SyncCommand::showRun()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Shows one sync run with every operation of its journal."));
    parser.addPositionalArgument(QStringLiteral("run"), tr("The run id (see runs list)."));
    if (auto stop = m_context.parse(parser, QStringLiteral("RUN-ID"))) {
        return *stop;
    }
    bool ok = false;
    const qint64 runId
        = parser.positionalArguments().size() == 1 ? parser.positionalArguments().constFirst().toLongLong(&ok) : 0;
    if (!ok) {
        return m_context.fail(ExitCode::Usage, tr("Usage: scimdesk-cli runs show RUN-ID (a number from runs list)"));
    }
    if (auto stop = m_context.openWorkspace()) {
        return *stop;
    }
    JournalStore journal(m_context.workspace().database());
    std::optional<SyncRunRecord> record;
    QString applicationName;
    for (const Application& application : m_context.workspace().applications().list()) {
        auto runs = journal.runs(application.id, 100000);
        if (!runs) {
            return m_context.fail(ExitCode::ProfileError, runs.error().message);
        }
        for (const SyncRunRecord& run : runs.value()) {
            if (run.id == runId) {
                record = run;
                applicationName = application.name;
            }
        }
    }
    if (!record) {
        return m_context.fail(
            ExitCode::Usage, tr("There is no run %1.").arg(runId), tr("List them with: scimdesk-cli runs list"));
    }
    auto entries = journal.entries(runId);
    if (!entries) {
        return m_context.fail(ExitCode::ProfileError, entries.error().message);
    }
    if (m_context.json()) {
        QJsonObject object = runRecordJson(*record, applicationName);
        QJsonArray array;
        for (const JournalEntry& entry : entries.value()) {
            array.append(entryJson(entry));
        }
        object.insert(QStringLiteral("entries"), array);
        m_context.printJson(object);
        return toInt(ExitCode::Success);
    }
    QString text;
    QTextStream stream(&text);
    stream << tr("Run %1 of \"%2\": %3, %4, started %5, finished %6")
                  .arg(record->id)
                  .arg(shown(applicationName), record->mode, record->status, CliJson::timestamp(record->startedAt),
                      CliJson::timestamp(record->finishedAt))
           << '\n';
    for (const JournalEntry& entry : entries.value()) {
        stream << QStringLiteral("  %1 %2 %3 %4")
                      .arg(entry.sequence)
                      .arg(entry.status, -9)
                      .arg(entry.action, -14)
                      .arg(shown(entry.objectName));
        if (entry.httpStatus != 0) {
            stream << QStringLiteral(" [HTTP %1]").arg(entry.httpStatus);
        }
        if (!entry.error.isEmpty()) {
            stream << QStringLiteral(" — ") << shown(entry.error);
        }
        if (!entry.requestId.isEmpty()) {
            stream << tr(" (request id %1)").arg(shown(entry.requestId));
        }
        stream << '\n';
    }
    text.chop(1);
    m_context.print(text);
    return toInt(ExitCode::Success);
}
