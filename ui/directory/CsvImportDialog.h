#pragma once

#include "directory/DirectoryCsvImporter.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QComboBox;
class QDialogButtonBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSplitter;
class QTableWidget;

// Imports users or groups from CSV: choose a file, check how each column is mapped (and
// change it), see the first rows and every problem with its line number, choose
// all-or-nothing or skip-invalid-rows, then import and read what was done. The preview and
// the import run on the thread pool; a 100,000-row file does not freeze the window.
class CsvImportDialog : public QDialog
{
    Q_OBJECT

public:
    CsvImportDialog(const DirectoryRepository& repository, QWidget* parent = nullptr);
    ~CsvImportDialog() override;

    bool loadFile(const QString& path);
    void setKind(DirectoryCsvImporter::Kind kind);
    void setMode(DirectoryCsvImporter::Mode mode);
    // Changes one column's attribute as the mapping combo does; empty ignores the column.
    void setColumnAttribute(int column, const QString& attribute);
    const CsvImportPreview& lastPreview() const { return m_preview; }
    const CsvImportResult& lastResult() const { return m_result; }

signals:
    void previewReady();
    void importFinished(bool written);

public slots:
    void refreshPreview();
    void startImport();

private:
    // The parts of the window, top to bottom; each creates its widgets and connects them.
    QHBoxLayout* createFileRow();
    QSplitter* createTables();
    QHBoxLayout* createModeChoice();
    QDialogButtonBox* createButtons();
    void chooseFile();
    void showPreview(const CsvImportPreview& preview);
    void showResult(const Result<CsvImportResult, StorageError>& result);
    void fillMapping();
    QStringList attributeChoices(const QString& header) const;
    QString choiceText(const QString& choice) const; // "First name (givenName)"

    // A copy: the page that opens this dialog destroys its own repository before its children.
    DirectoryRepository m_repository;
    std::unique_ptr<DirectoryCsvImporter> m_importer;
    CsvImportPreview m_preview;
    CsvImportResult m_result;
    QString m_path;
    QFutureWatcher<CsvImportPreview> m_previewWatcher;
    QFutureWatcher<Result<CsvImportResult, StorageError>> m_importWatcher;
    bool m_previewAgain = false;

    QComboBox* m_kind = nullptr;
    QLineEdit* m_file = nullptr;
    QTableWidget* m_mapping = nullptr;
    QTableWidget* m_previewTable = nullptr;
    QTableWidget* m_issues = nullptr;
    QLabel* m_summary = nullptr;
    QRadioButton* m_allOrNothing = nullptr;
    QRadioButton* m_skipInvalid = nullptr;
    QPushButton* m_import = nullptr;
    QLabel* m_resultLabel = nullptr;
};
