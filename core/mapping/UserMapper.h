#pragma once

#include "Expression.h"
#include "MappedUser.h"
#include "MatchingAttribute.h"
#include "ScimPath.h"
#include "model/AttributeMapping.h"
#include "model/DirectoryUser.h"
#include "model/ServerCapabilities.h"
#include "model/StaticAttribute.h"

#include <QList>
#include <QString>
#include <QStringList>

// Turns directory users into SCIM User resources with one server's attribute mappings and
// static attributes. Mappings are parsed once here; a mapping whose target or expression
// does not parse is left out and reported by configurationErrors(), so a caller can refuse
// to sync with a broken configuration and show why.
class UserMapper
{
public:
    UserMapper(const AttributeMappings& mappings, const StaticAttributes& staticAttributes,
        const ServerCapabilities& capabilities = {});

    // One message per broken mapping, naming its row and target; empty when all is well.
    QStringList configurationErrors() const { return m_errors; }
    bool isValid() const { return m_errors.isEmpty(); }

    // The SCIM User for user: "schemas" first lists the core schema plus every extension
    // used; OnCreate mappings only for Create; a mapping whose value is empty or blank uses
    // its defaultValue, and with none the attribute is left out; "active" and "primary"
    // become JSON booleans when they read true/false.
    MappedUser map(const DirectoryUser& user, MapPurpose purpose) const;

    // The targets this mapper writes for purpose, in canonical form. The diff compares these
    // and nothing else, so attributes set by hand on the target are left alone.
    QStringList mappedPaths(MapPurpose purpose = MapPurpose::Update) const;
    QList<ScimPath> mappedScimPaths(MapPurpose purpose = MapPurpose::Update) const;

    // Where to look for the user on the target, in order: externalId first whenever it is
    // mapped (the immutable link), then the matching mappings by precedence. Attributes whose
    // value is empty for this user are left out.
    QList<MatchingAttribute> matchingAttributes(const DirectoryUser& user) const;
    // The attribute names matchingAttributes() can hand out (MatchingAttribute::attributeName).
    QStringList matchingAttributeNames() const;

    // Attributes the target compares without case (capabilities' caseInsensitiveUniqueAttributes
    // plus emails.value), for AttributeDiff.
    QStringList caseInsensitivePaths() const;

    // The exact resource map() builds, indented, for "Preview for user…".
    QString renderJson(const DirectoryUser& user, MapPurpose purpose = MapPurpose::Create) const;

    const ServerCapabilities& capabilities() const { return m_capabilities; }

private:
    struct Row
    {
        AttributeMapping mapping;
        ScimPath target;
        Expression expression; // for MappingKind::Expression
    };

    QString valueFor(const Row& row, const DirectoryUser& user) const;

    QList<Row> m_rows;
    QList<StaticAttribute> m_staticAttributes;
    QList<ScimPath> m_staticTargets;
    ServerCapabilities m_capabilities;
    QStringList m_errors;
};
