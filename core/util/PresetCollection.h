#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QList>
#include <QLoggingCategory>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <optional>

// Presets by id (server types, source types), read from the built-in resources and optional
// directories: a broken or duplicate file is skipped and reported in errors(), the valid ones stay
// usable. Type has `id` and `sourcePath`; Loader::loadFile(path) returns Result<Type, QString>.
template<typename Type, typename Loader>
class PresetCollection
{
public:
    // kind names the presets in messages ("server-type"); category is where problems are logged.
    PresetCollection(QString kind, const QLoggingCategory& (*category)())
        : m_kind(std::move(kind))
        , m_category(category)
    {
    }

    // The built-in presets, then extraDirectory's (if given).
    void load(const QString& builtInDirectory, const QString& extraDirectory)
    {
        loadDirectory(builtInDirectory);
        if (!extraDirectory.isEmpty()) {
            loadDirectory(extraDirectory);
        }
    }

    // Adds every *.json in directory, in file-name order. Returns how many were added.
    int loadDirectory(const QString& directory)
    {
        const QDir dir(directory);
        if (!dir.exists()) {
            m_errors.append(tr("%1: the %2 directory does not exist").arg(directory, m_kind));
            return 0;
        }
        int added = 0;
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const QString& name : files) {
            const auto loaded = Loader::loadFile(dir.filePath(name));
            if (!loaded.ok()) {
                qCWarning(m_category).noquote() << loaded.error();
                m_errors.append(loaded.error());
                continue;
            }
            if (add(loaded.value())) {
                ++added;
            }
        }
        return added;
    }

    // Adds one preset; false (and an error) if its id is taken.
    bool add(const Type& type)
    {
        if (const auto existing = find(type.id)) {
            const QString message = tr("%1: id \"%2\" is already used by %3; this preset is ignored")
                                        .arg(type.sourcePath, type.id, existing->sourcePath);
            qCWarning(m_category).noquote() << message;
            m_errors.append(message);
            return false;
        }
        m_types.append(type);
        return true;
    }

    QList<Type> all() const { return m_types; }
    std::optional<Type> find(const QString& id) const
    {
        const auto it = std::find_if(m_types.begin(), m_types.end(), [&](const Type& type) { return type.id == id; });
        return it == m_types.end() ? std::nullopt : std::optional<Type>(*it);
    }
    QStringList errors() const { return m_errors; }

private:
    static QString tr(const char* text) { return QCoreApplication::translate("PresetCollection", text); }

    QString m_kind;
    const QLoggingCategory& (*m_category)();
    QList<Type> m_types;
    QStringList m_errors;
};
