#include "CompactResource.h"

#include "CompactEncoding.h"

#include <QJsonDocument>

#include <algorithm>

QByteArrayView CompactResource::encoded(int index) const
{
    CompactEncoding::Reader reader(m_data);
    reader.skip(reader.varint()); // the kept JSON text
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
    CompactEncoding::Reader reader(m_data);
    reader.skip(reader.varint());
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
    CompactEncoding::Reader reader(m_data);
    const QByteArrayView text = reader.bytes(reader.varint());
    if (text.isEmpty())
        return {};
    return QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size())).object();
}
