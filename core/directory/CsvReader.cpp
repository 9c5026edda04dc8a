#include "CsvReader.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QIODevice>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("CsvReader", text);
}

constexpr QChar quote = QLatin1Char('"');
constexpr QChar cr = QLatin1Char('\r');
constexpr QChar lf = QLatin1Char('\n');
constexpr qint64 chunkSize = qint64(1) << 20;

// How many bytes at the end of `bytes` begin a UTF-8 sequence that the next chunk completes.
// Decoding them with the next chunk keeps a character cut by the chunk boundary whole.
qsizetype incompleteTail(const QByteArray& bytes)
{
    const qsizetype size = bytes.size();
    for (qsizetype back = 1; back <= 3 && back <= size; ++back) {
        const uchar c = uchar(bytes.at(size - back));
        if ((c & 0xC0) == 0x80) {
            continue;
        }
        const qsizetype length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        return length > back ? back : 0;
    }
    return 0;
}

QString notUtf8(int line)
{
    return tr("The file is not valid UTF-8 text (the first invalid byte is on line %1). Save it as \"CSV UTF-8\" "
              "in your spreadsheet and try again.")
        .arg(line);
}
} // namespace

CsvReader::CsvReader(QIODevice* device, QChar delimiter)
    : m_device(device)
    , m_decoder(QStringDecoder::Utf8)
    , m_delimiter(delimiter)
{
}

CsvReader::~CsvReader() = default;
CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;

CsvReader CsvReader::fromUtf8(const QByteArray& data, QChar delimiter)
{
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(data);
    buffer->open(QIODevice::ReadOnly);
    CsvReader reader(buffer.get(), delimiter);
    reader.m_ownedDevice = std::move(buffer);
    return reader;
}

QChar CsvReader::detectDelimiter(const QString& text)
{
    int comma = 0;
    int semicolon = 0;
    int tab = 0;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == quote) {
            quoted = !quoted;
        } else if (!quoted) {
            if (c == lf || c == cr) {
                break;
            }
            comma += c == QLatin1Char(',');
            semicolon += c == QLatin1Char(';');
            tab += c == QLatin1Char('\t');
        }
    }
    if (semicolon > comma && semicolon >= tab) {
        return QLatin1Char(';');
    }
    if (tab > comma && tab > semicolon) {
        return QLatin1Char('\t');
    }
    return QLatin1Char(',');
}

void CsvReader::fill()
{
    if (m_inputEnded || !m_error.isEmpty()) {
        return;
    }
    if (m_pos > 0) {
        m_text.remove(0, m_pos);
        m_pos = 0;
    }
    if (m_text.size() > maxRecordLength) {
        m_error = tr("The record that starts on line %1 is longer than %2 characters; usually a quote that is "
                     "never closed makes the rest of the file one cell. Check the quotes from line %1 on.")
                      .arg(m_line)
                      .arg(maxRecordLength);
        return;
    }
    // The delimiter is detected on the whole first line, however the device hands it over.
    do {
        readChunk();
    } while (m_delimiter.isNull() && m_error.isEmpty() && !m_inputEnded && !m_text.contains(lf) && !m_text.contains(cr)
        && m_text.size() <= maxRecordLength);
    if (m_delimiter.isNull()) {
        m_delimiter = detectDelimiter(m_text);
    }
}

void CsvReader::readChunk()
{
    QByteArray bytes(chunkSize, Qt::Uninitialized);
    const qint64 got = m_device->read(bytes.data(), chunkSize);
    if (got < 0) {
        m_error = tr("Could not read the file: %1").arg(m_device->errorString());
        return;
    }
    if (got == 0) {
        m_inputEnded = true;
        if (!m_carry.isEmpty()) {
            // The file ends inside a multi-byte character.
            if (m_decodingError.isEmpty()) {
                m_decodingError = notUtf8(m_decodedLines);
            }
            m_text.append(QChar::ReplacementCharacter);
            m_carry.clear();
        }
        return;
    }
    bytes.truncate(got);
    m_bytesRead += got;
    decodeChunk(std::move(bytes));
}

void CsvReader::decodeChunk(QByteArray bytes)
{
    if (!m_carry.isEmpty()) {
        bytes.prepend(m_carry);
        m_carry.clear();
    }
    const qsizetype tail = incompleteTail(bytes);
    m_carry = bytes.right(tail);
    bytes.chop(tail);
    const bool hadError = m_decoder.hasError();
    QString text = m_decoder.decode(bytes);
    if (!m_bomChecked && !text.isEmpty()) {
        m_bomChecked = true;
        if (text.startsWith(QChar(0xFEFF))) {
            text.remove(0, 1);
        }
    }
    if (m_decodingError.isEmpty()) {
        if (!hadError && m_decoder.hasError()) {
            const qsizetype bad = text.indexOf(QChar::ReplacementCharacter);
            countLines(QStringView(text).left(bad < 0 ? text.size() : bad));
            m_decodingError = notUtf8(m_decodedLines);
        } else {
            countLines(text);
        }
    }
    m_text.append(text);
}

void CsvReader::countLines(QStringView text)
{
    for (const QChar c : text) {
        if (c == lf) {
            m_decodedLines += m_afterCr ? 0 : 1;
        } else if (c == cr) {
            ++m_decodedLines;
        }
        m_afterCr = c == cr;
    }
}

bool CsvReader::available(qsizetype offset)
{
    if (m_pos + offset < m_text.size()) {
        return true;
    }
    if (!m_inputEnded) {
        m_needMore = true;
    }
    return false;
}

bool CsvReader::readRecord(CsvRecord& record)
{
    // A record cut by the end of the loaded text is parsed again, from its start, once the
    // next chunk is loaded; records are small next to a chunk, so this is rare and cheap.
    while (m_error.isEmpty()) {
        m_needMore = false;
        skipEmptyLines();
        const qsizetype start = m_pos;
        const int line = m_line;
        const bool read = !m_needMore && parseRecord(record);
        if (!m_needMore) {
            return read;
        }
        m_pos = start;
        m_line = line;
        fill();
    }
    return false;
}

bool CsvReader::parseRecord(CsvRecord& record)
{
    if (!available()) {
        return false;
    }
    record.fields.clear();
    record.error.clear();
    record.line = m_line;

    QString field;
    do {
        field.clear();
        if (available() && m_text.at(m_pos) == quote) {
            if (!readQuotedField(field, record)) {
                record.fields.append(field);
                return true;
            }
        } else {
            const qsizetype start = m_pos;
            m_pos = fieldEnd(start);
            field = QString(m_text.constData() + start, m_pos - start);
        }
        record.fields.append(field);
    } while (readDelimiter(record));
    return true;
}

// Completely empty lines carry no record.
void CsvReader::skipEmptyLines()
{
    while (!m_needMore && available() && (m_text.at(m_pos) == lf || m_text.at(m_pos) == cr)) {
        skipLineBreak();
    }
}

// CRLF, LF or a lone CR.
void CsvReader::skipLineBreak()
{
    if (m_text.at(m_pos) == cr) {
        if (available(1)) {
            m_pos += m_text.at(m_pos + 1) == lf ? 1 : 0;
        } else if (m_needMore) {
            return; // the LF may be in the next chunk
        }
    }
    ++m_pos;
    ++m_line;
}

qsizetype CsvReader::fieldEnd(qsizetype from)
{
    const QChar* data = m_text.constData();
    const qsizetype size = m_text.size();
    while (from < size && data[from] != m_delimiter && data[from] != lf && data[from] != cr) {
        ++from;
    }
    if (from >= size && !m_inputEnded) {
        m_needMore = true;
    }
    return from;
}

bool CsvReader::readQuotedField(QString& field, CsvRecord& record)
{
    const int quoteLine = m_line;
    ++m_pos;
    bool closed = false;
    while (available()) {
        const QChar c = m_text.at(m_pos);
        if (c == quote) {
            if (available(1) && m_text.at(m_pos + 1) == quote) {
                field.append(quote);
                m_pos += 2;
                continue;
            }
            ++m_pos;
            closed = true;
            break;
        }
        if (c == lf || (c == cr && !(available(1) && m_text.at(m_pos + 1) == lf))) {
            ++m_line;
        }
        field.append(c);
        ++m_pos;
    }
    if (!closed) {
        record.error = tr("A quoted cell that starts on line %1 is never closed; add the missing \".").arg(quoteLine);
        return false;
    }
    // Anything between the closing quote and the next delimiter is kept, but the record
    // is flagged: it usually means a quote that should have been doubled.
    const qsizetype afterQuote = m_pos;
    m_pos = fieldEnd(afterQuote);
    if (m_pos > afterQuote) {
        field.append(m_text.constData() + afterQuote, m_pos - afterQuote);
        if (record.error.isEmpty()) {
            record.error = tr("Line %1 has text after a closing quote; a quote inside a quoted cell "
                              "must be doubled (\"\").")
                               .arg(m_line);
        }
    }
    return true;
}

bool CsvReader::readDelimiter(CsvRecord& record)
{
    if (!available()) {
        return false;
    }
    if (m_text.at(m_pos) == m_delimiter) {
        ++m_pos;
        if (!available()) {
            if (!m_needMore) {
                record.fields.append(QString());
            }
            return false;
        }
        return true;
    }
    skipLineBreak();
    return false;
}

QList<CsvRecord> CsvReader::readAll()
{
    QList<CsvRecord> records;
    CsvRecord record;
    while (readRecord(record)) {
        records.append(record);
    }
    return records;
}
