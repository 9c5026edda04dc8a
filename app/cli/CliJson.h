#pragma once

#include "model/Application.h"
#include "model/DirectorySource.h"
#include "model/ScimServer.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

class DirectoryRepository;
class ServerRepository;
struct SourceCacheState;
struct SourceLoadSummary;

// The JSON shapes scimdesk-cli prints with --json (documented in docs/cli.md). Secrets never
// appear: a server says only whether and when its secret was stored.
class CliJson
{
public:
    static QString timestamp(const QDateTime& when); // ISO 8601 UTC, or empty
    static QString secretAgeId(ScimServer::SecretAge age);
    static QJsonObject server(const ScimServer& server, const QStringList& applications);
    // A server's trusted CA certificate file: null when none is set; else the file and, per
    // certificate, subject, SHA-256 fingerprint and validity — or why the file cannot be used.
    static QJsonValue trustedCa(const QString& caFile);
    // Names instead of ids: the user names and group names of the assignment; sourceName is
    // "embedded" for the embedded directory.
    static QJsonObject application(const Application& application, const QString& serverName, const QString& sourceName,
        const QStringList& userNames, const QStringList& groupNames);
    // A directory source (never its password) with its applications and its last read.
    static QJsonObject source(const DirectorySource& source, const QStringList& applications,
        const std::optional<SourceCacheState>& lastRead);
    static QJsonObject sourceRead(const QString& sourceName, const SourceLoadSummary& summary);
};
