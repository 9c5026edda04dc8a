#include "DirectoryAttributeText.h"

#include <QCoreApplication>

namespace DirectoryAttributeText {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("DirectoryAttributeText", text);
}
} // namespace

QString label(const QString& key)
{
    static const QHash<QString, const char*> words = {
        {QStringLiteral("objectId"), QT_TRANSLATE_NOOP("DirectoryAttributeText", "Object ID")},
        {QStringLiteral("userName"), QT_TRANSLATE_NOOP("DirectoryAttributeText", "User name")},
        {QStringLiteral("email"), QT_TRANSLATE_NOOP("DirectoryAttributeText", "E-mail")},
        {QStringLiteral("givenName"), QT_TRANSLATE_NOOP("DirectoryAttributeText", "First name")},
        {QStringLiteral("familyName"), QT_TRANSLATE_NOOP("DirectoryAttributeText", "Last name")},
        {QStringLiteral("displayName"), QT_TRANSLATE_NOOP("DirectoryAttributeText", "Display name")},
        {QStringLiteral("phone"), QT_TRANSLATE_NOOP("DirectoryAttributeText", "Phone")},
        {QStringLiteral("title"), QT_TRANSLATE_NOOP("DirectoryAttributeText", "Title")},
        {QStringLiteral("department"), QT_TRANSLATE_NOOP("DirectoryAttributeText", "Department")},
        {QStringLiteral("employeeNumber"), QT_TRANSLATE_NOOP("DirectoryAttributeText", "Employee number")},
        {QStringLiteral("manager"), QT_TRANSLATE_NOOP("DirectoryAttributeText", "Manager")},
        {QStringLiteral("active"), QT_TRANSLATE_NOOP("DirectoryAttributeText", "Active")},
    };
    const char* word = words.value(key);
    return word ? tr(word) : key;
}

QString labelWithKey(const QString& key)
{
    const QString words = label(key);
    return words == key ? key : tr("%1 (%2)").arg(words, key);
}

QHash<QString, QString> labelsWithKeys(const QStringList& keys)
{
    QHash<QString, QString> labels;
    for (const QString& key : keys) {
        labels.insert(key, labelWithKey(key));
    }
    return labels;
}

} // namespace DirectoryAttributeText
