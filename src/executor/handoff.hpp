#pragma once
// Work handed from one thread to another through oneTBB (task_arena::execute delegation,
// parallel_for, task_group::run) is synchronised inside libtbb, which Debian does not build
// with ThreadSanitizer. Publishing through this global atomic as well makes the hand-over
// visible to ThreadSanitizer; it costs one atomic operation per hand-over.
//
//   auto work = [&] { observe_handoff(); ...; publish_handoff(); };  // construct first
//   publish_handoff();          // after `work` exists, before handing it over
//   hand over `work`, wait;
//   observe_handoff();          // before reading what `work` wrote
#include <atomic>
#include <cstdint>

namespace hamilton::detail {

inline std::atomic<std::uint64_t>& handoff_counter() {
  static std::atomic<std::uint64_t> counter{0};
  return counter;
}
inline void publish_handoff() { handoff_counter().fetch_add(1, std::memory_order_acq_rel); }
inline void observe_handoff() { (void)handoff_counter().load(std::memory_order_acquire); }

// Whether this build runs under ThreadSanitizer (GCC: __SANITIZE_THREAD__, Clang: __has_feature):
// hand-overs on hot paths publish only then.
#if defined(__SANITIZE_THREAD__)
inline constexpr bool kThreadSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
inline constexpr bool kThreadSanitizer = true;
#else
inline constexpr bool kThreadSanitizer = false;
#endif
#else
inline constexpr bool kThreadSanitizer = false;
#endif

}  // namespace hamilton::detail
