#pragma once

#include "storage/StorageError.h"
#include "util/Result.h"

#include <memory>

class Database;

// A sample organisation for the demo: a few hundred people in departments, nested groups,
// a few leavers (inactive), generated deterministically so every demo looks the same.
class DemoDirectory
{
public:
    static constexpr int userCount = 320;

    // Writes the sample directory unless the directory already has users.
    static Status<StorageError> seed(std::shared_ptr<Database> database);
};
