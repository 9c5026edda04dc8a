#include "ReadHarness.h"

#include "sources/DistinguishedName.h"
#include "sources/SourceTypeRegistry.h"

#include <QHash>
#include <QSet>

#include <thread>

namespace ReadHarness {

DirectorySource source(const DirectoryFixture& fixture, const char* typeId, bool ldaps)
{
    DirectorySource base;
    base.name = QStringLiteral("fixture");
    base.url = ldaps ? fixture.ldapsUri() : fixture.ldapUri();
    base.startTls = !ldaps;
    base.caFilePath = fixture.caFile();
    base.bindDn = fixture.readerDn();
    base.baseDn = fixture.baseDn();
    base.pageSize = 200;
    base.timeoutSeconds = 30;
    return SourceTypeRegistry::load().applyType(base, QLatin1String(typeId))->result;
}

HookedConnection::HookedConnection(std::function<void(int)> afterEntry)
    : m_afterEntry(std::move(afterEntry))
{
}

Status<SourceReadError> HookedConnection::open(
    const LdapConnectionSettings& settings, const std::atomic_bool& cancelled)
{
    return m_inner.open(settings, cancelled);
}

Status<SourceReadError> HookedConnection::bind(
    const QString& dn, QByteArray& password, const std::atomic_bool& cancelled)
{
    return m_inner.bind(dn, password, cancelled);
}

Status<SourceReadError> HookedConnection::search(
    const LdapSearchRequest& request, const EntryHandler& onEntry, const std::atomic_bool& cancelled)
{
    return m_inner.search(
        request,
        [&](const LdapEntry& entry) {
            const auto handled = onEntry(entry);
            m_afterEntry(++m_entries);
            return handled;
        },
        cancelled);
}

std::future<ReadResult> readAsync(std::shared_ptr<LdapSourceReader> reader, const DirectorySource& source,
    const QByteArray& password, const SourceReadRequest& request, const std::atomic_bool& cancelled)
{
    std::promise<ReadResult> promise;
    std::future<ReadResult> future = promise.get_future();
    std::thread([reader, source, password, request, &cancelled, promise = std::move(promise)]() mutable {
        promise.set_value(reader->read(source, password, request, cancelled));
    }).detach();
    return future;
}

QMap<QString, QString> canonical(const SourceRead& read)
{
    QHash<QString, QString> userNameByDn;
    QSet<QString> present; // normalised DNs of every user and group of the read
    for (const SourceUserEntry& entry : read.users) {
        userNameByDn.insert(DistinguishedName::normalizedKey(entry.dn), entry.user.userName);
        present.insert(DistinguishedName::normalizedKey(entry.dn));
    }
    for (const SourceGroupEntry& group : read.groups) {
        present.insert(DistinguishedName::normalizedKey(group.dn));
    }
    QMap<QString, QString> lines;
    for (const SourceUserEntry& entry : read.users) {
        const DirectoryUser& user = entry.user;
        QStringList fields {DistinguishedName::normalizedKey(entry.dn), user.userName, user.email, user.givenName,
            user.familyName, user.displayName, user.phone, user.title, user.department, user.employeeNumber,
            userNameByDn.value(DistinguishedName::normalizedKey(entry.managerDn)),
            user.active ? QStringLiteral("active") : QStringLiteral("disabled")};
        for (auto it = user.customAttributes.begin(); it != user.customAttributes.end(); ++it) {
            fields.append(it.key() + QLatin1Char('=') + it.value());
        }
        lines.insert(QStringLiteral("user ") + user.objectId, fields.join(QLatin1Char('|')));
    }
    for (const SourceGroupEntry& group : read.groups) {
        QStringList members; // what a snapshot resolves: members that are entries of the read
        for (const QString& dn : group.memberDns) {
            const QString key = DistinguishedName::normalizedKey(dn);
            if (present.contains(key)) {
                members.append(key);
            }
        }
        members.sort();
        lines.insert(QStringLiteral("group ") + group.anchor,
            QStringList {DistinguishedName::normalizedKey(group.dn), group.name, group.description,
                members.join(QLatin1Char(';'))}
                .join(QLatin1Char('|')));
    }
    return lines;
}

namespace {

// normalised DN -> anchor, over the users and groups of a read.
QHash<QString, QString> anchorsByDn(const SourceRead& read)
{
    QHash<QString, QString> anchors;
    for (const auto& entry : read.users) {
        anchors.insert(DistinguishedName::normalizedKey(entry.dn), entry.user.objectId);
    }
    for (const auto& group : read.groups) {
        anchors.insert(DistinguishedName::normalizedKey(group.dn), group.anchor);
    }
    return anchors;
}

} // namespace

SourceRead merged(const SourceRead& previous, const SourceRead& delta)
{
    SourceRead result;
    const QSet<QString> users(delta.presentUserAnchors.begin(), delta.presentUserAnchors.end());
    const QSet<QString> groups(delta.presentGroupAnchors.begin(), delta.presentGroupAnchors.end());
    QSet<QString> changed;
    for (const auto& entry : delta.users) {
        changed.insert(entry.user.objectId);
        result.users.append(entry);
    }
    for (const auto& group : delta.groups) {
        changed.insert(group.anchor);
        result.groups.append(group);
    }
    for (const auto& entry : previous.users) {
        if (users.contains(entry.user.objectId) && !changed.contains(entry.user.objectId)) {
            result.users.append(entry);
        }
    }
    QList<SourceGroupEntry> carried;
    for (const auto& group : previous.groups) {
        if (groups.contains(group.anchor) && !changed.contains(group.anchor)) {
            carried.append(group);
        }
    }
    // A rename rewrites member and manager values (slapd's refint, AD's linked attributes) without
    // changing the entries holding them: carried-over DNs follow their entry by anchor, as a
    // snapshot that remembers members by local id does.
    const QHash<QString, QString> before = anchorsByDn(previous);
    QHash<QString, QString> dnByAnchor;
    for (const auto& entry : result.users) {
        dnByAnchor.insert(entry.user.objectId, entry.dn);
    }
    for (const auto& group : result.groups + carried) {
        dnByAnchor.insert(group.anchor, group.dn);
    }
    const auto current = [&](const QString& dn) {
        const QString anchor = before.value(DistinguishedName::normalizedKey(dn));
        return anchor.isEmpty() ? dn : dnByAnchor.value(anchor);
    };
    for (SourceGroupEntry group : carried) {
        QStringList members;
        for (const QString& dn : std::as_const(group.memberDns)) {
            if (const QString now = current(dn); !now.isEmpty()) {
                members.append(now);
            }
        }
        group.memberDns = members;
        result.groups.append(group);
    }
    for (SourceUserEntry& entry : result.users) {
        if (!changed.contains(entry.user.objectId) && !entry.managerDn.isEmpty()) {
            entry.managerDn = current(entry.managerDn);
        }
    }
    return result;
}

SourceReadRequest deltaRequest(const SourceRead& previous)
{
    SourceReadRequest request;
    request.full = false;
    request.sinceHighWaterMark = previous.highWaterMark;
    request.expectedServerIdentity = previous.serverIdentity;
    return request;
}

QString describe(const SourceReadError& error)
{
    return QStringLiteral("kind %1: %2 / %3 / %4")
        .arg(int(error.kind))
        .arg(error.message, error.remedy, error.diagnostic);
}

QString openAndBind(const DirectoryFixture& fixture, const DirectorySource& source)
{
    OpenLdapConnection connection;
    std::atomic_bool cancelled {false};
    const auto opened = connection.open(LdapSourceReader::connectionSettings(source), cancelled);
    if (!opened.ok()) {
        return QStringLiteral("open: ") + describe(opened.error());
    }
    if (!connection.isEncrypted()) {
        return QStringLiteral("open: not encrypted");
    }
    QByteArray password = fixture.readerPassword();
    const auto bound = connection.bind(source.bindDn, password, cancelled);
    if (!bound.ok()) {
        return QStringLiteral("bind: ") + describe(bound.error());
    }
    return password.isEmpty() ? QString() : QStringLiteral("bind: the password was not wiped");
}

} // namespace ReadHarness
