#include "ResourceUsage.h"

#include <QByteArray>
#include <QFile>
#include <QList>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>

namespace ResourceUsage {

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double peakMegabytes()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // Linux reports kilobytes
}

qint64 heapBytes()
{
    // uordblks: bytes in chunks in use (small and large); hblkhd: bytes in mmap()ed chunks.
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

double processCpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The command name (field 2) may hold spaces; the fields we need follow its closing ')'.
    const int end = line.lastIndexOf(')');
    if (end < 0)
        return -1;
    const QList<QByteArray> fields = line.mid(end + 2).split(' ');
    // After the name: state is field 3, utime field 14 and stime field 15 (1-based, proc(5)).
    constexpr int utime = 14 - 3;
    constexpr int stime = 15 - 3;
    if (fields.size() <= stime)
        return -1;
    const long ticks = sysconf(_SC_CLK_TCK);
    return double(fields.at(utime).toLongLong() + fields.at(stime).toLongLong()) / double(ticks > 0 ? ticks : 100);
}

double loadAverage()
{
    double load[1] = {-1};
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

} // namespace ResourceUsage
