#include "LdapEntry.h"

#include <QLatin1StringView>

const QList<QByteArray>* LdapEntry::find(QStringView name) const
{
    // Servers write names as the schema spells them, nearly always as they were asked for: the
    // exact comparison is the cheap one, the case-insensitive one runs when it fails.
    for (const Attribute& attribute : attributes) {
        if (attribute.name.size() != name.size()) {
            continue;
        }
        const QLatin1StringView candidate(attribute.name);
        if (candidate == name || candidate.compare(name, Qt::CaseInsensitive) == 0) {
            return &attribute.values;
        }
    }
    return nullptr;
}

QList<QByteArray> LdapEntry::values(QStringView name) const
{
    const QList<QByteArray>* found = find(name);
    return found ? *found : QList<QByteArray>();
}

bool LdapEntry::has(QStringView name) const
{
    return !values(name).isEmpty();
}

QString LdapEntry::text(QStringView name) const
{
    const QList<QByteArray> all = values(name);
    return all.isEmpty() ? QString() : QString::fromUtf8(all.first());
}

const LdapEntry::Attribute* LdapEntry::ranged(QStringView name) const
{
    static const QLatin1StringView kRange(";range=");
    for (const Attribute& attribute : attributes) {
        const QLatin1StringView candidate(attribute.name);
        if (candidate.size() > name.size() + kRange.size() && candidate.startsWith(name, Qt::CaseInsensitive)
            && candidate.mid(name.size(), kRange.size()).compare(kRange, Qt::CaseInsensitive) == 0) {
            return &attribute;
        }
    }
    return nullptr;
}

LdapEntry LdapEntry::detached() const
{
    LdapEntry copy;
    copy.dn = dn;
    copy.attributes.reserve(attributes.size());
    for (const Attribute& attribute : attributes) {
        Attribute owned {QByteArray(attribute.name.constData(), attribute.name.size()), {}};
        owned.values.reserve(attribute.values.size());
        for (const QByteArray& value : attribute.values) {
            owned.values.append(QByteArray(value.constData(), value.size()));
        }
        copy.attributes.append(std::move(owned));
    }
    return copy;
}
