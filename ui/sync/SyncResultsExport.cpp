#include "SyncResultsExport.h"

#include "SyncResultsModel.h"
#include "util/OutputFile.h"
#include "widgets/ConfirmationDialogs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QJsonDocument>

namespace SyncResultsExport {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("SyncResultsExport", text);
}

bool save(const QString& path, QString* error, const OutputFile::Writer& write)
{
    const auto written = OutputFile::write(path, write);
    if (!written) {
        *error = written.error();
    }
    return written.ok();
}
} // namespace

bool saveCsv(const SyncResultsModel& model, const QString& path, QString* error)
{
    return save(path, error, [&model](QIODevice* file, QString* message) { return model.writeCsv(file, message); });
}

bool saveJson(const SyncResultsModel& model, const QString& path, QString* error)
{
    return save(path, error, [&model](QIODevice* file, QString* message) {
        if (file->write(QJsonDocument(model.toJson()).toJson(QJsonDocument::Indented)) < 0) {
            *message = file->errorString();
            return false;
        }
        return true;
    });
}

QString askAndSave(QWidget* parent, const SyncResultsModel& model, bool json, const QString& suggestedName)
{
    const QString filter = json ? tr("JSON files (*.json)") : tr("CSV files (*.csv)");
    const QString suffix = json ? QStringLiteral(".json") : QStringLiteral(".csv");
    const QString path = QFileDialog::getSaveFileName(
        parent, tr("Export Results"), QDir::home().filePath(suggestedName + suffix), filter);
    if (path.isEmpty()) {
        return {};
    }
    QString error;
    const bool ok = json ? saveJson(model, path, &error) : saveCsv(model, path, &error);
    if (!ok) {
        ConfirmationDialogs::showError(parent, QStringLiteral("exportResultsError"), tr("Export Results"),
            tr("The results could not be exported. %1").arg(error),
            tr("Choose a folder you can write to and try again."));
        return {};
    }
    return path;
}

} // namespace SyncResultsExport
