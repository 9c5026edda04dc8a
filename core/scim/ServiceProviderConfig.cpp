#include "ServiceProviderConfig.h"

namespace {

bool flag(const QJsonObject& json, const char* section)
{
    const QJsonValue value = json.value(QLatin1String(section)).toObject().value(QLatin1String("supported"));
    if (value.isString())
        return value.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    return value.toBool(false);
}

int number(const QJsonObject& json, const char* section, const char* key)
{
    const QJsonValue value = json.value(QLatin1String(section)).toObject().value(QLatin1String(key));
    if (value.isString())
        return value.toString().toInt();
    return value.toInt(0);
}

} // namespace

ServiceProviderConfig ServiceProviderConfig::fromJson(const QJsonObject& json)
{
    ServiceProviderConfig config;
    config.patchSupported = flag(json, "patch");
    config.bulkSupported = flag(json, "bulk");
    config.bulkMaxOperations = number(json, "bulk", "maxOperations");
    config.filterSupported = flag(json, "filter");
    config.filterMaxResults = number(json, "filter", "maxResults");
    config.sortSupported = flag(json, "sort");
    config.etagSupported = flag(json, "etag");
    config.changePasswordSupported = flag(json, "changePassword");
    config.raw = json;
    return config;
}
