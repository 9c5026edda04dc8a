// What a hostile SCIM target sends (names and messages with ESC sequences, BEL, CR and bidi
// overrides) is shown escaped in the plan view and the results table, never raw; exports keep
// the exact value.
#include "GuiTestSupport.h"

#include "sync/SyncPlanView.h"
#include "sync/SyncResultsModel.h"

#include <QJsonArray>
#include <QTest>
#include <QTreeWidgetItemIterator>

namespace {
const QString kHostile = QStringLiteral("Evil\x1b[2J\x07\rok \u202Egnp.exe");
const QString kEscaped = QStringLiteral(R"(Evil\x1b[2J\x07\rok \u202egnp.exe)");

bool hasRawControl(const QString& text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return u < 0x20 || (u >= 0x7F && u <= 0x9F) || (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069);
    });
}
} // namespace

class TestHostileText : public QObject
{
    Q_OBJECT

private slots:
    void planViewShowsServerValuesEscaped();
    void resultsTableShowsServerValuesEscaped();
};

void TestHostileText::planViewShowsServerValuesEscaped()
{
    SyncPlan plan;
    PlannedOperation update;
    update.kind = PlannedOperation::Kind::UpdateUser;
    update.displayName = kHostile;
    update.targetId = QStringLiteral("t-1");
    update.changes = {AttributeChange {QStringLiteral("displayName"), kHostile, QStringLiteral("Alice")}};
    PlannedOperation disable;
    disable.kind = PlannedOperation::Kind::DisableUser;
    disable.displayName = QStringLiteral("bob");
    disable.targetId = kHostile;
    plan.operations = {update, disable};
    plan.unmanagedObjects = {UntouchedObject {QStringLiteral("user"), QStringLiteral("t-2"), kHostile, kHostile}};
    plan.warnings = {kHostile};

    SyncPlanView view;
    view.setPlan(plan);
    int escaped = 0;
    for (QTreeWidgetItemIterator it(&view); *it; ++it) {
        for (int column = 0; column < view.columnCount(); ++column) {
            const QString text = (*it)->text(column) + (*it)->toolTip(column);
            QVERIFY2(!hasRawControl(text), qPrintable(text.toUtf8().toPercentEncoding()));
            escaped += int(text.count(kEscaped));
        }
    }
    // Name, before value, target id, unmanaged name and reason (text and tooltip), warning.
    QVERIFY2(escaped >= 6, qPrintable(QString::number(escaped)));
}

void TestHostileText::resultsTableShowsServerValuesEscaped()
{
    JournalEntry entry;
    entry.status = QStringLiteral("failed");
    entry.action = QStringLiteral("create-user");
    entry.objectName = kHostile;
    entry.requestId = kHostile;
    entry.error = kHostile;
    SyncResultsModel model;
    model.setEntries({entry});
    for (int column = 0; column < model.columnCount(); ++column) {
        for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
            const QString text = model.data(model.index(0, column), role).toString();
            QVERIFY2(!hasRawControl(text), qPrintable(text.toUtf8().toPercentEncoding()));
        }
    }
    QCOMPARE(model.data(model.index(0, SyncResultsModel::MessageColumn)).toString(), kEscaped);
    // The export is data, not a display: exactly what the server sent.
    QCOMPARE(model.toJson().at(0).toObject().value(QLatin1String("message")).toString(), kHostile);
}

QTEST_MAIN(TestHostileText)
#include "tst_hostiletext.moc"
