#pragma once

#include "model/DeletionThreshold.h"

#include <QJsonObject>
#include <QString>

class CliContext;
struct CsvImportCounts;
struct CsvImportResult;

// What `directory import` prints, as text or as one JSON document: the counts, the renames, and
// with --mirror what the import removes and the threshold it is checked against.
class CsvImportOutput
{
public:
    // The --mirror side of an import; mirror false: nothing is removed.
    struct Mirror
    {
        bool mirror = false;
        DeletionThreshold threshold;
        int limit = 0; // threshold.limit(directory size)
        bool needsConfirmation = false;
    };

    CsvImportOutput(const CliContext& context, const Mirror& mirror);

    // What an import would do. A refused import puts its error into the same document, so a
    // script reads one JSON document per command.
    void printPreview(const CsvImportCounts& preview, const QJsonObject& error = {}) const;
    // What an import did; kind is "users" or "groups" as given on the command line.
    void printResult(const QString& kind, const CsvImportResult& result) const;

private:
    void addChanges(QJsonObject& document, const CsvImportCounts& counts) const;
    QString changesText(const CsvImportCounts& counts) const;

    const CliContext& m_context;
    Mirror m_mirror;
};
