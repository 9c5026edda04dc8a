#pragma once

#include "RepeatedValueCache.h"
#include "SourceRead.h"
#include "SourceType.h"

#include "ldap/LdapEntry.h"
#include "model/DirectorySource.h"

#include <QString>
#include <QStringList>

// Turns user entries into SourceUserEntry values under a source's settings: the anchor in its
// text form, each mapped attribute (the first of its "a|b" alternatives with a value; custom
// names into customAttributes), the disabled rule, and the manager's DN kept for resolving.
// Pure: no connection; the reader feeds it entries.
class LdapUserMapper
{
public:
    LdapUserMapper(const DirectorySource& source, SourceType::AnchorFormat anchorFormat);

    // Every attribute a user read must request (anchor, mappings, disabled rule), each once.
    QStringList requestedAttributes() const;
    // The entry as a user; false (and *problem says why) when it has no anchor or no userName.
    bool map(const LdapEntry& entry, SourceUserEntry* user, QString* problem) const;
    // The anchor of an entry as text; empty when it has none.
    QString anchorOf(const LdapEntry& entry) const;
    // The directory attribute that "manager" maps from, empty when none is mapped.
    QString managerAttribute() const;

private:
    // One mapping, prepared once: the entries of a read are many, the mappings few.
    struct Alternative
    {
        QString name;
        bool binaryForm = false; // LdapValueText::hasBinaryForm
    };
    struct Field
    {
        QString directoryAttribute;
        QString ldapAttribute; // as configured, "a|b" included
        QList<Alternative> alternatives;
        QString DirectoryUser::*standard = nullptr; // null: a custom attribute
        bool manager = false;
        // Mutable state of a const mapping: a mapper serves one read on one thread.
        mutable RepeatedValueCache repeated;
    };

    static QString firstValue(const LdapEntry& entry, const Field& field);

    DirectorySource m_source;
    SourceType::AnchorFormat m_anchorFormat;
    bool m_anchorIsGuid; // decided once: anchorOf() runs for every entry of a read
    bool m_anchorHasBinaryForm;
    QList<Field> m_fields;
    QString m_userNameSource;
};
