#include "JsonPresetReader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <utility>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("JsonPresetReader", text);
}

} // namespace

JsonPresetReader::JsonPresetReader(QString fileName)
    : m_fileName(std::move(fileName))
{
}

QString JsonPresetReader::typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString JsonPresetReader::parseObject(const QByteArray& json, const QString& fileName, QJsonObject* root)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return tr("%1: invalid JSON at %2: %3")
            .arg(fileName, position(json, parseError.offset), parseError.errorString());
    }
    if (!document.isObject()) {
        return tr("%1: the preset must be a JSON object").arg(fileName);
    }
    *root = document.object();
    return {};
}

QString JsonPresetReader::position(const QByteArray& json, int offset)
{
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    const int column = QString::fromUtf8(json.mid(lineStart, qMax(0, offset - lineStart))).size() + 1;
    return tr("line %1, column %2 (offset %3)").arg(line).arg(column).arg(offset);
}

void JsonPresetReader::error(const QString& path, const QString& message)
{
    m_errors.append(QStringLiteral("%1: %2: %3").arg(m_fileName, path, message));
}

QString JsonPresetReader::join(const QString& path, const QString& key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

void JsonPresetReader::checkKeys(const QJsonObject& object, const QString& path, const QStringList& known)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            error(join(path, it.key()), tr("unknown key (known keys: %1)").arg(known.join(QStringLiteral(", "))));
        }
    }
}

QString JsonPresetReader::string(const QJsonObject& object, const QString& path, const QString& key, bool required)
{
    const QJsonValue value = object.value(key);
    const QString keyPath = join(path, key);
    if (value.isUndefined()) {
        if (required) {
            error(keyPath, tr("is required and must be a non-empty string"));
        }
        return {};
    }
    if (!value.isString()) {
        error(keyPath, tr("must be a string, not %1").arg(typeName(value)));
        return {};
    }
    if (required && value.toString().trimmed().isEmpty()) {
        error(keyPath, tr("must be a non-empty string"));
    }
    return value.toString();
}

bool JsonPresetReader::boolean(const QJsonObject& object, const QString& path, const QString& key, bool fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        return fallback;
    }
    if (!value.isBool()) {
        error(join(path, key), tr("must be true or false, not %1").arg(typeName(value)));
        return fallback;
    }
    return value.toBool();
}

int JsonPresetReader::integer(
    const QJsonObject& object, const QString& path, const QString& key, int fallback, int minimum, int maximum)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        return fallback;
    }
    const double number = value.toDouble();
    if (!value.isDouble() || number != double(qint64(number)) || number < minimum || number > maximum) {
        error(join(path, key),
            maximum == std::numeric_limits<int>::max()
                ? tr("must be a whole number of at least %1").arg(minimum)
                : tr("must be a whole number from %1 to %2").arg(minimum).arg(maximum));
        return fallback;
    }
    return int(number);
}

double JsonPresetReader::number(const QJsonObject& object, const QString& path, const QString& key, double fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        return fallback;
    }
    if (!value.isDouble() || value.toDouble() < 0) {
        error(join(path, key), tr("must be a number of 0 or more"));
        return fallback;
    }
    return value.toDouble();
}

QStringList JsonPresetReader::stringList(const QJsonObject& object, const QString& path, const QString& key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        return {};
    }
    if (!value.isArray()) {
        error(join(path, key), tr("must be a list of strings, not %1").arg(typeName(value)));
        return {};
    }
    QStringList list;
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            error(QStringLiteral("%1[%2]").arg(join(path, key)).arg(i),
                tr("must be a string, not %1").arg(typeName(array.at(i))));
            continue;
        }
        list.append(array.at(i).toString());
    }
    return list;
}

QJsonObject JsonPresetReader::object(
    const QJsonObject& parent, const QString& path, const QString& key, bool required, bool* present)
{
    const QJsonValue value = parent.value(key);
    *present = false;
    if (value.isUndefined()) {
        if (required) {
            error(join(path, key), tr("is required and must be an object"));
        }
        return {};
    }
    if (!value.isObject()) {
        error(join(path, key), tr("must be an object, not %1").arg(typeName(value)));
        return {};
    }
    *present = true;
    return value.toObject();
}

void JsonPresetReader::checkRegex(const QString& path, const QString& pattern)
{
    const QRegularExpression regex(pattern);
    if (!regex.isValid()) {
        error(path,
            tr("is not a valid regular expression: %1 at offset %2")
                .arg(regex.errorString())
                .arg(regex.patternErrorOffset()));
    }
}
