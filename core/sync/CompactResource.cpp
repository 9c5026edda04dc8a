#include "CompactResource.h"

#include "CompactEncoding.h"

#include <QJsonDocument>

#include <algorithm>

namespace {
// Past the texts, at the length of the kept JSON text.
CompactEncoding::Reader afterTexts(const QByteArray& data)
{
    CompactEncoding::Reader reader(data);
    for (quint64 count = reader.varint(); count > 0 && !reader.atEnd(); --count)
        reader.skip(reader.varint());
    return reader;
}

CompactEncoding::Reader atRecords(const QByteArray& data)
{
    CompactEncoding::Reader reader = afterTexts(data);
    reader.skip(reader.varint());
    return reader;
}
} // namespace

QString CompactResource::text(int index) const
{
    CompactEncoding::Reader reader(m_data);
    const quint64 count = reader.varint();
    for (quint64 i = 0; i < count && !reader.atEnd(); ++i) {
        const QByteArrayView bytes = reader.bytes(reader.varint());
        if (i == quint64(index))
            return QString::fromUtf8(bytes);
    }
    return {};
}

QStringList CompactResource::texts() const
{
    CompactEncoding::Reader reader(m_data);
    const quint64 count = reader.varint();
    QStringList result;
    for (quint64 i = 0; i < count && !reader.atEnd(); ++i)
        result.append(QString::fromUtf8(reader.bytes(reader.varint())));
    return result;
}

QByteArrayView CompactResource::encoded(int index) const
{
    CompactEncoding::Reader reader = atRecords(m_data);
    while (!reader.atEnd()) {
        const int number = int(reader.varint());
        const QByteArrayView record = reader.record();
        if (number == index)
            return record;
        if (number > index)
            break;
    }
    return {};
}

CompactResource::Encodings CompactResource::encodedAll(int count) const
{
    Encodings all(count);
    std::fill(all.begin(), all.end(), QByteArrayView()); // QVarLengthArray leaves primitives uninitialised
    CompactEncoding::Reader reader = atRecords(m_data);
    while (!reader.atEnd()) {
        const quint64 number = reader.varint();
        const QByteArrayView record = reader.record();
        if (number >= quint64(count))
            break;
        all[qsizetype(number)] = record;
    }
    return all;
}

QJsonValue CompactResource::value(int index) const
{
    return CompactEncoding::decode(encoded(index));
}

QJsonObject CompactResource::kept() const
{
    CompactEncoding::Reader reader = afterTexts(m_data);
    const QByteArrayView text = reader.bytes(reader.varint());
    if (text.isEmpty())
        return {};
    return QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size())).object();
}
