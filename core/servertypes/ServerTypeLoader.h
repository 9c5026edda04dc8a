#pragma once

#include "ServerType.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>

// Reads one server-type preset and checks it completely. A broken preset is refused with
// every problem found, one per line, each naming the file and the key path, e.g.
//   "my-type.json: userMappings[3].target: must be a non-empty string"
// so whoever edits a preset can fix it without guessing.
class ServerTypeLoader
{
public:
    // fileName only labels the messages (and becomes ServerType::sourcePath).
    static Result<ServerType, QString> parse(const QByteArray& json, const QString& fileName);
    static Result<ServerType, QString> loadFile(const QString& path);
};
