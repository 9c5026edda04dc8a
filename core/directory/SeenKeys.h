#pragma once

#include <QHash>
#include <QStringView>
#include <QtGlobal>

// The keys (user names, object IDs) an import file has used so far, each with the line that
// used it first, so a repeated key is reported against that line. A key is kept as its 128-bit
// BLAKE2s digest (about 40 bytes with the table) rather than as text: millions of rows then
// take a fraction of the file's size. Two different keys share a digest with a probability of
// 2^-128 per pair, far below that of a disk error, and a file cannot be crafted to collide.
class SeenKeys
{
public:
    // The line on which key was first used, or 0 when it is new: then it is remembered on line.
    int firstLineOrRemember(QStringView key, int line);

private:
    struct Digest
    {
        quint64 high = 0;
        quint64 low = 0;

        friend bool operator==(const Digest& a, const Digest& b) { return a.high == b.high && a.low == b.low; }
        friend size_t qHash(const Digest& digest, size_t seed) { return qHashMulti(seed, digest.high, digest.low); }
    };

    QHash<Digest, int> m_lines;
};
