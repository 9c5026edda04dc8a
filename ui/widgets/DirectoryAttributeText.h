#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

// The words an admin reads for the directory's standard user attributes ("First name" for
// givenName). Keys stay what is stored and typed in expressions; screens show the words with
// the key next to them, so both the label and the name used elsewhere are in view.
namespace DirectoryAttributeText {

// "First name" for givenName; an unknown (custom) attribute's name as it is.
QString label(const QString& key);
// "First name (givenName)"; a custom attribute's name as it is.
QString labelWithKey(const QString& key);
// labelWithKey() for each key, keyed by the key (for ChoiceItemDelegate::setLabels).
QHash<QString, QString> labelsWithKeys(const QStringList& keys);

} // namespace DirectoryAttributeText
