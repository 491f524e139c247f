#pragma once
/// \file
/// Memory for column workloads: the buffer pool behind Series and DataFrame columns, and allocator
/// tuning for everything else. docs/memory.md explains the design.

#include <cstddef>
#include <cstdint>

#include "hamilton/export.hpp"

namespace hamilton {

/// What the column-buffer pool holds and has done (`memory_pool().stats()`).
struct HAMILTON_EXPORT MemoryPoolStats {
  std::size_t bytes_in_use = 0;      ///< size-class bytes of pooled buffers alive now
  std::size_t buffers_in_use = 0;    ///< pooled buffers alive now
  std::size_t bytes_cached = 0;      ///< size-class bytes of freed buffers kept for reuse
  std::size_t buffers_cached = 0;    ///< freed buffers kept for reuse
  std::size_t max_cached_bytes = 0;  ///< the bound on `bytes_cached`
  std::uint64_t hits = 0;            ///< allocations served by a kept buffer
  std::uint64_t misses = 0;          ///< allocations that went to the system allocator
  std::uint64_t returned = 0;  ///< freed buffers given back to the system (bound reached, pool off)
};

/// The pool that the frame layer allocates its column buffers from (results of Series operations,
/// windows, selections, conversions). Freed buffers are kept by size class (4 classes per power of
/// two, at most 25% slack) and handed out again to the next allocation of that class, across
/// nodes, executes and threads, up to `max_cached_bytes()`. On by default; off with
/// `set_enabled(false)` or the environment variable `HAMILTON_MEMORY_POOL=off` (read once, at
/// the pool's first use). Thread-safe. Buffers from outside (a `std::vector` moved into a
/// Series, numpy or Arrow memory lent through the owner constructor) are never pooled.
class HAMILTON_EXPORT MemoryPool {
 public:
  /// The default bound on kept bytes (1 GiB); `HAMILTON_MEMORY_POOL_MAX_BYTES` overrides it.
  static constexpr std::size_t default_max_cached_bytes = std::size_t{1} << 30;

  MemoryPool(const MemoryPool &) = delete;
  MemoryPool &operator=(const MemoryPool &) = delete;

  /// Whether new column buffers come from the pool.
  bool enabled() const noexcept;
  /// Turns the pool on or off. Off: new buffers come straight from `operator new`, freed ones
  /// go straight back, and the kept buffers are released. Buffers alive keep working either way.
  void set_enabled(bool on) noexcept;
  /// The bound on the bytes of kept buffers.
  std::size_t max_cached_bytes() const noexcept;
  /// Sets the bound; kept buffers above it are released now.
  void set_max_cached_bytes(std::size_t bytes) noexcept;
  /// Gives every kept buffer back to the system allocator (buffers in use are not touched).
  void release() noexcept;
  /// The current counters.
  MemoryPoolStats stats() const noexcept;
  /// Sets `hits`, `misses` and `returned` to zero.
  void reset_counters() noexcept;

 private:
  MemoryPool() = default;
  friend HAMILTON_EXPORT MemoryPool &memory_pool() noexcept;
};

/// The process's column-buffer pool.
HAMILTON_EXPORT MemoryPool &memory_pool() noexcept;

/// Asks glibc's malloc to keep the memory it frees for reuse (up to `max_bytes`) instead of
/// returning it to the operating system after every run. The column-buffer pool already keeps
/// the frame layer's own buffers; this covers every other allocation (a node's own
/// `std::vector`s, strings, hash maps). Process-wide and opt-in: call once at start-up. Returns
/// false where the C library has no such settings (then nothing changes). jemalloc or
/// tcmalloc, linked by the application, have the same effect.
HAMILTON_EXPORT bool retain_freed_memory(std::size_t max_bytes = std::size_t{1} << 30);

namespace detail {
/// Reads a value of `HAMILTON_MEMORY_POOL`: on, 1, true, yes or empty set `on`; off, 0, false or
/// no clear it (any case). False for anything else.
HAMILTON_EXPORT bool parse_memory_pool_switch(const char *text, bool &on) noexcept;
/// Reads a byte count: "1073741824", "64K", "512M", "1G", "1GiB" (binary units). False for
/// anything else.
HAMILTON_EXPORT bool parse_byte_count(const char *text, std::size_t &bytes) noexcept;
}  // namespace detail

}  // namespace hamilton
