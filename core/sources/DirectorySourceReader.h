#pragma once

#include "SourceRead.h"
#include "SourceReadError.h"
#include "model/DirectorySource.h"
#include "util/Result.h"

#include <QByteArray>

#include <atomic>

// Reads a directory source completely, or fails. The one seam between the sync engine and
// any directory protocol library: libldap on Linux and macOS; on Windows an implementation on
// Wldap32 can bind with the signed-in user's Negotiate (Kerberos) credentials behind this same
// interface.
class DirectorySourceReader
{
public:
    virtual ~DirectorySourceReader() = default;

    // Blocking: call on a worker thread, never the GUI thread. Setting `cancelled` from any
    // thread ends the read within 2 seconds with SourceReadError::Kind::Cancelled. `password`
    // is the bind password (empty for an anonymous bind); it is never logged or kept.
    virtual Result<SourceRead, SourceReadError> read(const DirectorySource& source, const QByteArray& password,
        const SourceReadRequest& request, const std::atomic_bool& cancelled)
        = 0;
};
