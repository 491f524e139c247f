#pragma once
/// \file
/// `hamilton::Series`: an immutable, named, typed column with an index (pandas'
/// Series).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/frame/dtype.hpp"
#include "hamilton/frame/index.hpp"

namespace hamilton {

class Series;
class Rolling;
class Expanding;
class Ewm;
class TimeRolling;
class StringMethods;
class DatetimeMethods;

/// Which ends `Series::between` includes (pandas' inclusive=).
enum class Inclusive : std::uint8_t { both, neither, left, right };
/// How `Series::rank` ranks ties (pandas' method=).
enum class RankMethod : std::uint8_t { average, min, max, first, dense };
/// The fill direction of `Series::fillna(FillMethod)` (pandas' fillna(method=...)).
enum class FillMethod : std::uint8_t { ffill, bfill };
/// Which ends of a time window `Series::rolling("7D")` includes (pandas' closed=).
enum class Closed : std::uint8_t { right, left, both, neither };

namespace detail {
/// A scalar operand of a Series operation.
struct HAMILTON_EXPORT Scalar {
  DType dtype = DType::float64;
  double f = 0;
  std::int64_t i = 0;
  bool b = false;
  std::string s;

  template <class T>
  static Scalar of(const T &v) {
    Scalar out;
    if constexpr (std::is_same_v<T, bool>) {
      out.dtype = DType::boolean;
      out.b = v;
    } else if constexpr (std::is_integral_v<T>) {
      out.dtype = DType::int64;
      out.i = static_cast<std::int64_t>(v);
    } else if constexpr (std::is_floating_point_v<T>) {
      out.dtype = DType::float64;
      out.f = static_cast<double>(v);
    } else {
      out.dtype = DType::string;
      out.s = std::string(v);
    }
    return out;
  }
  /// The value as a double (numeric dtypes).
  double as_double() const noexcept {
    return dtype == DType::float64 ? f : dtype == DType::int64 ? static_cast<double>(i) : b;
  }
};

template <class T>
concept ScalarLike = std::is_arithmetic_v<T> || std::is_convertible_v<T, std::string_view>;

enum class BinOp : std::uint8_t { add, sub, mul, div, pow, lt, le, gt, ge, eq, ne, and_, or_ };
HAMILTON_EXPORT Series binary(BinOp op, const Series &a, const Series &b);
HAMILTON_EXPORT Series binary(BinOp op, const Series &a, const Scalar &b, bool scalar_left);
[[noreturn]] HAMILTON_EXPORT void throw_dtype(std::string_view what, const Series &s,
                                              std::string_view expected);
}  // namespace detail

/// Options of `Series::ewm`: give exactly one of `span`, `alpha`, `com`.
struct HAMILTON_EXPORT EwmOptions {
  std::optional<double> span{};   ///< alpha = 2 / (span + 1), span >= 1
  std::optional<double> alpha{};  ///< 0 < alpha <= 1
  std::optional<double> com{};    ///< alpha = 1 / (1 + com), com >= 0
  bool adjust = true;             ///< pandas' adjust (weights (1-alpha)^i, normalised)
  std::int64_t min_periods = 0;
  bool ignore_na = false;
};

/// A named column of float64, int64, bool, string, datetime or timedelta values over an
/// Index. Immutable; copies share the value buffer and the index (O(1), no
/// element copy). Storage is contiguous: `values<T>()` is a span over it.
class HAMILTON_EXPORT Series {
 public:
  /// An empty, unnamed float64 Series.
  Series();
  Series(std::vector<double> values, std::string name = {}, std::optional<Index> index = {});
  Series(std::vector<std::int64_t> values, std::string name = {}, std::optional<Index> index = {});
  Series(std::vector<bool> values, std::string name = {}, std::optional<Index> index = {});
  Series(std::vector<std::string> values, std::string name = {}, std::optional<Index> index = {});
  /// Integer literals become int64 (like pandas).
  Series(std::initializer_list<int> values, std::string name = {}, std::optional<Index> index = {});
  Series(std::initializer_list<double> values, std::string name = {},
         std::optional<Index> index = {});
  Series(std::initializer_list<bool> values, std::string name = {},
         std::optional<Index> index = {});
  Series(std::initializer_list<const char *> values, std::string name = {},
         std::optional<Index> index = {});
  /// A string column with missing values (`missing[i]` true = NaN).
  static Series strings(std::vector<std::string> values, std::vector<bool> missing,
                        std::string name = {}, std::optional<Index> index = {});
  /// A datetime64[ns] column from nanoseconds since the epoch (kNaT = missing).
  static Series datetime(std::vector<std::int64_t> ns, std::string name = {},
                         std::optional<Index> index = {});
  /// A timedelta64[ns] column from durations in nanoseconds (kNaT = missing).
  static Series timedelta(std::vector<std::int64_t> ns, std::string name = {},
                          std::optional<Index> index = {});
  /// A datetime64[ns] column from ISO strings ("2020-01-31", "2020-01-31
  /// 12:00:00"); empty strings are NaT; anything else unparsable is an error,
  /// a date outside kDatetimeMin .. kDatetimeMax an OutOfBoundsDatetime.
  static Series datetime_from_strings(const std::vector<std::string> &iso, std::string name = {},
                                      std::optional<Index> index = {});
  /// `n` copies of a scalar.
  template <detail::ScalarLike T>
  static Series full(std::size_t n, const T &value, std::string name = {},
                     std::optional<Index> index = {}) {
    return full_scalar(n, detail::Scalar::of(value), std::move(name), std::move(index));
  }

  DType dtype() const noexcept { return dtype_; }
  /// pandas' dtype name: "float64", "int64", "bool", "object",
  /// "datetime64[ns]", "timedelta64[ns]".
  std::string_view dtype_name() const noexcept { return hamilton::dtype_name(dtype_); }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  const std::string &name() const noexcept { return name_; }
  const Index &index() const noexcept { return index_; }
  /// A copy with another name (buffers shared).
  Series rename(std::string name) const;
  /// A copy with another index of the same length (buffers shared).
  Series with_index(Index index) const;

  /// The values as a span. T: double (float64), std::int64_t (int64, datetime
  /// or timedelta), bool, std::string. Throws hamilton::Error on a dtype mismatch.
  template <class T>
  std::span<const T> values() const {
    check_access<T>();
    return {static_cast<const T *>(data_), size_};
  }
  /// Element i (bounds-checked). Same T rules as `values()`.
  template <class T>
  const T &at(std::size_t i) const {
    check_access<T>();
    if (i >= size_) throw_out_of_range(i);
    return static_cast<const T *>(data_)[i];
  }
  /// Element i converted to double (numeric, datetime and timedelta dtypes;
  /// missing → NaN).
  double as_double(std::size_t i) const;
  /// Element i as text the way pandas prints it ("NaN", "True", "2020-01-01").
  std::string to_string_at(std::size_t i) const;
  /// True if element i is missing (NaN, NaT, or a missing string).
  bool is_missing(std::size_t i) const;
  /// The values as doubles (numeric dtypes only; bools as 0/1).
  std::vector<double> to_doubles() const;

  // ---- element-wise ----
  Series operator-() const;
  /// Logical not of a bool Series.
  Series operator~() const;
  Series abs() const;
  Series pow(double exponent) const;
  Series log() const;
  Series exp() const;
  Series sqrt() const;
  /// Limits values to [lower, upper]; NaN stays NaN. Missing bounds are not
  /// applied.
  Series clip(std::optional<double> lower, std::optional<double> upper) const;
  /// Keeps values where `cond` is true, `other` (default missing) elsewhere.
  Series where(const Series &cond) const;
  template <detail::ScalarLike T>
  Series where(const Series &cond, const T &other) const {
    return where_impl(cond, detail::Scalar::of(other), false, true);
  }
  /// Replaces values where `cond` is true with `other` (default missing).
  Series mask(const Series &cond) const;
  template <detail::ScalarLike T>
  Series mask(const Series &cond, const T &other) const {
    return where_impl(cond, detail::Scalar::of(other), true, true);
  }
  /// Replaces missing values with `value`.
  template <detail::ScalarLike T>
  Series fillna(const T &value) const {
    return fillna_impl(detail::Scalar::of(value));
  }
  /// Fills missing values forward or backward (pandas' fillna(method="ffill"/"bfill"),
  /// deprecated there since 2.1 in favour of ffill()/bfill()).
  Series fillna(FillMethod method) const { return method == FillMethod::ffill ? ffill() : bfill(); }
  /// Forward-fills missing values (pandas ffill).
  Series ffill() const;
  Series isna() const;
  Series notna() const;
  /// Converts to another dtype (pandas astype). float → int with missing values
  /// or values outside the int64 range is an error; to datetime, a date outside
  /// kDatetimeMin .. kDatetimeMax is an OutOfBoundsDatetime.
  Series astype(DType to) const;
  /// Conforms to `index`: labels absent from this Series become missing (int64
  /// → float64).
  Series reindex(const Index &index) const;

  // ---- transforms (pandas isin, between, round, rank, bfill, interpolate, replace) ----
  /// True where the value is one of `values` (bool; NaN matches NaN, 1 matches 1.0, a
  /// string never matches a number).
  Series isin(const Series &values) const;
  template <detail::ScalarLike T>
  Series isin(const std::vector<T> &values) const {
    std::vector<detail::Scalar> v;
    v.reserve(values.size());
    for (const auto &x : values) v.push_back(detail::Scalar::of(x));
    return isin_impl(v);
  }
  /// True where left <= value <= right (ends as `inclusive` says); missing values are
  /// false. Numbers, strings and datetimes (bounds in ns as int64).
  template <detail::ScalarLike L, detail::ScalarLike R>
  Series between(const L &left, const R &right, Inclusive inclusive = Inclusive::both) const {
    return between_impl(detail::Scalar::of(left), detail::Scalar::of(right), inclusive);
  }
  /// Rounds half to even to `decimals` places (numpy's round; negative decimals round to
  /// tens, hundreds ...). int64 stays int64, bool stays bool.
  Series round(int decimals = 0) const;
  /// Ranks from 1 (float64); missing values stay missing (na_option="keep").
  Series rank(RankMethod method = RankMethod::average, bool ascending = true) const;
  /// Back-fills missing values (pandas bfill).
  Series bfill() const;
  /// Fills missing values linearly between their neighbours by position (pandas'
  /// interpolate(method="linear")); leading missing values stay, trailing ones take the
  /// last value. float64 only changes; int64 and bool are returned as they are.
  Series interpolate() const;
  /// Replaces every value equal to `old` (NaN matches NaN) with `value`. An int64 column
  /// given a float becomes float64.
  template <detail::ScalarLike A, detail::ScalarLike B>
  Series replace(const A &old, const B &value) const {
    return replace_impl({{detail::Scalar::of(old), detail::Scalar::of(value)}});
  }
  /// Replaces by a mapping (pandas replace(dict)): each value is looked up once.
  template <detail::ScalarLike A, detail::ScalarLike B>
  Series replace(const std::vector<std::pair<A, B>> &mapping) const {
    std::vector<std::pair<detail::Scalar, detail::Scalar>> m;
    m.reserve(mapping.size());
    for (const auto &[a, b] : mapping) m.emplace_back(detail::Scalar::of(a), detail::Scalar::of(b));
    return replace_impl(m);
  }

  // ---- distinct values (series_counts.cpp) ----
  /// The distinct values in order of first appearance, missing included once (pandas
  /// unique(), as a Series with a range index and this name).
  Series unique() const;
  /// Number of distinct values (missing values not counted unless `dropna` is false).
  std::size_t nunique(bool dropna = true) const;
  /// Counts of each distinct non-missing value, indexed by the value (pandas 2
  /// value_counts: name "count", or "proportion" when `normalize`). `sort` orders by
  /// count (descending unless `ascending`), ties in order of first appearance; otherwise
  /// the order of first appearance. float64 columns are an error (no float index).
  Series value_counts(bool normalize = false, bool sort = true, bool ascending = false) const;
  /// Position of the smallest / largest non-missing value (the first one on ties). An
  /// empty or all-missing Series is an error.
  std::size_t argmin() const;
  std::size_t argmax() const;
  /// Label (as a one-label Index) of the smallest / largest non-missing value.
  Index idxmin() const;
  Index idxmax() const;

  // ---- accessors (strings.hpp, datetimes.hpp; include hamilton/frame.hpp) ----
  /// String methods (pandas .str); the column must be a string column.
  StringMethods str() const;
  /// Datetime or timedelta fields (pandas .dt); the column must be a datetime or
  /// timedelta column.
  DatetimeMethods dt() const;

  /// Applies `f` to every element (called with double, std::int64_t, bool or
  /// std::string as the dtype holds; datetimes and timedeltas as std::int64_t ns). The result
  /// dtype follows f's return type. pandas' map/apply with na_action=None:
  /// missing values are passed to f too.
  template <class F>
  Series map(F &&f) const;
  template <class F>
  Series apply(F &&f) const {
    return map(std::forward<F>(f));
  }

  // ---- windows and time series ----
  /// Values moved down by n rows (up if negative); vacated rows are missing.
  Series shift(std::int64_t n = 1) const;
  /// this - shift(n): float64 for numeric columns, timedelta for datetime and
  /// timedelta columns (pandas).
  Series diff(std::int64_t n = 1) const;
  /// Fractional change from n rows before (after forward-filling, like pandas).
  Series pct_change(std::int64_t n = 1) const;
  /// A fixed window of `window` rows; min_periods defaults to window.
  Rolling rolling(std::size_t window, std::optional<std::size_t> min_periods = {}) const;
  /// A time window over a datetime index ("7D", "12h", "30min", "10s", "500ms", "1us",
  /// "1ns"; pandas' rolling("7D")): each row aggregates the rows whose label is within
  /// `window` before it (ends as `closed` says). The index must be increasing.
  TimeRolling rolling(std::string_view window, std::size_t min_periods = 1,
                      Closed closed = Closed::right) const;
  /// A growing window (min_periods defaults to 1).
  Expanding expanding(std::size_t min_periods = 1) const;
  /// Exponentially weighted window.
  Ewm ewm(const EwmOptions &options) const;
  Series cumsum() const;
  Series cumprod() const;
  Series cummax() const;
  Series cummin() const;

  // ---- reductions (missing values skipped, like pandas skipna=True) ----
  // On a timedelta column sum, mean, min, max and median are nanoseconds as a double
  // (computed as pandas does, truncated to whole nanoseconds); `timedelta_sum` ... in
  // datetimes.hpp give them as durations.
  /// Sum (0 for an empty or all-missing Series).
  double sum() const;
  double mean() const;
  /// Sample variance / standard deviation with `ddof` (NaN if fewer than ddof+1
  /// values).
  double var(int ddof = 1) const;
  double std(int ddof = 1) const;
  double min() const;
  double max() const;
  /// Number of non-missing values.
  std::size_t count() const;
  double median() const;
  /// Quantile with linear interpolation (q in [0, 1]).
  double quantile(double q) const;

  // ---- selection and comparison ----
  Series head(std::size_t n = 5) const;
  Series tail(std::size_t n = 5) const;
  /// Rows begin .. end-1 (clamped), like iloc[begin:end].
  Series slice(std::size_t begin, std::size_t end) const;
  /// Rows at `positions`; `detail::npos` gives a missing row.
  Series take(const std::vector<std::size_t> &positions, const Index &index) const;
  /// pandas equals: same index, same dtype, same values, NaN == NaN in the same
  /// positions.
  bool equals(const Series &other) const;
  /// Same index and length; numeric values with |a-b| <= atol + rtol*|b|;
  /// missing in the same positions; non-numeric values must be equal.
  bool approx_equal(const Series &other, double rtol = 1e-9, double atol = 1e-12) const;
  /// pandas' Series.to_string(): index and values, without the `Name: x, dtype: y`
  /// footer (`operator<<` adds it).
  std::string to_string() const;

  /// "float64 column 'x' (3 rows)": used in error messages.
  std::string describe() const;

  /// Internal: the shared buffer owner (for O(1) identity checks in tests).
  const void *data() const noexcept { return data_; }
  /// Internal: what keeps the value buffer alive (shared by copies, renames and
  /// slices; the `owner` given to the raw-buffer constructor). Bindings use it to
  /// recognise a buffer they lent and to keep it alive from the other side.
  const std::shared_ptr<const void> &buffer_owner() const noexcept { return owner_; }
  /// Internal: missing-value mask of a string column (nullptr if none missing).
  const std::vector<bool> *string_missing() const noexcept { return str_na_.get(); }

  // Internal constructor from a raw buffer.
  Series(DType dtype, std::size_t size, std::shared_ptr<const void> owner, const void *data,
         std::shared_ptr<const std::vector<bool>> str_na, std::string name, Index index);

 private:
  template <class T>
  void check_access() const {
    bool ok;
    if constexpr (std::is_same_v<T, double>)
      ok = dtype_ == DType::float64;
    else if constexpr (std::is_same_v<T, std::int64_t>)
      ok = dtype_ == DType::int64 || dtype_ == DType::datetime || dtype_ == DType::timedelta;
    else if constexpr (std::is_same_v<T, bool>)
      ok = dtype_ == DType::boolean;
    else if constexpr (std::is_same_v<T, std::string>)
      ok = dtype_ == DType::string;
    else
      ok = false;
    if (!ok) throw_access(type_label<T>());
  }
  template <class T>
  static const char *type_label() {
    if constexpr (std::is_same_v<T, double>)
      return "double";
    else if constexpr (std::is_same_v<T, std::int64_t>)
      return "int64_t";
    else if constexpr (std::is_same_v<T, bool>)
      return "bool";
    else if constexpr (std::is_same_v<T, std::string>)
      return "std::string";
    else
      return "an unsupported type";
  }
  [[noreturn]] void throw_access(const char *type) const;
  [[noreturn]] void throw_out_of_range(std::size_t i) const;
  [[noreturn]] void throw_map(const char *why) const;
  static Series full_scalar(std::size_t n, const detail::Scalar &v, std::string name,
                            std::optional<Index> index);
  Series where_impl(const Series &cond, const detail::Scalar &other, bool invert,
                    bool has_other) const;
  Series fillna_impl(const detail::Scalar &value) const;
  Series isin_impl(const std::vector<detail::Scalar> &values) const;
  Series between_impl(const detail::Scalar &left, const detail::Scalar &right,
                      Inclusive inclusive) const;
  Series replace_impl(const std::vector<std::pair<detail::Scalar, detail::Scalar>> &mapping) const;
  template <class R>
  static Series from_results(std::vector<R> &&out, std::string name, Index index);

  DType dtype_ = DType::float64;
  std::size_t size_ = 0;
  std::shared_ptr<const void> owner_;
  const void *data_ = nullptr;
  std::shared_ptr<const std::vector<bool>> str_na_;  // string dtype only; null = none missing
  std::string name_;
  Index index_;
};

/// Fixed-size moving window (pandas Rolling). Results are float64 with the
/// Series' index.
class HAMILTON_EXPORT Rolling {
 public:
  Rolling(Series s, std::size_t window, std::size_t min_periods);
  Series mean() const;
  Series sum() const;
  Series min() const;
  Series max() const;
  Series std(int ddof = 1) const;
  Series var(int ddof = 1) const;
  Series median() const;
  Series count() const;

 private:
  Series s_;
  std::size_t window_;
  std::size_t min_periods_;
};

/// Time-based moving window over a datetime index (pandas Rolling with an offset window).
/// Results are float64 with the Series' index.
class HAMILTON_EXPORT TimeRolling {
 public:
  TimeRolling(Series s, std::int64_t window_ns, std::size_t min_periods, Closed closed);
  Series sum() const;
  Series mean() const;
  Series count() const;
  Series min() const;
  Series max() const;

 private:
  Series s_;
  std::int64_t window_ns_;
  std::size_t min_periods_;
  Closed closed_;
  std::vector<std::size_t> start_, end_;  // row i aggregates rows start_[i] .. end_[i]-1
};

/// Growing window from the first row (pandas Expanding).
class HAMILTON_EXPORT Expanding {
 public:
  Expanding(Series s, std::size_t min_periods);
  Series mean() const;
  Series sum() const;
  Series min() const;
  Series max() const;

 private:
  Series s_;
  std::size_t min_periods_;
};

/// Exponentially weighted window (pandas ExponentialMovingWindow).
class HAMILTON_EXPORT Ewm {
 public:
  Ewm(Series s, EwmOptions options);
  Series mean() const;

 private:
  Series s_;
  double alpha_;
  EwmOptions options_;
};

// ---- operators: Series with Series (index-aligned) and with scalars, in both
// orders ----
#define HAMILTON_SERIES_BINOP(OP, KIND)                                          \
  inline Series operator OP(const Series &a, const Series &b) {                  \
    return detail::binary(detail::BinOp::KIND, a, b);                            \
  }                                                                              \
  template <detail::ScalarLike T>                                                \
  Series operator OP(const Series &a, const T &b) {                              \
    return detail::binary(detail::BinOp::KIND, a, detail::Scalar::of(b), false); \
  }                                                                              \
  template <detail::ScalarLike T>                                                \
  Series operator OP(const T &a, const Series &b) {                              \
    return detail::binary(detail::BinOp::KIND, b, detail::Scalar::of(a), true);  \
  }
HAMILTON_SERIES_BINOP(+, add)
HAMILTON_SERIES_BINOP(-, sub)
HAMILTON_SERIES_BINOP(*, mul)
HAMILTON_SERIES_BINOP(/, div)
HAMILTON_SERIES_BINOP(<, lt)
HAMILTON_SERIES_BINOP(<=, le)
HAMILTON_SERIES_BINOP(>, gt)
HAMILTON_SERIES_BINOP(>=, ge)
HAMILTON_SERIES_BINOP(==, eq)
HAMILTON_SERIES_BINOP(!=, ne)
HAMILTON_SERIES_BINOP(&, and_)
HAMILTON_SERIES_BINOP(|, or_)
#undef HAMILTON_SERIES_BINOP

/// Element-wise power with index alignment.
inline Series pow(const Series &a, const Series &b) {
  return detail::binary(detail::BinOp::pow, a, b);
}
inline Series pow(const Series &a, double b) { return a.pow(b); }

/// Prints `s.to_string()`.
HAMILTON_EXPORT std::ostream &operator<<(std::ostream &os, const Series &s);

// ---- template implementation ----
template <class R>
Series Series::from_results(std::vector<R> &&out, std::string name, Index index) {
  if constexpr (std::is_same_v<R, bool>) {
    return Series(std::vector<bool>(out.begin(), out.end()), std::move(name), std::move(index));
  } else if constexpr (std::is_same_v<R, double> || std::is_same_v<R, std::int64_t> ||
                       std::is_same_v<R, std::string>) {
    return Series(std::move(out), std::move(name), std::move(index));
  } else {
    static_assert(sizeof(R) == 0, "unreachable");
  }
}

template <class F>
Series Series::map(F &&f) const {
  auto run = [&]<class In>(const In *in) -> Series {
    if constexpr (!std::is_invocable_v<F &, const In &>) {
      throw_map("the callable does not accept this dtype's element type");
    } else {
      using Raw = std::decay_t<std::invoke_result_t<F &, const In &>>;
      using R =
          std::conditional_t<std::is_same_v<Raw, bool>, bool,
                             std::conditional_t<std::is_floating_point_v<Raw>, double,
                                                std::conditional_t<std::is_integral_v<Raw>,
                                                                   std::int64_t, std::string>>>;
      static_assert(std::is_arithmetic_v<Raw> || std::is_convertible_v<Raw, std::string>,
                    "map: the callable must return a number, bool or string");
      std::vector<std::conditional_t<std::is_same_v<R, bool>, char, R>> tmp;
      tmp.reserve(size_);
      for (std::size_t i = 0; i < size_; ++i) {
        if constexpr (std::is_same_v<R, std::string>)
          tmp.emplace_back(f(in[i]));
        else
          tmp.push_back(static_cast<R>(f(in[i])));
      }
      if constexpr (std::is_same_v<R, bool>) {
        std::vector<bool> b(tmp.begin(), tmp.end());
        return Series(std::move(b), name_, index_);
      } else {
        return from_results<R>(std::move(tmp), name_, index_);
      }
    }
  };
  switch (dtype_) {
    case DType::float64:
      return run(static_cast<const double *>(data_));
    case DType::int64:
    case DType::datetime:
    case DType::timedelta:
      return run(static_cast<const std::int64_t *>(data_));
    case DType::boolean:
      return run(static_cast<const bool *>(data_));
    case DType::string:
      return run(static_cast<const std::string *>(data_));
  }
  throw_map("unknown dtype");
}

}  // namespace hamilton
