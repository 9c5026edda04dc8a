#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

// The text of one mapped attribute's values across the users of a read, when they repeat:
// title, department, a manager's DN — thousands of users share a few hundred values — become
// one string each, shared by every user that holds it. An attribute whose values do not repeat
// (mail, uid) gives up after a sample and costs nothing more; the number of values kept is
// bounded. Only the text is shared, so what a user holds is unchanged.
class RepeatedValueCache
{
public:
    static constexpr int kSample = 512; // lookups before it decides whether values repeat
    static constexpr int kMaxValues = 8192;

    bool isEnabled() const { return m_enabled; }
    // The text kept for bytes, or nullptr.
    const QString* find(const QByteArray& bytes);
    // Keeps text for bytes (copied: they may view a receive buffer).
    void add(const QByteArray& bytes, const QString& text);

private:
    void disable();

    QHash<QByteArray, QString> m_values;
    int m_lookups = 0;
    int m_hits = 0;
    bool m_enabled = true;
};
