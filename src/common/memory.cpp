#include "hamilton/memory.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <climits>

namespace hamilton {

bool retain_freed_memory(std::size_t max_bytes) {
#if defined(__GLIBC__)
  const int bytes = max_bytes > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(max_bytes);
  // keep freed memory at the top of the heap instead of trimming it
  bool ok = mallopt(M_TRIM_THRESHOLD, bytes) == 1;
  // large buffers (whole columns) come from the heap and are reused, not mmap'ed and unmapped
  ok = mallopt(M_MMAP_THRESHOLD, bytes < 32 * 1024 * 1024 ? bytes : 32 * 1024 * 1024) == 1 && ok;
  // grow the heap in bigger steps
  ok = mallopt(M_TOP_PAD, 64 * 1024 * 1024) == 1 && ok;
  return ok;
#else
  (void)max_bytes;
  return false;
#endif
}

}  // namespace hamilton
