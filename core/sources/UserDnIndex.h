#pragma once

#include "SourceRead.h"

#include <QByteArray>
#include <QList>
#include <QStringView>

#include <vector>

// The users of one read by DN, exactly as the directory wrote them (no normalisation), for the
// two places that look 50,000 DNs up: group members and managers. A member value found here
// becomes the user's own DN string, shared rather than a copy: 100,000 member values of the
// bench read are 100,000 allocations, ~11 MB, fewer. Lookups by UTF-8 bytes cost no allocation
// for ASCII values (the hash is over code units, the same for both forms).
//
// It refers to users, which must neither change nor be resized while it is used.
class UserDnIndex
{
public:
    explicit UserDnIndex(const QList<SourceUserEntry>& users);

    // The user whose DN is exactly dn, or nullptr.
    const SourceUserEntry* find(QStringView dn) const;
    // utf8 as text: the DN string of the user it names, else a new string (invalid UTF-8 as
    // QString::fromUtf8 decodes it).
    QString text(const QByteArray& utf8) const;

private:
    static constexpr quint64 kEmpty = ~quint64(0);
    template<typename Equal>
    const SourceUserEntry* probe(quint64 hash, const Equal& equal) const;

    const QList<SourceUserEntry>& m_users;
    // Open addressing, a power of two long: the upper half of each slot holds the upper half of
    // the DN's hash, so probing past other DNs reads no user; the lower half, the user's index.
    std::vector<quint64> m_slots;
    quint64 m_mask = 0;
};
