#pragma once

// Whose memory grew: heap blocks counted by the thread that allocated them, so a memory test
// can tell the engine's own memory (its thread: the parser's buffers, the read slices, the log)
// from Qt's (the HTTP thread of QNetworkAccessManager, which fills the reply's buffers) and the
// test server's. Link threadheap.cpp into one test only: it replaces malloc and free (under
// AddressSanitizer it installs the sanitizer's allocation hooks instead).

#include <QtGlobal>

namespace threadheap {

/** Blocks smaller than this are not counted (the table stays small and fast); anything that
 *  could hold a large event or line in memory is made of larger blocks. */
constexpr qint64 MinCountedBytes = 4096;

struct Figures
{
    qint64 ownPeak = 0;   ///< the most live bytes allocated by the counting thread
    qint64 otherPeak = 0; ///< the most live bytes allocated by every other thread
    bool complete = true; ///< false when the table overflowed (figures are then too low)
};

/** Starts counting blocks allocated from now on; the calling thread is "own". */
void start();
/** Stops counting and returns the peaks since start(). */
Figures stop();

} // namespace threadheap
