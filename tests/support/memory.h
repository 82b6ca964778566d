#pragma once

// Resident memory of the test or benchmark process (Linux), for the memory bounds the tests
// assert and the figures the benchmarks print.

#include <QByteArrayList>
#include <QFile>

#include <malloc.h>
#include <unistd.h>

/** Resident set size in bytes, from /proc/self/statm: cheap enough to sample per read. */
inline qint64 residentBytes()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArrayList fields = f.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

/** Resident set size after giving freed heap back to the system: what is really kept. */
inline qint64 settledResidentBytes()
{
    malloc_trim(0);
    return residentBytes();
}

/** Resets the kernel's peak resident set (VmHWM) to the current one; false when
 *  /proc/self/clear_refs is not writable (then only a sampled peak counts). */
inline bool resetPeakResident()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

/** The kernel's peak resident set (VmHWM) in bytes since the last reset, -1 when unknown. */
inline qint64 peakResidentBytes()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArrayList lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:") && line.endsWith(" kB"))
            return line.mid(6).chopped(3).trimmed().toLongLong() * 1024;
    }
    return -1;
}
