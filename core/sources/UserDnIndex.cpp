#include "UserDnIndex.h"

#include <QLatin1StringView>

#include <algorithm>

namespace {

// FNV-1a over UTF-16 code units; Latin-1 bytes widen to the same units.
constexpr quint64 kOffset = 14695981039346656037ULL;
constexpr quint64 kPrime = 1099511628211ULL;
constexpr quint64 kTagMask = 0xffffffff00000000ULL;

quint64 hashOf(QStringView text)
{
    quint64 hash = kOffset;
    for (const QChar c : text) {
        hash = (hash ^ c.unicode()) * kPrime;
    }
    return hash;
}

// The hash of bytes as Latin-1 text, or false when they are not all ASCII (then UTF-8 and
// Latin-1 would read them differently).
bool asciiHash(const QByteArray& bytes, quint64* hash)
{
    quint64 h = kOffset;
    for (const char c : bytes) {
        if (quint8(c) >= 0x80) {
            return false;
        }
        h = (h ^ quint8(c)) * kPrime;
    }
    *hash = h;
    return true;
}

} // namespace

UserDnIndex::UserDnIndex(const QList<SourceUserEntry>& users)
    : m_users(users)
{
    std::size_t size = 16;
    while (size < std::size_t(users.size()) * 2) {
        size *= 2;
    }
    m_slots.assign(size, kEmpty);
    m_mask = size - 1;
    // A DN read twice (it cannot be: a directory's DNs are unique) finds its first user, which
    // probing reaches first.
    for (qsizetype i = 0; i < users.size(); ++i) {
        const quint64 hash = hashOf(users.at(i).dn);
        quint64 slot = hash & m_mask;
        while (m_slots[slot] != kEmpty) {
            slot = (slot + 1) & m_mask;
        }
        m_slots[slot] = (hash & kTagMask) | quint64(i);
    }
}

template<typename Equal>
const SourceUserEntry* UserDnIndex::probe(quint64 hash, const Equal& equal) const
{
    for (quint64 slot = hash & m_mask; m_slots[slot] != kEmpty; slot = (slot + 1) & m_mask) {
        if ((m_slots[slot] & kTagMask) != (hash & kTagMask)) {
            continue;
        }
        const SourceUserEntry& user = m_users.at(qsizetype(m_slots[slot] & ~kTagMask));
        if (equal(user.dn)) {
            return &user;
        }
    }
    return nullptr;
}

const SourceUserEntry* UserDnIndex::find(QStringView dn) const
{
    return probe(hashOf(dn), [dn](const QString& candidate) { return candidate == dn; });
}

QString UserDnIndex::text(const QByteArray& utf8) const
{
    quint64 hash = 0;
    if (asciiHash(utf8, &hash)) {
        const QLatin1StringView latin1(utf8.constData(), utf8.size());
        const SourceUserEntry* user = probe(hash, [latin1](const QString& candidate) { return candidate == latin1; });
        return user ? user->dn : QString(latin1);
    }
    QString text = QString::fromUtf8(utf8);
    const SourceUserEntry* user = find(text);
    return user ? user->dn : text;
}
