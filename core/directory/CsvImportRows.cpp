#include "CsvImportRows.h"

#include <QCoreApplication>

CsvImportRows::CsvImportRows(
    std::unique_ptr<QIODevice> device, const QString& name, QStringList expectedHeaders, CsvImportLimits limits)
    : m_device(std::move(device))
    , m_reader(m_device.get(), QChar())
    , m_name(name)
    , m_expectedHeaders(std::move(expectedHeaders))
    , m_limits(limits)
{
}

bool CsvImportRows::next(CsvRecord& record)
{
    while (m_error.isEmpty() && m_reader.readRecord(record)) {
        if (!m_reader.decodingError().isEmpty()) {
            m_error = m_reader.decodingError();
        } else if (m_reader.bytesRead() > m_limits.maxFileBytes) {
            m_error = m_limits.fileTooLarge(m_name, m_reader.bytesRead());
        } else if (!m_headerRead) {
            m_headerRead = true;
            if (record.fields != m_expectedHeaders) {
                m_error = QCoreApplication::translate("DirectoryCsvImporter",
                    "%1 has changed since it was opened (its header row is different). Open it again.")
                              .arg(m_name);
            }
        } else if (++m_rowCount > m_limits.maxRows) {
            m_error = m_limits.tooManyRows();
        } else {
            return true;
        }
    }
    if (m_error.isEmpty()) {
        m_error = m_reader.error().isEmpty() ? m_reader.decodingError() : m_reader.error();
    }
    return false;
}
