#pragma once

#include "CsvImportLimits.h"
#include "CsvReader.h"

#include <QIODevice>
#include <QString>
#include <QStringList>

#include <memory>

// The data rows of an import file, read one at a time. The header row must still be the one the
// column mapping was made for (the file may have been edited since it was opened), and the
// limits are enforced while reading, so an oversized file is never read to its end.
class CsvImportRows
{
public:
    // device: open for reading; name: how messages name the file.
    CsvImportRows(
        std::unique_ptr<QIODevice> device, const QString& name, QStringList expectedHeaders, CsvImportLimits limits);

    // The next data record; false at the end of the file or when error() is set.
    bool next(CsvRecord& record);
    // Why the file could not be read to its end: not UTF-8, beyond a limit, a read error.
    QString error() const { return m_error; }
    int rowCount() const { return m_rowCount; }

private:
    std::unique_ptr<QIODevice> m_device;
    CsvReader m_reader;
    QString m_name;
    QStringList m_expectedHeaders;
    CsvImportLimits m_limits;
    bool m_headerRead = false;
    int m_rowCount = 0;
    QString m_error;
};
