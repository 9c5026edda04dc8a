#pragma once

#include <QString>
#include <QtGlobal>

// How big a CSV file one import takes on. The import streams the file (one record in memory at
// a time, a 40-byte fingerprint per user name), so memory stays below 3x the file size; the
// limits bound it absolutely and say early, before anything is read, when a file is too big
// for the embedded directory. Documented in docs/cli.md.
struct CsvImportLimits
{
    static constexpr qint64 defaultMaxFileBytes = qint64(1) << 30; // 1 GiB
    static constexpr int defaultMaxRows = 5'000'000;
    // Problems listed one by one; further ones are counted, not kept.
    static constexpr int maxListedIssues = 1000;

    qint64 maxFileBytes = defaultMaxFileBytes;
    int maxRows = defaultMaxRows;

    QString fileTooLarge(const QString& path, qint64 size) const;
    QString tooManyRows() const;
    // The advice both refusals end with.
    QString whatToDoInstead() const;
};
