#include "UserValidator.h"

#include "ScimPath.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("UserValidator", text);
}

QString textAt(const QJsonObject& resource, const QString& path)
{
    const QJsonValue value = ScimPath::get(resource, path);
    return value.isString() ? value.toString().trimmed() : QString();
}

bool isEmptyValue(const QJsonValue& value)
{
    if (value.isUndefined() || value.isNull()) {
        return true;
    }
    if (value.isString()) {
        return value.toString().trimmed().isEmpty();
    }
    if (value.isArray()) {
        return value.toArray().isEmpty();
    }
    if (value.isObject()) {
        return value.toObject().isEmpty();
    }
    return false;
}

// Tab and newline are the only control characters AWS (and most targets) accept in text.
int firstControlCharacter(const QString& text)
{
    for (int i = 0; i < text.size(); ++i) {
        const ushort c = text.at(i).unicode();
        if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F)) {
            return i;
        }
    }
    return -1;
}

int characterCount(const QString& text)
{
    return int(text.toUcs4().size());
}

// Calls visit(path, text) for every string below value, naming multi-valued elements by
// attribute (emails.value), not by index, because that is how the admin knows them.
template<typename Visitor>
void visitStrings(const QJsonValue& value, const QString& path, Visitor&& visit)
{
    if (value.isString()) {
        visit(path, value.toString());
    } else if (value.isArray()) {
        for (const auto& element : value.toArray()) {
            visitStrings(element, path, visit);
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            visitStrings(it.value(), path + QLatin1Char('.') + it.key(), visit);
        }
    }
}

// Extension attributes are named as mappings name them: "<urn>:department".
template<typename Visitor>
void visitResourceStrings(const QJsonObject& resource, Visitor&& visit)
{
    for (auto it = resource.begin(); it != resource.end(); ++it) {
        if (it.key() == QLatin1String("schemas")) {
            continue;
        }
        if (it.key().startsWith(QLatin1String("urn:"), Qt::CaseInsensitive) && it.value().isObject()) {
            const QJsonObject extension = it.value().toObject();
            for (auto field = extension.begin(); field != extension.end(); ++field) {
                visitStrings(field.value(), it.key() + QLatin1Char(':') + field.key(), visit);
            }
        } else {
            visitStrings(it.value(), it.key(), visit);
        }
    }
}

} // namespace

UserValidator::UserValidator(const ServerCapabilities& capabilities, const ValidationFallbacks& fallbacks)
    : m_capabilities(capabilities)
    , m_fallbacks(fallbacks)
{
}

bool UserValidator::requires(const QString& path) const
{
    return m_capabilities.requiredUserAttributes.contains(path, Qt::CaseInsensitive);
}

void UserValidator::applyFallbacks(QJsonObject& resource, QStringList* applied) const
{
    const QString displayName = QStringLiteral("displayName");
    const QString givenName = QStringLiteral("name.givenName");
    const QString familyName = QStringLiteral("name.familyName");

    if (m_fallbacks.displayNameFromNames && requires(displayName) && textAt(resource, displayName).isEmpty()) {
        const QString joined
            = QStringList {textAt(resource, givenName), textAt(resource, familyName)}.join(QLatin1Char(' ')).trimmed();
        if (!joined.isEmpty()) {
            ScimPath::set(resource, displayName, joined);
            applied->append(tr("displayName from name.givenName and name.familyName"));
        }
    }
    if (m_fallbacks.namesFromDisplayName) {
        const QString whole = textAt(resource, displayName).simplified();
        const int split = whole.lastIndexOf(QLatin1Char(' '));
        const QString given = split < 0 ? whole : whole.left(split);
        const QString family = split < 0 ? QString() : whole.mid(split + 1);
        if (requires(givenName) && textAt(resource, givenName).isEmpty() && !given.isEmpty()) {
            ScimPath::set(resource, givenName, given);
            applied->append(tr("name.givenName from displayName"));
        }
        if (requires(familyName) && textAt(resource, familyName).isEmpty() && !family.isEmpty()) {
            ScimPath::set(resource, familyName, family);
            applied->append(tr("name.familyName from displayName"));
        }
    }
}

UserValidation UserValidator::validate(const QJsonObject& input) const
{
    UserValidation result;
    result.resource = input;
    applyFallbacks(result.resource, &result.fallbacksApplied);
    const QJsonObject& resource = result.resource;

    const QString userName = resource.value(QLatin1String("userName")).toString();
    const QString who = userName.isEmpty()
        ? tr("externalId %1").arg(resource.value(QLatin1String("externalId")).toString())
        : userName;
    const Violation violation = [&](const QString& attribute, const QString& reason, const QString& fix) {
        result.violations.append(ValidationViolation {who, attribute, reason, fix});
    };

    checkRequired(resource, violation);
    checkSingleValued(resource, violation);
    if (!userName.isEmpty()) {
        checkUserName(userName, violation);
    }
    checkStrings(resource, violation);
    checkActive(resource, violation);
    return result;
}

void UserValidator::checkRequired(const QJsonObject& resource, const Violation& violation) const
{
    for (const QString& required : m_capabilities.requiredUserAttributes) {
        if (!isEmptyValue(ScimPath::get(resource, required))) {
            continue;
        }
        QString fix
            = tr("Fill it in for this user in the directory, or give the mapping to %1 a default value.").arg(required);
        // Name the server option that could fill it in, when it is off; it is never on silently.
        const bool isName = required.compare(QLatin1String("name.givenName"), Qt::CaseInsensitive) == 0
            || required.compare(QLatin1String("name.familyName"), Qt::CaseInsensitive) == 0;
        if (isName && !m_fallbacks.namesFromDisplayName) {
            fix += QLatin1Char(' ')
                + tr("Or let ScimDesk split the displayName into first and last name for this server "
                     "(servers edit NAME --fill-missing names-from-display-name; Edit Server in the app).");
        } else if (required == QLatin1String("displayName") && !m_fallbacks.displayNameFromNames) {
            fix += QLatin1Char(' ')
                + tr("Or let ScimDesk join first and last name into the displayName for this server "
                     "(servers edit NAME --fill-missing display-name-from-names; Edit Server in the app).");
        }
        violation(required, tr("%1 is required by the server but is empty for this user.").arg(required), fix);
    }
}

void UserValidator::checkSingleValued(const QJsonObject& resource, const Violation& violation) const
{
    for (const QString& attribute : m_capabilities.singleValuedMultiAttributes) {
        const QJsonValue value = ScimPath::get(resource, attribute);
        if (value.isArray() && value.toArray().size() > 1) {
            violation(attribute,
                tr("The server accepts only one value in %1, but this user has %2.")
                    .arg(attribute, QString::number(value.toArray().size())),
                tr("Map a single value to %1 (for example only the work one).").arg(attribute));
        }
    }
}

// Forbidden characters, length and reserved names; userName is not empty.
void UserValidator::checkUserName(const QString& userName, const Violation& violation) const
{
    QString forbidden;
    for (const QChar c : m_capabilities.userNameForbiddenCharacters) {
        if (userName.contains(c) && !forbidden.contains(c)) {
            forbidden += c;
        }
    }
    if (!forbidden.isEmpty()) {
        violation(QStringLiteral("userName"),
            tr("The userName \"%1\" contains characters the server does not allow: %2")
                .arg(userName, forbidden.split(QString(), Qt::SkipEmptyParts).join(QLatin1Char(' '))),
            tr("Change the userName in the directory, or map an expression that removes them "
               "(e.g. Replace(userName, \"%1\", \"\")).")
                .arg(forbidden.left(1)));
    }
    if (m_capabilities.maxUserNameLength > 0 && characterCount(userName) > m_capabilities.maxUserNameLength) {
        violation(QStringLiteral("userName"),
            tr("The userName is %1 characters long; the server allows at most %2.")
                .arg(QString::number(characterCount(userName)), QString::number(m_capabilities.maxUserNameLength)),
            tr("Shorten the userName in the directory, or map a shorter value (e.g. the email's local part)."));
    }
    for (const QString& reserved : m_capabilities.reservedUserNames) {
        if (userName.compare(reserved, Qt::CaseInsensitive) == 0) {
            violation(QStringLiteral("userName"),
                tr("\"%1\" is a reserved name on the server and cannot be used for a provisioned user.").arg(userName),
                tr("Give this user another userName, or take it out of the application's scope."));
        }
    }
}

// Every string in the resource: length and control characters.
void UserValidator::checkStrings(const QJsonObject& resource, const Violation& violation) const
{
    visitResourceStrings(resource, [&](const QString& path, const QString& text) {
        const bool isUserName = path == QLatin1String("userName");
        const int length = characterCount(text);
        const bool userNameRuleCovers = isUserName && m_capabilities.maxUserNameLength > 0;
        if (m_capabilities.maxStringLength > 0 && length > m_capabilities.maxStringLength && !userNameRuleCovers) {
            violation(path,
                tr("%1 is %2 characters long; the server allows at most %3.")
                    .arg(path, QString::number(length), QString::number(m_capabilities.maxStringLength)),
                tr("Shorten the value in the directory, or map it with Left(…, %1).")
                    .arg(m_capabilities.maxStringLength));
        }
        const int control = firstControlCharacter(text);
        if (control >= 0) {
            violation(path,
                tr("%1 contains an invisible control character (U+%2) at position %3.")
                    .arg(path, QStringLiteral("%1").arg(text.at(control).unicode(), 4, 16, QLatin1Char('0')).toUpper(),
                        QString::number(control + 1)),
                tr("Remove the character from the value in the directory; it often comes from copy and paste."));
        }
    });
}

void UserValidator::checkActive(const QJsonObject& resource, const Violation& violation) const
{
    const QJsonValue active = resource.value(QLatin1String("active"));
    if (!active.isUndefined() && !active.isBool()) {
        violation(QStringLiteral("active"),
            tr("active must be true or false, but the mapping gave \"%1\".").arg(active.toVariant().toString()),
            tr("Map active to an attribute or expression that yields true or false."));
    }
}

ValidationReport UserValidator::validateAll(const QList<MappedUser>& users) const
{
    ValidationReport report;
    for (const MappedUser& user : users) {
        UserValidation validation = validate(user.resource);
        if (validation.ok()) {
            report.accepted.append(MappedUser {validation.resource, user.objectId});
        } else {
            report.skipped.append(SkippedUser {user.objectId, user.userName(), validation.violations});
        }
    }
    return report;
}
