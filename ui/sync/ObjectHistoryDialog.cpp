#include "ObjectHistoryDialog.h"

#include "SyncText.h"
#include "storage/Database.h"
#include "util/AsyncTask.h"
#include "util/DisplayText.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QScreen>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {
QString compact(const QJsonValue& value)
{
    if (value.isUndefined() || value.isNull()) {
        return QCoreApplication::translate("ObjectHistoryDialog", "(none)");
    }
    if (value.isString()) {
        return value.toString();
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    if (value.isDouble()) {
        return QString::number(value.toDouble());
    }
    return QString::fromUtf8(value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                             : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

// "displayName: Bob → Robert; active: true → false" from the entry's before and after.
QString changesText(const JournalEntry& entry)
{
    QStringList changes;
    QStringList keys = entry.after.keys();
    for (const auto& key : entry.before.keys()) {
        if (!keys.contains(key)) {
            keys << key;
        }
    }
    for (const auto& key : keys) {
        const QJsonValue before = entry.before.value(key);
        const QJsonValue after = entry.after.value(key);
        if (before == after || key == QLatin1String("schemas") || key == QLatin1String("meta")
            || key == QLatin1String("id")) {
            continue;
        }
        // A create (nothing before) lists what was sent; a change shows before and after.
        changes << (entry.before.isEmpty()
                ? QStringLiteral("%1: %2").arg(key, compact(after))
                : QStringLiteral("%1: %2 \u2192 %3").arg(key, compact(before), compact(after)));
    }
    return DisplayText::escaped(changes.join(QStringLiteral("; ")));
}
} // namespace

ObjectHistoryDialog::ObjectHistoryDialog(
    std::shared_ptr<Database> database, qint64 applicationId, const QString& key, const QString& title, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("objectHistoryDialog"));
    setWindowTitle(tr("History of %1").arg(DisplayText::escaped(title)));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("objectHistorySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("objectHistoryTable"));
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels(
        {tr("When"), tr("Run"), tr("Action"), tr("Status"), tr("Changes"), tr("Server's answer")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);

    load(std::move(database), applicationId, key);
    const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    const QSize available = screen ? screen->availableGeometry().size() : QSize(1024, 700);
    resize(std::min(960, available.width() - 40), std::min(520, available.height() - 80));
}

// Searched on the pool: the GUI thread never waits for a journal of millions. The task owns
// everything it reads (database handle, key), so closing the dialog while it runs only drops the
// answer (AsyncTask skips the callback of a destroyed dialog).
void ObjectHistoryDialog::load(std::shared_ptr<Database> database, qint64 applicationId, const QString& key)
{
    m_loading = true;
    m_summary->setText(tr("Searching the sync history\u2026"));
    setCursor(Qt::BusyCursor);
    AsyncTask::run(
        this,
        [database = std::move(database), applicationId, key]() {
            const Database::ThreadConnection connection(database);
            return JournalSearch(database).objectHistory(applicationId, key, MaxRows);
        },
        [this](const Result<QList<JournalHit>, StorageError>& hits) {
            m_loading = false;
            unsetCursor();
            if (!hits) {
                m_summary->setText(hits.error().message);
            } else {
                m_hits = hits.value();
                fill();
            }
            emit loaded();
        });
}

void ObjectHistoryDialog::fill()
{
    m_table->setRowCount(int(m_hits.size()));
    QSet<qint64> runs;
    for (int row = 0; row < m_hits.size(); ++row) {
        const JournalHit& hit = m_hits.at(row);
        runs.insert(hit.runId);
        const auto set = [this, row](int column, const QString& text) {
            auto* item = new QTableWidgetItem(text);
            item->setToolTip(text);
            m_table->setItem(row, column, item);
        };
        set(0, SyncText::dateTime(hit.entry.startedAt));
        set(1, QString::number(hit.runId));
        set(2, SyncText::action(hit.entry.action));
        set(3, SyncText::entryStatus(hit.entry.status));
        set(4, changesText(hit.entry));
        const QString answer = hit.entry.httpStatus > 0
            ? QStringLiteral("%1 %2").arg(hit.entry.httpStatus).arg(DisplayText::escaped(hit.entry.error))
            : DisplayText::escaped(hit.entry.error);
        set(5, answer.trimmed());
    }
    if (m_hits.isEmpty()) {
        m_summary->setText(tr("No run has changed this object yet."));
        return;
    }
    const QString operations = tr("%n operation(s)", nullptr, int(m_hits.size()));
    const QString inRuns = tr("in %n run(s)", nullptr, int(runs.size()));
    m_summary->setText(tr("%1 %2, from %3 to %4.")
                           .arg(operations, inRuns, SyncText::dateTime(m_hits.constLast().entry.startedAt),
                               SyncText::dateTime(m_hits.constFirst().entry.startedAt)));
}

QString ObjectHistoryDialog::summaryText() const
{
    return m_summary->text();
}
