#pragma once

// The storage of sse::EventLogModel (eventlog.h): events packed as records in blocks, the rows
// and pending events as rings of 8-byte entries, and the table of event types. Internal to
// the log: eventlog.cpp and eventstore.cpp include it, nothing else.
//
// A record is the event's bytes with a small header, packed back to back in blocks:
//   qint64 receivedAtMs | quint8 flags | quint16 type index, or varint type length (inline)
//   | varint ID length | varint data length | [inline type bytes] | ID bytes | data bytes
// Blocks grow from 16 KiB to 1 MiB; a record above 256 KiB (or above the size of the next
// block while blocks are still small) gets a block of its own, sized exactly. Each
// block counts the live records in it (rows and pending events) and is freed when that
// reaches zero, so dropping the oldest rows releases memory block by block. A row (or a
// pending event) is an 8-byte Entry: block number and offset.

#include "eventlog.h"
#include "types.h"

#include <QByteArrayList>
#include <QHash>

#include <algorithm>
#include <deque>
#include <memory>
#include <vector>

namespace sse {

/** Where a record lives: block number and offset. */
struct Entry
{
    quint32 block;
    quint32 offset;
};

/** A FIFO with O(1) random access, push at the back and pop at the front. */
template <typename T>
class Ring
{
public:
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    const T &operator[](qsizetype i) const { return m_buffer[(m_head + size_t(i)) & m_mask]; }

    void pushBack(const T &value)
    {
        if (size_t(m_size) == m_buffer.size())
            grow();
        m_buffer[(m_head + size_t(m_size)) & m_mask] = value;
        ++m_size;
    }
    void popFront(qsizetype n)
    {
        m_head = (m_head + size_t(n)) & m_mask;
        m_size -= n;
        if (m_size == 0)
            m_head = 0;
    }
    /** Empties the ring; frees its memory when \a release. */
    void clear(bool release)
    {
        m_head = 0;
        m_size = 0;
        if (release) {
            std::vector<T>().swap(m_buffer);
            m_mask = 0;
        }
    }

private:
    void grow()
    {
        const size_t capacity = std::max<size_t>(64, m_buffer.size() * 2);
        std::vector<T> buffer(capacity);
        for (qsizetype i = 0; i < m_size; ++i)
            buffer[size_t(i)] = (*this)[i];
        m_buffer.swap(buffer);
        m_head = 0;
        m_mask = capacity - 1;
    }

    std::vector<T> m_buffer; // size is a power of two
    size_t m_head = 0;
    size_t m_mask = 0;
    qsizetype m_size = 0;
};

/** The record at \a p as a view into its block; \a types resolves a type index. */
EventView decodeRecord(const char *p, const QByteArrayList &types);
/** A full copy; a known type shares the type table's buffer instead of allocating. */
Event makeEvent(const EventView &v, const QByteArrayList &types);
/** glibc keeps freed heap memory for reuse, so a process that once held a big log stays that
 *  big after the log is gone. After freeing \a freedBytes of a large store, hand the free pages
 *  back to the system; malloc_trim walks the heap, so small frees do not pay for it. */
void returnFreedMemory(qint64 freedBytes);

/** The packed records of one log (rows and pending events) and their type table. */
class EventStore
{
public:
    Entry append(const Event &event);
    void release(Entry entry);
    void releaseAll();

    const char *record(Entry e) const
    {
        return m_blocks[e.block - m_firstBlock].buffer.get() + e.offset;
    }
    EventView view(Entry e) const { return decodeRecord(record(e), m_types); }
    const std::shared_ptr<char[]> &blockBuffer(Entry e) const
    {
        return m_blocks[e.block - m_firstBlock].buffer;
    }
    size_t blockIndex(Entry e) const { return e.block - m_firstBlock; }
    size_t blockCount() const { return m_blocks.size(); }
    const QByteArrayList &types() const { return m_types; }
    qint64 bytes() const { return m_bytes; }

    Ring<Entry> rows;
    Ring<Entry> pending;

private:
    static constexpr qsizetype MinBlockBytes = 16 * 1024;

    struct Block
    {
        std::shared_ptr<char[]> buffer; // shared with snapshots; null once freed
        qsizetype capacity = 0;
        qsizetype used = 0;
        qsizetype live = 0;
    };

    int typeIndex(const QByteArray &type);
    char *allocate(qsizetype size, Entry &entry);
    quint32 addBlock(qsizetype capacity);
    void freeBlock(quint32 number);

    std::deque<Block> m_blocks;
    quint32 m_firstBlock = 0;      // number of m_blocks.front()
    quint32 m_current = 0;         // the block small records go to
    bool m_hasCurrent = false;
    qsizetype m_nextBlockBytes = MinBlockBytes;
    qint64 m_bytes = 0;

    QByteArrayList m_types;
    QHash<QByteArray, int> m_typeIndex;
    QByteArray m_lastType;
    int m_lastTypeIndex = -1;
};

} // namespace sse
