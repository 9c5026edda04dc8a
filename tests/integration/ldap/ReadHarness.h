#pragma once

#include "DirectoryFixture.h"

#include "ldap/OpenLdapConnection.h"
#include "model/DirectorySource.h"
#include "sources/LdapSourceReader.h"

#include <QMap>
#include <QString>

#include <atomic>
#include <functional>
#include <future>
#include <memory>

// What the directory-source integration tests share: a source for a fixture server, a
// connection that lets a test act at the Nth entry the reader receives (stop or kill the
// server mid-read), a read on a thread of its own, and the canonical form of a read that a full
// and a merged delta read are compared in.
namespace ReadHarness {

// The source the type fills in, pointed at the fixture with the reader account and its CA.
DirectorySource source(const DirectoryFixture& fixture, const char* typeId, bool ldaps = false);

// An OpenLdapConnection that calls afterEntry(n) on the reading thread after the n-th entry
// (counted over every search) has been handed on.
class HookedConnection : public LdapConnection
{
public:
    explicit HookedConnection(std::function<void(int)> afterEntry);

    Status<SourceReadError> open(const LdapConnectionSettings& settings, const std::atomic_bool& cancelled) override;
    Status<SourceReadError> bind(const QString& dn, QByteArray& password, const std::atomic_bool& cancelled) override;
    Status<SourceReadError> search(
        const LdapSearchRequest& request, const EntryHandler& onEntry, const std::atomic_bool& cancelled) override;
    bool isEncrypted() const override { return m_inner.isEncrypted(); }

private:
    OpenLdapConnection m_inner;
    std::function<void(int)> m_afterEntry;
    int m_entries = 0;
};

using ReadResult = Result<SourceRead, SourceReadError>;

// Runs reader.read() on a thread of its own.
std::future<ReadResult> readAsync(std::shared_ptr<LdapSourceReader> reader, const DirectorySource& source,
    const QByteArray& password, const SourceReadRequest& request, const std::atomic_bool& cancelled);

// A read as anchor -> one line per user or group holding every field a sync uses: DNs
// normalised, members as the sorted normalised DNs of entries of the read (what a snapshot can
// resolve), managers resolved from managerDn against the users of the read itself (so a merged
// delta is resolved exactly like a full read).
QMap<QString, QString> canonical(const SourceRead& read);
// previous updated by a delta read the way a source cache does it: changed entries replaced,
// absent anchors dropped, and the member and manager DNs of carried-over entries following
// their targets by anchor (a rename rewrites them without changing the entries that hold them).
SourceRead merged(const SourceRead& previous, const SourceRead& delta);

// A delta read from where previous ended.
SourceReadRequest deltaRequest(const SourceRead& previous);

QString describe(const SourceReadError& error);

// Opens an encrypted connection with source's settings and binds as the fixture's reader:
// empty, or what failed (the step and describe()).
QString openAndBind(const DirectoryFixture& fixture, const DirectorySource& source);

} // namespace ReadHarness
