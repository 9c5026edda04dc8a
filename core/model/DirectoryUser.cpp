#include "DirectoryUser.h"

QStringList DirectoryUser::standardAttributeNames()
{
    return {QStringLiteral("objectId"), QStringLiteral("userName"), QStringLiteral("email"),
        QStringLiteral("givenName"), QStringLiteral("familyName"), QStringLiteral("displayName"),
        QStringLiteral("phone"), QStringLiteral("title"), QStringLiteral("department"),
        QStringLiteral("employeeNumber"), QStringLiteral("manager"), QStringLiteral("active")};
}

namespace {
template<typename User, typename Visitor>
bool visitField(User& user, const QString& name, Visitor&& visit)
{
    if (name == QLatin1String("objectId")) {
        visit(user.objectId);
    } else if (name == QLatin1String("userName")) {
        visit(user.userName);
    } else if (name == QLatin1String("email")) {
        visit(user.email);
    } else if (name == QLatin1String("givenName")) {
        visit(user.givenName);
    } else if (name == QLatin1String("familyName")) {
        visit(user.familyName);
    } else if (name == QLatin1String("displayName")) {
        visit(user.displayName);
    } else if (name == QLatin1String("phone")) {
        visit(user.phone);
    } else if (name == QLatin1String("title")) {
        visit(user.title);
    } else if (name == QLatin1String("department")) {
        visit(user.department);
    } else if (name == QLatin1String("employeeNumber")) {
        visit(user.employeeNumber);
    } else if (name == QLatin1String("manager")) {
        visit(user.manager);
    } else {
        return false;
    }
    return true;
}
} // namespace

QString DirectoryUser::attribute(const QString& name) const
{
    if (name == QLatin1String("active")) {
        return active ? QStringLiteral("true") : QStringLiteral("false");
    }
    QString result;
    if (visitField(*this, name, [&](const QString& field) { result = field; })) {
        return result;
    }
    return customAttributes.value(name);
}

bool DirectoryUser::setAttribute(const QString& name, const QString& value)
{
    if (name == QLatin1String("active")) {
        const QString v = value.trimmed().toLower();
        if (v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes")) {
            active = true;
        } else if (v == QLatin1String("false") || v == QLatin1String("0") || v == QLatin1String("no")) {
            active = false;
        } else {
            return false;
        }
        return true;
    }
    if (visitField(*this, name, [&](QString& field) { field = value; })) {
        return true;
    }
    customAttributes.insert(name, value);
    return true;
}
