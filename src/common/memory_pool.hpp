#pragma once
// The column-buffer pool's entry points for the frame layer (not installed). docs/memory.md.
#include <cstddef>

namespace hamilton::detail {

/// Whether a buffer allocated now comes from the pool (the pool is on).
bool pool_active() noexcept;
/// A buffer of at least `bytes`: from the pool (rounded up to its size class) when `pooled`,
/// else straight from `operator new`. Give it back with the same `bytes` and `pooled`.
void *pool_allocate(std::size_t bytes, bool pooled);
void pool_deallocate(void *p, std::size_t bytes, bool pooled) noexcept;

/// A standard allocator over the pool; `pooled` is decided once, when the buffer is made, so the
/// buffer goes back the way it came even if the pool is switched off or on meanwhile.
template <class T>
struct PoolAllocator {
  using value_type = T;
  bool pooled = true;

  explicit PoolAllocator(bool p) noexcept : pooled(p) {}
  template <class U>
  PoolAllocator(const PoolAllocator<U> &o) noexcept : pooled(o.pooled) {}

  T *allocate(std::size_t n) { return static_cast<T *>(pool_allocate(n * sizeof(T), pooled)); }
  void deallocate(T *p, std::size_t n) noexcept { pool_deallocate(p, n * sizeof(T), pooled); }

  template <class U>
  bool operator==(const PoolAllocator<U> &o) const noexcept {
    return pooled == o.pooled;
  }
};

}  // namespace hamilton::detail
