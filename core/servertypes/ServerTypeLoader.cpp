#include "ServerTypeLoader.h"

#include "util/JsonPresetReader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <limits>
#include <utility>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ServerTypeLoader", text);
}

using PresetReader = JsonPresetReader;

QString typeName(const QJsonValue& value)
{
    return JsonPresetReader::typeName(value);
}

const QRegularExpression& idPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    return pattern;
}

void readAuth(PresetReader& reader, const QJsonObject& root, ServerType* type)
{
    bool present = false;
    const QJsonObject auth = reader.object(root, QString(), QStringLiteral("auth"), true, &present);
    if (!present) {
        return;
    }
    const QString path = QStringLiteral("auth");
    // Secrets never belong in a preset; say so rather than "unknown key".
    for (const char* secretKey : {"token", "accessToken", "password", "clientSecret", "secret"}) {
        if (auth.contains(QLatin1String(secretKey))) {
            reader.error(PresetReader::join(path, QLatin1String(secretKey)),
                tr("presets must not contain secrets; the admin enters them and they go to the keychain"));
        }
    }
    reader.checkKeys(auth, path,
        {QStringLiteral("scheme"), QStringLiteral("tokenUrl"), QStringLiteral("scope"), QStringLiteral("username"),
            QStringLiteral("token"), QStringLiteral("accessToken"), QStringLiteral("password"),
            QStringLiteral("clientSecret"), QStringLiteral("secret")});

    const QString scheme = reader.string(auth, path, QStringLiteral("scheme"), true);
    if (!scheme.isEmpty()) {
        if (const auto parsed = AuthSettings::schemeFromId(scheme)) {
            type->auth.scheme = *parsed;
        } else {
            reader.error(PresetReader::join(path, QStringLiteral("scheme")),
                tr("\"%1\" is not a scheme; use access-token, basic or oauth2-client-credentials").arg(scheme));
        }
    }
    const bool oauth = type->auth.scheme == AuthScheme::OAuthClientCredentials;
    type->auth.oauthTokenUrl = reader.string(auth, path, QStringLiteral("tokenUrl"), oauth);
    type->auth.oauthScope = reader.string(auth, path, QStringLiteral("scope"), false);
    type->auth.basicUsername = reader.string(auth, path, QStringLiteral("username"), false);
    if (!oauth) {
        for (const char* key : {"tokenUrl", "scope"}) {
            if (auth.contains(QLatin1String(key))) {
                reader.error(PresetReader::join(path, QLatin1String(key)),
                    tr("is only used by scheme oauth2-client-credentials"));
            }
        }
    }
    if (type->auth.scheme != AuthScheme::Basic && auth.contains(QStringLiteral("username"))) {
        reader.error(PresetReader::join(path, QStringLiteral("username")), tr("is only used by scheme basic"));
    }
}

void readMappings(PresetReader& reader, const QJsonObject& root, ServerType* type)
{
    const QString key = QStringLiteral("userMappings");
    const QJsonValue value = root.value(key);
    if (value.isUndefined()) {
        reader.error(key, tr("is required and must be a list of mappings"));
        return;
    }
    if (!value.isArray()) {
        reader.error(key, tr("must be a list of mappings, not %1").arg(typeName(value)));
        return;
    }
    const QJsonArray array = value.toArray();
    QHash<QString, int> targets;
    for (int i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("userMappings[%1]").arg(i);
        if (!array.at(i).isObject()) {
            reader.error(path, tr("must be an object, not %1").arg(typeName(array.at(i))));
            continue;
        }
        const QJsonObject item = array.at(i).toObject();
        reader.checkKeys(item, path,
            {QStringLiteral("source"), QStringLiteral("kind"), QStringLiteral("target"), QStringLiteral("applyWhen"),
                QStringLiteral("matching"), QStringLiteral("matchingPrecedence"), QStringLiteral("defaultValue")});
        AttributeMapping mapping;
        mapping.source = reader.string(item, path, QStringLiteral("source"), true);
        mapping.target = reader.string(item, path, QStringLiteral("target"), true);
        const QString kind = reader.string(item, path, QStringLiteral("kind"), false);
        if (!kind.isEmpty() && !AttributeMapping::kindFromId(kind, &mapping.kind)) {
            reader.error(PresetReader::join(path, QStringLiteral("kind")),
                tr("\"%1\" is not a mapping kind; use direct or expression").arg(kind));
        }
        const QString applyWhen = reader.string(item, path, QStringLiteral("applyWhen"), false);
        if (!applyWhen.isEmpty() && !AttributeMapping::applyWhenFromId(applyWhen, &mapping.applyWhen)) {
            reader.error(PresetReader::join(path, QStringLiteral("applyWhen")),
                tr("\"%1\" is not valid; use always or on-create").arg(applyWhen));
        }
        mapping.matching = reader.boolean(item, path, QStringLiteral("matching"), false);
        mapping.matchingPrecedence = reader.integer(item, path, QStringLiteral("matchingPrecedence"), 0, 0);
        mapping.defaultValue = reader.string(item, path, QStringLiteral("defaultValue"), false);
        if (!mapping.target.isEmpty()) {
            if (targets.contains(mapping.target)) {
                reader.error(PresetReader::join(path, QStringLiteral("target")),
                    tr("\"%1\" is already mapped by userMappings[%2]")
                        .arg(mapping.target)
                        .arg(targets.value(mapping.target)));
            } else {
                targets.insert(mapping.target, i);
            }
        }
        type->userMappings.append(mapping);
    }
}

void readStaticAttributes(PresetReader& reader, const QJsonObject& root, ServerType* type)
{
    const QString key = QStringLiteral("staticAttributes");
    const QJsonValue value = root.value(key);
    if (value.isUndefined()) {
        return;
    }
    if (!value.isArray()) {
        reader.error(key, tr("must be a list of {target, value} objects, not %1").arg(typeName(value)));
        return;
    }
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("staticAttributes[%1]").arg(i);
        if (!array.at(i).isObject()) {
            reader.error(path, tr("must be an object, not %1").arg(typeName(array.at(i))));
            continue;
        }
        const QJsonObject item = array.at(i).toObject();
        reader.checkKeys(item, path, {QStringLiteral("target"), QStringLiteral("value")});
        StaticAttribute attribute;
        attribute.target = reader.string(item, path, QStringLiteral("target"), true);
        if (!item.contains(QStringLiteral("value"))) {
            reader.error(PresetReader::join(path, QStringLiteral("value")), tr("is required and must be a string"));
        }
        attribute.value = reader.string(item, path, QStringLiteral("value"), false);
        for (const auto& mapping : std::as_const(type->userMappings)) {
            if (!attribute.target.isEmpty() && mapping.target == attribute.target) {
                reader.error(PresetReader::join(path, QStringLiteral("target")),
                    tr("\"%1\" is also a mapped attribute; a target is either mapped or static").arg(attribute.target));
                break;
            }
        }
        for (const auto& other : std::as_const(type->staticAttributes)) {
            if (!attribute.target.isEmpty() && other.target == attribute.target) {
                reader.error(PresetReader::join(path, QStringLiteral("target")),
                    tr("\"%1\" appears twice in staticAttributes").arg(attribute.target));
                break;
            }
        }
        type->staticAttributes.append(attribute);
    }
}

void readCapabilities(PresetReader& reader, const QJsonObject& root, ServerType* type)
{
    bool present = false;
    const QJsonObject json = reader.object(root, QString(), QStringLiteral("capabilities"), true, &present);
    if (!present) {
        return;
    }
    // ServerCapabilities reads the keys itself so a preset and a stored server agree on
    // them; its first complaint is already phrased as "capabilities.<key> ...".
    QString error;
    type->capabilities = ServerCapabilities::fromJson(json, &error);
    if (!error.isEmpty()) {
        const int space = error.indexOf(QLatin1Char(' '));
        reader.error(error.left(space), error.mid(space + 1));
    }
}

void readOptions(PresetReader& reader, const QJsonObject& root, ServerType* type)
{
    bool present = false;
    const QJsonObject json = reader.object(root, QString(), QStringLiteral("options"), false, &present);
    if (!present) {
        return;
    }
    const QString path = QStringLiteral("options");
    reader.checkKeys(json, path,
        {QStringLiteral("deprovisionAction"), QStringLiteral("deletionThresholdPercent"),
            QStringLiteral("deletionThresholdMinimum"), QStringLiteral("concurrency"),
            QStringLiteral("rateLimitPerSecond"), QStringLiteral("requestTimeoutSeconds"),
            QStringLiteral("protectedPatterns")});
    ServerOptions& options = type->defaults;
    const QString action = reader.string(json, path, QStringLiteral("deprovisionAction"), false);
    if (!action.isEmpty() && !ServerOptions::deprovisionActionFromId(action, &options.deprovisionAction)) {
        reader.error(PresetReader::join(path, QStringLiteral("deprovisionAction")),
            tr("\"%1\" is not valid; use disable, delete or none").arg(action));
    }
    options.deletionThresholdPercent = reader.integer(
        json, path, QStringLiteral("deletionThresholdPercent"), options.deletionThresholdPercent, 0, 100);
    options.deletionThresholdMinimum
        = reader.integer(json, path, QStringLiteral("deletionThresholdMinimum"), options.deletionThresholdMinimum, 0);
    options.concurrency = reader.integer(json, path, QStringLiteral("concurrency"), options.concurrency, 1, 64);
    options.rateLimitPerSecond
        = reader.number(json, path, QStringLiteral("rateLimitPerSecond"), options.rateLimitPerSecond);
    options.requestTimeoutSeconds
        = reader.integer(json, path, QStringLiteral("requestTimeoutSeconds"), options.requestTimeoutSeconds, 1, 3600);
    options.protectedPatterns = reader.stringList(json, path, QStringLiteral("protectedPatterns"));
    for (int i = 0; i < options.protectedPatterns.size(); ++i) {
        reader.checkRegex(QStringLiteral("options.protectedPatterns[%1]").arg(i), options.protectedPatterns.at(i));
    }
}

// <part> names in a connection-hints text ("https://scim.<region>.amazonaws.com/<tenant-id>/...").
QStringList templateParts(const QString& text)
{
    static const QRegularExpression part(QStringLiteral("<([a-z0-9-]+)>"));
    QStringList names;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!names.contains(name)) {
            names.append(name);
        }
    }
    return names;
}

void readUrlTemplate(PresetReader& reader, const QJsonObject& json, const QString& path, ConnectionHints* hints)
{
    hints->urlTemplate = reader.string(json, path, QStringLiteral("urlTemplate"), false);
    bool present = false;
    const QJsonObject parts = reader.object(json, path, QStringLiteral("urlParts"), false, &present);
    const QStringList named = templateParts(hints->urlTemplate);
    const QString partsPath = PresetReader::join(path, QStringLiteral("urlParts"));
    for (auto it = parts.begin(); it != parts.end(); ++it) {
        const QString keyPath = PresetReader::join(partsPath, it.key());
        if (!named.contains(it.key())) {
            reader.error(keyPath, tr("is not a <part> of connectionHints.urlTemplate"));
        }
        if (!it.value().isString() || it.value().toString().isEmpty()) {
            reader.error(keyPath, tr("must be a non-empty regular expression string"));
            continue;
        }
        reader.checkRegex(keyPath, it.value().toString());
        hints->urlParts.append({it.key(), it.value().toString()});
    }
    if (hints->urlTemplate.isEmpty()) {
        return;
    }
    const QString templatePath = PresetReader::join(path, QStringLiteral("urlTemplate"));
    for (const QString& name : named) {
        if (!parts.contains(name)) {
            reader.error(templatePath, tr("<%1> has no pattern in connectionHints.urlParts").arg(name));
        }
    }
    QString sample = hints->urlTemplate;
    for (const QString& name : named) {
        sample.replace(QStringLiteral("<%1>").arg(name), QStringLiteral("x"));
    }
    const QUrl url(sample, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.scheme().startsWith(QLatin1String("http"))) {
        reader.error(templatePath, tr("must be an absolute http(s) URL with <part> placeholders"));
    }
}

void readWrongUrls(PresetReader& reader, const QJsonObject& json, const QString& path, ConnectionHints* hints)
{
    const QString key = QStringLiteral("wrongUrls");
    const QJsonValue value = json.value(key);
    if (value.isUndefined()) {
        return;
    }
    const QString listPath = PresetReader::join(path, key);
    if (!value.isArray()) {
        reader.error(listPath, tr("must be a list of {id, host, path, what} objects, not %1").arg(typeName(value)));
        return;
    }
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QString itemPath = QStringLiteral("%1[%2]").arg(listPath).arg(i);
        if (!array.at(i).isObject()) {
            reader.error(itemPath, tr("must be an object, not %1").arg(typeName(array.at(i))));
            continue;
        }
        const QJsonObject item = array.at(i).toObject();
        reader.checkKeys(item, itemPath,
            {QStringLiteral("id"), QStringLiteral("host"), QStringLiteral("path"), QStringLiteral("what")});
        ConnectionHints::WrongUrl wrong;
        wrong.id = reader.string(item, itemPath, QStringLiteral("id"), true);
        if (!wrong.id.isEmpty() && !idPattern().match(wrong.id).hasMatch()) {
            reader.error(PresetReader::join(itemPath, QStringLiteral("id")),
                tr("\"%1\" must be lower-case letters and digits separated by single dashes").arg(wrong.id));
        }
        wrong.hostPattern = reader.string(item, itemPath, QStringLiteral("host"), true);
        if (!wrong.hostPattern.isEmpty()) {
            reader.checkRegex(PresetReader::join(itemPath, QStringLiteral("host")), wrong.hostPattern);
        }
        wrong.pathPattern = reader.string(item, itemPath, QStringLiteral("path"), false);
        if (!wrong.pathPattern.isEmpty()) {
            reader.checkRegex(PresetReader::join(itemPath, QStringLiteral("path")), wrong.pathPattern);
        }
        wrong.what = reader.string(item, itemPath, QStringLiteral("what"), true);
        hints->wrongUrls.append(wrong);
    }
}

void readConnectionHints(PresetReader& reader, const QJsonObject& root, ServerType* type)
{
    bool present = false;
    const QJsonObject json = reader.object(root, QString(), QStringLiteral("connectionHints"), false, &present);
    if (!present) {
        return;
    }
    const QString path = QStringLiteral("connectionHints");
    reader.checkKeys(json, path,
        {QStringLiteral("urlTemplate"), QStringLiteral("urlParts"), QStringLiteral("endpointLocation"),
            QStringLiteral("tokenLocation"), QStringLiteral("tokenRotation"), QStringLiteral("unauthorizedNote"),
            QStringLiteral("wrongUrls")});
    ConnectionHints& hints = type->connectionHints;
    readUrlTemplate(reader, json, path, &hints);
    hints.endpointLocation = reader.string(json, path, QStringLiteral("endpointLocation"), false);
    hints.tokenLocation = reader.string(json, path, QStringLiteral("tokenLocation"), false);
    hints.tokenRotation = reader.string(json, path, QStringLiteral("tokenRotation"), false);
    hints.unauthorizedNote = reader.string(json, path, QStringLiteral("unauthorizedNote"), false);
    for (const QString& name : templateParts(hints.unauthorizedNote)) {
        if (hints.partPattern(name).isEmpty()) {
            reader.error(PresetReader::join(path, QStringLiteral("unauthorizedNote")),
                tr("names <%1>, which is not a part of connectionHints.urlTemplate").arg(name));
        }
    }
    readWrongUrls(reader, json, path, &hints);
}

} // namespace

Result<ServerType, QString> ServerTypeLoader::parse(const QByteArray& json, const QString& fileName)
{
    QJsonObject root;
    if (const QString error = JsonPresetReader::parseObject(json, fileName, &root); !error.isEmpty()) {
        return error;
    }
    PresetReader reader(fileName);
    ServerType type;
    type.sourcePath = fileName;
    reader.checkKeys(root, QString(),
        {QStringLiteral("id"), QStringLiteral("displayName"), QStringLiteral("description"),
            QStringLiteral("urlPattern"), QStringLiteral("urlHint"), QStringLiteral("notes"), QStringLiteral("auth"),
            QStringLiteral("userMappings"), QStringLiteral("staticAttributes"), QStringLiteral("capabilities"),
            QStringLiteral("options"), QStringLiteral("connectionHints")});

    type.id = reader.string(root, QString(), QStringLiteral("id"), true);
    if (!type.id.isEmpty() && !idPattern().match(type.id).hasMatch()) {
        reader.error(QStringLiteral("id"),
            tr("\"%1\" must be lower-case letters and digits separated by single dashes, e.g. my-server").arg(type.id));
    }
    type.displayName = reader.string(root, QString(), QStringLiteral("displayName"), true);
    type.description = reader.string(root, QString(), QStringLiteral("description"), false);
    type.urlPattern = reader.string(root, QString(), QStringLiteral("urlPattern"), true);
    if (!type.urlPattern.isEmpty()) {
        reader.checkRegex(QStringLiteral("urlPattern"), type.urlPattern);
    }
    type.urlHint = reader.string(root, QString(), QStringLiteral("urlHint"), true);
    type.notes = reader.stringList(root, QString(), QStringLiteral("notes"));

    readAuth(reader, root, &type);
    readMappings(reader, root, &type);
    readStaticAttributes(reader, root, &type);
    readCapabilities(reader, root, &type);
    readOptions(reader, root, &type);
    readConnectionHints(reader, root, &type);

    if (!reader.errors().isEmpty()) {
        return reader.errors().join(QLatin1Char('\n'));
    }
    return type;
}

Result<ServerType, QString> ServerTypeLoader::loadFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return tr("%1: cannot be read: %2").arg(path, file.errorString());
    }
    return parse(file.readAll(), path);
}
