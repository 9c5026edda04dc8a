#pragma once

#include "util/Result.h"

#include <QString>

#include <functional>

class QIODevice;

// Writes a file at a path the admin named (a CSV export, a run's results). The path must be
// a new one or an existing regular file (also through a symbolic link): a device node, FIFO,
// socket, folder or dangling link is refused before anything is written, because the atomic
// write would otherwise replace it (as root: /dev/full) with a regular file. The data goes to
// a temporary file that replaces the target only when complete. A new file is owner-only
// (0600, whatever the umask); an existing file keeps the permissions the admin gave it.
class OutputFile
{
public:
    // Writes the content to the device; on failure sets *error and returns false.
    using Writer = std::function<bool(QIODevice* device, QString* error)>;

    // The error is a sentence for the admin naming the path and what to do.
    static Status<QString> write(const QString& path, const Writer& writer);
    // The check write() makes first: empty when the path may be written.
    static Status<QString> checkDestination(const QString& path);
};
