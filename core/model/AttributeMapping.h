#pragma once

#include <QList>
#include <QString>

enum class MappingKind
{
    Direct, // a directory attribute, e.g. "givenName"
    Expression, // an expression, e.g. Join(" ", givenName, familyName)
};

enum class ApplyWhen
{
    Always,
    OnCreate,
};

// One row of a server's SCIM attribute mapping: where a value comes from and which
// SCIM path it lands on. Static (constant) attributes are StaticAttribute.
struct AttributeMapping
{
    MappingKind kind = MappingKind::Direct;
    QString source;
    QString target;
    ApplyWhen applyWhen = ApplyWhen::Always;
    bool matching = false;
    int matchingPrecedence = 0; // lower is tried first; only meaningful when matching
    QString defaultValue; // used when the source evaluates to empty

    static QString kindId(MappingKind kind);
    static QString applyWhenId(ApplyWhen when);
    static bool kindFromId(const QString& id, MappingKind* kind);
    static bool applyWhenFromId(const QString& id, ApplyWhen* when);

    bool operator==(const AttributeMapping& other) const;
};

using AttributeMappings = QList<AttributeMapping>;
