#pragma once

#include <QString>

class QWidget;
class SyncResultsModel;

// Saves a run's results as CSV (through CsvWriter) or JSON, atomically, and the file
// dialogs the Sync page and the run dialog share to ask where.
namespace SyncResultsExport {

bool saveCsv(const SyncResultsModel& model, const QString& path, QString* error);
bool saveJson(const SyncResultsModel& model, const QString& path, QString* error);
// Asks for a file name and saves; reports a failure in a message box. Returns the path or empty.
QString askAndSave(QWidget* parent, const SyncResultsModel& model, bool json, const QString& suggestedName);

} // namespace SyncResultsExport
