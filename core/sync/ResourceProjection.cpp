#include "ResourceProjection.h"

#include "CompactEncoding.h"

#include <QJsonDocument>
#include <QStringEncoder>
#include <QVarLengthArray>

ResourceProjection::ResourceProjection(const QStringList& paths)
{
    // The manager first: most users have none, and a look-up of an absent path stops at the
    // first record numbered above it.
    QStringList all {managerPath()};
    all.append(paths);
    for (const QString& text : std::as_const(all)) {
        const auto parsed = ScimPath::parse(text);
        if (!parsed || m_index.contains(keyOf(parsed.value())))
            continue;
        m_index.insert(keyOf(parsed.value()), int(m_paths.size()));
        m_paths.append(parsed.value());
        // UserPatch merges a changed element into the list the target holds (other values stay).
        const QString attribute = parsed->attribute();
        if (parsed->schemaUrn().isEmpty() && ScimPath::isMultiValued(attribute)
            && !m_listAttributes.contains(attribute, Qt::CaseInsensitive)) {
            m_listAttributes.append(attribute);
        }
    }
}

QString ResourceProjection::managerPath()
{
    return QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value");
}

// SCIM names compare without case, and so do the filter values of a path (type eq "Work").
QString ResourceProjection::keyOf(const ScimPath& path)
{
    return path.toString().toCaseFolded();
}

int ResourceProjection::indexOf(const ScimPath& path) const
{
    return path.isValid() ? m_index.value(keyOf(path), -1) : -1;
}

int ResourceProjection::indexOf(const QString& path) const
{
    const auto parsed = ScimPath::parse(path);
    return parsed ? indexOf(parsed.value()) : -1;
}

CompactResource ResourceProjection::compact(const QJsonObject& resource, Keep keep, const QStringList& texts) const
{
    QByteArray text;
    if (keep == Keep::Whole) {
        text = QJsonDocument(resource).toJson(QJsonDocument::Compact);
    } else {
        // The keys ScimPath::set() writes to: the exact name if present, else any spelling.
        QJsonObject lists;
        for (const QString& attribute : m_listAttributes) {
            if (resource.contains(attribute)) {
                lists.insert(attribute, resource.value(attribute));
                continue;
            }
            for (auto it = resource.begin(); it != resource.end(); ++it) {
                if (it.key().compare(attribute, Qt::CaseInsensitive) == 0)
                    lists.insert(it.key(), it.value());
            }
        }
        if (!lists.isEmpty())
            text = QJsonDocument(lists).toJson(QJsonDocument::Compact);
    }

    QByteArray data;
    data.reserve(text.size() + 16 * m_paths.size() + 64);
    CompactEncoding::appendVarint(data, quint64(texts.size()));
    for (const QString& kept : texts) {
        // Encoded on the stack: a temporary QByteArray per text, freed at once, made glibc's
        // allocator consolidate its fast bins over and over when 100,000 users are compacted.
        QVarLengthArray<char, 256> utf8(kept.size() * 3);
        QStringEncoder encoder(QStringEncoder::Utf8);
        const qsizetype length = encoder.appendToBuffer(utf8.data(), kept) - utf8.data();
        CompactEncoding::appendVarint(data, quint64(length));
        data.append(utf8.data(), length);
    }
    CompactEncoding::appendVarint(data, quint64(text.size()));
    data.append(text);
    for (int i = 0; i < m_paths.size(); ++i) {
        const QJsonValue value = m_paths.at(i).get(resource);
        if (value.isUndefined())
            continue;
        CompactEncoding::appendVarint(data, quint64(i));
        CompactEncoding::appendRecord(data, value);
    }
    data.squeeze();
    return CompactResource(std::move(data));
}
