#include "UserPatch.h"

#include <mapping/ScimPath.h>

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("UserPatch", text);
}

const QString kUserName = QStringLiteral("userName");
const QString kActive = QStringLiteral("active");

// Paths are parsed once per thread, not once per change.
const ScimPath& parsed(const QString& text)
{
    static thread_local QHash<QString, ScimPath> cache;
    auto it = cache.find(text);
    if (it == cache.end()) {
        const auto path = ScimPath::parse(text);
        it = cache.insert(text, path ? path.value() : ScimPath());
    }
    return it.value();
}

bool isAbsent(const QJsonValue& value)
{
    return value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty());
}

// "emails[type eq "work"].value" → the path of its element, "emails[type eq "work"]".
ScimPath elementOf(const ScimPath& path)
{
    QString text = path.toString();
    if (!path.subAttribute().isEmpty())
        text.chop(path.subAttribute().size() + 1);
    return parsed(text);
}

bool isMultiValued(const ScimPath& path)
{
    return path.isValid() && path.schemaUrn().isEmpty() && ScimPath::isMultiValued(path.attribute());
}

// The changes of one multi-valued attribute, turned into operations.
class ListChange
{
public:
    ListChange(const QJsonObject& desired, const QJsonObject& current, const ServerCapabilities& capabilities,
        QList<AttributeChange> changes)
        : m_desired(desired)
        , m_current(current)
        , m_capabilities(capabilities)
        , m_changes(std::move(changes))
        , m_attribute(parsed(m_changes.first().path).attribute())
    {
    }

    // Appends the operations to outcome, or says why the attribute is left as it is.
    void addTo(UserPatch::Outcome& outcome) const;

private:
    QJsonArray merged() const;
    bool byValuePath() const;
    void addValuePathOperations(QList<PatchOperation>& operations) const;

    const QJsonObject& m_desired;
    const QJsonObject& m_current;
    const ServerCapabilities& m_capabilities;
    QList<AttributeChange> m_changes;
    QString m_attribute;
};

// The list as the target holds it, with only the managed values changed.
QJsonArray ListChange::merged() const
{
    QJsonObject resource = m_current;
    for (const AttributeChange& change : m_changes) {
        parsed(change.path).set(resource, isAbsent(change.after) ? QJsonValue(QJsonValue::Undefined) : change.after);
    }
    return resource.value(m_attribute).toArray();
}

bool ListChange::byValuePath() const
{
    if (!m_capabilities.patchValueFilterPaths)
        return false;
    for (const AttributeChange& change : m_changes) {
        if (!parsed(change.path).hasFilter())
            return false; // "emails.value" names no element a filter could pick
    }
    return true;
}

void ListChange::addValuePathOperations(QList<PatchOperation>& operations) const
{
    const QJsonArray list = merged();
    QSet<QString> elementsDone;
    for (const AttributeChange& change : m_changes) {
        const ScimPath& path = parsed(change.path);
        const ScimPath element = elementOf(path);
        const QString elementText = element.toString();
        const bool onTarget = !element.get(m_current).isUndefined();
        if (!onTarget) {
            // A new element is added to the list; the values already there stay.
            if (elementsDone.contains(elementText))
                continue;
            elementsDone.insert(elementText);
            QJsonObject holder {{m_attribute, list}};
            const QJsonValue added = element.get(holder);
            if (added.isObject())
                operations.append(PatchOperation::add(m_attribute, QJsonArray {added}));
            continue;
        }
        if (element.get(m_desired).isUndefined()) {
            // Nothing ScimDesk manages is left in the element: it goes, and only it.
            if (!elementsDone.contains(elementText))
                operations.append(PatchOperation::remove(elementText));
            elementsDone.insert(elementText);
            continue;
        }
        if (isAbsent(change.after))
            operations.append(PatchOperation::remove(path.toString()));
        else
            operations.append(PatchOperation::replace(path.toString(), path.get(m_desired)));
    }
}

void ListChange::addTo(UserPatch::Outcome& outcome) const
{
    const QJsonArray list = merged();
    if (m_capabilities.singleValuedMultiAttributes.contains(m_attribute, Qt::CaseInsensitive) && list.size() > 1) {
        outcome.leftOut.append(
            tr("%1 is left unchanged: the server keeps one value there and already holds one ScimDesk does not "
               "manage, which sending the mapped value would replace. Remove that value on the server, or change "
               "the mapping to %1.")
                .arg(m_attribute));
        return;
    }
    if (byValuePath())
        addValuePathOperations(outcome.operations);
    else if (list.isEmpty())
        outcome.operations.append(PatchOperation::remove(m_attribute));
    else
        outcome.operations.append(PatchOperation::replace(m_attribute, list));
    outcome.sent.append(m_changes);
}
} // namespace

UserPatch::Outcome UserPatch::build(const QJsonObject& desired, const QJsonObject& current,
    const QList<AttributeChange>& changes, const ServerCapabilities& capabilities)
{
    Outcome outcome;
    QSet<QString> listsDone;
    for (const AttributeChange& change : changes) {
        const ScimPath& path = parsed(change.path);
        if (!path.isValid())
            continue;
        if (isMultiValued(path)) {
            const QString attribute = path.attribute().toCaseFolded();
            if (listsDone.contains(attribute))
                continue;
            listsDone.insert(attribute);
            QList<AttributeChange> ofList;
            for (const AttributeChange& other : changes) {
                if (isMultiValued(parsed(other.path)) && parsed(other.path).attribute().toCaseFolded() == attribute)
                    ofList.append(other);
            }
            ListChange(desired, current, capabilities, ofList).addTo(outcome);
            continue;
        }
        if (isAbsent(change.after)) {
            // userName and active cannot be removed; a mapping that empties them is a validation
            // problem, not a PATCH.
            if (path.attribute() == kUserName || path.attribute() == kActive)
                continue;
            outcome.operations.append(PatchOperation::remove(change.path));
        } else {
            outcome.operations.append(PatchOperation::replace(change.path, change.after));
        }
        outcome.sent.append(change);
    }
    return outcome;
}
