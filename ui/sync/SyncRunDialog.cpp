#include "SyncRunDialog.h"

#include "storage/Database.h"
#include "util/AsyncTask.h"

#include "SyncResultsExport.h"
#include "SyncResultsModel.h"
#include "SyncText.h"
#include "storage/Database.h"

#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

SyncRunDialog::SyncRunDialog(std::shared_ptr<Database> database, const SyncRunRecord& run, QWidget* parent)
    : QDialog(parent)
    , m_run(run)
    , m_model(new SyncResultsModel(this))
{
    setObjectName(QStringLiteral("syncRunDialog"));
    setWindowTitle(tr("Run %1 \u2013 %2").arg(run.id).arg(SyncText::dateTime(run.startedAt)));
    const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    const QSize available = screen ? screen->availableGeometry().size() : QSize(1024, 700);
    resize(std::min(900, available.width() - 40), std::min(520, available.height() - 80));

    auto* header = new QLabel(this);
    header->setWordWrap(true);
    header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const auto summary = run.summary;
    header->setText(
        tr("<b>%1</b> (%2), started %3, finished %4, took %5.<br>%6: %7 succeeded, %8 failed, %9 skipped.")
            .arg(SyncText::runStatus(run.status), SyncText::runMode(run.mode), SyncText::dateTime(run.startedAt),
                run.finishedAt.isValid() ? SyncText::dateTime(run.finishedAt) : tr("never"),
                SyncText::duration(run.startedAt, run.finishedAt),
                tr("%n operation(s)", nullptr, summary.value(QStringLiteral("total")).toInt()))
            .arg(summary.value(QStringLiteral("succeeded")).toInt())
            .arg(summary.value(QStringLiteral("failed")).toInt())
            .arg(summary.value(QStringLiteral("skipped")).toInt()));
    m_status = new QLabel(tr("Reading the journal\u2026"), this);
    m_status->setObjectName(QStringLiteral("runStatusLabel"));

    auto* table = new QTableView(this);
    table->setObjectName(QStringLiteral("runResultsTable"));
    table->setModel(m_model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* csv = buttons->addButton(tr("Export CSV\u2026"), QDialogButtonBox::ActionRole);
    auto* json = buttons->addButton(tr("Export JSON\u2026"), QDialogButtonBox::ActionRole);
    const QString name = QStringLiteral("scimdesk-run-%1").arg(run.id);
    connect(csv, &QPushButton::clicked, this,
        [this, name]() { SyncResultsExport::askAndSave(this, *m_model, false, name); });
    connect(json, &QPushButton::clicked, this,
        [this, name]() { SyncResultsExport::askAndSave(this, *m_model, true, name); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(m_status);
    layout->addWidget(table, 1);
    layout->addWidget(buttons);

    const qint64 runId = run.id;
    const auto read = [database, runId]() {
        const Database::ThreadConnection connection(database);
        return JournalStore(database).entries(runId);
    };
    AsyncTask::run(this, read, [this, table](const Result<QList<JournalEntry>, StorageError>& entries) {
        if (!entries) {
            m_status->setText(tr("The journal could not be read: %1").arg(entries.error().message));
        } else {
            m_model->setEntries(entries.value());
            m_status->setText(tr("%n operation(s).", nullptr, int(entries.value().size())));
            table->resizeColumnsToContents();
        }
        emit loaded();
    });
}
