#pragma once

#include "ConnectionReport.h"

#include "storage/StorageError.h"
#include "util/Result.h"

class ServerRepository;

// Stores a connection test's verdict and summary as the server's last test result, so the
// server list can show it without running the test again.
class ConnectionTestRecorder
{
public:
    // A cancelled test proves nothing and is not recorded (Validation error).
    static Status<StorageError> record(ServerRepository& repository, qint64 serverId, const ConnectionReport& report);
};
