#pragma once

#include <QList>
#include <QtGlobal>

#include <vector>

namespace sse {

/** Counts per time slot over a sliding window: "events in each of the last 60 seconds",
 *  "events in each of the last 60 minutes". Adding is O(1) while time moves forward; reading
 *  moves the window to now first, so idle slots read as zero. */
class RateWindow
{
public:
    RateWindow(qint64 slotMs, int slots);

    qint64 slotMs() const { return m_slotMs; }
    int slotCount() const { return int(m_counts.size()); }

    /** Adds \a count to the slot holding \a atMs (ms since the epoch). A time before the
     *  window's current slot counts in the current slot: clocks step back, counts must not
     *  vanish. */
    void add(qint64 atMs, qint64 count);
    /** The counts, oldest first; the last entry is the slot holding \a nowMs (incomplete). */
    QList<int> counts(qint64 nowMs) const;
    /** Forgets every count. */
    void clear();

private:
    void advance(qint64 slot) const;

    qint64 m_slotMs;
    mutable std::vector<int> m_counts; // ring: m_counts[(m_head + i) % size], i = 0 oldest
    mutable size_t m_head = 0;
    mutable qint64 m_slot = 0;         // the slot the newest entry stands for
};

} // namespace sse
