#pragma once

#include <QString>
#include <QtGlobal>

// The capacity of a fresh standalone emulator for POST /Users, measured with the load tool
// wrk and tests/bench/wrk-create-users.lua (a unique user per request, statuses checked).
// This is the yardstick the SCIM client and the sync engine are compared against.
class WrkLoad
{
public:
    struct Result
    {
        bool ok = false;
        QString error;
        int connections = 0;
        qint64 requests = 0;
        double seconds = 0;
        qint64 created = 0; // 201 answers
        qint64 rejected = 0; // any other status
        qint64 socketErrors = 0; // connect/read/write errors and timeouts
        QString statuses; // the distinct non-201 statuses, "-" when none
        double p50Ms = 0;
        double p99Ms = 0;
        double emulatorCpuSeconds = -1;
        int usersInEmulator = -1;

        double requestsPerSecond() const { return seconds > 0 ? double(requests) / seconds : 0; }
        // Only successful creates count as capacity.
        double createsPerSecond() const { return seconds > 0 ? double(created) / seconds : 0; }
    };

    // Starts a fresh emulator, runs wrk for `seconds` with `connections` connections on one
    // wrk thread (one thread keeps 8 connections busy and leaves the second core to the
    // emulator), stops the emulator.
    static Result createUsers(int connections, int seconds);
    // wrk is on PATH. Without it the benchmarks print their own figures and skip the comparison.
    static bool isAvailable();
};
