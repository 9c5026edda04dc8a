#pragma once

#include "ScimPathError.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

class QJsonArray;

// A SCIM attribute path as mappings name their targets (RFC 7644 §3.10, the subset a
// mapping target needs):
//   userName                      simple attribute
//   name.givenName                sub-attribute of a complex attribute
//   emails[type eq "work"].value  one element of a multi-valued attribute, picked by a filter
//   urn:…:enterprise:2.0:User:manager.value   any of the above inside a schema extension
// Attribute names are case-insensitive as in SCIM; the filter supports "eq" only.
class ScimPath
{
public:
    ScimPath() = default;

    static Result<ScimPath, ScimPathError> parse(const QString& text);

    // Writes value at this path, building the JSON a SCIM server expects: extension
    // attributes go under their URN and the URN is added to "schemas"; a filtered element of
    // emails/phoneNumbers is created with the filter's value (type) and, being the first of
    // its list, "primary": true. An undefined or null value removes the attribute and any
    // container left empty.
    void set(QJsonObject& resource, const QJsonValue& value) const;
    // Reads the value at this path; undefined when absent. A sub-attribute of a multi-valued
    // attribute without a filter (emails.value) yields the single value, or an array of all.
    QJsonValue get(const QJsonObject& resource) const;

    // Convenience for callers holding text; a path that does not parse reads as undefined
    // and sets nothing (error, if given, says why).
    static bool set(
        QJsonObject& resource, const QString& path, const QJsonValue& value, ScimPathError* error = nullptr);
    static QJsonValue get(const QJsonObject& resource, const QString& path);

    bool isValid() const { return !m_attribute.isEmpty(); }
    QString schemaUrn() const { return m_schemaUrn; } // empty for the core schema
    QString attribute() const { return m_attribute; } // e.g. "emails", "name", "userName"
    QString subAttribute() const { return m_subAttribute; } // e.g. "value"; empty if none
    bool hasFilter() const { return !m_filterAttribute.isEmpty(); }
    QString filterAttribute() const { return m_filterAttribute; } // e.g. "type"
    QJsonValue filterValue() const { return m_filterValue; } // e.g. "work"

    // The attribute's name without any filter, as schemas, capabilities and filters name it:
    // "emails.value", "name.givenName", "urn:…:User:manager.value".
    QString attributeName() const;
    // The path as text in canonical form (what parse() read, with normalised spacing).
    QString toString() const;

    // Whether the named core attribute is multi-valued in the SCIM User/Group schema.
    static bool isMultiValued(const QString& attribute);
    static QString coreUserSchema();

    bool operator==(const ScimPath& other) const;
    bool operator!=(const ScimPath& other) const { return !(*this == other); }

private:
    QJsonValue getIn(const QJsonObject& container) const;
    void setIn(QJsonObject& container, const QJsonValue& value) const;
    // A complex attribute (name.givenName): sets or removes the sub-attribute and drops the
    // attribute once it is empty.
    void setInComplex(QJsonObject& container, const QString& key, const QJsonValue& value) const;
    // The element of a multi-valued attribute this path addresses: the one the filter matches,
    // without a filter the primary one or else the first; -1 when there is none.
    int elementIndex(const QJsonArray& elements) const;
    // Removes the sub-attribute from elements[index], and the element itself when all that is
    // left only described the removed value.
    void removeFromElement(QJsonArray& elements, int index, const QString& subAttribute) const;
    // Writes value into elements[index], or into a new element when index is -1 (carrying the
    // filter's value, and "primary" as the first email or phone number).
    void setInElement(QJsonArray& elements, int index, const QString& subAttribute, const QJsonValue& value) const;
    bool matchesFilter(const QJsonValue& element) const;

    QString m_schemaUrn;
    QString m_attribute;
    QString m_filterAttribute;
    QJsonValue m_filterValue;
    QString m_subAttribute;
};
