#pragma once
/// \file
/// Allocator tuning for column workloads.

#include <cstddef>

#include "hamilton/export.hpp"

namespace hamilton {

/// Asks glibc's malloc to keep the memory it frees for reuse (up to `max_bytes`) instead of
/// returning it to the operating system after every run. Column workloads free and allocate
/// many large buffers per execute; with glibc's defaults the freed heap is trimmed and the next
/// run pays a page fault per 4 KiB again, which can cost more than the computation itself
/// (docs/performance.md measures it). Process-wide and opt-in: call once at start-up. Returns
/// false where the C library has no such settings (then nothing changes). jemalloc or
/// tcmalloc, linked by the application, have the same effect.
HAMILTON_EXPORT bool retain_freed_memory(std::size_t max_bytes = std::size_t{1} << 30);

}  // namespace hamilton
