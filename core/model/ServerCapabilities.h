#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

enum class PagingMode
{
    Cursor, // AWS: first request sends a bare "?cursor", then nextCursor until absent
    StartIndex, // RFC 7644 startIndex/count
    SinglePage, // the server returns everything in one response
};

// What a SCIM server can and cannot do. The sync engine and the client read these; they
// never test which product a server is. Presets provide them, /ServiceProviderConfig refines them.
struct ServerCapabilities
{
    PagingMode pagingMode = PagingMode::StartIndex;
    int maxPageSize = 100;
    // The most objects one list read accepts (and the most a list may say it holds): a server
    // whose paging does not end is stopped there instead of filling the memory (see ListPager).
    int maxListResources = 1000000;
    QStringList filterOperators {QStringLiteral("eq")};
    QStringList userFilterAttributes {QStringLiteral("userName"), QStringLiteral("externalId"), QStringLiteral("id")};
    QStringList groupFilterAttributes {
        QStringLiteral("displayName"), QStringLiteral("externalId"), QStringLiteral("id")};
    bool patchSupported = true;
    // PATCH paths that pick one value of a multi-valued attribute by a filter
    // (phoneNumbers[type eq "work"].value, RFC 7644 §3.5.2). Without them a change to one value
    // is sent as the whole list merged from what was read, keeping the values ScimDesk does not
    // manage.
    bool patchValueFilterPaths = false;
    bool bulkSupported = false;
    int maxMembersPerPatch = 0; // 0: no limit
    int maxMembersOnCreate = 0; // 0: no limit
    bool groupReadReturnsMembers = true;
    bool groupPutSupported = true;
    bool replaceAllMembersSupported = true;
    QStringList singleValuedMultiAttributes; // e.g. emails, phoneNumbers: at most one value
    QStringList requiredUserAttributes {QStringLiteral("userName")};
    QString userNameForbiddenCharacters;
    int maxUserNameLength = 0; // 0: no limit
    int maxStringLength = 0; // 0: no limit
    QStringList reservedUserNames;
    QStringList caseInsensitiveUniqueAttributes {QStringLiteral("userName")};
    // How long an access token lives (AWS: 365 days); 0 when tokens do not expire. The app
    // warns 30 days before and fails clearly after.
    int tokenLifetimeDays = 0;

    static QString pagingModeId(PagingMode mode);
    static bool pagingModeFromId(const QString& id, PagingMode* mode);

    QJsonObject toJson() const;
    // Reads what is present and keeps the defaults for the rest; unknown or ill-typed keys
    // are reported in *error with their name so a broken preset says exactly what is wrong.
    static ServerCapabilities fromJson(const QJsonObject& json, QString* error = nullptr);

    bool operator==(const ServerCapabilities& other) const;
};
