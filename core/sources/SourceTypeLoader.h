#pragma once

#include "SourceType.h"

#include "util/Result.h"

#include <QByteArray>
#include <QString>

// Reads one source-type preset (resources/source-types/*.json) and checks it completely. A
// broken preset is refused with every problem found, one per line, each naming the file and
// the key path, e.g. "my-type.json: userMappings[2].ldapAttribute: \"mail address\" is not an
// LDAP attribute name", like ServerTypeLoader.
class SourceTypeLoader
{
public:
    // fileName only labels the messages (and becomes SourceType::sourcePath).
    static Result<SourceType, QString> parse(const QByteArray& json, const QString& fileName);
    static Result<SourceType, QString> loadFile(const QString& path);

    // Whether filter is one parenthesised RFC 4515 filter with balanced parentheses; *error says
    // what is wrong. (A full syntax check is the source validator's; this catches broken presets.)
    static bool isBalancedFilter(const QString& filter, QString* error);
};
