#pragma once

#include <QString>

#include <optional>

// The id a SCIM server gives a resource, as this client addresses it: always exactly one path
// segment after the endpoint ("/Users/<id>"), percent-encoded when the path is built. An id that
// is empty, "." or "..", or holds a path, query or fragment delimiter or a control character
// would send a request somewhere else (the collection, the base URL, another resource) or be
// cut short when stored, so the resource is refused instead.
class ScimResourceId
{
public:
    static constexpr int kMaxLength = 1024;

    // Why `id` cannot be used, in words for an error message; nullopt when it can.
    static std::optional<QString> problem(const QString& id);
    // The id for a message: quoted, control characters as \xNN / \uNNNN, long ids shortened.
    static QString quoted(const QString& id);
    // endpoint + "/" + the percent-encoded id.
    static QString path(const QString& endpoint, const QString& id);
};
