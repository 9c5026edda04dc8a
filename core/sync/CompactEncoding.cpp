#include "CompactEncoding.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstring>

namespace CompactEncoding {

void appendVarint(QByteArray& out, quint64 value)
{
    while (value >= 0x80) {
        out.append(char((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

namespace {
void appendTagged(QByteArray& out, char tag, const char* bytes, qsizetype size)
{
    out.append(tag);
    appendVarint(out, quint64(size));
    out.append(bytes, size);
}

template<typename T>
void appendNumber(QByteArray& out, char tag, T number)
{
    char bytes[sizeof(T)];
    std::memcpy(bytes, &number, sizeof(T));
    appendTagged(out, tag, bytes, sizeof(T));
}

template<typename T>
T numberOf(QByteArrayView bytes)
{
    T number {};
    if (bytes.size() == qsizetype(sizeof(T)))
        std::memcpy(&number, bytes.data(), sizeof(T));
    return number;
}
} // namespace

void appendRecord(QByteArray& out, const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        appendTagged(out, 'n', nullptr, 0);
        break;
    case QJsonValue::Bool:
        appendTagged(out, value.toBool() ? 't' : 'f', nullptr, 0);
        break;
    case QJsonValue::String: {
        const QByteArray text = value.toString().toUtf8();
        appendTagged(out, 's', text.constData(), text.size());
        break;
    }
    case QJsonValue::Double:
        // Integers stay integers: "5" and "5.0" read back as the server sent them.
        if (QCborValue::fromJsonValue(value).isInteger())
            appendNumber(out, 'i', value.toInteger());
        else
            appendNumber(out, 'd', value.toDouble());
        break;
    case QJsonValue::Array:
    case QJsonValue::Object: {
        const QByteArray text = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
        appendTagged(out, 'j', text.constData(), text.size());
        break;
    }
    }
}

QJsonValue decode(QByteArrayView record)
{
    if (record.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    Reader reader(record.sliced(1));
    const QByteArrayView bytes = reader.bytes(reader.varint());
    switch (record.front()) {
    case 'n':
        return QJsonValue(QJsonValue::Null);
    case 't':
        return QJsonValue(true);
    case 'f':
        return QJsonValue(false);
    case 's':
        return QJsonValue(QString::fromUtf8(bytes));
    case 'i':
        return QJsonValue(numberOf<qint64>(bytes));
    case 'd':
        return QJsonValue(numberOf<double>(bytes));
    case 'j':
        return QJsonDocument::fromJson(QByteArray::fromRawData(bytes.data(), bytes.size())).array().at(0);
    default:
        return QJsonValue(QJsonValue::Undefined);
    }
}

quint64 Reader::longVarint()
{
    quint64 value = 0;
    int shift = 0;
    while (m_pos < m_data.size() && shift < 64) {
        const auto byte = quint8(m_data.at(m_pos++));
        value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            break;
        shift += 7;
    }
    return value;
}
} // namespace CompactEncoding
