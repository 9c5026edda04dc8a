#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// One parsed CSV record. `line` is the 1-based line on which the record starts, so an
// admin can find it in a spreadsheet or editor even after multi-line quoted cells.
struct CsvRecord
{
    QStringList fields;
    int line = 0;
    // Set when the record is malformed (e.g. a quote is never closed); fields hold what was read.
    QString error;
};

// RFC 4180 reader: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF,
// UTF-8 with or without a byte order mark. It is lenient where spreadsheets are (a quote
// inside an unquoted cell is kept as text) and strict where silence would lose data.
// Completely empty lines (including the usual trailing one) produce no record.
class CsvReader
{
public:
    explicit CsvReader(const QString& text, QChar delimiter = QLatin1Char(','));

    // Decodes UTF-8 (skipping a BOM). Invalid UTF-8 is reported by decodingError().
    static CsvReader fromUtf8(const QByteArray& data, QChar delimiter = QLatin1Char(','));
    // Picks ',', ';' or tab, whichever occurs most in the first record outside quotes;
    // spreadsheets in many locales write ';'.
    static QChar detectDelimiter(const QString& text);
    // UTF-8 to text without the BOM; empty `error` when the bytes are valid UTF-8.
    static QString decodeUtf8(const QByteArray& data, QString* error = nullptr);

    QString decodingError() const { return m_decodingError; }
    bool atEnd() const;
    // Reads the next record; false at the end of the input.
    bool readRecord(CsvRecord& record);
    QList<CsvRecord> readAll();

private:
    void skipEmptyLines();
    void skipLineBreak();
    // Where the unquoted text starting at from ends: the next delimiter, line break or the end.
    qsizetype fieldEnd(qsizetype from) const;
    // Reads a quoted field from its opening quote, plus any text between the closing quote and
    // the delimiter. False when the quote is never closed; record.error says why.
    bool readQuotedField(QString& field, CsvRecord& record);
    // After a field: true when a delimiter follows and with it another field. Otherwise the
    // record is complete and its line break, if any, consumed; a delimiter at the very end of
    // the input adds an empty last field.
    bool readDelimiter(CsvRecord& record);

    QString m_text;
    QChar m_delimiter;
    qsizetype m_pos = 0;
    int m_line = 1;
    QString m_decodingError;
};
