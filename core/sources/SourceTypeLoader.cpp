#include "SourceTypeLoader.h"

#include "util/JsonPresetReader.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SourceTypeLoader", text);
}

const QRegularExpression& idPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    return pattern;
}

// An attribute key: required or optional, alternatives ("a|b") allowed or not.
QString readAttribute(JsonPresetReader& reader, const QJsonObject& object, const QString& path, const QString& key,
    bool required, bool alternatives)
{
    const QString name = reader.string(object, path, key, required).trimmed();
    if (name.isEmpty()) {
        return name;
    }
    const bool valid
        = alternatives ? SourceType::isAttributeAlternatives(name) : SourceType::isAttributeDescription(name);
    if (!valid) {
        reader.error(JsonPresetReader::join(path, key),
            alternatives
                ? tr("\"%1\" is not an LDAP attribute name (or several separated by |, e.g. displayName|cn)").arg(name)
                : tr("\"%1\" is not an LDAP attribute name").arg(name));
    }
    return name;
}

QString readFilter(JsonPresetReader& reader, const QJsonObject& root, const QString& key)
{
    const QString filter = reader.string(root, QString(), key, true).trimmed();
    QString error;
    if (!filter.isEmpty() && !SourceTypeLoader::isBalancedFilter(filter, &error)) {
        reader.error(key, error);
    }
    return filter;
}

void readAnchor(JsonPresetReader& reader, const QJsonObject& root, SourceType* type)
{
    bool present = false;
    const QString path = QStringLiteral("anchor");
    const QJsonObject anchor = reader.object(root, QString(), path, true, &present);
    if (!present) {
        return;
    }
    reader.checkKeys(anchor, path, {QStringLiteral("attribute"), QStringLiteral("format")});
    type->anchorAttribute = readAttribute(reader, anchor, path, QStringLiteral("attribute"), true, false);
    const QString format = reader.string(anchor, path, QStringLiteral("format"), false);
    if (format == QLatin1String("guid")) {
        type->anchorFormat = SourceType::AnchorFormat::Guid;
    } else if (!format.isEmpty() && format != QLatin1String("text")) {
        reader.error(JsonPresetReader::join(path, QStringLiteral("format")),
            tr("\"%1\" is not a format; use text or guid").arg(format));
    }
}

void readMappings(JsonPresetReader& reader, const QJsonObject& root, SourceType* type)
{
    const QString key = QStringLiteral("userMappings");
    const QJsonValue value = root.value(key);
    if (!value.isArray()) {
        reader.error(key,
            value.isUndefined() ? tr("is required and must be a list of {directoryAttribute, ldapAttribute} objects")
                                : tr("must be a list of mappings, not %1").arg(JsonPresetReader::typeName(value)));
        return;
    }
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z][A-Za-z0-9_.-]*$"));
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("userMappings[%1]").arg(i);
        if (!array.at(i).isObject()) {
            reader.error(path, tr("must be an object, not %1").arg(JsonPresetReader::typeName(array.at(i))));
            continue;
        }
        const QJsonObject item = array.at(i).toObject();
        reader.checkKeys(item, path, {QStringLiteral("directoryAttribute"), QStringLiteral("ldapAttribute")});
        LdapAttributeMapping mapping;
        mapping.directoryAttribute = reader.string(item, path, QStringLiteral("directoryAttribute"), true).trimmed();
        mapping.ldapAttribute = readAttribute(reader, item, path, QStringLiteral("ldapAttribute"), true, true);
        const QString targetPath = JsonPresetReader::join(path, QStringLiteral("directoryAttribute"));
        if (!mapping.directoryAttribute.isEmpty() && !namePattern.match(mapping.directoryAttribute).hasMatch()) {
            reader.error(targetPath,
                tr("\"%1\" is not an attribute name (letters, digits, _ . -)").arg(mapping.directoryAttribute));
        }
        for (int j = 0; j < type->userMappings.size(); ++j) {
            if (!mapping.directoryAttribute.isEmpty()
                && type->userMappings.at(j).directoryAttribute == mapping.directoryAttribute) {
                reader.error(targetPath,
                    tr("\"%1\" is already mapped by userMappings[%2]").arg(mapping.directoryAttribute).arg(j));
            }
        }
        type->userMappings.append(mapping);
    }
    const bool userName = std::any_of(type->userMappings.begin(), type->userMappings.end(),
        [](const LdapAttributeMapping& mapping) { return mapping.directoryAttribute == QLatin1String("userName"); });
    if (!userName && !array.isEmpty()) {
        reader.error(key, tr("must map userName: every user needs one"));
    }
}

void readGroups(JsonPresetReader& reader, const QJsonObject& root, SourceType* type)
{
    bool present = false;
    const QString path = QStringLiteral("groups");
    const QJsonObject groups = reader.object(root, QString(), path, true, &present);
    if (!present) {
        return;
    }
    reader.checkKeys(groups, path,
        {QStringLiteral("nameAttribute"), QStringLiteral("descriptionAttribute"), QStringLiteral("memberAttribute")});
    type->groupNameAttribute = readAttribute(reader, groups, path, QStringLiteral("nameAttribute"), true, true);
    type->groupDescriptionAttribute
        = readAttribute(reader, groups, path, QStringLiteral("descriptionAttribute"), false, true);
    type->groupMemberAttribute = readAttribute(reader, groups, path, QStringLiteral("memberAttribute"), true, true);
}

void readDisabledRule(JsonPresetReader& reader, const QJsonObject& root, SourceType* type)
{
    bool present = false;
    const QString path = QStringLiteral("disabledRule");
    const QJsonObject json = reader.object(root, QString(), path, true, &present);
    if (!present) {
        return;
    }
    reader.checkKeys(json, path,
        {QStringLiteral("kind"), QStringLiteral("attribute"), QStringLiteral("mask"), QStringLiteral("value")});
    DisabledAccountRule& rule = type->disabledRule;
    const QString kind = reader.string(json, path, QStringLiteral("kind"), true);
    if (!kind.isEmpty() && !SourceType::disabledKindFromId(kind, &rule.kind)) {
        reader.error(JsonPresetReader::join(path, QStringLiteral("kind")),
            tr("\"%1\" is not a rule; use never, flag-bit-set, attribute-present or attribute-equals").arg(kind));
        return;
    }
    const bool never = rule.kind == DisabledAccountRule::Kind::Never;
    const bool flag = rule.kind == DisabledAccountRule::Kind::FlagBitSet;
    const bool equals = rule.kind == DisabledAccountRule::Kind::AttributeEquals;
    rule.attribute = readAttribute(reader, json, path, QStringLiteral("attribute"), !never, false);
    rule.mask = reader.integer(json, path, QStringLiteral("mask"), 0, flag ? 1 : 0);
    rule.value = reader.string(json, path, QStringLiteral("value"), equals);
    const struct
    {
        const char* key;
        bool used;
    } uses[] = {{"attribute", !never}, {"mask", flag}, {"value", equals}};
    for (const auto& use : uses) {
        if (!use.used && json.contains(QLatin1String(use.key))) {
            reader.error(JsonPresetReader::join(path, QLatin1String(use.key)),
                tr("is not used by kind %1").arg(SourceType::disabledKindId(rule.kind)));
        }
    }
    if (flag && !json.contains(QStringLiteral("mask"))) {
        reader.error(JsonPresetReader::join(path, QStringLiteral("mask")),
            tr("is required for kind flag-bit-set (e.g. 2 for userAccountControl's ACCOUNTDISABLE)"));
    }
}

void readBehaviour(JsonPresetReader& reader, const QJsonObject& root, SourceType* type)
{
    const QString nesting = reader.string(root, QString(), QStringLiteral("nesting"), true);
    if (!nesting.isEmpty() && !SourceType::nestingFromId(nesting, &type->nesting)) {
        reader.error(QStringLiteral("nesting"), tr("\"%1\" is not valid; use client-side or in-chain").arg(nesting));
    }
    const QString mark = reader.string(root, QString(), QStringLiteral("highWaterMark"), false);
    if (!mark.isEmpty() && !SourceType::highWaterMarkFromId(mark, &type->highWaterMark)) {
        reader.error(QStringLiteral("highWaterMark"),
            tr("\"%1\" is not valid; use usn, csn, modify-timestamp or none").arg(mark));
    }
    bool present = false;
    const QJsonObject ports = reader.object(root, QString(), QStringLiteral("ports"), false, &present);
    if (present) {
        reader.checkKeys(ports, QStringLiteral("ports"), {QStringLiteral("ldap"), QStringLiteral("ldaps")});
        type->ldapPort = reader.integer(ports, QStringLiteral("ports"), QStringLiteral("ldap"), 389, 1, 65535);
        type->ldapsPort = reader.integer(ports, QStringLiteral("ports"), QStringLiteral("ldaps"), 636, 1, 65535);
    }
    type->startTls = reader.boolean(root, QString(), QStringLiteral("startTls"), true);
    type->notes = reader.stringList(root, QString(), QStringLiteral("notes"));
}

} // namespace

bool SourceTypeLoader::isBalancedFilter(const QString& filter, QString* error)
{
    if (!filter.startsWith(QLatin1Char('(')) || !filter.endsWith(QLatin1Char(')'))) {
        *error = tr("\"%1\" must be one filter in parentheses, e.g. (objectClass=user)").arg(filter);
        return false;
    }
    int depth = 0;
    for (int i = 0; i < filter.size(); ++i) {
        if (filter.at(i) == QLatin1Char('(')) {
            ++depth;
        } else if (filter.at(i) == QLatin1Char(')') && --depth < 0) {
            *error = tr("\"%1\" has an unmatched \")\" at position %2").arg(filter).arg(i + 1);
            return false;
        }
        if (depth == 0 && i != filter.size() - 1) {
            *error = tr("\"%1\" must be one filter; combine several with (&…) or (|…)").arg(filter);
            return false;
        }
    }
    if (depth != 0) {
        *error = tr("\"%1\" has %2 unclosed \"(\"").arg(filter).arg(depth);
        return false;
    }
    return true;
}

Result<SourceType, QString> SourceTypeLoader::parse(const QByteArray& json, const QString& fileName)
{
    QJsonObject root;
    if (const QString error = JsonPresetReader::parseObject(json, fileName, &root); !error.isEmpty()) {
        return error;
    }
    JsonPresetReader reader(fileName);
    SourceType type;
    type.sourcePath = fileName;
    for (const char* secret : {"password", "bindPassword", "secret"}) {
        if (root.contains(QLatin1String(secret))) {
            reader.error(QLatin1String(secret),
                tr("presets must not contain secrets; the admin enters the bind password and it goes to the keychain"));
        }
    }
    reader.checkKeys(root, QString(),
        {QStringLiteral("id"), QStringLiteral("displayName"), QStringLiteral("description"), QStringLiteral("urlHint"),
            QStringLiteral("ports"), QStringLiteral("startTls"), QStringLiteral("userFilter"),
            QStringLiteral("groupFilter"), QStringLiteral("anchor"), QStringLiteral("userMappings"),
            QStringLiteral("groups"), QStringLiteral("disabledRule"), QStringLiteral("nesting"),
            QStringLiteral("highWaterMark"), QStringLiteral("notes"), QStringLiteral("password"),
            QStringLiteral("bindPassword"), QStringLiteral("secret")});
    type.id = reader.string(root, QString(), QStringLiteral("id"), true);
    if (!type.id.isEmpty() && !idPattern().match(type.id).hasMatch()) {
        reader.error(QStringLiteral("id"),
            tr("\"%1\" must be lower-case letters and digits separated by single dashes, e.g. my-directory")
                .arg(type.id));
    }
    type.displayName = reader.string(root, QString(), QStringLiteral("displayName"), true);
    type.description = reader.string(root, QString(), QStringLiteral("description"), false);
    type.urlHint = reader.string(root, QString(), QStringLiteral("urlHint"), true);
    type.userFilter = readFilter(reader, root, QStringLiteral("userFilter"));
    type.groupFilter = readFilter(reader, root, QStringLiteral("groupFilter"));
    readAnchor(reader, root, &type);
    readMappings(reader, root, &type);
    readGroups(reader, root, &type);
    readDisabledRule(reader, root, &type);
    readBehaviour(reader, root, &type);
    if (!reader.errors().isEmpty()) {
        return reader.errors().join(QLatin1Char('\n'));
    }
    return type;
}

Result<SourceType, QString> SourceTypeLoader::loadFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return tr("%1: cannot be read: %2").arg(path, file.errorString());
    }
    return parse(file.read(1024 * 1024), path);
}
