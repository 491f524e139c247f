#pragma once
// Test helpers that count things happening at once: live values (to check that intermediates
// are released) and concurrent calls (to check that nodes run in parallel).
#include <atomic>

namespace testing_support {

/// Raises `peak` to `now` if `now` is higher (lock-free).
inline void raise_peak(std::atomic<int>& peak, int now) {
  int p = peak.load();
  while (now > p && !peak.compare_exchange_weak(p, now)) {
  }
}

/// A value that counts its live instances and their peak.
struct Tracked {
  static inline std::atomic<int> live{0};
  static inline std::atomic<int> peak{0};
  double v = 0;
  explicit Tracked(double x) : v(x) { raise_peak(peak, ++live); }
  Tracked(const Tracked& o) : v(o.v) { raise_peak(peak, ++live); }
  ~Tracked() { --live; }
};

}  // namespace testing_support
