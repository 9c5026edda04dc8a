#pragma once

#include "IdView.h"

#include <QHashSeed>
#include <QStringView>

#include <vector>

// Positions of ids in a list the caller keeps (the planner's target users, its directory ids),
// found by the id. Only the positions are stored, in a flat open-addressing table of 4 bytes a
// slot: a QHash<IdView, int> took about 40 bytes an id (node, span, its growth) and two of them
// were a third of the planner's memory on 100,000 users. idAt(position) hands the table the id at
// a stored position whenever it compares or moves one.
class IdIndex
{
public:
    // Room for count ids without growing.
    template<typename IdAt>
    void reserve(qsizetype count, IdAt idAt)
    {
        size_t size = 16;
        while (size < size_t(count) * 2)
            size *= 2;
        if (size > m_slots.size())
            rehash(size, idAt);
    }

    // The position stored for id; -1 when the id is not in the table.
    template<typename IdAt>
    int find(QStringView id, IdAt idAt) const
    {
        if (m_slots.empty())
            return -1;
        const size_t mask = m_slots.size() - 1;
        for (size_t slot = hashOf(id) & mask;; slot = (slot + 1) & mask) {
            const int stored = m_slots[slot] - 1;
            if (stored < 0)
                return -1;
            if (idAt(stored) == id)
                return stored;
        }
    }

    // Stores position for id (idAt(position) == id), or, when the id is already stored, keeps
    // the stored position (replace false) or the new one (replace true). Returns the position
    // the table holds for id afterwards.
    template<typename IdAt>
    int insert(QStringView id, int position, IdAt idAt, bool replace)
    {
        if (size_t(m_count + 1) * 2 > m_slots.size())
            rehash(m_slots.empty() ? 16 : m_slots.size() * 2, idAt);
        const size_t mask = m_slots.size() - 1;
        for (size_t slot = hashOf(id) & mask;; slot = (slot + 1) & mask) {
            const int stored = m_slots[slot] - 1;
            if (stored < 0) {
                m_slots[slot] = position + 1;
                ++m_count;
                return position;
            }
            if (idAt(stored) == id) {
                if (replace)
                    m_slots[slot] = position + 1;
                return m_slots[slot] - 1;
            }
        }
    }

    qsizetype size() const { return m_count; }

private:
    size_t hashOf(QStringView id) const { return qHash(IdView {id}, m_seed); }

    template<typename IdAt>
    void rehash(size_t size, IdAt idAt)
    {
        std::vector<int> old(size, 0);
        old.swap(m_slots);
        const size_t mask = size - 1;
        for (const int stored : old) {
            if (stored == 0)
                continue;
            size_t slot = hashOf(idAt(stored - 1)) & mask;
            while (m_slots[slot] != 0)
                slot = (slot + 1) & mask;
            m_slots[slot] = stored;
        }
    }

    std::vector<int> m_slots; // position + 1; 0: empty
    qsizetype m_count = 0;
    size_t m_seed = QHashSeed::globalSeed();
};
