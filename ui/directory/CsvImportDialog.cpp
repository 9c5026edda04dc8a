#include "CsvImportDialog.h"

#include "widgets/DirectoryAttributeText.h"
#include "widgets/StatusColors.h"

#include "directory/DirectoryRepository.h"
#include "storage/Database.h"
#include "util/DisplayText.h"
#include "widgets/ScreenFit.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

CsvImportDialog::CsvImportDialog(const DirectoryRepository& repository, QWidget* parent)
    : QDialog(parent)
    , m_repository(repository)
    , m_importer(std::make_unique<DirectoryCsvImporter>(repository))
{
    setObjectName(QStringLiteral("csvImportDialog"));
    setWindowTitle(tr("Import CSV"));
    ScreenFit::resizeWithin(this, QSize(960, 680));

    QHBoxLayout* top = createFileRow();
    QSplitter* tables = createTables();
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("previewSummary"));
    m_summary->setWordWrap(true);
    QHBoxLayout* modes = createModeChoice();
    m_resultLabel = new QLabel(this);
    m_resultLabel->setObjectName(QStringLiteral("resultLabel"));
    m_resultLabel->setWordWrap(true);
    QDialogButtonBox* buttons = createButtons();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(tables, 1);
    layout->addWidget(m_summary);
    layout->addLayout(modes);
    layout->addWidget(m_resultLabel);
    layout->addWidget(buttons);

    connect(&m_previewWatcher, &QFutureWatcherBase::finished, this, [this]() {
        showPreview(m_previewWatcher.result());
        if (m_previewAgain) {
            m_previewAgain = false;
            refreshPreview();
        }
    });
    connect(&m_importWatcher, &QFutureWatcherBase::finished, this, [this]() { showResult(m_importWatcher.result()); });
}

QHBoxLayout* CsvImportDialog::createFileRow()
{
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    m_kind->addItem(tr("Users"), int(DirectoryCsvImporter::Kind::Users));
    m_kind->addItem(tr("Groups and memberships"), int(DirectoryCsvImporter::Kind::Groups));
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("fileEdit"));
    m_file->setReadOnly(true);
    m_file->setPlaceholderText(tr("Choose a UTF-8 CSV file with a header row"));
    auto* browse = new QPushButton(tr("&Browse\u2026"), this);
    browse->setObjectName(QStringLiteral("browseButton"));
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Import:"), this));
    top->addWidget(m_kind);
    top->addWidget(m_file, 1);
    top->addWidget(browse);

    connect(browse, &QPushButton::clicked, this, &CsvImportDialog::chooseFile);
    // Connected after the items are added, so filling the combo loads nothing.
    connect(m_kind, qOverload<int>(&QComboBox::currentIndexChanged), this, [this]() {
        auto importer = std::make_unique<DirectoryCsvImporter>(
            m_repository, DirectoryCsvImporter::Kind(m_kind->currentData().toInt()));
        m_importer = std::move(importer);
        if (!m_path.isEmpty()) {
            loadFile(m_path);
        }
    });
    return top;
}

QSplitter* CsvImportDialog::createTables()
{
    m_mapping = new QTableWidget(0, 2, this);
    m_mapping->setObjectName(QStringLiteral("mappingTable"));
    m_mapping->setHorizontalHeaderLabels({tr("CSV column"), tr("Fills attribute")});
    m_mapping->horizontalHeader()->setStretchLastSection(true);
    m_mapping->verticalHeader()->hide();
    m_mapping->setEditTriggers(QAbstractItemView::NoEditTriggers);

    m_previewTable = new QTableWidget(this);
    m_previewTable->setObjectName(QStringLiteral("previewTable"));
    m_previewTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewTable->setAlternatingRowColors(true);
    m_previewTable->verticalHeader()->hide(); // the Line column numbers the rows

    m_issues = new QTableWidget(0, 2, this);
    m_issues->setObjectName(QStringLiteral("issueTable"));
    m_issues->setHorizontalHeaderLabels({tr("Line"), tr("Problem")});
    m_issues->horizontalHeader()->setStretchLastSection(true);
    m_issues->verticalHeader()->hide();
    m_issues->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_issues->setWordWrap(true);

    auto* mappingBox = new QGroupBox(tr("Column mapping"), this);
    (new QVBoxLayout(mappingBox))->addWidget(m_mapping);
    auto* previewBox = new QGroupBox(tr("First rows"), this);
    (new QVBoxLayout(previewBox))->addWidget(m_previewTable);
    auto* issuesBox = new QGroupBox(tr("Problems"), this);
    (new QVBoxLayout(issuesBox))->addWidget(m_issues);
    auto* upper = new QSplitter(Qt::Horizontal, this);
    upper->addWidget(mappingBox);
    upper->addWidget(previewBox);
    upper->setStretchFactor(1, 2);
    upper->setSizes({380, 580});
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(upper);
    splitter->addWidget(issuesBox);
    return splitter;
}

QHBoxLayout* CsvImportDialog::createModeChoice()
{
    m_allOrNothing = new QRadioButton(tr("All or nothing: any invalid row stops the import"), this);
    m_allOrNothing->setObjectName(QStringLiteral("allOrNothingRadio"));
    m_allOrNothing->setChecked(true);
    m_skipInvalid = new QRadioButton(tr("Skip invalid rows and import the others"), this);
    m_skipInvalid->setObjectName(QStringLiteral("skipInvalidRadio"));
    auto* modes = new QHBoxLayout;
    modes->addWidget(m_allOrNothing);
    modes->addWidget(m_skipInvalid);
    modes->addStretch(1);
    return modes;
}

QDialogButtonBox* CsvImportDialog::createButtons()
{
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::ActionRole);
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setEnabled(false);
    connect(m_import, &QPushButton::clicked, this, &CsvImportDialog::startImport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    return buttons;
}

CsvImportDialog::~CsvImportDialog()
{
    // The pool works on copies of the importer; wait so the repository outlives them. A preview
    // not started yet is cancelled first, so waiting never runs it on this (the GUI) thread.
    m_previewWatcher.cancel();
    m_previewWatcher.waitForFinished();
    m_importWatcher.waitForFinished();
}

void CsvImportDialog::setKind(DirectoryCsvImporter::Kind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

void CsvImportDialog::setMode(DirectoryCsvImporter::Mode mode)
{
    (mode == DirectoryCsvImporter::Mode::AllOrNothing ? m_allOrNothing : m_skipInvalid)->setChecked(true);
}

void CsvImportDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import CSV"), QDir::homePath(), tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty()) {
        loadFile(path);
    }
}

bool CsvImportDialog::loadFile(const QString& path)
{
    m_path = path;
    m_file->setText(QDir::toNativeSeparators(path));
    m_resultLabel->clear();
    const auto loaded = m_importer->loadFile(path);
    if (!loaded) {
        m_summary->setText(loaded.error().message);
        m_import->setEnabled(false);
        return false;
    }
    fillMapping();
    refreshPreview();
    return true;
}

QStringList CsvImportDialog::attributeChoices(const QString& header) const
{
    if (m_kind->currentData().toInt() == int(DirectoryCsvImporter::Kind::Groups)) {
        return {QStringLiteral("group"), QStringLiteral("description"), QStringLiteral("member"),
            QStringLiteral("members"), QStringLiteral("parent"), QStringLiteral("objectId")};
    }
    QStringList choices = DirectoryUser::standardAttributeNames();
    const QString custom = header.trimmed();
    if (!custom.isEmpty() && !choices.contains(custom)) {
        choices << custom;
    }
    return choices;
}

QString CsvImportDialog::choiceText(const QString& choice) const
{
    if (m_kind->currentData().toInt() == int(DirectoryCsvImporter::Kind::Groups)) {
        const QHash<QString, QString> words = {
            {QStringLiteral("group"), tr("Group name (group)")},
            {QStringLiteral("description"), tr("Description (description)")},
            {QStringLiteral("member"), tr("One member's user name (member)")},
            {QStringLiteral("members"), tr("Members' user names, separated by “;” (members)")},
            {QStringLiteral("parent"), tr("Parent group (parent)")},
            {QStringLiteral("objectId"), tr("Object ID (objectId)")},
        };
        return words.value(choice, choice);
    }
    if (DirectoryUser::standardAttributeNames().contains(choice)) {
        return DirectoryAttributeText::labelWithKey(choice);
    }
    return tr("%1 (custom attribute)").arg(choice);
}

void CsvImportDialog::fillMapping()
{
    const QStringList headers = m_importer->headers();
    const QStringList attributes = m_importer->columnAttributes();
    m_mapping->setRowCount(int(headers.size()));
    for (int column = 0; column < headers.size(); ++column) {
        m_mapping->setItem(column, 0, new QTableWidgetItem(headers.at(column)));
        auto* combo = new QComboBox(m_mapping);
        combo->setObjectName(QStringLiteral("mappingCombo%1").arg(column));
        combo->addItem(tr("(ignore)"), QString());
        for (const auto& choice : attributeChoices(headers.at(column))) {
            combo->addItem(choiceText(choice), choice);
        }
        combo->setCurrentIndex(std::max(0, combo->findData(attributes.value(column))));
        connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this, combo, column]() {
            m_importer->setColumnAttribute(column, combo->currentData().toString());
            refreshPreview();
        });
        m_mapping->setCellWidget(column, 1, combo);
    }
    m_mapping->resizeColumnToContents(0);
}

void CsvImportDialog::setColumnAttribute(int column, const QString& attribute)
{
    auto* combo = qobject_cast<QComboBox*>(m_mapping->cellWidget(column, 1));
    if (combo) {
        combo->setCurrentIndex(std::max(0, combo->findData(attribute))); // refreshes the preview
    }
}

void CsvImportDialog::refreshPreview()
{
    if (m_previewWatcher.isRunning()) {
        m_previewAgain = true;
        return;
    }
    m_summary->setText(tr("Checking every row\u2026"));
    m_import->setEnabled(false);
    // Pool threads outlive this dialog: each task closes the connection it opened.
    m_previewWatcher.setFuture(QtConcurrent::run(
        [importer = *m_importer, database = m_repository.database(), guiThread = QThread::currentThread()]() {
            auto preview = importer.preview(50);
            if (QThread::currentThread() != guiThread)
                database->releaseThreadConnection();
            return preview;
        }));
}

void CsvImportDialog::showPreview(const CsvImportPreview& preview)
{
    m_preview = preview;
    m_previewTable->clear();
    // Line, then what the row changes beyond its cells (a rename), then the file's columns.
    m_previewTable->setColumnCount(int(preview.headers.size()) + 2);
    QStringList headers {tr("Line"), tr("Change")};
    for (int column = 0; column < preview.headers.size(); ++column) {
        const QString attribute = preview.columnAttributes.value(column);
        headers << (attribute.isEmpty() ? tr("%1 (ignored)").arg(preview.headers.at(column))
                                        : QStringLiteral("%1 \u2192 %2").arg(preview.headers.at(column), attribute));
    }
    m_previewTable->setHorizontalHeaderLabels(headers);
    QHash<int, QString> renames;
    for (const CsvImportRename& rename : preview.renames) {
        renames.insert(
            rename.line, tr("renames %1 → %2").arg(DisplayText::escaped(rename.from), DisplayText::escaped(rename.to)));
    }
    m_previewTable->setRowCount(int(preview.rows.size()));
    for (int row = 0; row < preview.rows.size(); ++row) {
        const auto& record = preview.rows.at(row);
        m_previewTable->setItem(row, 0, new QTableWidgetItem(QString::number(record.line)));
        m_previewTable->setItem(row, 1, new QTableWidgetItem(renames.value(record.line)));
        for (int column = 0; column < record.fields.size() && column < preview.headers.size(); ++column) {
            // The file's control characters are refused by the import; shown, they stay visible.
            m_previewTable->setItem(
                row, column + 2, new QTableWidgetItem(DisplayText::escaped(record.fields.at(column))));
        }
    }
    m_previewTable->resizeColumnsToContents();

    m_issues->setRowCount(int(preview.issues.size()));
    for (int row = 0; row < preview.issues.size(); ++row) {
        const auto& issue = preview.issues.at(row);
        m_issues->setItem(row, 0, new QTableWidgetItem(issue.line > 0 ? QString::number(issue.line) : tr("file")));
        m_issues->setItem(row, 1, new QTableWidgetItem(issue.message));
    }
    m_issues->resizeColumnToContents(0);

    if (!preview.fileError.isEmpty()) {
        m_summary->setText(QStringLiteral("<span style='color:%2'>%1</span>")
                               .arg(preview.fileError.toHtmlEscaped(), StatusColors::errorName()));
        m_import->setEnabled(false);
    } else {
        m_summary->setText(tr(
            "%n row(s): %1 to create, %2 to update (%3 renamed), %4 unchanged, %5 invalid.", nullptr, preview.rowCount)
                               .arg(preview.toCreate)
                               .arg(preview.toUpdate)
                               .arg(preview.renameCount)
                               .arg(preview.unchanged)
                               .arg(preview.invalidRowCount));
        m_import->setEnabled(preview.rowCount > 0 && !m_importWatcher.isRunning());
    }
    emit previewReady();
}

void CsvImportDialog::startImport()
{
    if (m_importWatcher.isRunning() || m_previewWatcher.isRunning()) {
        return;
    }
    const auto mode = m_skipInvalid->isChecked() ? DirectoryCsvImporter::Mode::SkipInvalid
                                                 : DirectoryCsvImporter::Mode::AllOrNothing;
    m_import->setEnabled(false);
    m_resultLabel->setText(tr("Importing\u2026"));
    m_importWatcher.setFuture(QtConcurrent::run([importer = *m_importer, mode, database = m_repository.database(),
                                                    guiThread = QThread::currentThread()]() mutable {
        auto result = importer.import(mode);
        // Waiting for a task that has not started runs it on the waiting (GUI) thread,
        // whose connection the dialog's views still use.
        if (QThread::currentThread() != guiThread)
            database->releaseThreadConnection();
        return result;
    }));
}

void CsvImportDialog::showResult(const Result<CsvImportResult, StorageError>& result)
{
    if (!result) {
        m_resultLabel->setText(QStringLiteral("<span style='color:%2'>%1</span>")
                                   .arg(tr("Nothing was imported: %1").arg(result.error().message).toHtmlEscaped(),
                                       StatusColors::errorName()));
        emit importFinished(false);
        refreshPreview();
        return;
    }
    m_result = result.value();
    if (!m_result.written) {
        m_resultLabel->setText(
            QStringLiteral("<span style='color:%2'>%1</span>")
                .arg(tr("Nothing was imported: %n row(s) have problems (listed above). Fix them, or choose "
                        "\u201cSkip invalid rows\u201d.",
                         nullptr, m_result.invalidRowCount)
                         .toHtmlEscaped(),
                    StatusColors::errorName()));
    } else {
        m_resultLabel->setText(tr("<b>Imported.</b> %1 created, %2 updated, %3 unchanged, %4 skipped.")
                                   .arg(m_result.created)
                                   .arg(m_result.updated)
                                   .arg(m_result.unchanged)
                                   .arg(m_result.skipped));
    }
    emit importFinished(m_result.written);
    refreshPreview();
}
