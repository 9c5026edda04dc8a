#pragma once

#include "sync/SyncPlan.h"

#include <QTreeWidget>

// A previewed plan grouped by action with counts ("Create users (12)" → rows), updates with
// their attribute-level before → after, then the objects left alone (protected, unmanaged)
// and the directory objects the target cannot accept, each with its reason.
class SyncPlanView : public QTreeWidget
{
    Q_OBJECT

public:
    // Rows shown per group; the rest is summarised in one row so a 100,000-user plan does not
    // build 100,000 items on the GUI thread. Exports and the journal hold every operation.
    static constexpr int MaxRowsPerGroup = 2000;
    // Groups this small start expanded; larger ones start collapsed so every heading shows.
    static constexpr int SmallGroup = 10;

    explicit SyncPlanView(QWidget* parent = nullptr);

    void setPlan(const SyncPlan& plan);
    // The top-level item whose text starts with title (e.g. "Create users"), for tests.
    QTreeWidgetItem* groupItem(const QString& title) const;
    // The planned operation an item (or one of its attribute rows) stands for; null for others.
    const PlannedOperation* operationAt(const QTreeWidgetItem* item) const;
    // The request the operation sends, as it is sent: method, path and the JSON body.
    static QString requestText(const PlannedOperation& operation);

private:
    void addCreateDetails(QTreeWidgetItem* row, const PlannedOperation& operation);
    QTreeWidgetItem* addGroup(const QString& title, int count);
    void addMore(QTreeWidgetItem* group, int shown, int total);
    // The groups setPlan() shows, in this order.
    void addOperations(const QList<PlannedOperation>& planned);
    void addOperationRow(QTreeWidgetItem* group, const PlannedOperation& operation);
    void addUntouched(const QString& title, const QList<UntouchedObject>& objects);
    void addValidationFailures(const QList<ValidationFailure>& failures);
    void addWarnings(const QStringList& warnings);

    SyncPlan m_plan; // the operations the rows point into (by index)
};
