// The column-buffer pool: freed buffers kept per size class, bounded, thread-safe (docs/memory.md).
#include "common/memory_pool.hpp"

#include <pthread.h>

#include <atomic>
#include <bit>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <new>
#include <string>
#include <thread>

#include "hamilton/memory.hpp"

namespace hamilton {
namespace {

// Size classes: 64 bytes, then 4 per power of two (80, 96, 112, 128, 160, ...), so a buffer is
// at most 25% larger than asked for. Up to 64 TiB; anything larger is never kept.
constexpr std::size_t kClasses = 4 * 40 + 1;
constexpr std::size_t kMaxPooled = std::size_t{64} << 40;

std::size_t class_of(std::size_t bytes) noexcept {
  if (bytes <= 64) return 0;
  const std::size_t m = bytes - 1;
  const int k = static_cast<int>(std::bit_width(m)) - 1;  // 2^k <= m < 2^(k+1), k >= 6
  const std::size_t j = (m - (std::size_t{1} << k)) >> (k - 2);
  return static_cast<std::size_t>(k - 6) * 4 + j + 1;
}

std::size_t class_size(std::size_t c) noexcept {
  if (c == 0) return 64;
  const std::size_t base = std::size_t{64} << ((c - 1) / 4);
  return base + ((c - 1) % 4 + 1) * (base / 4);
}

// A lock for critical sections of a few loads and stores: one atomic exchange to take, a plain
// store to give back (std::mutex costs two atomic operations and two calls). A waiter spins
// briefly, then yields its core (the holder may have been preempted).
class SpinLock {
 public:
  void lock() noexcept {
    while (locked_.exchange(true, std::memory_order_acquire)) {
      for (int i = 0; locked_.load(std::memory_order_relaxed); ++i) {
        if (i < 64) {
#if defined(__x86_64__) || defined(__i386__)
          __builtin_ia32_pause();
#endif
        } else {
          std::this_thread::yield();
        }
      }
    }
  }
  void unlock() noexcept { locked_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> locked_{false};
};

// One size class: a LIFO list threaded through the kept buffers themselves (the first word of a
// kept buffer points to the next), so keeping a buffer allocates nothing. Its own cache line and
// lock: threads allocating different sizes never meet, and the critical sections are a few
// loads and stores.
struct alignas(64) SizeClass {
  SpinLock m;
  void *head = nullptr;
  std::size_t kept = 0;
  std::size_t in_use = 0;
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
};

struct State {
  std::atomic<bool> enabled{true};
  std::atomic<std::size_t> max_cached{MemoryPool::default_max_cached_bytes};
  std::atomic<std::size_t> cached{0};  // reserved before a buffer is kept, so never above the bound
  std::atomic<std::uint64_t> returned{0};
  SizeClass classes[kClasses];
};

State *g_state = nullptr;

// fork() while another thread holds a class's lock would leave the child's lock taken for good:
// take them all around fork, as glibc's malloc does with its arenas.
void lock_all() noexcept {
  for (auto &k : g_state->classes) k.m.lock();
}
void unlock_all() noexcept {
  for (auto &k : g_state->classes) k.m.unlock();
}

State *make_state() {
  auto *s = new State;  // never destroyed: buffers may be freed by static destructors after exit
  g_state = s;
  pthread_atfork(lock_all, unlock_all, unlock_all);
  if (const char *v = std::getenv("HAMILTON_MEMORY_POOL")) {
    bool on = true;
    if (detail::parse_memory_pool_switch(v, on))
      s->enabled.store(on, std::memory_order_relaxed);
    else
      std::fprintf(stderr,
                   "hamilton-cpp: HAMILTON_MEMORY_POOL='%s' is not one of on, off (or 1, 0, true, "
                   "false, yes, no); the column-buffer pool stays on\n",
                   v);
  }
  if (const char *v = std::getenv("HAMILTON_MEMORY_POOL_MAX_BYTES")) {
    std::size_t bytes = 0;
    if (detail::parse_byte_count(v, bytes))
      s->max_cached.store(bytes, std::memory_order_relaxed);
    else
      std::fprintf(stderr,
                   "hamilton-cpp: HAMILTON_MEMORY_POOL_MAX_BYTES='%s' is not a byte count (give "
                   "e.g. 536870912, 512M or 1G); the bound stays at 1G\n",
                   v);
  }
  return s;
}

State &state() noexcept {
  static State *const s = make_state();
  return *s;
}

void *pop(SizeClass &k) noexcept {
  void *p = k.head;
  if (p) {
    k.head = *static_cast<void **>(p);
    --k.kept;
  }
  return p;
}

// Gives kept buffers back until at most `bound` bytes are kept, largest classes first.
void trim(State &st, std::size_t bound) noexcept {
  for (std::size_t c = kClasses; c-- > 0 && st.cached.load(std::memory_order_relaxed) > bound;) {
    SizeClass &k = st.classes[c];
    const std::size_t size = class_size(c);
    for (;;) {
      void *p;
      {
        std::lock_guard lock(k.m);
        if (st.cached.load(std::memory_order_relaxed) <= bound) return;
        p = pop(k);
      }
      if (!p) break;
      st.cached.fetch_sub(size, std::memory_order_relaxed);
      st.returned.fetch_add(1, std::memory_order_relaxed);
      ::operator delete(p);
    }
  }
}

bool iequals(const char *a, const char *b) noexcept {
  for (; *a && *b; ++a, ++b)
    if (std::tolower(static_cast<unsigned char>(*a)) != *b) return false;
  return *a == *b;
}

}  // namespace

namespace detail {

bool parse_memory_pool_switch(const char *text, bool &on) noexcept {
  for (const char *t : {"", "on", "1", "true", "yes"})
    if (iequals(text, t)) return on = true, true;
  for (const char *t : {"off", "0", "false", "no"})
    if (iequals(text, t)) return on = false, true;
  return false;
}

bool parse_byte_count(const char *text, std::size_t &bytes) noexcept {
  if (!std::isdigit(static_cast<unsigned char>(*text))) return false;
  char *end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (errno == ERANGE) return false;
  int shift = 0;
  if (*end) {
    switch (std::toupper(static_cast<unsigned char>(*end))) {
      case 'K':
        shift = 10;
        break;
      case 'M':
        shift = 20;
        break;
      case 'G':
        shift = 30;
        break;
      case 'T':
        shift = 40;
        break;
      default:
        return false;
    }
    ++end;
    if (*end == 'i' || *end == 'I') ++end;
    if (*end == 'b' || *end == 'B') ++end;
    if (*end) return false;
  }
  if (shift && v > (~0ULL >> shift)) return false;
  bytes = static_cast<std::size_t>(v << shift);
  return true;
}

bool pool_active() noexcept { return state().enabled.load(std::memory_order_relaxed); }

void *pool_allocate(std::size_t bytes, bool pooled) {
  if (!pooled || bytes > kMaxPooled) return ::operator new(bytes);
  const std::size_t c = class_of(bytes);
  const std::size_t size = class_size(c);
  State &st = state();
  SizeClass &k = st.classes[c];
  void *p;
  {
    std::lock_guard lock(k.m);
    p = pop(k);
    ++(p ? k.hits : k.misses);
    ++k.in_use;
  }
  if (p) {
    st.cached.fetch_sub(size, std::memory_order_relaxed);
    return p;
  }
  try {
    return ::operator new(size);
  } catch (const std::bad_alloc &) {
    memory_pool().release();  // kept buffers of other sizes may make room
    try {
      return ::operator new(size);
    } catch (...) {
      std::lock_guard lock(k.m);
      --k.in_use;
      throw;
    }
  }
}

void pool_deallocate(void *p, std::size_t bytes, bool pooled) noexcept {
  if (!p) return;
  if (!pooled || bytes > kMaxPooled) {
    ::operator delete(p);
    return;
  }
  const std::size_t c = class_of(bytes);
  const std::size_t size = class_size(c);
  State &st = state();
  SizeClass &k = st.classes[c];
  bool keep = false;
  if (st.enabled.load(std::memory_order_relaxed)) {
    keep = st.cached.fetch_add(size, std::memory_order_relaxed) + size <=
           st.max_cached.load(std::memory_order_relaxed);
    if (!keep) st.cached.fetch_sub(size, std::memory_order_relaxed);
  }
  {
    std::lock_guard lock(k.m);
    --k.in_use;
    if (keep) {
      *static_cast<void **>(p) = k.head;
      k.head = p;
      ++k.kept;
    }
  }
  if (!keep) {
    st.returned.fetch_add(1, std::memory_order_relaxed);
    ::operator delete(p);
  }
}

}  // namespace detail

MemoryPool &memory_pool() noexcept {
  static MemoryPool pool;
  return pool;
}

bool MemoryPool::enabled() const noexcept { return detail::pool_active(); }

void MemoryPool::set_enabled(bool on) noexcept {
  state().enabled.store(on, std::memory_order_relaxed);
  if (!on) release();
}

std::size_t MemoryPool::max_cached_bytes() const noexcept {
  return state().max_cached.load(std::memory_order_relaxed);
}

void MemoryPool::set_max_cached_bytes(std::size_t bytes) noexcept {
  State &st = state();
  st.max_cached.store(bytes, std::memory_order_relaxed);
  trim(st, bytes);
}

void MemoryPool::release() noexcept {
  State &st = state();
  for (std::size_t c = 0; c < kClasses; ++c) {
    SizeClass &k = st.classes[c];
    void *list;
    std::size_t n;
    {
      std::lock_guard lock(k.m);
      list = k.head;
      n = k.kept;
      k.head = nullptr;
      k.kept = 0;
    }
    if (!list) continue;
    const std::size_t size = class_size(c);
    while (list) {
      void *next = *static_cast<void **>(list);
      ::operator delete(list);
      list = next;
    }
    st.cached.fetch_sub(n * size, std::memory_order_relaxed);
    st.returned.fetch_add(n, std::memory_order_relaxed);
  }
}

MemoryPoolStats MemoryPool::stats() const noexcept {
  State &st = state();
  MemoryPoolStats out;
  for (std::size_t c = 0; c < kClasses; ++c) {
    SizeClass &k = st.classes[c];
    const std::size_t size = class_size(c);
    std::lock_guard lock(k.m);
    out.bytes_in_use += k.in_use * size;
    out.buffers_in_use += k.in_use;
    out.bytes_cached += k.kept * size;
    out.buffers_cached += k.kept;
    out.hits += k.hits;
    out.misses += k.misses;
  }
  out.max_cached_bytes = st.max_cached.load(std::memory_order_relaxed);
  out.returned = st.returned.load(std::memory_order_relaxed);
  return out;
}

void MemoryPool::reset_counters() noexcept {
  State &st = state();
  for (auto &k : st.classes) {
    std::lock_guard lock(k.m);
    k.hits = k.misses = 0;
  }
  st.returned.store(0, std::memory_order_relaxed);
}

}  // namespace hamilton
