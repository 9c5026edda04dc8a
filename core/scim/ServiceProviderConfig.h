#pragma once

#include <QJsonObject>
#include <QMetaType>

// The parts of /ServiceProviderConfig (RFC 7643 §5) the client and the sync engine use.
struct ServiceProviderConfig
{
    bool patchSupported = false;
    bool bulkSupported = false;
    int bulkMaxOperations = 0;
    bool filterSupported = false;
    int filterMaxResults = 0; // 0: not stated
    bool sortSupported = false;
    bool etagSupported = false;
    bool changePasswordSupported = false;
    QJsonObject raw;

    // Lenient: booleans may come as strings ("true"), numbers as strings; missing means unsupported.
    static ServiceProviderConfig fromJson(const QJsonObject& json);
};

Q_DECLARE_METATYPE(ServiceProviderConfig)
