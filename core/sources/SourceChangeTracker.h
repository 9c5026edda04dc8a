#pragma once

#include "SourceRead.h"
#include "SourceType.h"

#include "ldap/LdapConnection.h"
#include "ldap/LdapRootDse.h"

#include <QString>
#include <QStringList>

// The high-water mark of a source's reads: what it is after a read, which entries changed since
// an earlier one, and whether a delta read from that mark can be trusted.
//   usn (Active Directory): highestCommittedUSN taken before the read; changed entries have
//     uSNChanged above it. Only valid on the same domain controller database: its invocationId
//     (which a restore from backup changes) is the server identity.
//   csn (OpenLDAP): the highest entryCSN seen; changed entries have entryCSN at or above it.
//   modify-timestamp: the highest modifyTimestamp seen, compared the same way (inclusive, so a
//     change in the same second is read again rather than missed).
// Marks are stored as text with their kind ("usn:12345", "csn:…", "ts:…"), so a mark of another
// kind is refused instead of misread.
class SourceChangeTracker
{
public:
    explicit SourceChangeTracker(SourceType::HighWaterMark mechanism);

    SourceType::HighWaterMark mechanism() const { return m_mechanism; }
    // Attributes each entry must be read with to follow the mark.
    QStringList markAttributes() const;

    // Takes the server's state before reading: AD's highestCommittedUSN and invocationId, else the
    // entryUUID of the base DN's entry as the identity of the directory.
    Status<SourceReadError> begin(LdapConnection& connection, const LdapRootDse& rootDse, const QString& baseDn,
        const std::atomic_bool& cancelled);
    // Whether a delta read from request's mark is possible now; DeltaNotPossible says why not.
    Status<SourceReadError> checkDelta(const SourceReadRequest& request) const;
    // A delta read continues from request's mark: with nothing changed, the mark stays.
    void continueFrom(const SourceReadRequest& request);
    // The filter of entries changed since request's mark, e.g. "(uSNChanged>=12346)".
    QString changedSince(const SourceReadRequest& request) const;
    // Follows the mark through an entry that was read.
    void observe(const LdapEntry& entry);

    QString highWaterMark() const;
    QString serverIdentity() const { return m_identity; }

    // "usn:12345" -> ("usn", "12345"); false when text has no known kind.
    static bool splitMark(const QString& text, QString* kind, QString* value);

private:
    QString kindId() const;
    QString markAttribute() const;

    SourceType::HighWaterMark m_mechanism;
    QString m_startUsn; // AD: highestCommittedUSN before the read
    QString m_highest; // csn / modify-timestamp: the highest value seen
    QString m_markAttribute; // markAttribute(), looked up in every entry of a read
    QString m_identity;
};
