#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// What a 2xx answer must look like before the client hands it out as a success. A server that
// answers 200 with an empty body, a SCIM error, or a list without Resources and totalResults
// has not said "there is nothing": acting on it would create every user again. The shape
// expected follows from the request: a list read, a read or create of one resource, a write
// whose answer may be empty (204-style), or anything (discovery, DELETE).
class ScimResponseCheck
{
public:
    enum class Shape
    {
        Anything, // only a SCIM error body is refused
        List, // a ListResponse: "Resources" array and/or "totalResults"
        Resource, // one resource with an "id"
        OptionalResource, // empty, or one resource
    };

    static Shape expectedShape(const QByteArray& method, const QString& path);

    // Why the answer is unusable, in words for ScimError::detail; nullopt when it is usable.
    // `json` is the parsed body (empty for an empty body).
    static std::optional<QString> problem(Shape shape, const QJsonObject& json, bool bodyIsEmpty);

    static bool isScimErrorBody(const QJsonObject& json);
    // /ServiceProviderConfig, /Schemas[/…], /ResourceTypes[/…]: not resources.
    static bool isDiscoveryPath(const QString& path);
    // The decoded id a request path addresses ("/Users/<id>" → id, "/Users/" → ""), nullopt
    // for a collection or discovery path.
    static std::optional<QString> addressedId(const QString& path);
};
