#include "LdapValueText.h"

#include <QStringDecoder>
#include <QStringList>

#include <algorithm>

namespace {

quint32 littleEndian(const QByteArray& bytes, int offset, int size)
{
    quint32 value = 0;
    for (int i = size - 1; i >= 0; --i) {
        value = (value << 8) | quint8(bytes.at(offset + i));
    }
    return value;
}

} // namespace

QString LdapValueText::guid(const QByteArray& bytes)
{
    if (bytes.size() != 16) {
        return {};
    }
    const QString head = QStringLiteral("%1-%2-%3-")
                             .arg(littleEndian(bytes, 0, 4), 8, 16, QLatin1Char('0'))
                             .arg(littleEndian(bytes, 4, 2), 4, 16, QLatin1Char('0'))
                             .arg(littleEndian(bytes, 6, 2), 4, 16, QLatin1Char('0'));
    return head + QString::fromLatin1(bytes.mid(8, 2).toHex()) + QLatin1Char('-')
        + QString::fromLatin1(bytes.mid(10, 6).toHex());
}

QString LdapValueText::sid(const QByteArray& bytes)
{
    // revision (1 byte), sub-authority count (1), authority (6, big-endian), sub-authorities (4 each, LE)
    if (bytes.size() < 8) {
        return {};
    }
    const int count = quint8(bytes.at(1));
    if (quint8(bytes.at(0)) != 1 || bytes.size() != 8 + 4 * count) {
        return {};
    }
    quint64 authority = 0;
    for (int i = 2; i < 8; ++i) {
        authority = (authority << 8) | quint8(bytes.at(i));
    }
    QStringList parts {QStringLiteral("S-1"), QString::number(authority)};
    for (int i = 0; i < count; ++i) {
        parts.append(QString::number(littleEndian(bytes, 8 + 4 * i, 4)));
    }
    return parts.join(QLatin1Char('-'));
}

bool LdapValueText::isGuidAttribute(const QString& attribute)
{
    return attribute.compare(QLatin1String("objectGUID"), Qt::CaseInsensitive) == 0;
}

QString LdapValueText::text(const QString& attribute, const QByteArray& bytes)
{
    if (isGuidAttribute(attribute)) {
        const QString text = guid(bytes);
        if (!text.isEmpty()) {
            return text;
        }
    } else if (attribute.compare(QLatin1String("objectSid"), Qt::CaseInsensitive) == 0) {
        const QString text = sid(bytes);
        if (!text.isEmpty()) {
            return text;
        }
    }
    const bool ascii = std::all_of(bytes.begin(), bytes.end(), [](char c) { return quint8(c) < 0x80; });
    if (ascii) {
        return QString::fromLatin1(bytes); // most values: no decoder needed
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        return QString::fromLatin1(bytes.toHex());
    }
    return text;
}
