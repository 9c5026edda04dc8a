#include "CsvReader.h"

#include <QCoreApplication>
#include <QStringDecoder>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("CsvReader", text);
}

constexpr QChar quote = QLatin1Char('"');
constexpr QChar cr = QLatin1Char('\r');
constexpr QChar lf = QLatin1Char('\n');
} // namespace

CsvReader::CsvReader(const QString& text, QChar delimiter)
    : m_text(text)
    , m_delimiter(delimiter)
{
    if (m_text.startsWith(QChar(0xFEFF))) {
        m_text.remove(0, 1);
    }
}

QString CsvReader::decodeUtf8(const QByteArray& data, QString* error)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(data);
    if (decoder.hasError() && error) {
        *error = tr("The file is not valid UTF-8 text. Save it as \"CSV UTF-8\" in your spreadsheet and try again.");
    }
    if (text.startsWith(QChar(0xFEFF))) {
        text.remove(0, 1);
    }
    return text;
}

CsvReader CsvReader::fromUtf8(const QByteArray& data, QChar delimiter)
{
    QString error;
    CsvReader reader(decodeUtf8(data, &error), delimiter);
    reader.m_decodingError = error;
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

bool CsvReader::atEnd() const
{
    return m_pos >= m_text.size();
}

bool CsvReader::readRecord(CsvRecord& record)
{
    skipEmptyLines();
    if (atEnd()) {
        return false;
    }

    record.fields.clear();
    record.error.clear();
    record.line = m_line;

    const QChar* data = m_text.constData();
    QString field;
    do {
        field.clear();
        if (!atEnd() && data[m_pos] == quote) {
            if (!readQuotedField(field, record)) {
                record.fields.append(field);
                return true;
            }
        } else {
            const qsizetype start = m_pos;
            m_pos = fieldEnd(start);
            field = QString(data + start, m_pos - start);
        }
        record.fields.append(field);
    } while (readDelimiter(record));
    return true;
}

// Completely empty lines carry no record.
void CsvReader::skipEmptyLines()
{
    while (!atEnd() && (m_text.at(m_pos) == lf || m_text.at(m_pos) == cr)) {
        skipLineBreak();
    }
}

// CRLF, LF or a lone CR.
void CsvReader::skipLineBreak()
{
    if (m_text.at(m_pos) == cr && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == lf) {
        ++m_pos;
    }
    ++m_pos;
    ++m_line;
}

qsizetype CsvReader::fieldEnd(qsizetype from) const
{
    const QChar* data = m_text.constData();
    const qsizetype size = m_text.size();
    while (from < size && data[from] != m_delimiter && data[from] != lf && data[from] != cr) {
        ++from;
    }
    return from;
}

bool CsvReader::readQuotedField(QString& field, CsvRecord& record)
{
    const QChar* data = m_text.constData();
    const qsizetype size = m_text.size();
    const int quoteLine = m_line;
    ++m_pos;
    bool closed = false;
    while (m_pos < size) {
        const QChar c = data[m_pos];
        if (c == quote) {
            if (m_pos + 1 < size && data[m_pos + 1] == quote) {
                field.append(quote);
                m_pos += 2;
                continue;
            }
            ++m_pos;
            closed = true;
            break;
        }
        if (c == lf || (c == cr && !(m_pos + 1 < size && data[m_pos + 1] == lf))) {
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
        field.append(data + afterQuote, m_pos - afterQuote);
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
    if (atEnd()) {
        return false;
    }
    if (m_text.at(m_pos) == m_delimiter) {
        ++m_pos;
        if (atEnd()) {
            record.fields.append(QString());
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
