#include "SyncPlanView.h"
#include "util/DisplayText.h"
#include "widgets/StatusColors.h"

#include <QApplication>
#include <QCoreApplication>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace {
// Server and directory values are shown with their control characters and bidi overrides
// escaped: a hostile target must not be able to disguise what the admin reviews.
QString displayed(const QString& value)
{
    return DisplayText::escaped(value);
}

QString jsonText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QCoreApplication::translate("SyncPlanView", "(none)");
    case QJsonValue::String:
        return displayed(value.toString());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Array:
        return displayed(QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)));
    case QJsonValue::Object:
        return displayed(QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)));
    }
    return {};
}

constexpr int OperationRole = Qt::UserRole + 1;

// The attributes an admin recognises a new user by, in this order, with what they are called.
QList<QPair<QString, QString>> keyAttributes(const QJsonObject& payload)
{
    QList<QPair<QString, QString>> result;
    const auto add = [&result](const char* label, const QJsonValue& value) {
        if (!value.isUndefined() && !value.isNull() && !(value.isString() && value.toString().isEmpty())) {
            result.append({QCoreApplication::translate("SyncPlanView", label), jsonText(value)});
        }
    };
    add(QT_TRANSLATE_NOOP("SyncPlanView", "User name"), payload.value(QLatin1String("userName")));
    add(QT_TRANSLATE_NOOP("SyncPlanView", "Display name"), payload.value(QLatin1String("displayName")));
    const QJsonObject name = payload.value(QLatin1String("name")).toObject();
    add(QT_TRANSLATE_NOOP("SyncPlanView", "Given name"), name.value(QLatin1String("givenName")));
    add(QT_TRANSLATE_NOOP("SyncPlanView", "Family name"), name.value(QLatin1String("familyName")));
    QJsonValue email;
    for (const auto& entry : payload.value(QLatin1String("emails")).toArray()) {
        if (email.isUndefined() || entry.toObject().value(QLatin1String("primary")).toBool()) {
            email = entry.toObject().value(QLatin1String("value"));
        }
    }
    add(QT_TRANSLATE_NOOP("SyncPlanView", "Email"), email);
    add(QT_TRANSLATE_NOOP("SyncPlanView", "Active"), payload.value(QLatin1String("active")));
    add(QT_TRANSLATE_NOOP("SyncPlanView", "External id"), payload.value(QLatin1String("externalId")));
    return result;
}

// The order groups appear in: what an admin checks first (creates, updates, deprovisions).
const QList<QPair<PlannedOperation::Kind, const char*>>& groupTitles()
{
    static const QList<QPair<PlannedOperation::Kind, const char*>> titles = {
        {PlannedOperation::Kind::CreateUser, QT_TRANSLATE_NOOP("SyncPlanView", "Create users")},
        {PlannedOperation::Kind::UpdateUser, QT_TRANSLATE_NOOP("SyncPlanView", "Update users")},
        {PlannedOperation::Kind::LinkUser, QT_TRANSLATE_NOOP("SyncPlanView", "Link existing users")},
        {PlannedOperation::Kind::DisableUser, QT_TRANSLATE_NOOP("SyncPlanView", "Disable users")},
        {PlannedOperation::Kind::DeleteUser, QT_TRANSLATE_NOOP("SyncPlanView", "Delete users")},
        {PlannedOperation::Kind::CreateGroup, QT_TRANSLATE_NOOP("SyncPlanView", "Create groups")},
        {PlannedOperation::Kind::RenameGroup, QT_TRANSLATE_NOOP("SyncPlanView", "Rename groups")},
        {PlannedOperation::Kind::LinkGroup, QT_TRANSLATE_NOOP("SyncPlanView", "Link existing groups")},
        {PlannedOperation::Kind::DeleteGroup, QT_TRANSLATE_NOOP("SyncPlanView", "Delete groups")},
        {PlannedOperation::Kind::AddMembers, QT_TRANSLATE_NOOP("SyncPlanView", "Add group members")},
        {PlannedOperation::Kind::RemoveMembers, QT_TRANSLATE_NOOP("SyncPlanView", "Remove group members")},
    };
    return titles;
}

// One row per object with its reason, at most MaxRowsPerGroup; returns how many were added.
template<typename Object>
int addReasonRows(QTreeWidgetItem* group, const QList<Object>& objects)
{
    int shown = 0;
    for (const auto& object : objects) {
        if (shown++ == SyncPlanView::MaxRowsPerGroup) {
            break;
        }
        auto* row = new QTreeWidgetItem(group);
        row->setText(0, displayed(object.displayName));
        row->setText(1, displayed(object.reason));
        row->setToolTip(1, row->text(1));
    }
    return std::min(shown, int(SyncPlanView::MaxRowsPerGroup));
}
} // namespace

SyncPlanView::SyncPlanView(QWidget* parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Change"), tr("Details")});
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    header()->setSectionResizeMode(0, QHeaderView::Interactive);
    header()->resizeSection(0, 380);
}

QTreeWidgetItem* SyncPlanView::addGroup(const QString& title, int count)
{
    auto* item = new QTreeWidgetItem(this);
    item->setText(0, tr("%1 (%2)").arg(title).arg(count));
    item->setData(0, Qt::UserRole, title);
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    return item;
}

void SyncPlanView::addMore(QTreeWidgetItem* group, int shown, int total)
{
    if (total > shown) {
        auto* more = new QTreeWidgetItem(group);
        more->setText(0, tr("\u2026 and %1 more (export the plan results to see every row)").arg(total - shown));
        more->setFirstColumnSpanned(true);
    }
}

QTreeWidgetItem* SyncPlanView::groupItem(const QString& title) const
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        if (topLevelItem(i)->data(0, Qt::UserRole).toString() == title) {
            return topLevelItem(i);
        }
    }
    return nullptr;
}

void SyncPlanView::setPlan(const SyncPlan& plan)
{
    setUpdatesEnabled(false);
    clear();
    m_plan = plan;
    addOperations(m_plan.operations);
    addUntouched(tr("Protected (never touched)"), plan.protectedObjects);
    addUntouched(tr("Not managed by ScimDesk (left alone)"), plan.unmanagedObjects);
    addValidationFailures(plan.validationFailures);
    addWarnings(plan.warnings);
    setUpdatesEnabled(true);
}

void SyncPlanView::addOperations(const QList<PlannedOperation>& planned)
{
    QHash<PlannedOperation::Kind, QList<const PlannedOperation*>> byKind;
    for (const auto& operation : planned) {
        byKind[operation.kind].append(&operation);
    }
    for (const auto& [kind, title] : groupTitles()) {
        const auto operations = byKind.value(kind);
        if (operations.isEmpty()) {
            continue;
        }
        auto* group = addGroup(tr(title), int(operations.size()));
        int shown = 0;
        for (const auto* operation : operations) {
            if (shown == MaxRowsPerGroup) {
                break;
            }
            ++shown;
            addOperationRow(group, *operation);
        }
        addMore(group, shown, int(operations.size()));
        group->setExpanded(operations.size() <= SmallGroup);
    }
}

void SyncPlanView::addOperationRow(QTreeWidgetItem* group, const PlannedOperation& operation)
{
    auto* row = new QTreeWidgetItem(group);
    row->setText(0, displayed(operation.displayName));
    row->setData(0, OperationRole, qlonglong(&operation - m_plan.operations.constData()));
    switch (operation.kind) {
    case PlannedOperation::Kind::CreateUser:
        addCreateDetails(row, operation);
        break;
    case PlannedOperation::Kind::UpdateUser:
        row->setText(1,
            operation.setsPendingManager()
                ? tr("Manager: %1 (created in this run; set once it exists)")
                      .arg(displayed(
                          operation.changes.isEmpty() ? QString() : operation.changes.first().after.toString()))
                : tr("%n attribute(s)", nullptr, int(operation.changes.size())));
        for (const auto& change : operation.changes) {
            auto* attribute = new QTreeWidgetItem(row);
            attribute->setText(0, displayed(change.path));
            attribute->setText(1, tr("%1 \u2192 %2").arg(jsonText(change.before), jsonText(change.after)));
            attribute->setToolTip(1, attribute->text(1));
        }
        // What is really sent: a changed work phone is one value, not the whole list.
        for (const auto& patch : operation.patch) {
            auto* sent = new QTreeWidgetItem(row);
            sent->setText(0, tr("Sends: %1 %2").arg(PatchOperation::opName(patch.op), displayed(patch.path)));
            sent->setText(1, patch.value.isUndefined() ? QString() : jsonText(patch.value));
            sent->setToolTip(1, sent->text(1));
        }
        break;
    case PlannedOperation::Kind::CreateGroup:
    case PlannedOperation::Kind::AddMembers:
        row->setText(1, tr("+%n member(s)", nullptr, operation.memberCount()));
        break;
    case PlannedOperation::Kind::RemoveMembers:
        row->setText(1, tr("\u2212%n member(s)", nullptr, operation.memberCount()));
        break;
    case PlannedOperation::Kind::DisableUser:
        row->setText(1, tr("Sets active to false (SCIM id %1)").arg(displayed(operation.targetId)));
        break;
    case PlannedOperation::Kind::DeleteUser:
    case PlannedOperation::Kind::DeleteGroup:
        row->setText(1, tr("Deleted on the server (SCIM id %1)").arg(displayed(operation.targetId)));
        break;
    default:
        row->setText(1,
            operation.targetId.isEmpty() ? tr("Directory id %1").arg(displayed(operation.directoryObjectId))
                                         : tr("SCIM id %1").arg(displayed(operation.targetId)));
        break;
    }
}

void SyncPlanView::addCreateDetails(QTreeWidgetItem* row, const PlannedOperation& operation)
{
    const auto attributes = keyAttributes(operation.payload);
    for (const auto& [label, value] : attributes) {
        auto* attribute = new QTreeWidgetItem(row);
        attribute->setText(0, label);
        attribute->setText(1, value);
        attribute->setToolTip(1, value);
    }
    // Who it is at a glance: the display name and the email; "inactive" only when it is.
    const auto valueOf = [&attributes](const QString& label) {
        for (const auto& [name, value] : attributes) {
            if (name == label) {
                return value;
            }
        }
        return QString();
    };
    QStringList summary;
    for (const QString& label : {tr("Display name"), tr("Email")}) {
        if (const QString value = valueOf(label); !value.isEmpty()) {
            summary << value;
        }
    }
    if (valueOf(tr("Active")) == QLatin1String("false")) {
        summary << tr("inactive");
    }
    row->setText(1, summary.join(QStringLiteral(" \u00b7 ")));
    row->setToolTip(1, row->text(1));
}

const PlannedOperation* SyncPlanView::operationAt(const QTreeWidgetItem* item) const
{
    for (; item; item = item->parent()) {
        const QVariant index = item->data(0, OperationRole);
        if (index.isValid()) {
            const qlonglong i = index.toLongLong();
            return i >= 0 && i < m_plan.operations.size() ? &m_plan.operations.at(i) : nullptr;
        }
    }
    return nullptr;
}

QString SyncPlanView::requestText(const PlannedOperation& operation)
{
    const bool user = operation.isUserOperation();
    const QString collection = user ? QStringLiteral("/Users") : QStringLiteral("/Groups");
    const QString target = operation.targetId.isEmpty() ? tr("{id}") : operation.targetId;
    const auto pretty = [](const QJsonObject& body) { return QString::fromUtf8(QJsonDocument(body).toJson()); };
    switch (operation.kind) {
    case PlannedOperation::Kind::CreateUser:
        return QStringLiteral("POST %1\n\n%2").arg(collection, pretty(operation.payload));
    case PlannedOperation::Kind::CreateGroup:
        return tr("POST %1\n\n%2\nWith %n member(s) added as members[] when it is sent (their ids are known "
                  "only then).",
            nullptr, operation.memberCount())
            .arg(collection, pretty(operation.payload));
    case PlannedOperation::Kind::DeleteUser:
    case PlannedOperation::Kind::DeleteGroup:
        return QStringLiteral("DELETE %1/%2").arg(collection, target);
    case PlannedOperation::Kind::LinkUser:
    case PlannedOperation::Kind::LinkGroup:
        return tr("Nothing is sent: the object is already on the server as the directory has it; ScimDesk "
                  "records the link (%1/%2).")
            .arg(collection, target);
    case PlannedOperation::Kind::AddMembers:
    case PlannedOperation::Kind::RemoveMembers:
        return tr("PATCH %1/%2 %3 %n member(s); the members' ids are filled in when it is sent.", nullptr,
            operation.memberCount())
            .arg(collection, target,
                operation.kind == PlannedOperation::Kind::AddMembers ? QStringLiteral("add")
                                                                     : QStringLiteral("remove"));
    default:
        return QStringLiteral("PATCH %1/%2\n\n%3")
            .arg(collection, target, pretty(PatchOperation::requestBody(operation.patch)));
    }
}

void SyncPlanView::addUntouched(const QString& title, const QList<UntouchedObject>& objects)
{
    if (objects.isEmpty()) {
        return;
    }
    auto* group = addGroup(title, int(objects.size()));
    addMore(group, addReasonRows(group, objects), int(objects.size()));
    group->setExpanded(objects.size() <= SmallGroup);
}

void SyncPlanView::addValidationFailures(const QList<ValidationFailure>& failures)
{
    if (failures.isEmpty()) {
        return;
    }
    auto* group = addGroup(tr("Skipped: cannot be provisioned"), int(failures.size()));
    group->setForeground(0, QBrush(StatusColors::error(QApplication::palette())));
    addMore(group, addReasonRows(group, failures), int(failures.size()));
    for (int i = 0; i < group->childCount() && i < failures.size(); ++i) {
        if (!failures.at(i).fix.isEmpty()) {
            auto* fix = new QTreeWidgetItem(group->child(i));
            fix->setText(0, tr("Fix"));
            fix->setText(1, displayed(failures.at(i).fix));
            fix->setToolTip(1, fix->text(1));
            group->child(i)->setExpanded(true);
        }
    }
    group->setExpanded(true);
}

void SyncPlanView::addWarnings(const QStringList& warnings)
{
    if (warnings.isEmpty()) {
        return;
    }
    auto* group = addGroup(tr("Warnings"), int(warnings.size()));
    for (const auto& warning : warnings) {
        auto* row = new QTreeWidgetItem(group);
        row->setText(0, displayed(warning));
        row->setToolTip(0, row->text(0));
        row->setFirstColumnSpanned(true); // a sentence: it gets the whole width, not the name column
    }
    group->setExpanded(true);
}
