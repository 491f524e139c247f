#pragma once
// Internal helpers shared by the frame sources (not installed).
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/float_text.hpp"
#include "common/memory_pool.hpp"
#include "hamilton/frame/series.hpp"

namespace hamilton::detail {

/// A freshly allocated, uninitialised (for trivial T) buffer and its owner.
template <class T>
struct Buffer {
  std::shared_ptr<const void> owner;
  T *data = nullptr;
};

/// Every result buffer of the frame layer comes from here: one allocation from the column-buffer
/// pool (common/memory_pool.hpp) holding the reference counts and the `n` elements.
template <class T>
Buffer<T> alloc(std::size_t n) {
  static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);
  const PoolAllocator<T> a(pool_active());
  Buffer<T> b;
  if constexpr (std::is_trivially_default_constructible_v<T>) {
    auto p = std::allocate_shared_for_overwrite<T[]>(a, n == 0 ? 1 : n);
    b.data = p.get();
    b.owner = std::shared_ptr<const void>(std::move(p), b.data);
  } else {
    auto p = std::allocate_shared<T[]>(a, n == 0 ? 1 : n);
    b.data = p.get();
    b.owner = std::shared_ptr<const void>(std::move(p), b.data);
  }
  return b;
}

template <class T>
Series make_series(DType dt, std::size_t n, const Buffer<T> &b, std::string name, Index index,
                   std::shared_ptr<const std::vector<bool>> na = nullptr) {
  return Series(dt, n, b.owner, b.data, std::move(na), std::move(name), std::move(index));
}

/// A result column being filled: `n` elements of a pooled buffer, then a Series.
template <class T>
class PooledColumn {
 public:
  explicit PooledColumn(std::size_t n) : b_(alloc<T>(n)), n_(n) {}
  T &operator[](std::size_t i) noexcept { return b_.data[i]; }
  T *data() noexcept { return b_.data; }
  std::size_t size() const noexcept { return n_; }
  Series series(DType dt, std::string name, Index index,
                std::shared_ptr<const std::vector<bool>> na = nullptr) const {
    return make_series(dt, n_, b_, std::move(name), std::move(index), std::move(na));
  }

 private:
  Buffer<T> b_;
  std::size_t n_;
};

inline Series make_doubles(std::vector<double> v, std::string name, Index index) {
  return Series(std::move(v), std::move(name), std::move(index));
}

/// Type name as used in messages ("string" rather than pandas' "object").
inline std::string dtype_label(DType t) {
  return t == DType::string ? std::string("string") : std::string(dtype_name(t));
}

/// numpy's pairwise summation (the algorithm behind pandas' sum/mean), NaN
/// treated as 0.
double pairwise_sum(const double *a, std::size_t n);

/// The element-wise formatted strings of a column, as pandas' format_array
/// makes them.
std::vector<std::string> format_values(const Series &s, bool leading_space);
/// Whether every non-NaT value of a timedelta column is a whole number of days (pandas then
/// prints them as "3 days"; exported for the CSV writer of hamilton::io).
HAMILTON_EXPORT bool timedelta_days_only(const std::int64_t *v, std::size_t n);
/// True for the dtypes holding int64 nanoseconds with kNaT missing (datetime, timedelta).
inline bool is_ns_dtype(DType t) { return t == DType::datetime || t == DType::timedelta; }
/// Labels of an index as pandas prints them (exported for the CSV writer of hamilton::io).
HAMILTON_EXPORT std::vector<std::string> format_index(const Index &ix);
/// How ISO text reads as a datetime.
enum class DatetimeText : std::uint8_t { ok, not_a_date, out_of_bounds };
/// parse_datetime without exceptions: `ok` sets `ns`; `out_of_bounds` is a well-formed date
/// outside kDatetimeMin .. kDatetimeMax (exported for the CSV reader of hamilton::io).
HAMILTON_EXPORT DatetimeText parse_datetime_text(std::string_view text, std::int64_t &ns) noexcept;
/// The message for a date outside the datetime64[ns] range: the value quoted, the range and how
/// to fix it (exported for the CSV reader of hamilton::io).
HAMILTON_EXPORT std::string datetime_out_of_bounds(std::string_view value);
}  // namespace hamilton::detail
