#include "DisabledAccountCheck.h"

#include <QString>

bool DisabledAccountCheck::isDisabled(const DisabledAccountRule& rule, const QList<QByteArray>& values)
{
    switch (rule.kind) {
    case DisabledAccountRule::Kind::Never:
        return false;
    case DisabledAccountRule::Kind::AttributePresent:
        return !values.isEmpty();
    case DisabledAccountRule::Kind::AttributeEquals:
        for (const QByteArray& value : values) {
            if (QString::fromUtf8(value).trimmed().compare(rule.value.trimmed(), Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
        return false;
    case DisabledAccountRule::Kind::FlagBitSet:
        for (const QByteArray& value : values) {
            // AD writes the 32-bit flags as a signed decimal (e.g. -2147483646 for bit 31 + bit 1).
            bool ok = false;
            const qint64 flags = value.trimmed().toLongLong(&ok);
            if (ok && (flags & rule.mask) != 0) {
                return true;
            }
        }
        return false;
    }
    return false;
}
