#include "CliPlan.h"

#include "CliJson.h"

#include "sync/SyncPlan.h"
#include "util/DisplayText.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

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

QString valueText(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined()) {
        return tr("(absent)");
    }
    if (value.isString()) {
        return QLatin1Char('"') + shown(value.toString()) + QLatin1Char('"');
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    if (value.isDouble()) {
        return QString::number(value.toDouble());
    }
    return shown(QString::fromUtf8(
        QJsonDocument(value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject()))
            .toJson(QJsonDocument::Compact)));
}

QJsonValue idOrNull(const QString& id)
{
    return id.isEmpty() ? QJsonValue() : QJsonValue(id);
}

QJsonArray untouchedJson(const QList<UntouchedObject>& objects)
{
    QJsonArray array;
    for (const UntouchedObject& object : objects) {
        array.append(QJsonObject {
            {QStringLiteral("kind"), object.kind},
            {QStringLiteral("targetId"), object.targetId},
            {QStringLiteral("displayName"), object.displayName},
            {QStringLiteral("reason"), object.reason},
        });
    }
    return array;
}

// Every kind, zero counts included, so a script can read any key without checking for it.
QJsonObject countsJson(const SyncPlan& plan)
{
    QJsonObject objects;
    QJsonObject requests;
    const auto objectCounts = plan.objectCounts();
    const auto requestCounts = plan.requestCounts();
    for (const auto kind : PlannedOperation::allKinds()) {
        objects.insert(PlannedOperation::kindId(kind), objectCounts.value(kind));
        requests.insert(PlannedOperation::kindId(kind), requestCounts.value(kind));
    }
    return QJsonObject {{QStringLiteral("objects"), objects}, {QStringLiteral("requests"), requests}};
}

QJsonObject operationJson(const PlannedOperation& operation)
{
    QJsonObject object {
        {QStringLiteral("kind"), PlannedOperation::kindId(operation.kind)},
        {QStringLiteral("displayName"), operation.displayName},
        {QStringLiteral("directoryObjectId"), operation.directoryObjectId},
        {QStringLiteral("targetId"), idOrNull(operation.targetId)},
    };
    if (!operation.changes.isEmpty()) {
        QJsonArray changes;
        for (const AttributeChange& change : operation.changes) {
            changes.append(QJsonObject {
                {QStringLiteral("path"), change.path},
                {QStringLiteral("before"), change.before},
                {QStringLiteral("after"), change.after},
            });
        }
        object.insert(QStringLiteral("changes"), changes);
    }
    if (operation.setsPendingManager()) {
        // The manager is created in the same run: its id is sent once that create has run.
        object.insert(QStringLiteral("managerDirectoryObjectId"), operation.managerDirectoryId);
    }
    if (!operation.patch.isEmpty()) {
        object.insert(QStringLiteral("patch"),
            PatchOperation::requestBody(operation.patch).value(QLatin1String("Operations")).toArray());
    }
    const bool hasMembers = operation.isMembershipChange() || operation.kind == PlannedOperation::Kind::CreateGroup;
    if (hasMembers) {
        QJsonArray members;
        for (int i = 0; i < operation.memberCount(); ++i) {
            members.append(QJsonObject {
                {QStringLiteral("directoryObjectId"), idOrNull(operation.memberDirectoryIds.value(i))},
                {QStringLiteral("targetId"), idOrNull(operation.memberTargetIds.value(i))},
            });
        }
        object.insert(QStringLiteral("members"), members);
    }
    return object;
}

QString countsText(const SyncPlan& plan)
{
    QStringList counts;
    const auto objects = plan.objectCounts();
    const auto requests = plan.requestCounts();
    for (const auto kind : PlannedOperation::allKinds()) {
        if (objects.value(kind) == 0) {
            continue;
        }
        const QString id = PlannedOperation::kindId(kind);
        if (kind == PlannedOperation::Kind::AddMembers || kind == PlannedOperation::Kind::RemoveMembers) {
            // Two numbers, two plurals: each is translated on its own.
            counts << QStringLiteral("%1 (%2 in %3)")
                          .arg(id, QCoreApplication::translate("cli", "%n member(s)", nullptr, objects.value(kind)),
                              QCoreApplication::translate("cli", "%n request(s)", nullptr, requests.value(kind)));
        } else {
            counts << QStringLiteral("%1 %2").arg(objects.value(kind)).arg(id);
        }
    }
    if (counts.isEmpty()) {
        return QString();
    }
    return tr("  Counts: %1; %2")
        .arg(counts.join(QStringLiteral(", ")),
            QCoreApplication::translate("cli", "%n write request(s)", nullptr, plan.writeCount()));
}

void operationText(QTextStream& stream, const PlannedOperation& operation)
{
    stream << QStringLiteral("  %1 %2")
                  .arg(PlannedOperation::kindId(operation.kind), -16)
                  .arg(shown(operation.displayName));
    if (operation.memberCount() > 0) {
        stream << (operation.kind == PlannedOperation::Kind::RemoveMembers
                ? tr(" (-%1 members)").arg(operation.memberCount())
                : tr(" (+%1 members)").arg(operation.memberCount()));
    }
    stream << '\n';
    for (const AttributeChange& change : operation.changes) {
        stream << QStringLiteral("      %1: %2 → %3")
                      .arg(shown(change.path), valueText(change.before), valueText(change.after))
               << '\n';
    }
    if (operation.kind == PlannedOperation::Kind::UpdateUser) {
        // What is really sent: a changed work phone is one value, not the whole list.
        for (const PatchOperation& patch : operation.patch) {
            stream << tr("      sends: %1 %2").arg(PatchOperation::opName(patch.op), shown(patch.path));
            if (!patch.value.isUndefined()) {
                stream << QLatin1Char(' ') << valueText(patch.value);
            }
            stream << '\n';
        }
    }
}
} // namespace

QJsonObject CliPlan::json(const SyncPlan& plan, const QString& applicationName, const QString& serverName)
{
    QJsonArray operations;
    for (const PlannedOperation& operation : plan.operations) {
        operations.append(operationJson(operation));
    }
    QJsonArray failures;
    for (const ValidationFailure& failure : plan.validationFailures) {
        failures.append(QJsonObject {
            {QStringLiteral("directoryObjectId"), failure.directoryObjectId},
            {QStringLiteral("displayName"), failure.displayName},
            {QStringLiteral("reason"), failure.reason},
            {QStringLiteral("fix"), failure.fix},
        });
    }
    QJsonArray filled;
    for (const FilledValues& user : plan.filledValues) {
        filled.append(QJsonObject {
            {QStringLiteral("directoryObjectId"), user.directoryObjectId},
            {QStringLiteral("displayName"), user.displayName},
            {QStringLiteral("filled"), QJsonArray::fromStringList(user.filled)},
        });
    }
    return QJsonObject {
        {QStringLiteral("planId"), plan.planId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("application"), applicationName},
        {QStringLiteral("server"), serverName},
        {QStringLiteral("createdAt"), CliJson::timestamp(plan.createdAt)},
        {QStringLiteral("counts"), countsJson(plan)},
        {QStringLiteral("writeCount"), plan.writeCount()},
        {QStringLiteral("deprovisionCount"), plan.deprovisionCount()},
        {QStringLiteral("managedCount"), plan.managedCount},
        {QStringLiteral("users"), plan.userCounts.toJson()},
        {QStringLiteral("protectedCount"), int(plan.protectedObjects.size())},
        {QStringLiteral("unmanagedCount"), int(plan.unmanagedObjects.size())},
        {QStringLiteral("skippedCount"), int(plan.validationFailures.size())},
        {QStringLiteral("sourceComplete"), plan.sourceComplete},
        {QStringLiteral("needsConfirmation"), plan.needsConfirmation},
        {QStringLiteral("confirmationReason"), plan.confirmationReason},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(plan.warnings)},
        {QStringLiteral("operations"), operations},
        {QStringLiteral("validationFailures"), failures},
        {QStringLiteral("filledValues"), filled},
        {QStringLiteral("protectedObjects"), untouchedJson(plan.protectedObjects)},
        {QStringLiteral("unmanagedObjects"), untouchedJson(plan.unmanagedObjects)},
    };
}

QString CliPlan::text(const SyncPlan& plan, const QString& applicationName, const QString& serverName)
{
    QString text;
    QTextStream stream(&text);
    stream << tr("Plan for \"%1\" → \"%2\" (%3)")
                  .arg(shown(applicationName), shown(serverName), plan.planId.toString(QUuid::WithoutBraces))
           << '\n';
    if (plan.isEmpty() && plan.validationFailures.isEmpty()) {
        stream << tr("  Nothing to change: the server is in sync.") << '\n';
    }
    if (const QString counts = countsText(plan); !counts.isEmpty()) {
        stream << counts << '\n';
    }
    if (plan.userCounts.inScope > 0) {
        stream << QStringLiteral("  ") << plan.userCounts.sentence() << '\n';
    }
    for (const PlannedOperation& operation : plan.operations) {
        operationText(stream, operation);
    }
    for (const ValidationFailure& failure : plan.validationFailures) {
        stream << tr("  skipped: %1 — %2").arg(shown(failure.displayName), shown(failure.reason)) << '\n';
        if (!failure.fix.isEmpty()) {
            stream << tr("      fix: %1").arg(shown(failure.fix)) << '\n';
        }
    }
    if (!plan.protectedObjects.isEmpty()) {
        stream << QCoreApplication::translate(
            "cli", "  %n protected object(s) left alone", nullptr, int(plan.protectedObjects.size()))
               << '\n';
    }
    if (!plan.unmanagedObjects.isEmpty()) {
        stream << QCoreApplication::translate("cli", "  %n object(s) on the server not managed by ScimDesk left alone",
            nullptr, int(plan.unmanagedObjects.size()))
               << '\n';
    }
    for (const QString& warning : plan.warnings) {
        stream << tr("  warning: %1").arg(shown(warning)) << '\n';
    }
    if (!plan.sourceComplete) {
        stream << tr("  The directory read was incomplete: nothing is deprovisioned.") << '\n';
    }
    if (plan.needsConfirmation) {
        stream << tr("  Needs confirmation: %1").arg(shown(plan.confirmationReason)) << '\n';
    }
    text.chop(1);
    return text;
}
