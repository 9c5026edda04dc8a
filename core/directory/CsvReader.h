#pragma once

#include <QByteArray>
#include <QChar>
#include <QList>
#include <QString>
#include <QStringDecoder>
#include <QStringList>
#include <QStringView>

#include <memory>

class QIODevice;

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
//
// It streams: the device is read in 1 MiB steps and only the record being parsed is kept, so
// a file of any size is read in constant memory. One record may be at most
// maxRecordLength characters (a quote that is never closed would otherwise make the rest of
// a huge file one cell); a longer one stops the reader with error().
class CsvReader
{
public:
    static constexpr qsizetype maxRecordLength = qsizetype(1) << 20;

    // Reads the open device, which must outlive the reader. A null delimiter is detected
    // from the first record (see detectDelimiter).
    explicit CsvReader(QIODevice* device, QChar delimiter = QLatin1Char(','));
    ~CsvReader();
    CsvReader(CsvReader&&) noexcept;
    CsvReader& operator=(CsvReader&&) noexcept;

    // A reader over UTF-8 bytes held in memory (a BOM is skipped).
    static CsvReader fromUtf8(const QByteArray& data, QChar delimiter = QLatin1Char(','));
    // Picks ',', ';' or tab, whichever occurs most in the first record outside quotes;
    // spreadsheets in many locales write ';'.
    static QChar detectDelimiter(const QString& text);

    // Reads the next record; false at the end of the input or when reading stopped (error()).
    bool readRecord(CsvRecord& record);
    QList<CsvRecord> readAll();

    QChar delimiter() const { return m_delimiter; }
    // Set when the bytes read so far are not valid UTF-8; names the line of the first bad byte.
    QString decodingError() const { return m_decodingError; }
    // Set when reading stopped early: the device failed, or a record was too long.
    QString error() const { return m_error; }
    qint64 bytesRead() const { return m_bytesRead; }

private:
    // Loads the next chunk of the device into m_text, dropping what was parsed before m_pos;
    // at the end of the input it sets m_inputEnded, on failure error().
    void fill();
    void readChunk();
    void decodeChunk(QByteArray bytes);
    // Counts line breaks as the parser does (LF, CRLF or a lone CR), across chunks.
    void countLines(QStringView text);
    // Whether m_pos + offset is inside the text. At the end of the loaded text, but not of
    // the input, it notes that the record must be parsed again after fill().
    bool available(qsizetype offset = 0);
    bool parseRecord(CsvRecord& record);
    void skipEmptyLines();
    void skipLineBreak();
    // Where the unquoted text starting at from ends: the next delimiter, line break or the end.
    qsizetype fieldEnd(qsizetype from);
    // Reads a quoted field from its opening quote, plus any text between the closing quote and
    // the delimiter. False when the quote is never closed; record.error says why.
    bool readQuotedField(QString& field, CsvRecord& record);
    // After a field: true when a delimiter follows and with it another field. Otherwise the
    // record is complete and its line break, if any, consumed; a delimiter at the very end of
    // the input adds an empty last field.
    bool readDelimiter(CsvRecord& record);

    QIODevice* m_device = nullptr;
    std::unique_ptr<QIODevice> m_ownedDevice;
    QStringDecoder m_decoder;
    QByteArray m_carry; // the start of a UTF-8 sequence cut by the chunk boundary
    QString m_text;
    QChar m_delimiter;
    qsizetype m_pos = 0;
    int m_line = 1;
    int m_decodedLines = 1; // line at the end of the text decoded so far, for decoding errors
    bool m_afterCr = false;
    bool m_bomChecked = false;
    bool m_inputEnded = false;
    bool m_needMore = false;
    qint64 m_bytesRead = 0;
    QString m_decodingError;
    QString m_error;
};
