#pragma once

#include "PresetChange.h"
#include "ServerType.h"

#include "ServerTypeLoader.h"
#include "util/LogCategories.h"
#include "util/PresetCollection.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The server types ScimDesk offers: the presets compiled into the binary
// (":/server-types/*.json") plus, optionally, those of an extra directory an admin or a
// test provides. Broken or duplicate presets are skipped and reported in errors(); the
// valid ones stay usable.
class ServerTypeRegistry
{
public:
    static QString builtInDirectory(); // ":/server-types"

    ServerTypeRegistry() = default;

    // The built-in presets, then extraDirectory's (if given).
    static ServerTypeRegistry load(const QString& extraDirectory = {});

    // Adds every *.json in directory, in file-name order. Returns how many were added.
    int loadDirectory(const QString& directory) { return m_presets.loadDirectory(directory); }
    // Adds one preset; false (and an error) if its id is taken.
    bool add(const ServerType& type) { return m_presets.add(type); }

    QList<ServerType> all() const { return m_presets.all(); }
    std::optional<ServerType> find(const QString& id) const { return m_presets.find(id); }
    QStringList errors() const { return m_presets.errors(); }
    // The product type a pasted URL belongs to: a type with a URL template of its own (not a
    // catch-all like Generic SCIM 2.0) whose URL pattern the URL matches. Empty when none does.
    std::optional<ServerType> suggestForUrl(const QString& url) const;

    // What choosing preset for current overwrites: auth settings, SCIM attribute mappings,
    // static attributes and capabilities; the preset's protected patterns are added to the
    // server's. "{origin}" in the preset's token URL becomes scheme://host[:port] of
    // current.url when that is a valid URL. Nothing is changed for settings that already
    // match, so applying the same preset twice reports nothing the second time.
    static PresetChange applyPreset(const ServerType& preset, const ScimServer& current);

private:
    PresetCollection<ServerType, ServerTypeLoader> m_presets {QStringLiteral("server-type"), &lcServerTypes};
};
