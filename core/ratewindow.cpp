#include "ratewindow.h"

#include <algorithm>
#include <limits>

namespace sse {

RateWindow::RateWindow(qint64 slotMs, int slots)
    : m_slotMs(std::max<qint64>(1, slotMs))
    , m_counts(size_t(std::max(1, slots)), 0)
{
}

void RateWindow::advance(qint64 slot) const
{
    const qint64 shift = slot - m_slot;
    if (shift <= 0)
        return;
    const size_t n = m_counts.size();
    if (shift >= qint64(n)) {
        std::fill(m_counts.begin(), m_counts.end(), 0);
        m_head = 0;
    } else {
        // The oldest `shift` slots become the newest ones, zeroed.
        for (qint64 i = 0; i < shift; ++i) {
            m_counts[m_head] = 0;
            m_head = (m_head + 1) % n;
        }
    }
    m_slot = slot;
}

void RateWindow::add(qint64 atMs, qint64 count)
{
    advance(atMs / m_slotMs);
    int &newest = m_counts[(m_head + m_counts.size() - 1) % m_counts.size()];
    newest = int(std::min<qint64>(qint64(newest) + count, std::numeric_limits<int>::max()));
}

QList<int> RateWindow::counts(qint64 nowMs) const
{
    advance(nowMs / m_slotMs);
    QList<int> list;
    list.reserve(qsizetype(m_counts.size()));
    for (size_t i = 0; i < m_counts.size(); ++i)
        list.append(m_counts[(m_head + i) % m_counts.size()]);
    return list;
}

void RateWindow::clear()
{
    std::fill(m_counts.begin(), m_counts.end(), 0);
    m_head = 0;
}

} // namespace sse
