#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

class ResourceProjection;

// What the planner keeps of one SCIM user resource, in one allocation: the values at the paths of
// a ResourceProjection, and the resource's JSON text (a desired user's create body) or only its
// multi-valued attributes (what a PATCH of a target user's list merges into). A QJsonObject holds
// its key strings in every object and a container per nested value, about five times the bytes;
// 100,000 users are planned in memory at once.
class CompactResource
{
public:
    CompactResource() = default;

    // The value at the projection's path number index, as ScimPath::get() read it from the
    // resource; undefined when it was absent.
    QJsonValue value(int index) const;
    // The same value encoded: two values are equal when their encodings are byte for byte
    // (integers and doubles, and strings and numbers, encode apart). Empty when absent.
    QByteArrayView encoded(int index) const;
    // encoded() of the paths numbered below count, in one pass.
    using Encodings = QVarLengthArray<QByteArrayView, 16>;
    Encodings encodedAll(int count) const;
    // The part of the resource that was kept whole, parsed back: equal to the original object.
    QJsonObject kept() const;
    // The texts compact() was given to keep beside the values (a target user's displayName and
    // externalId: read rarely, kept without a string each).
    QString text(int index) const;
    QStringList texts() const;
    bool isNull() const { return m_data.isEmpty(); }
    // The heap bytes of the encoding, for the benchmarks.
    qsizetype byteSize() const { return m_data.capacity(); }

private:
    friend class ResourceProjection;
    explicit CompactResource(QByteArray data)
        : m_data(std::move(data))
    {
    }

    // Layout: varint count of texts, each as varint length and UTF-8; varint length of the kept
    // JSON text, the text; then one record per present value in ascending path order: varint
    // path number, tag byte, varint length, bytes.
    QByteArray m_data;
};
