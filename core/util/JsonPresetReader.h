#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <limits>

// Walks a preset document (server types, source types), collecting every problem with the
// file name and the key path where it is, e.g.
//   "my-type.json: userMappings[3].target: must be a non-empty string"
// so whoever edits a preset can fix it without guessing. Each getter returns the value, or the
// fallback after recording an error.
class JsonPresetReader
{
public:
    explicit JsonPresetReader(QString fileName);

    QStringList errors() const { return m_errors; }
    void error(const QString& path, const QString& message);

    static QString join(const QString& path, const QString& key);
    // "a string", "a list", … for "must be X, not Y" messages.
    static QString typeName(const QJsonValue& value);
    // The preset's JSON object, or (empty *root) the message why json is not one.
    static QString parseObject(const QByteArray& json, const QString& fileName, QJsonObject* root);
    // "line L, column C (offset O)" of a byte offset, so a JSON syntax error can be found in an editor.
    static QString position(const QByteArray& json, int offset);

    void checkKeys(const QJsonObject& object, const QString& path, const QStringList& known);
    // A string; required ones must be present and non-empty.
    QString string(const QJsonObject& object, const QString& path, const QString& key, bool required);
    bool boolean(const QJsonObject& object, const QString& path, const QString& key, bool fallback);
    int integer(const QJsonObject& object, const QString& path, const QString& key, int fallback, int minimum,
        int maximum = std::numeric_limits<int>::max());
    double number(const QJsonObject& object, const QString& path, const QString& key, double fallback);
    QStringList stringList(const QJsonObject& object, const QString& path, const QString& key);
    // The object at key; a missing required one or a wrong type is an error.
    QJsonObject object(
        const QJsonObject& parent, const QString& path, const QString& key, bool required, bool* present);
    void checkRegex(const QString& path, const QString& pattern);

private:
    QString m_fileName;
    QStringList m_errors;
};
