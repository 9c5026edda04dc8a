#include "ScimResponseCheck.h"

#include "ScimResourceId.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>
#include <QUrl>

namespace {

const QString kErrorSchema = QStringLiteral("urn:ietf:params:scim:api:messages:2.0:Error");

QString tr(const char* text)
{
    return QCoreApplication::translate("ScimResponseCheck", text);
}

// The id of a resource from the server, checked as the client will use it.
std::optional<QString> idProblem(const QJsonObject& resource)
{
    const QJsonValue id = resource.value(QLatin1String("id"));
    if (!id.isString())
        return tr("has no \"id\" string, so it cannot be addressed or linked");
    if (const std::optional<QString> problem = ScimResourceId::problem(id.toString()))
        return tr("has an id that cannot be used as one path segment of a URL (%1)").arg(*problem);
    return std::nullopt;
}

std::optional<QString> resourceProblem(const QJsonObject& json, bool bodyIsEmpty)
{
    if (bodyIsEmpty)
        return tr("the answer has no body where the resource was expected");
    if (const std::optional<QString> problem = idProblem(json))
        return tr("the resource in the answer %1").arg(*problem);
    return std::nullopt;
}

std::optional<QString> listProblem(const QJsonObject& json, bool bodyIsEmpty)
{
    if (bodyIsEmpty)
        return tr("the answer to a list read has no body; an empty list still carries \"totalResults\": 0");
    const QJsonValue resources = json.value(QLatin1String("Resources"));
    const QJsonValue total = json.value(QLatin1String("totalResults"));
    if (resources.isUndefined() && total.isUndefined())
        return tr("the answer to a list read has neither \"Resources\" nor \"totalResults\", so it is not a list");
    if (!resources.isUndefined() && !resources.isArray())
        return tr("\"Resources\" in a list response is not an array");
    if (!total.isUndefined() && (!total.isDouble() || total.toDouble() < 0))
        return tr("\"totalResults\" in a list response is not a number of results");
    // One resource the client cannot address makes the whole read unusable: skipping it would
    // hide an object from the plan (and create it again).
    const QJsonArray items = resources.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return tr("resource %1 of the list page is not a JSON object").arg(i + 1);
        if (const std::optional<QString> problem = idProblem(items.at(i).toObject()))
            return tr("resource %1 of the list page %2").arg(QString::number(i + 1), *problem);
    }
    return std::nullopt;
}

} // namespace

bool ScimResponseCheck::isDiscoveryPath(const QString& path)
{
    for (const char* prefix : {"/ServiceProviderConfig", "/Schemas", "/ResourceTypes"}) {
        if (path.startsWith(QLatin1String(prefix)))
            return true;
    }
    return false;
}

std::optional<QString> ScimResponseCheck::addressedId(const QString& path)
{
    if (isDiscoveryPath(path))
        return std::nullopt;
    const qsizetype slash = path.indexOf(QLatin1Char('/'), 1);
    if (slash < 0)
        return std::nullopt;
    return QUrl::fromPercentEncoding(path.mid(slash + 1).toLatin1());
}

ScimResponseCheck::Shape ScimResponseCheck::expectedShape(const QByteArray& method, const QString& path)
{
    if (isDiscoveryPath(path))
        return Shape::Anything;
    // "/Users" is a collection, "/Users/<id>" one resource.
    const bool oneResource = path.indexOf(QLatin1Char('/'), 1) > 0;
    if (method == "GET")
        return oneResource ? Shape::Resource : Shape::List;
    if (method == "POST")
        return oneResource ? Shape::Anything : Shape::Resource;
    if (method == "PUT" || method == "PATCH")
        return Shape::OptionalResource;
    return Shape::Anything;
}

bool ScimResponseCheck::isScimErrorBody(const QJsonObject& json)
{
    // AWS sends both "schema" and "schemas", some answers only "schema".
    for (const char* key : {"schemas", "schema"}) {
        for (const QJsonValue& schema : json.value(QLatin1String(key)).toArray()) {
            if (schema.toString().compare(kErrorSchema, Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

std::optional<QString> ScimResponseCheck::problem(Shape shape, const QJsonObject& json, bool bodyIsEmpty)
{
    if (isScimErrorBody(json)) {
        const QJsonValue status = json.value(QLatin1String("status"));
        const QString statusText = status.isDouble() ? QString::number(status.toInt()) : status.toString();
        return tr("the server reported an error (status %1) in an answer marked as a success: %2")
            .arg(statusText.isEmpty() ? QStringLiteral("?") : statusText,
                json.value(QLatin1String("detail")).toString());
    }
    switch (shape) {
    case Shape::Anything:
        return std::nullopt;
    case Shape::List:
        return listProblem(json, bodyIsEmpty);
    case Shape::Resource:
        return resourceProblem(json, bodyIsEmpty);
    case Shape::OptionalResource:
        if (bodyIsEmpty || !json.contains(QLatin1String("id")))
            return std::nullopt;
        return resourceProblem(json, bodyIsEmpty);
    }
    return std::nullopt;
}
