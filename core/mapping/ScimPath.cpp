#include "ScimPath.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ScimPath", text);
}

bool isNameStart(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || c == QLatin1Char('$');
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-')
        || c == QLatin1Char('_');
}

// SCIM attribute names are case-insensitive; servers usually echo our spelling, so the exact
// key is tried first and the scan only runs for odd servers.
QString keyFor(const QJsonObject& object, const QString& name)
{
    if (object.contains(name)) {
        return name;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0) {
            return it.key();
        }
    }
    return name;
}

QJsonValue valueFor(const QJsonObject& object, const QString& name)
{
    return object.value(keyFor(object, name));
}

bool isRemoval(const QJsonValue& value)
{
    return value.isUndefined() || value.isNull();
}

// Parses the text left to right; every error names the 1-based column it stopped at.
class PathReader
{
public:
    explicit PathReader(const QString& text)
        : m_text(text)
    {
    }

    int pos() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_pos); }
    void advance() { ++m_pos; }
    void skipSpaces()
    {
        while (!atEnd() && peek().isSpace()) {
            ++m_pos;
        }
    }
    void seek(int pos) { m_pos = pos; }

    QString readName()
    {
        const int start = m_pos;
        if (atEnd() || !isNameStart(peek())) {
            return {};
        }
        while (!atEnd() && isNameChar(peek())) {
            ++m_pos;
        }
        return m_text.mid(start, m_pos - start);
    }

    ScimPathError error(const QString& message) const { return errorAt(m_pos, message); }
    static ScimPathError errorAt(int index, const QString& message)
    {
        return ScimPathError {index + 1, message.arg(index + 1)};
    }

    QString describeHere() const { return atEnd() ? tr("the end of the path") : QStringLiteral("'%1'").arg(peek()); }

private:
    const QString& m_text;
    int m_pos = 0;
};

// The schema URN of an extension attribute ("urn:…:User:department"); empty when the path
// does not start with "urn:". Leaves the reader at the attribute name.
Result<QString, ScimPathError> readSchemaUrn(PathReader& reader, const QString& text)
{
    const int start = reader.pos();
    if (text.mid(start, 4).compare(QLatin1String("urn:"), Qt::CaseInsensitive) != 0) {
        return QString();
    }
    // The attribute follows the URN's last colon; a filter value could hold a colon too,
    // so only the part before '[' counts.
    int headEnd = text.indexOf(QLatin1Char('['), start);
    if (headEnd < 0) {
        headEnd = text.size();
    }
    const int colon = text.lastIndexOf(QLatin1Char(':'), headEnd - 1);
    const QString urn = text.mid(start, colon - start);
    for (int i = 0; i < urn.size(); ++i) {
        if (urn.at(i).isSpace()) {
            return PathReader::errorAt(start + i,
                tr("A schema URN cannot contain spaces (at %1) — check the extension URN, e.g. "
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"));
        }
    }
    if (urn.count(QLatin1Char(':')) < 2) {
        return PathReader::errorAt(start + 4,
            tr("Expected a schema URN followed by ':' and an attribute at %1, e.g. "
               "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"));
    }
    reader.seek(colon + 1);
    return urn;
}

// "text in quotes" with backslash escapes; the reader is at the opening quote.
Result<QJsonValue, ScimPathError> readQuotedValue(PathReader& reader)
{
    const int quotePos = reader.pos();
    reader.advance();
    QString value;
    bool closed = false;
    while (!reader.atEnd()) {
        const QChar c = reader.peek();
        reader.advance();
        if (c == QLatin1Char('"')) {
            closed = true;
            break;
        }
        if (c == QLatin1Char('\\') && !reader.atEnd()) {
            value.append(reader.peek());
            reader.advance();
            continue;
        }
        value.append(c);
    }
    if (!closed) {
        return PathReader::errorAt(quotePos, tr("The text starting at %1 has no closing '\"'"));
    }
    return QJsonValue(value);
}

// true, false or a number.
Result<QJsonValue, ScimPathError> readBareValue(PathReader& reader)
{
    const int valuePos = reader.pos();
    QString word;
    while (!reader.atEnd() && (isNameChar(reader.peek()) || reader.peek() == QLatin1Char('.'))) {
        word.append(reader.peek());
        reader.advance();
    }
    bool isNumber = false;
    const double number = word.toDouble(&isNumber);
    if (word == QLatin1String("true") || word == QLatin1String("false")) {
        return QJsonValue(word == QLatin1String("true"));
    }
    if (isNumber) {
        return QJsonValue(number);
    }
    return PathReader::errorAt(
        valuePos, tr("Expected a value in quotes, true, false or a number at %1, e.g. [type eq \"work\"]"));
}

struct PathFilter
{
    QString attribute;
    QJsonValue value;
};

// "[attribute eq value]"; the reader is at '['.
Result<PathFilter, ScimPathError> readFilter(PathReader& reader)
{
    reader.advance();
    reader.skipSpaces();
    PathFilter filter;
    filter.attribute = reader.readName();
    if (filter.attribute.isEmpty()) {
        return reader.error(tr("Expected a sub-attribute to filter on at %1, e.g. [type eq \"work\"]"));
    }
    reader.skipSpaces();
    const int operatorPos = reader.pos();
    const QString op = reader.readName();
    if (op.compare(QLatin1String("eq"), Qt::CaseInsensitive) != 0) {
        return PathReader::errorAt(
            operatorPos, tr("Expected 'eq' at %1 — a mapping path selects one element with [attribute eq \"value\"]"));
    }
    reader.skipSpaces();
    const auto value = reader.peek() == QLatin1Char('"') ? readQuotedValue(reader) : readBareValue(reader);
    if (!value) {
        return value.error();
    }
    filter.value = value.value();
    reader.skipSpaces();
    if (reader.peek() != QLatin1Char(']')) {
        return reader.error(tr("Expected ']' at %1"));
    }
    reader.advance();
    return filter;
}

QString literalText(const QJsonValue& value)
{
    if (value.isString()) {
        QString escaped = value.toString();
        escaped.replace(QLatin1String("\\"), QLatin1String("\\\\"));
        escaped.replace(QLatin1String("\""), QLatin1String("\\\""));
        return QLatin1Char('"') + escaped + QLatin1Char('"');
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    if (value.isDouble()) {
        return QString::number(value.toDouble());
    }
    return QStringLiteral("null");
}

bool sameFilterValue(const QJsonValue& a, const QJsonValue& b)
{
    // Filter values such as type are caseExact=false in the SCIM schema.
    if (a.isString() && b.isString()) {
        return a.toString().compare(b.toString(), Qt::CaseInsensitive) == 0;
    }
    return a == b;
}

} // namespace

Result<ScimPath, ScimPathError> ScimPath::parse(const QString& text)
{
    PathReader reader(text);
    reader.skipSpaces();
    if (reader.atEnd()) {
        return reader.error(tr("The attribute path is empty at %1 — enter a SCIM attribute such as userName or "
                               "name.givenName"));
    }

    ScimPath path;
    const auto urn = readSchemaUrn(reader, text);
    if (!urn) {
        return urn.error();
    }
    path.m_schemaUrn = urn.value();

    path.m_attribute = reader.readName();
    if (path.m_attribute.isEmpty()) {
        return reader.error(
            tr("Expected an attribute name at %1, found %2").arg(QStringLiteral("%1"), reader.describeHere()));
    }

    if (reader.peek() == QLatin1Char('[')) {
        const auto filter = readFilter(reader);
        if (!filter) {
            return filter.error();
        }
        path.m_filterAttribute = filter->attribute;
        path.m_filterValue = filter->value;
    }

    if (reader.peek() == QLatin1Char('.')) {
        reader.advance();
        path.m_subAttribute = reader.readName();
        if (path.m_subAttribute.isEmpty()) {
            return reader.error(tr("Expected a sub-attribute name after '.' at %1, e.g. name.givenName"));
        }
    }

    reader.skipSpaces();
    if (!reader.atEnd()) {
        return reader.error(tr("Unexpected %2 at %1 — a path is attribute, attribute.subAttribute or "
                               "attribute[type eq \"work\"].subAttribute")
                                .arg(QStringLiteral("%1"), reader.describeHere()));
    }
    return path;
}

bool ScimPath::isMultiValued(const QString& attribute)
{
    static const char* const names[] = {"emails", "phoneNumbers", "ims", "photos", "addresses", "groups",
        "entitlements", "roles", "x509Certificates", "members"};
    for (const char* name : names) {
        if (attribute.compare(QLatin1String(name), Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

QString ScimPath::coreUserSchema()
{
    return QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User");
}

QString ScimPath::attributeName() const
{
    QString name = m_schemaUrn.isEmpty() ? m_attribute : m_schemaUrn + QLatin1Char(':') + m_attribute;
    if (!m_subAttribute.isEmpty()) {
        name += QLatin1Char('.') + m_subAttribute;
    }
    return name;
}

QString ScimPath::toString() const
{
    QString text = m_schemaUrn.isEmpty() ? m_attribute : m_schemaUrn + QLatin1Char(':') + m_attribute;
    if (hasFilter()) {
        text += QStringLiteral("[%1 eq %2]").arg(m_filterAttribute, literalText(m_filterValue));
    }
    if (!m_subAttribute.isEmpty()) {
        text += QLatin1Char('.') + m_subAttribute;
    }
    return text;
}

bool ScimPath::operator==(const ScimPath& other) const
{
    return m_schemaUrn.compare(other.m_schemaUrn, Qt::CaseInsensitive) == 0
        && m_attribute.compare(other.m_attribute, Qt::CaseInsensitive) == 0
        && m_filterAttribute.compare(other.m_filterAttribute, Qt::CaseInsensitive) == 0
        && sameFilterValue(m_filterValue, other.m_filterValue)
        && m_subAttribute.compare(other.m_subAttribute, Qt::CaseInsensitive) == 0;
}

bool ScimPath::matchesFilter(const QJsonValue& element) const
{
    return element.isObject() && sameFilterValue(valueFor(element.toObject(), m_filterAttribute), m_filterValue);
}

QJsonValue ScimPath::getIn(const QJsonObject& container) const
{
    const QJsonValue value = valueFor(container, m_attribute);
    if (!hasFilter() && m_subAttribute.isEmpty()) {
        return value;
    }
    if (value.isArray()) {
        const QJsonArray elements = value.toArray();
        if (hasFilter()) {
            for (const auto& element : elements) {
                if (matchesFilter(element)) {
                    return m_subAttribute.isEmpty() ? element : valueFor(element.toObject(), m_subAttribute);
                }
            }
            return QJsonValue(QJsonValue::Undefined);
        }
        QJsonArray values;
        for (const auto& element : elements) {
            const QJsonValue sub = valueFor(element.toObject(), m_subAttribute);
            if (!sub.isUndefined()) {
                values.append(sub);
            }
        }
        if (values.isEmpty()) {
            return QJsonValue(QJsonValue::Undefined);
        }
        return values.size() == 1 ? values.first() : QJsonValue(values);
    }
    if (value.isObject()) {
        if (hasFilter() && !matchesFilter(value)) {
            return QJsonValue(QJsonValue::Undefined);
        }
        return m_subAttribute.isEmpty() ? value : valueFor(value.toObject(), m_subAttribute);
    }
    return QJsonValue(QJsonValue::Undefined);
}

void ScimPath::setIn(QJsonObject& container, const QJsonValue& value) const
{
    const bool remove = isRemoval(value);
    const QString key = keyFor(container, m_attribute);
    if (!hasFilter() && m_subAttribute.isEmpty()) {
        if (remove) {
            container.remove(key);
        } else {
            container.insert(key, value);
        }
        return;
    }

    const QJsonValue current = container.value(key);
    const bool multiValued = hasFilter() || isMultiValued(m_attribute) || current.isArray();
    if (!multiValued) {
        setInComplex(container, key, value);
        return;
    }

    QJsonArray elements = current.toArray();
    const int index = elementIndex(elements);
    const QString subAttribute = m_subAttribute.isEmpty() ? QStringLiteral("value") : m_subAttribute;
    if (remove) {
        if (index < 0) {
            return;
        }
        removeFromElement(elements, index, subAttribute);
        if (elements.isEmpty()) {
            container.remove(key);
        } else {
            container.insert(key, elements);
        }
        return;
    }
    setInElement(elements, index, subAttribute, value);
    container.insert(key, elements);
}

void ScimPath::setInComplex(QJsonObject& container, const QString& key, const QJsonValue& value) const
{
    QJsonObject complex = container.value(key).toObject();
    if (isRemoval(value)) {
        complex.remove(keyFor(complex, m_subAttribute));
    } else {
        complex.insert(keyFor(complex, m_subAttribute), value);
    }
    if (complex.isEmpty()) {
        container.remove(key);
    } else {
        container.insert(key, complex);
    }
}

int ScimPath::elementIndex(const QJsonArray& elements) const
{
    int index = -1;
    for (int i = 0; i < elements.size() && index < 0; ++i) {
        if (hasFilter() ? matchesFilter(elements.at(i))
                        : valueFor(elements.at(i).toObject(), QStringLiteral("primary")) == QJsonValue(true)) {
            index = i;
        }
    }
    if (index < 0 && !hasFilter() && !elements.isEmpty()) {
        index = 0;
    }
    return index;
}

void ScimPath::removeFromElement(QJsonArray& elements, int index, const QString& subAttribute) const
{
    QJsonObject element = elements.at(index).toObject();
    element.remove(keyFor(element, subAttribute));
    // What is left only described the removed value (its type, its primary flag).
    bool describesNothing = true;
    for (auto it = element.begin(); it != element.end(); ++it) {
        const bool descriptor = it.key().compare(QLatin1String("primary"), Qt::CaseInsensitive) == 0
            || it.key().compare(QLatin1String("type"), Qt::CaseInsensitive) == 0
            || (hasFilter() && it.key().compare(m_filterAttribute, Qt::CaseInsensitive) == 0);
        describesNothing = describesNothing && descriptor;
    }
    if (m_subAttribute.isEmpty() || describesNothing) {
        elements.removeAt(index);
    } else {
        elements.replace(index, element);
    }
}

void ScimPath::setInElement(QJsonArray& elements, int index, const QString& subAttribute, const QJsonValue& value) const
{
    QJsonObject element;
    if (index >= 0) {
        element = elements.at(index).toObject();
    } else {
        if (hasFilter()) {
            element.insert(m_filterAttribute, m_filterValue);
        }
        // AWS refuses an email that is not primary; SCIM lets the first one be primary anyway.
        const bool primaryKind = m_attribute.compare(QLatin1String("emails"), Qt::CaseInsensitive) == 0
            || m_attribute.compare(QLatin1String("phoneNumbers"), Qt::CaseInsensitive) == 0;
        if (primaryKind && elements.isEmpty()) {
            element.insert(QStringLiteral("primary"), true);
        }
    }
    if (m_subAttribute.isEmpty() && value.isObject()) {
        const QJsonObject fields = value.toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            element.insert(it.key(), it.value());
        }
    } else {
        element.insert(keyFor(element, subAttribute), value);
    }
    if (index >= 0) {
        elements.replace(index, element);
    } else {
        elements.append(element);
    }
}

void ScimPath::set(QJsonObject& resource, const QJsonValue& value) const
{
    if (!isValid()) {
        return;
    }
    if (m_schemaUrn.isEmpty()) {
        setIn(resource, value);
        return;
    }
    const QString key = keyFor(resource, m_schemaUrn);
    QJsonObject extension = resource.value(key).toObject();
    setIn(extension, value);
    QJsonArray schemas = resource.value(QLatin1String("schemas")).toArray();
    int schemaIndex = -1;
    for (int i = 0; i < schemas.size(); ++i) {
        if (schemas.at(i).toString().compare(m_schemaUrn, Qt::CaseInsensitive) == 0) {
            schemaIndex = i;
        }
    }
    if (extension.isEmpty()) {
        resource.remove(key);
        if (schemaIndex >= 0) {
            schemas.removeAt(schemaIndex);
            resource.insert(QStringLiteral("schemas"), schemas);
        }
        return;
    }
    resource.insert(key, extension);
    if (schemaIndex < 0) {
        schemas.append(m_schemaUrn);
        resource.insert(QStringLiteral("schemas"), schemas);
    }
}

QJsonValue ScimPath::get(const QJsonObject& resource) const
{
    if (!isValid()) {
        return QJsonValue(QJsonValue::Undefined);
    }
    if (m_schemaUrn.isEmpty()) {
        return getIn(resource);
    }
    const QJsonValue extension = valueFor(resource, m_schemaUrn);
    if (!extension.isObject()) {
        return QJsonValue(QJsonValue::Undefined);
    }
    return getIn(extension.toObject());
}

bool ScimPath::set(QJsonObject& resource, const QString& path, const QJsonValue& value, ScimPathError* error)
{
    const auto parsed = parse(path);
    if (!parsed) {
        if (error) {
            *error = parsed.error();
        }
        return false;
    }
    parsed->set(resource, value);
    return true;
}

QJsonValue ScimPath::get(const QJsonObject& resource, const QString& path)
{
    const auto parsed = parse(path);
    return parsed ? parsed->get(resource) : QJsonValue(QJsonValue::Undefined);
}
