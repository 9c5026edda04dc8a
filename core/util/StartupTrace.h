#pragma once

// Where a process's start-up time goes, for the start-up benchmark (scimdesk-bench-startup).
// With SCIMDESK_STARTUP_TRACE=1 in the environment, each first mark of a phase prints
// "startup-trace: PHASE MICROSECONDS" on stderr, the microseconds read from the monotonic clock
// the benchmark reads too, so it can place every phase between spawning the process and
// seeing its first request. Without the variable a mark costs a flag test.
namespace StartupTrace {
void mark(const char* phase);
}
