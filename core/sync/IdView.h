#pragma once

#include <QStringView>
#include <QtGlobal>

#include <cstring>

// An id (directory object id, target id) as a key of the planner's indexes, over a string the
// planner input holds for the whole plan. Its hash is a plain multiplicative one: Qt's seeded
// string hash took most of the planner's time on 100,000 users (a million look-ups of short
// ids); the seed still varies it per process.
struct IdView
{
    QStringView text;

    friend bool operator==(const IdView& a, const IdView& b) { return a.text == b.text; }

    friend size_t qHash(const IdView& id, size_t seed = 0) noexcept
    {
        const auto* bytes = reinterpret_cast<const unsigned char*>(id.text.data());
        qsizetype left = id.text.size() * qsizetype(sizeof(char16_t));
        quint64 hash = quint64(seed) ^ (quint64(left) * 0x9e3779b97f4a7c15ULL);
        for (; left >= 8; left -= 8, bytes += 8) {
            quint64 chunk;
            std::memcpy(&chunk, bytes, 8);
            hash = (hash ^ chunk) * 0xff51afd7ed558ccdULL;
            hash ^= hash >> 29;
        }
        quint64 tail = 0;
        std::memcpy(&tail, bytes, size_t(left));
        hash = (hash ^ tail) * 0xc4ceb9fe1a85ec53ULL;
        hash ^= hash >> 32;
        return size_t(hash);
    }
};
