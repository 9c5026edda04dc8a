#pragma once

#include "ConnectionHints.h"

#include "model/AttributeMapping.h"
#include "model/AuthSettings.h"
#include "model/ServerCapabilities.h"
#include "model/ServerOptions.h"
#include "model/StaticAttribute.h"

#include <QString>
#include <QStringList>

// A server-type preset (resources/server-types/*.json): what ScimDesk knows about one kind
// of SCIM service provider. Choosing it for a server fills in auth settings, mappings,
// static attributes and capabilities; the sync engine only ever reads the capabilities.
struct ServerType
{
    QString id; // e.g. "aws-iam-identity-center"; stored in ScimServer::serverTypeId
    QString displayName;
    QString description;
    QString urlPattern; // regex a correct server URL matches (case-insensitive)
    QString urlHint; // where the admin finds the URL, shown next to the URL field
    QStringList notes; // facts the admin needs when setting the server up
    AuthSettings auth; // non-secret part only; oauthTokenUrl may contain "{origin}"
    AttributeMappings userMappings;
    StaticAttributes staticAttributes;
    ServerCapabilities capabilities;
    ServerOptions defaults; // deprovisioning and protected patterns suited to the product
    ConnectionHints connectionHints; // what the connection test tells the admin about this product
    QString sourcePath; // the file it was loaded from, for messages

    // Whether url looks like a base URL of this kind of server. Leading/trailing blanks are ignored.
    bool urlMatches(const QString& url) const;
};
