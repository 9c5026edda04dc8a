#include "ProvisionTrace.h"

#include <scim/Redactor.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ProvisionTrace", text);
}

QString valueText(const QJsonValue& value)
{
    if (value.isUndefined() || value.isNull())
        return tr("(absent)");
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}
} // namespace

QString ProvisionStep::kindId(Kind kind)
{
    switch (kind) {
    case Kind::Source:
        return QStringLiteral("source");
    case Kind::Scope:
        return QStringLiteral("scope");
    case Kind::Match:
        return QStringLiteral("match");
    case Kind::Action:
        return QStringLiteral("action");
    case Kind::Perform:
        return QStringLiteral("perform");
    }
    return QString();
}

QString ProvisionStep::statusId(Status status)
{
    switch (status) {
    case Status::Pending:
        return QStringLiteral("pending");
    case Status::Running:
        return QStringLiteral("running");
    case Status::Pass:
        return QStringLiteral("pass");
    case Status::Info:
        return QStringLiteral("info");
    case Status::Warning:
        return QStringLiteral("warning");
    case Status::Fail:
        return QStringLiteral("fail");
    case Status::Skipped:
        return QStringLiteral("skipped");
    }
    return QString();
}

QString ProvisionStep::statusLabel(Status status)
{
    switch (status) {
    case Status::Pending:
        return tr("Pending");
    case Status::Running:
        return tr("Running");
    case Status::Pass:
        return tr("Passed");
    case Status::Info:
        return tr("Info");
    case Status::Warning:
        return tr("Warning");
    case Status::Fail:
        return tr("Failed");
    case Status::Skipped:
        return tr("Skipped");
    }
    return QString();
}

QString ProvisionStep::defaultTitle(Kind kind)
{
    switch (kind) {
    case Kind::Source:
        return tr("Read the directory user and map the attributes");
    case Kind::Scope:
        return tr("Check the application's scope");
    case Kind::Match:
        return tr("Find the user on the SCIM server");
    case Kind::Action:
        return tr("Decide the action");
    case Kind::Perform:
        return tr("Provision");
    }
    return QString();
}

ProvisionTrace ProvisionTrace::pending()
{
    ProvisionTrace trace;
    for (auto kind : {ProvisionStep::Kind::Source, ProvisionStep::Kind::Scope, ProvisionStep::Kind::Match,
             ProvisionStep::Kind::Action, ProvisionStep::Kind::Perform}) {
        ProvisionStep step;
        step.kind = kind;
        step.title = ProvisionStep::defaultTitle(kind);
        trace.steps.append(step);
    }
    return trace;
}

const ProvisionStep* ProvisionTrace::step(ProvisionStep::Kind kind) const
{
    for (const auto& step : steps) {
        if (step.kind == kind)
            return &step;
    }
    return nullptr;
}

ProvisionStep* ProvisionTrace::step(ProvisionStep::Kind kind)
{
    for (auto& step : steps) {
        if (step.kind == kind)
            return &step;
    }
    return nullptr;
}

QString ProvisionTrace::toText() const
{
    QString text;
    text += tr("Provision one user: %1").arg(userName) + QLatin1Char('\n');
    if (!applicationName.isEmpty())
        text += tr("Application: %1").arg(applicationName) + QLatin1Char('\n');
    if (!serverName.isEmpty())
        text += tr("SCIM server: %1").arg(serverName) + QLatin1Char('\n');
    for (int i = 0; i < steps.size(); ++i) {
        const ProvisionStep& step = steps.at(i);
        text += QStringLiteral("\n%1. %2 [%3] (%4 ms)\n")
                    .arg(i + 1)
                    .arg(step.title, ProvisionStep::statusLabel(step.status))
                    .arg(step.durationMs);
        if (!step.summary.isEmpty())
            text += QStringLiteral("   ") + step.summary + QLatin1Char('\n');
        if (!step.details.isEmpty()) {
            for (const auto& line : step.details.split(QLatin1Char('\n')))
                text += QStringLiteral("   ") + line + QLatin1Char('\n');
        }
        for (const auto& change : step.changes) {
            text += QStringLiteral("   %1: %2 → %3\n")
                        .arg(change.path, valueText(change.before), valueText(change.after));
        }
        if (!step.json.isEmpty())
            text += QString::fromUtf8(QJsonDocument(step.json).toJson(QJsonDocument::Indented));
    }
    // Nothing secret is ever put into a trace; the redactor is a second line of defence
    // against a mapping that copies a password-like attribute.
    return Redactor().redact(text);
}

QJsonObject ProvisionTrace::toJson() const
{
    QJsonArray stepsJson;
    for (const auto& step : steps) {
        QJsonArray changes;
        for (const auto& change : step.changes) {
            changes.append(QJsonObject {
                {QStringLiteral("path"), change.path},
                {QStringLiteral("before"), change.before.isUndefined() ? QJsonValue() : change.before},
                {QStringLiteral("after"), change.after.isUndefined() ? QJsonValue() : change.after},
            });
        }
        QJsonObject object {
            {QStringLiteral("kind"), ProvisionStep::kindId(step.kind)},
            {QStringLiteral("title"), step.title},
            {QStringLiteral("status"), ProvisionStep::statusId(step.status)},
            {QStringLiteral("summary"), step.summary},
            {QStringLiteral("details"), step.details},
            {QStringLiteral("durationMs"), step.durationMs},
        };
        if (!step.json.isEmpty())
            object.insert(QStringLiteral("json"), step.json);
        if (!changes.isEmpty())
            object.insert(QStringLiteral("changes"), changes);
        stepsJson.append(object);
    }
    QJsonObject trace {
        {QStringLiteral("applicationId"), applicationId},
        {QStringLiteral("application"), applicationName},
        {QStringLiteral("server"), serverName},
        {QStringLiteral("userName"), userName},
        {QStringLiteral("directoryObjectId"), directoryObjectId},
        {QStringLiteral("inScope"), inScope},
        {QStringLiteral("scopeReasons"), QJsonArray::fromStringList(scopeReasons)},
        {QStringLiteral("steps"), stepsJson},
    };
    if (run) {
        QJsonObject runJson = run->toJson();
        runJson.insert(QStringLiteral("runId"), run->runId);
        trace.insert(QStringLiteral("run"), runJson);
    }
    return trace;
}
