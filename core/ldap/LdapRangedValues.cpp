#include "LdapRangedValues.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LdapRangedValues", text);
}

SourceReadError incomplete(const QString& dn, const QString& attribute, const QString& what)
{
    SourceReadError error;
    error.kind = SourceReadError::Kind::Paging;
    error.message = tr("The values of %1 of %2 could not be read completely in ranges: %3").arg(attribute, dn, what);
    error.remedy = tr("Run the read again; if it keeps failing, the directory's ranged retrieval (MaxValRange) is "
                      "misconfigured. Nothing was changed on any target.");
    return error;
}

// One base-scope request for attribute;range=low-(high|*) of dn.
Status<SourceReadError> requestRange(LdapConnection& connection, const QString& dn, const QString& attribute, int low,
    int step, const LdapConnection::EntryHandler& onEntry, const std::atomic_bool& cancelled)
{
    LdapSearchRequest request;
    request.baseDn = dn;
    request.scope = LdapSearchRequest::Scope::Base;
    request.attributes = {QStringLiteral("%1;range=%2-%3")
                              .arg(attribute)
                              .arg(low)
                              .arg(step > 0 ? QString::number(low + step - 1) : QStringLiteral("*"))};
    return connection.search(request, onEntry, cancelled);
}

} // namespace

bool LdapRangedValues::parse(const QString& name, QString* base, Range* range)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(.+);range=([0-9]+)-([0-9]+|\\*)$"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(name);
    if (!match.hasMatch()) {
        return false;
    }
    *base = match.captured(1);
    range->low = match.captured(2).toInt();
    range->high = match.captured(3) == QLatin1String("*") ? -1 : match.captured(3).toInt();
    return range->isLast() || range->high >= range->low;
}

Status<SourceReadError> LdapRangedValues::readRest(LdapConnection& connection, const QString& dn,
    const QString& attribute, Range got, int step, QList<QByteArray>* values, const std::atomic_bool& cancelled)
{
    while (!got.isLast()) {
        const int low = got.high + 1;
        bool answered = false;
        Range next;
        const auto onEntry = [&](const LdapEntry& entry) -> Status<SourceReadError> {
            const LdapEntry::Attribute* ranged = entry.ranged(attribute);
            QString base;
            if (!ranged) {
                return {};
            }
            if (!parse(QString::fromLatin1(ranged->name), &base, &next) || next.low != low) {
                return incomplete(dn, attribute,
                    tr("the server answered %1 when asked for values from %2")
                        .arg(QString::fromLatin1(ranged->name))
                        .arg(low));
            }
            answered = true;
            *values += entry.detached().ranged(attribute)->values;
            return {};
        };
        if (auto read = requestRange(connection, dn, attribute, low, step, onEntry, cancelled); !read) {
            return read;
        }
        if (!answered) {
            // Asked past the last value: Active Directory then returns no value at all.
            return {};
        }
        got = next;
    }
    return {};
}

Result<QList<QByteArray>, SourceReadError> LdapRangedValues::readAll(LdapConnection& connection, const QString& dn,
    const QString& attribute, int step, const std::atomic_bool& cancelled)
{
    QList<QByteArray> values;
    Range first {0, -1};
    bool answered = false;
    const auto onEntry = [&](const LdapEntry& entry) -> Status<SourceReadError> {
        QString base;
        if (const LdapEntry::Attribute* ranged = entry.ranged(attribute)) {
            if (!parse(QString::fromLatin1(ranged->name), &base, &first) || first.low != 0) {
                return incomplete(dn, attribute, tr("the first range is %1").arg(QString::fromLatin1(ranged->name)));
            }
            values = entry.detached().ranged(attribute)->values;
            answered = true;
        } else if (entry.has(attribute)) {
            values = entry.detached().values(attribute); // a server that ignores ranges sends everything
            answered = true;
            first = Range {0, -1};
        }
        return {};
    };
    if (auto read = requestRange(connection, dn, attribute, 0, step, onEntry, cancelled); !read) {
        return read.error();
    }
    if (!answered) {
        return values;
    }
    if (auto rest = readRest(connection, dn, attribute, first, step, &values, cancelled); !rest) {
        return rest.error();
    }
    return values;
}
