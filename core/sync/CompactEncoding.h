#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>

// The byte encoding of CompactResource: LEB128 lengths and tagged values.
namespace CompactEncoding {
void appendVarint(QByteArray& out, quint64 value);
// A tag byte and the value's bytes: n null, t/f booleans, s UTF-8 text, i 64-bit integer,
// d double, j compact JSON of a one-element array holding an array or an object.
void appendRecord(QByteArray& out, const QJsonValue& value);
QJsonValue decode(QByteArrayView record);

class Reader
{
public:
    explicit Reader(QByteArrayView data)
        : m_data(data)
    {
    }
    bool atEnd() const { return m_pos >= m_data.size(); }
    quint64 varint()
    {
        // One byte for every path number and for most lengths: the loop is the exception.
        if (m_pos < m_data.size() && !(quint8(m_data[m_pos]) & 0x80))
            return quint8(m_data[m_pos++]);
        return longVarint();
    }
    QByteArrayView bytes(quint64 count)
    {
        const qsizetype available = m_data.size() - m_pos;
        const qsizetype size = count > quint64(available) ? available : qsizetype(count);
        const QByteArrayView result = m_data.sliced(m_pos, size);
        m_pos += size;
        return result;
    }
    void skip(quint64 count) { bytes(count); }
    // A tag byte, a length and that many bytes, as one view (what decode() reads).
    QByteArrayView record()
    {
        const qsizetype start = m_pos;
        if (atEnd())
            return {};
        ++m_pos; // the tag
        skip(varint());
        return m_data.sliced(start, m_pos - start);
    }

private:
    quint64 longVarint();

    QByteArrayView m_data;
    qsizetype m_pos = 0;
};
} // namespace CompactEncoding
