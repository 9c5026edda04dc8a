#include "LdapEntry.h"

QList<QByteArray> LdapEntry::values(const QString& name) const
{
    for (const Attribute& attribute : attributes) {
        if (attribute.name.compare(name, Qt::CaseInsensitive) == 0) {
            return attribute.values;
        }
    }
    return {};
}

bool LdapEntry::has(const QString& name) const
{
    return !values(name).isEmpty();
}

QString LdapEntry::text(const QString& name) const
{
    const QList<QByteArray> all = values(name);
    return all.isEmpty() ? QString() : QString::fromUtf8(all.first());
}

const LdapEntry::Attribute* LdapEntry::ranged(const QString& name) const
{
    const QString prefix = name + QStringLiteral(";range=");
    for (const Attribute& attribute : attributes) {
        if (attribute.name.startsWith(prefix, Qt::CaseInsensitive)) {
            return &attribute;
        }
    }
    return nullptr;
}
