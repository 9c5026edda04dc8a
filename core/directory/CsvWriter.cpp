#include "CsvWriter.h"

#include <QIODevice>

namespace {
bool isFormulaTrigger(QChar c)
{
    return c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@')
        || c == QLatin1Char('\t') || c == QLatin1Char('\r');
}

// True when value is zero or more ' followed by a formula trigger character.
bool startsWithQuotesThenTrigger(const QString& value, qsizetype minimumQuotes)
{
    qsizetype i = 0;
    while (i < value.size() && value.at(i) == QLatin1Char('\'')) {
        ++i;
    }
    return i >= minimumQuotes && i < value.size() && isFormulaTrigger(value.at(i));
}
} // namespace

CsvWriter::CsvWriter(QIODevice* device, QChar delimiter)
    : m_device(device)
    , m_delimiter(delimiter)
{
}

QString CsvWriter::neutralise(const QString& value)
{
    if (startsWithQuotesThenTrigger(value, 0)) {
        return QLatin1Char('\'') + value;
    }
    return value;
}

QString CsvWriter::restoreNeutralised(const QString& value)
{
    if (startsWithQuotesThenTrigger(value, 1)) {
        return value.mid(1);
    }
    return value;
}

QString CsvWriter::encodeField(const QString& value, QChar delimiter)
{
    const QString cell = neutralise(value);
    bool needsQuotes = false;
    for (const QChar c : cell) {
        if (c == delimiter || c == QLatin1Char('"') || c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            needsQuotes = true;
            break;
        }
    }
    // Leading/trailing spaces are quoted so that tools which trim unquoted cells keep them.
    if (!needsQuotes && !cell.isEmpty() && (cell.front().isSpace() || cell.back().isSpace())) {
        needsQuotes = true;
    }
    if (!needsQuotes) {
        return cell;
    }
    QString quoted;
    quoted.reserve(cell.size() + 2);
    quoted.append(QLatin1Char('"'));
    for (const QChar c : cell) {
        if (c == QLatin1Char('"')) {
            quoted.append(QLatin1Char('"'));
        }
        quoted.append(c);
    }
    quoted.append(QLatin1Char('"'));
    return quoted;
}

QString CsvWriter::encodeRecord(const QStringList& fields, QChar delimiter)
{
    // A lone empty cell would be an empty line, which readers skip.
    if (fields.size() == 1 && fields.constFirst().isEmpty()) {
        return QStringLiteral("\"\"\r\n");
    }
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            line.append(delimiter);
        }
        line.append(encodeField(fields.at(i), delimiter));
    }
    line.append(QLatin1String("\r\n"));
    return line;
}

bool CsvWriter::writeRecord(const QStringList& fields)
{
    if (!m_ok) {
        return false;
    }
    QByteArray bytes;
    if (!m_started) {
        m_started = true;
        if (m_writeBom) {
            bytes.append("\xEF\xBB\xBF");
        }
    }
    bytes.append(encodeRecord(fields, m_delimiter).toUtf8());
    if (m_device->write(bytes) != bytes.size()) {
        m_ok = false;
        m_error = m_device->errorString();
        return false;
    }
    return true;
}
