#pragma once

#include <QtGlobal>

// Resource figures of the benchmark process and of a child process. On a shared, loaded
// machine wall time overstates the cost of a run, so the benchmarks print CPU time beside it.
namespace ResourceUsage {
// User + system CPU seconds of this process (getrusage RUSAGE_SELF).
double cpuSeconds();
// Peak resident set size of this process in MB (ru_maxrss).
double peakMegabytes();
// User + system CPU seconds of another running process (from /proc); -1 when unknown.
double processCpuSeconds(qint64 pid);
// Bytes the heap (glibc malloc) holds for the program now, bookkeeping included: the difference
// before and after building a structure is what it costs, to the byte, unlike RSS.
qint64 heapBytes();
// The 1-minute load average, to print beside figures measured on a shared machine.
double loadAverage();
} // namespace ResourceUsage
