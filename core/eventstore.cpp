#include "eventstore.h"

#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sse {

namespace {

enum RecordFlag : quint8 { HasIdFlag = 0x01, InlineTypeFlag = 0x02 };

constexpr qsizetype MaxBlockBytes = 1024 * 1024;
constexpr qsizetype OwnBlockBytes = MaxBlockBytes / 4;
constexpr qint64 TrimThresholdBytes = 8 * 1024 * 1024;
constexpr int MaxTypes = 0xFFFF; // indices 0..65534 fit in a quint16

int varintSize(quint64 v)
{
    int n = 1;
    while (v >= 0x80) {
        v >>= 7;
        ++n;
    }
    return n;
}

char *writeVarint(char *p, quint64 v)
{
    while (v >= 0x80) {
        *p++ = char(quint8(v) | 0x80);
        v >>= 7;
    }
    *p++ = char(v);
    return p;
}

qsizetype readVarint(const char *&p)
{
    quint64 v = 0;
    int shift = 0;
    for (;;) {
        const auto b = quint8(*p++);
        v |= quint64(b & 0x7F) << shift;
        if (!(b & 0x80))
            return qsizetype(v);
        shift += 7;
    }
}

} // namespace

EventView decodeRecord(const char *p, const QByteArrayList &types)
{
    EventView v;
    std::memcpy(&v.receivedAtMs, p, sizeof(qint64));
    p += sizeof(qint64);
    const auto flags = quint8(*p++);
    v.hasId = flags & HasIdFlag;
    qsizetype typeSize = 0;
    if (flags & InlineTypeFlag) {
        typeSize = readVarint(p);
    } else {
        quint16 index;
        std::memcpy(&index, p, sizeof index);
        p += sizeof index;
        v.typeIndex = index;
        v.type = types.at(index);
    }
    const qsizetype idSize = readVarint(p);
    const qsizetype dataSize = readVarint(p);
    if (flags & InlineTypeFlag) {
        v.type = QByteArrayView(p, typeSize);
        p += typeSize;
    }
    v.lastEventId = QByteArrayView(p, idSize);
    p += idSize;
    v.data = QByteArrayView(p, dataSize);
    return v;
}

Event makeEvent(const EventView &v, const QByteArrayList &types)
{
    Event e;
    e.type = v.typeIndex >= 0 ? types.at(v.typeIndex) : v.type.toByteArray();
    e.data = v.data.toByteArray();
    e.lastEventId = v.lastEventId.toByteArray();
    e.receivedAtMs = v.receivedAtMs;
    e.hasId = v.hasId;
    return e;
}

void returnFreedMemory(qint64 freedBytes)
{
#if defined(__GLIBC__)
    if (freedBytes >= TrimThresholdBytes)
        malloc_trim(0);
#else
    Q_UNUSED(freedBytes);
#endif
}

int EventStore::typeIndex(const QByteArray &type)
{
    if (m_lastTypeIndex >= 0 && type == m_lastType)
        return m_lastTypeIndex;
    int index;
    const auto it = m_typeIndex.constFind(type);
    if (it != m_typeIndex.cend()) {
        index = *it;
    } else if (m_types.size() < MaxTypes) {
        index = int(m_types.size());
        m_types.append(type);
        m_typeIndex.insert(type, index);
    } else {
        return -1;
    }
    m_lastType = type;
    m_lastTypeIndex = index;
    return index;
}

quint32 EventStore::addBlock(qsizetype capacity)
{
    Block block;
    // Default-initialised (not zeroed): pages are only made resident as records fill them.
    block.buffer = std::shared_ptr<char[]>(new char[size_t(capacity)]);
    block.capacity = capacity;
    m_blocks.push_back(std::move(block));
    m_bytes += capacity;
    return m_firstBlock + quint32(m_blocks.size() - 1);
}

void EventStore::freeBlock(quint32 number)
{
    Block &b = m_blocks[number - m_firstBlock];
    m_bytes -= b.capacity;
    b.buffer.reset();
    b.capacity = 0;
    while (!m_blocks.empty() && !m_blocks.front().buffer) {
        m_blocks.pop_front();
        ++m_firstBlock;
    }
}

char *EventStore::allocate(qsizetype size, Entry &entry)
{
    // Large records, and records the next block could not hold, get a block of their own.
    if (size > OwnBlockBytes || size > m_nextBlockBytes) {
        entry.block = addBlock(size);
        entry.offset = 0;
        Block &b = m_blocks.back();
        b.used = size;
        ++b.live;
        return b.buffer.get();
    }
    if (!m_hasCurrent || m_blocks[m_current - m_firstBlock].capacity
                             - m_blocks[m_current - m_firstBlock].used < size) {
        if (m_hasCurrent && m_blocks[m_current - m_firstBlock].live == 0) {
            m_hasCurrent = false;
            freeBlock(m_current);
        }
        m_current = addBlock(m_nextBlockBytes);
        m_hasCurrent = true;
        m_nextBlockBytes = std::min(MaxBlockBytes, m_nextBlockBytes * 2);
    }
    Block &b = m_blocks[m_current - m_firstBlock];
    entry.block = m_current;
    entry.offset = quint32(b.used);
    char *p = b.buffer.get() + b.used;
    b.used += size;
    ++b.live;
    return p;
}

Entry EventStore::append(const Event &event)
{
    const int type = typeIndex(event.type);
    const bool inlineType = type < 0;
    const qsizetype idSize = event.lastEventId.size();
    const qsizetype dataSize = event.data.size();
    const qsizetype size = qsizetype(sizeof(qint64)) + 1
        + (inlineType ? varintSize(quint64(event.type.size())) + event.type.size() : 2)
        + varintSize(quint64(idSize)) + varintSize(quint64(dataSize)) + idSize + dataSize;
    Entry entry;
    char *p = allocate(size, entry);
    std::memcpy(p, &event.receivedAtMs, sizeof(qint64));
    p += sizeof(qint64);
    *p++ = char((event.hasId ? HasIdFlag : 0) | (inlineType ? InlineTypeFlag : 0));
    if (inlineType) {
        p = writeVarint(p, quint64(event.type.size()));
    } else {
        const auto index = quint16(type);
        std::memcpy(p, &index, sizeof index);
        p += sizeof index;
    }
    p = writeVarint(p, quint64(idSize));
    p = writeVarint(p, quint64(dataSize));
    if (inlineType) {
        std::memcpy(p, event.type.constData(), size_t(event.type.size()));
        p += event.type.size();
    }
    if (idSize) {
        std::memcpy(p, event.lastEventId.constData(), size_t(idSize));
        p += idSize;
    }
    if (dataSize)
        std::memcpy(p, event.data.constData(), size_t(dataSize));
    return entry;
}

void EventStore::release(Entry entry)
{
    Block &b = m_blocks[entry.block - m_firstBlock];
    if (--b.live == 0 && !(m_hasCurrent && entry.block == m_current))
        freeBlock(entry.block);
}

void EventStore::releaseAll()
{
    rows.clear(true);
    pending.clear(true);
    m_blocks.clear();
    m_hasCurrent = false;
    m_nextBlockBytes = MinBlockBytes;
    m_bytes = 0;
}

} // namespace sse
