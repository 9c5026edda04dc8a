#pragma once

#include "SourceType.h"
#include "SourceTypeChange.h"

#include "util/Result.h"

#include "SourceTypeLoader.h"
#include "util/LogCategories.h"
#include "util/PresetCollection.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The source types ScimDesk offers: those compiled into the binary (":/source-types/*.json")
// plus, optionally, those of an extra directory. Broken or duplicate types are skipped and
// reported in errors(); the valid ones stay usable. Mirrors ServerTypeRegistry.
class SourceTypeRegistry
{
public:
    static QString builtInDirectory(); // ":/source-types"

    SourceTypeRegistry() = default;
    static SourceTypeRegistry load(const QString& extraDirectory = {});

    int loadDirectory(const QString& directory) { return m_presets.loadDirectory(directory); }
    bool add(const SourceType& type) { return m_presets.add(type); }

    QList<SourceType> all() const { return m_presets.all(); }
    std::optional<SourceType> find(const QString& id) const { return m_presets.find(id); }
    QStringList errors() const { return m_presets.errors(); }

    // What choosing type for current overwrites: the user and group filters, the anchor, the
    // attribute mappings, the group attributes, the disabled-account rule and the nesting
    // strategy. Connection settings (URL, TLS, CA, bind DN, base DN, page size) are the admin's
    // and stay. Settings that already match are not reported, so applying the same type twice
    // reports nothing the second time.
    static SourceTypeChange applyType(const SourceType& type, const DirectorySource& current);
    // The same for a type of this registry; an unknown id is an error naming the known ones.
    Result<SourceTypeChange, QString> applyType(const DirectorySource& current, const QString& typeId) const;

private:
    PresetCollection<SourceType, SourceTypeLoader> m_presets {QStringLiteral("source-type"), &lcDirectory};
};
