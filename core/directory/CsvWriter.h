#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class QIODevice;

// Writes RFC 4180 CSV (CRLF line ends, quotes only where needed) as UTF-8.
// Every CSV that ScimDesk writes goes through this class, because it also neutralises
// spreadsheet formula injection: a cell that starts with = + - @ tab or carriage return
// would be run as a formula by Excel or LibreOffice, so it gets a leading ' (which the
// spreadsheet shows as text). The escaping is reversible with restoreNeutralised().
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice* device, QChar delimiter = QLatin1Char(','));

    // A UTF-8 byte order mark makes Excel read the file as UTF-8; on by default.
    void setWriteByteOrderMark(bool write) { m_writeBom = write; }
    bool writeRecord(const QStringList& fields);
    // False after any write failed; errorString() says why.
    bool ok() const { return m_ok; }
    QString errorString() const { return m_error; }

    // The text of one cell, neutralised and quoted as needed (no line end).
    static QString encodeField(const QString& value, QChar delimiter = QLatin1Char(','));
    // One record with its CRLF.
    static QString encodeRecord(const QStringList& fields, QChar delimiter = QLatin1Char(','));
    // Prefixes ' to values a spreadsheet would evaluate. Values that already start with
    // quotes followed by such a character get one more, so the mapping stays reversible.
    static QString neutralise(const QString& value);
    // The inverse of neutralise(), for reading back what ScimDesk exported.
    static QString restoreNeutralised(const QString& value);

private:
    QIODevice* m_device;
    QChar m_delimiter;
    bool m_writeBom = true;
    bool m_started = false;
    bool m_ok = true;
    QString m_error;
};
