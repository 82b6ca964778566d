#include "threadheap.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <malloc.h>
#include <pthread.h>

#if defined(__SANITIZE_ADDRESS__)
#define SSE_THREADHEAP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SSE_THREADHEAP_ASAN 1
#endif
#endif

#ifdef SSE_THREADHEAP_ASAN
// Declared here rather than through <sanitizer/allocator_interface.h>: g++ does not ship that
// header (clang's compiler-rt does), while both ASan runtimes export the function.
extern "C" int __sanitizer_install_malloc_and_free_hooks( // NOLINT(bugprone-reserved-identifier)
    void (*mallocHook)(const volatile void *, std::size_t), void (*freeHook)(const volatile void *));
#endif

namespace {

// A fixed open-addressing table (linear probing, deletion by backward shift) of the live
// counted blocks: the hooks below run inside malloc and free, so they must not allocate.
constexpr std::size_t SlotBits = 16;
constexpr std::size_t SlotCount = std::size_t(1) << SlotBits;

struct Slot
{
    std::uintptr_t address = 0; // 0 = empty
    std::size_t size = 0;
    bool own = false;
};

Slot g_slots[SlotCount];
std::size_t g_used = 0;
std::atomic<bool> g_counting{false};
std::atomic_flag g_lock = ATOMIC_FLAG_INIT;
pthread_t g_ownThread;
qint64 g_ownLive = 0;
qint64 g_otherLive = 0;
threadheap::Figures g_figures;

struct Locker
{
    Locker()
    {
        while (g_lock.test_and_set(std::memory_order_acquire)) {
        }
    }
    ~Locker() { g_lock.clear(std::memory_order_release); }
};

std::size_t home(std::uintptr_t address)
{
    return std::size_t((std::uint64_t(address) >> 4) * 0x9E3779B97F4A7C15ULL >> (64 - SlotBits));
}

void record(const volatile void *pointer, std::size_t size)
{
    if (!pointer || size < std::size_t(threadheap::MinCountedBytes)
        || !g_counting.load(std::memory_order_relaxed))
        return;
    const bool own = pthread_equal(pthread_self(), g_ownThread);
    const Locker locker;
    if (g_used + 1 >= SlotCount / 2) {
        g_figures.complete = false;
        return;
    }
    std::size_t i = home(std::uintptr_t(pointer));
    while (g_slots[i].address != 0)
        i = (i + 1) & (SlotCount - 1);
    g_slots[i] = {std::uintptr_t(pointer), size, own};
    ++g_used;
    qint64 &live = own ? g_ownLive : g_otherLive;
    qint64 &peak = own ? g_figures.ownPeak : g_figures.otherPeak;
    live += qint64(size);
    peak = qMax(peak, live);
}

void forget(const volatile void *pointer)
{
    if (!pointer || !g_counting.load(std::memory_order_relaxed))
        return;
    const std::uintptr_t address = std::uintptr_t(pointer);
    const Locker locker;
    std::size_t i = home(address);
    while (g_slots[i].address != 0 && g_slots[i].address != address)
        i = (i + 1) & (SlotCount - 1);
    if (g_slots[i].address == 0)
        return; // not counted: small, or allocated before start()
    (g_slots[i].own ? g_ownLive : g_otherLive) -= qint64(g_slots[i].size);
    g_slots[i] = {};
    --g_used;
    // Backward shift: move later entries of the probe run into the hole.
    std::size_t hole = i;
    for (std::size_t j = (i + 1) & (SlotCount - 1); g_slots[j].address != 0;
         j = (j + 1) & (SlotCount - 1)) {
        const std::size_t want = home(g_slots[j].address);
        const bool movable = hole <= j ? (want <= hole || want > j) : (want <= hole && want > j);
        if (movable) {
            g_slots[hole] = g_slots[j];
            g_slots[j] = {};
            hole = j;
        }
    }
}

} // namespace

namespace threadheap {

void start()
{
    const Locker locker;
    for (Slot &slot : g_slots)
        slot = {};
    g_used = 0;
    g_ownLive = g_otherLive = 0;
    g_figures = {};
    g_ownThread = pthread_self();
    g_counting.store(true);
}

Figures stop()
{
    g_counting.store(false);
    const Locker locker;
    return g_figures;
}

} // namespace threadheap

#ifdef SSE_THREADHEAP_ASAN

namespace {
void onMalloc(const volatile void *pointer, std::size_t size) { record(pointer, size); }
void onFree(const volatile void *pointer) { forget(pointer); }
[[maybe_unused]] const bool g_hooksInstalled = __sanitizer_install_malloc_and_free_hooks(onMalloc, onFree) != 0;
} // namespace

#else

// glibc's own entry points, which the replacements below forward to.
extern "C" {
void *__libc_malloc(std::size_t size);          // NOLINT(bugprone-reserved-identifier)
void *__libc_calloc(std::size_t n, std::size_t size); // NOLINT(bugprone-reserved-identifier)
void *__libc_realloc(void *pointer, std::size_t size); // NOLINT(bugprone-reserved-identifier)
void __libc_free(void *pointer);                // NOLINT(bugprone-reserved-identifier)

void *malloc(std::size_t size) noexcept
{
    void *pointer = __libc_malloc(size);
    record(pointer, size);
    return pointer;
}

void *calloc(std::size_t n, std::size_t size) noexcept
{
    void *pointer = __libc_calloc(n, size);
    record(pointer, n * size);
    return pointer;
}

void *realloc(void *pointer, std::size_t size) noexcept
{
    if (pointer && malloc_usable_size(pointer) >= std::size_t(threadheap::MinCountedBytes))
        forget(pointer);
    void *moved = __libc_realloc(pointer, size);
    record(moved, size);
    return moved;
}

void free(void *pointer) noexcept
{
    if (pointer && malloc_usable_size(pointer) >= std::size_t(threadheap::MinCountedBytes))
        forget(pointer);
    __libc_free(pointer);
}
} // extern "C"

#endif
