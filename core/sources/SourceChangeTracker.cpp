#include "SourceChangeTracker.h"

#include "ldap/LdapFilter.h"
#include "ldap/LdapValueText.h"

#include <QCoreApplication>
#include <QLatin1StringView>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SourceChangeTracker", text);
}

SourceReadError deltaNotPossible(const QString& why)
{
    SourceReadError error;
    error.kind = SourceReadError::Kind::DeltaNotPossible;
    error.message = tr("Only a full read can be trusted now: %1").arg(why);
    error.remedy = tr("Read the source fully (Read Fully on Directory Sources, or scimdesk-cli sources read NAME "
                      "--full); the next reads can be incremental again.");
    return error;
}

// One base-scope read of dn's attribute, as text; empty when the entry or the value is missing.
Result<QString, SourceReadError> readValue(
    LdapConnection& connection, const QString& dn, const QString& attribute, const std::atomic_bool& cancelled)
{
    LdapSearchRequest request;
    request.baseDn = dn;
    request.scope = LdapSearchRequest::Scope::Base;
    request.attributes = {attribute};
    QString value;
    const auto status = connection.search(
        request,
        [&](const LdapEntry& entry) -> Status<SourceReadError> {
            const QList<QByteArray> values = entry.values(attribute);
            if (!values.isEmpty()) {
                value = LdapValueText::guid(values.first());
                if (value.isEmpty()) {
                    value = LdapValueText::text(attribute, values.first());
                }
            }
            return {};
        },
        cancelled);
    if (!status) {
        return status.error();
    }
    return value;
}

} // namespace

SourceChangeTracker::SourceChangeTracker(SourceType::HighWaterMark mechanism)
    : m_mechanism(mechanism)
    , m_markAttribute(markAttribute())
{
}

QString SourceChangeTracker::kindId() const
{
    switch (m_mechanism) {
    case SourceType::HighWaterMark::Usn:
        return QStringLiteral("usn");
    case SourceType::HighWaterMark::Csn:
        return QStringLiteral("csn");
    case SourceType::HighWaterMark::ModifyTimestamp:
        return QStringLiteral("ts");
    case SourceType::HighWaterMark::None:
        break;
    }
    return {};
}

QString SourceChangeTracker::markAttribute() const
{
    switch (m_mechanism) {
    case SourceType::HighWaterMark::Usn:
        return QStringLiteral("uSNChanged");
    case SourceType::HighWaterMark::Csn:
        return QStringLiteral("entryCSN");
    case SourceType::HighWaterMark::ModifyTimestamp:
        return QStringLiteral("modifyTimestamp");
    case SourceType::HighWaterMark::None:
        break;
    }
    return {};
}

QStringList SourceChangeTracker::markAttributes() const
{
    const bool followed
        = m_mechanism == SourceType::HighWaterMark::Csn || m_mechanism == SourceType::HighWaterMark::ModifyTimestamp;
    return followed ? QStringList {markAttribute()} : QStringList();
}

bool SourceChangeTracker::splitMark(const QString& text, QString* kind, QString* value)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        return false;
    }
    *kind = text.left(colon);
    *value = text.mid(colon + 1);
    const bool known = *kind == QLatin1String("usn") || *kind == QLatin1String("csn") || *kind == QLatin1String("ts");
    return known && !value->isEmpty();
}

Status<SourceReadError> SourceChangeTracker::begin(
    LdapConnection& connection, const LdapRootDse& rootDse, const QString& baseDn, const std::atomic_bool& cancelled)
{
    if (m_mechanism == SourceType::HighWaterMark::Usn) {
        m_startUsn = rootDse.highestCommittedUsn;
        if (!rootDse.dsServiceName.isEmpty()) {
            const auto invocation
                = readValue(connection, rootDse.dsServiceName, QStringLiteral("invocationId"), cancelled);
            if (!invocation) {
                return invocation.error();
            }
            m_identity = invocation.value().isEmpty() ? QString() : QStringLiteral("ad:") + invocation.value();
        }
        return {};
    }
    if (m_mechanism == SourceType::HighWaterMark::None) {
        return {};
    }
    const auto uuid = readValue(connection, baseDn, QStringLiteral("entryUUID"), cancelled);
    if (!uuid) {
        return uuid.error();
    }
    m_identity = uuid.value().isEmpty() ? QString() : QStringLiteral("uuid:") + uuid.value();
    return {};
}

Status<SourceReadError> SourceChangeTracker::checkDelta(const SourceReadRequest& request) const
{
    QString kind;
    QString value;
    if (m_mechanism == SourceType::HighWaterMark::None) {
        return deltaNotPossible(tr("this kind of directory has no change marker."));
    }
    if (!splitMark(request.sinceHighWaterMark, &kind, &value) || kind != kindId()) {
        return deltaNotPossible(tr("the last read's high-water mark (\"%1\") is not one this source's type sets.")
                                    .arg(request.sinceHighWaterMark));
    }
    if (request.expectedServerIdentity != m_identity) {
        return deltaNotPossible(m_mechanism == SourceType::HighWaterMark::Usn
                ? tr("another domain controller answered, or this one was restored from a backup (its invocationId "
                     "changed).")
                : tr("the directory's base entry is not the one read last time (its entryUUID changed)."));
    }
    if (m_mechanism == SourceType::HighWaterMark::Usn) {
        bool ok = false;
        const qint64 since = value.toLongLong(&ok);
        if (!ok || m_startUsn.isEmpty() || m_startUsn.toLongLong() < since) {
            return deltaNotPossible(tr("the domain controller's update sequence number went back (%1 now, %2 at the "
                                       "last read).")
                                        .arg(m_startUsn, value));
        }
    }
    return {};
}

QString SourceChangeTracker::changedSince(const SourceReadRequest& request) const
{
    QString kind;
    QString value;
    splitMark(request.sinceHighWaterMark, &kind, &value);
    if (m_mechanism == SourceType::HighWaterMark::Usn) {
        return LdapFilter::atLeast(markAttribute(), QString::number(value.toLongLong() + 1));
    }
    return LdapFilter::atLeast(markAttribute(), value);
}

void SourceChangeTracker::continueFrom(const SourceReadRequest& request)
{
    QString kind;
    QString value;
    if (m_mechanism != SourceType::HighWaterMark::Usn && splitMark(request.sinceHighWaterMark, &kind, &value)
        && kind == kindId() && value > m_highest) {
        m_highest = value;
    }
}

void SourceChangeTracker::observe(const LdapEntry& entry)
{
    if (m_mechanism != SourceType::HighWaterMark::Csn && m_mechanism != SourceType::HighWaterMark::ModifyTimestamp) {
        return;
    }
    // Both are fixed-width ASCII UTC strings (YYYYmmddHHMMSS…Z), so text order is time order;
    // only a new highest value becomes a QString.
    const QList<QByteArray>* values = entry.find(m_markAttribute);
    if (!values || values->isEmpty()) {
        return;
    }
    const QByteArray& value = values->first();
    if (m_highest.compare(QLatin1StringView(value.constData(), value.size())) < 0) {
        m_highest = QString::fromUtf8(value);
    }
}

QString SourceChangeTracker::highWaterMark() const
{
    if (m_mechanism == SourceType::HighWaterMark::Usn) {
        return m_startUsn.isEmpty() ? QString() : QStringLiteral("usn:") + m_startUsn;
    }
    if (m_highest.isEmpty()) {
        return {};
    }
    return kindId() + QLatin1Char(':') + m_highest;
}
