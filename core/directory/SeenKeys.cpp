#include "SeenKeys.h"

#include <QByteArrayView>
#include <QCryptographicHash>

#include <cstring>

int SeenKeys::firstLineOrRemember(QStringView key, int line)
{
    const QByteArray hash = QCryptographicHash::hash(
        QByteArrayView(reinterpret_cast<const char*>(key.utf16()), key.size() * qsizetype(sizeof(char16_t))),
        QCryptographicHash::Blake2s_128);
    Digest digest;
    std::memcpy(&digest.high, hash.constData(), sizeof(digest.high));
    std::memcpy(&digest.low, hash.constData() + sizeof(digest.high), sizeof(digest.low));
    const auto found = m_lines.constFind(digest);
    if (found != m_lines.constEnd()) {
        return *found;
    }
    m_lines.insert(digest, line);
    return 0;
}
