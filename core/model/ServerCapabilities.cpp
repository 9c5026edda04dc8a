#include "ServerCapabilities.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace {

QJsonArray toArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

class JsonReader
{
public:
    JsonReader(const QJsonObject& json, QString* error)
        : m_json(json)
        , m_error(error)
    {
    }

    void read(const char* key, bool* out)
    {
        const auto value = m_json.value(QLatin1String(key));
        if (value.isUndefined()) {
            return;
        }
        if (!value.isBool()) {
            fail(key, "true or false");
            return;
        }
        *out = value.toBool();
    }

    void read(const char* key, int* out)
    {
        const auto value = m_json.value(QLatin1String(key));
        if (value.isUndefined()) {
            return;
        }
        if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() != double(value.toInt())) {
            fail(key, "a whole number of 0 or more");
            return;
        }
        *out = value.toInt();
    }

    void read(const char* key, QString* out)
    {
        const auto value = m_json.value(QLatin1String(key));
        if (value.isUndefined()) {
            return;
        }
        if (!value.isString()) {
            fail(key, "a string");
            return;
        }
        *out = value.toString();
    }

    void read(const char* key, QStringList* out)
    {
        const auto value = m_json.value(QLatin1String(key));
        if (value.isUndefined()) {
            return;
        }
        if (!value.isArray()) {
            fail(key, "a list of strings");
            return;
        }
        QStringList list;
        for (const auto& item : value.toArray()) {
            if (!item.isString()) {
                fail(key, "a list of strings");
                return;
            }
            list.append(item.toString());
        }
        *out = list;
    }

    void fail(const char* key, const char* expected)
    {
        if (m_error && m_error->isEmpty()) {
            *m_error = QCoreApplication::translate("ServerCapabilities", "capabilities.%1 must be %2")
                           .arg(QLatin1String(key), QLatin1String(expected));
        }
    }

private:
    const QJsonObject& m_json;
    QString* m_error;
};

const char* const knownKeys[]
    = {"pagingMode", "maxPageSize", "maxListResources", "filterOperators", "userFilterAttributes",
        "groupFilterAttributes", "patchSupported", "patchValueFilterPaths", "bulkSupported", "maxMembersPerPatch",
        "maxMembersOnCreate", "groupReadReturnsMembers", "groupPutSupported", "replaceAllMembersSupported",
        "singleValuedMultiAttributes", "requiredUserAttributes", "userNameForbiddenCharacters", "maxUserNameLength",
        "maxStringLength", "reservedUserNames", "caseInsensitiveUniqueAttributes", "tokenLifetimeDays"};

} // namespace

QString ServerCapabilities::pagingModeId(PagingMode mode)
{
    switch (mode) {
    case PagingMode::Cursor:
        return QStringLiteral("cursor");
    case PagingMode::StartIndex:
        return QStringLiteral("startIndex");
    case PagingMode::SinglePage:
        return QStringLiteral("singlePage");
    }
    return {};
}

bool ServerCapabilities::pagingModeFromId(const QString& id, PagingMode* mode)
{
    for (auto candidate : {PagingMode::Cursor, PagingMode::StartIndex, PagingMode::SinglePage}) {
        if (pagingModeId(candidate) == id) {
            *mode = candidate;
            return true;
        }
    }
    return false;
}

QJsonObject ServerCapabilities::toJson() const
{
    return QJsonObject {
        {QStringLiteral("pagingMode"), pagingModeId(pagingMode)},
        {QStringLiteral("maxPageSize"), maxPageSize},
        {QStringLiteral("maxListResources"), maxListResources},
        {QStringLiteral("filterOperators"), toArray(filterOperators)},
        {QStringLiteral("userFilterAttributes"), toArray(userFilterAttributes)},
        {QStringLiteral("groupFilterAttributes"), toArray(groupFilterAttributes)},
        {QStringLiteral("patchSupported"), patchSupported},
        {QStringLiteral("patchValueFilterPaths"), patchValueFilterPaths},
        {QStringLiteral("bulkSupported"), bulkSupported},
        {QStringLiteral("maxMembersPerPatch"), maxMembersPerPatch},
        {QStringLiteral("maxMembersOnCreate"), maxMembersOnCreate},
        {QStringLiteral("groupReadReturnsMembers"), groupReadReturnsMembers},
        {QStringLiteral("groupPutSupported"), groupPutSupported},
        {QStringLiteral("replaceAllMembersSupported"), replaceAllMembersSupported},
        {QStringLiteral("singleValuedMultiAttributes"), toArray(singleValuedMultiAttributes)},
        {QStringLiteral("requiredUserAttributes"), toArray(requiredUserAttributes)},
        {QStringLiteral("userNameForbiddenCharacters"), userNameForbiddenCharacters},
        {QStringLiteral("maxUserNameLength"), maxUserNameLength},
        {QStringLiteral("maxStringLength"), maxStringLength},
        {QStringLiteral("reservedUserNames"), toArray(reservedUserNames)},
        {QStringLiteral("caseInsensitiveUniqueAttributes"), toArray(caseInsensitiveUniqueAttributes)},
        {QStringLiteral("tokenLifetimeDays"), tokenLifetimeDays},
    };
}

ServerCapabilities ServerCapabilities::fromJson(const QJsonObject& json, QString* error)
{
    ServerCapabilities caps;
    for (auto it = json.begin(); it != json.end(); ++it) {
        bool known = false;
        for (const char* key : knownKeys) {
            known = known || it.key() == QLatin1String(key);
        }
        if (!known && error && error->isEmpty()) {
            *error = QCoreApplication::translate("ServerCapabilities", "capabilities.%1 is not a known capability")
                         .arg(it.key());
        }
    }

    JsonReader reader(json, error);
    QString paging;
    reader.read("pagingMode", &paging);
    if (!paging.isEmpty() && !pagingModeFromId(paging, &caps.pagingMode)) {
        reader.fail("pagingMode", "one of cursor, startIndex, singlePage");
    }
    reader.read("maxPageSize", &caps.maxPageSize);
    reader.read("maxListResources", &caps.maxListResources);
    reader.read("filterOperators", &caps.filterOperators);
    reader.read("userFilterAttributes", &caps.userFilterAttributes);
    reader.read("groupFilterAttributes", &caps.groupFilterAttributes);
    reader.read("patchSupported", &caps.patchSupported);
    reader.read("patchValueFilterPaths", &caps.patchValueFilterPaths);
    reader.read("bulkSupported", &caps.bulkSupported);
    reader.read("maxMembersPerPatch", &caps.maxMembersPerPatch);
    reader.read("maxMembersOnCreate", &caps.maxMembersOnCreate);
    reader.read("groupReadReturnsMembers", &caps.groupReadReturnsMembers);
    reader.read("groupPutSupported", &caps.groupPutSupported);
    reader.read("replaceAllMembersSupported", &caps.replaceAllMembersSupported);
    reader.read("singleValuedMultiAttributes", &caps.singleValuedMultiAttributes);
    reader.read("requiredUserAttributes", &caps.requiredUserAttributes);
    reader.read("userNameForbiddenCharacters", &caps.userNameForbiddenCharacters);
    reader.read("maxUserNameLength", &caps.maxUserNameLength);
    reader.read("maxStringLength", &caps.maxStringLength);
    reader.read("reservedUserNames", &caps.reservedUserNames);
    reader.read("caseInsensitiveUniqueAttributes", &caps.caseInsensitiveUniqueAttributes);
    reader.read("tokenLifetimeDays", &caps.tokenLifetimeDays);
    if (caps.maxPageSize < 1 && error && error->isEmpty()) {
        reader.fail("maxPageSize", "at least 1");
    }
    if (caps.maxListResources < 1) {
        if (error && error->isEmpty())
            reader.fail("maxListResources", "at least 1");
        caps.maxListResources = ServerCapabilities().maxListResources; // 0 would refuse every read
    }
    return caps;
}

bool ServerCapabilities::operator==(const ServerCapabilities& other) const
{
    return toJson() == other.toJson();
}
