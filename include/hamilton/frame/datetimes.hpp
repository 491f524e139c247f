#pragma once
/// \file
/// Datetime and timedelta columns: pandas' `Series.dt` fields (`s.dt().year()`,
/// `s.dt().days()`), datetime or timedelta plus/minus a duration, comparisons with a
/// duration, timedelta reductions as durations, and `to_datetime` from text with a
/// strftime-like format.

#include <chrono>
#include <optional>
#include <string_view>

#include "hamilton/export.hpp"
#include "hamilton/frame/series.hpp"

namespace hamilton {

/// Fields of a datetime column (pandas' `.dt`, DatetimeProperties) or of a timedelta column
/// (TimedeltaProperties: `days`, `seconds`, `microseconds`, `nanoseconds`, `total_seconds`).
/// Fields are int64 (pandas: int32 but `days`; the ISO week UInt32); with NaT present they are
/// float64 with NaN. Name and index are kept. A datetime field of a timedelta column, or a
/// timedelta field of a datetime column, is a hamilton::Error saying which dtype it needs.
class HAMILTON_EXPORT DatetimeMethods {
 public:
  /// Throws hamilton::Error unless `s` is a datetime or timedelta column.
  explicit DatetimeMethods(Series s);
  Series year() const;
  Series month() const;
  Series day() const;
  Series hour() const;
  Series minute() const;
  Series second() const;
  /// Monday = 0 .. Sunday = 6.
  Series dayofweek() const;
  /// 1 .. 366.
  Series dayofyear() const;
  /// ISO-8601 week number, 1 .. 53 (pandas' `isocalendar().week`, named "week").
  Series isoweek() const;
  /// ISO-8601 year of the ISO week (pandas' `isocalendar().year`, named "year").
  Series isoyear() const;
  /// Midnight of each date (pandas' `dt.normalize()`).
  Series normalize() const;

  // ---- timedelta columns ----
  /// Whole days, rounded towards minus infinity (`-1 days +23:00:00` has days -1).
  Series days() const;
  /// Seconds after the days, 0 .. 86399.
  Series seconds() const;
  /// Microseconds after the seconds, 0 .. 999999.
  Series microseconds() const;
  /// Nanoseconds after the microseconds, 0 .. 999.
  Series nanoseconds() const;
  /// The duration in seconds (float64, NaN for NaT).
  Series total_seconds() const;

 private:
  Series field(int which) const;
  Series td_field(int which) const;
  Series s_;
};

/// A datetime or timedelta column shifted by a duration (pandas' `s + pd.Timedelta(...)`):
/// NaT stays NaT; a datetime outside kDatetimeMin .. kDatetimeMax is an OutOfBoundsDatetime,
/// a timedelta outside kTimedeltaMin .. kTimedeltaMax a hamilton::Error. Other dtypes are an
/// error. `std::chrono::days{7}`, `std::chrono::hours{6}` ... convert implicitly.
HAMILTON_EXPORT Series operator+(const Series &s, std::chrono::nanoseconds d);
HAMILTON_EXPORT Series operator+(std::chrono::nanoseconds d, const Series &s);
HAMILTON_EXPORT Series operator-(const Series &s, std::chrono::nanoseconds d);

namespace detail {
inline Scalar duration_scalar(std::chrono::nanoseconds d) {
  Scalar s;
  s.dtype = DType::timedelta;
  s.i = d.count();
  return s;
}
}  // namespace detail

/// A timedelta column compared with a duration (pandas' `s < pd.Timedelta("1h")`): bool, NaT
/// compares false (true for `!=`). Other dtypes are an error.
#define HAMILTON_DURATION_CMP(OP, KIND)                                               \
  inline Series operator OP(const Series &a, std::chrono::nanoseconds d) {            \
    return detail::binary(detail::BinOp::KIND, a, detail::duration_scalar(d), false); \
  }                                                                                   \
  inline Series operator OP(std::chrono::nanoseconds d, const Series &a) {            \
    return detail::binary(detail::BinOp::KIND, a, detail::duration_scalar(d), true);  \
  }
HAMILTON_DURATION_CMP(<, lt)
HAMILTON_DURATION_CMP(<=, le)
HAMILTON_DURATION_CMP(>, gt)
HAMILTON_DURATION_CMP(>=, ge)
HAMILTON_DURATION_CMP(==, eq)
HAMILTON_DURATION_CMP(!=, ne)
#undef HAMILTON_DURATION_CMP

/// A timedelta column divided by a duration (pandas' `s / pd.Timedelta("1h")`): float64, NaT
/// gives NaN.
inline Series operator/(const Series &a, std::chrono::nanoseconds d) {
  return detail::binary(detail::BinOp::div, a, detail::duration_scalar(d), false);
}

/// Reductions of a timedelta column as durations (pandas' `Timedelta` results of `s.sum()`,
/// `s.mean()` ...): NaT skipped; `timedelta_sum` of nothing is 0, the others nullopt (pandas'
/// NaT). Like pandas, sum, mean and median are computed in float64 (exact below 2^53 ns, about
/// 104 days) and truncated towards zero to whole nanoseconds; min and max are exact. A sum
/// outside the int64 range is a hamilton::Error (pandas: "overflow in timedelta operation").
/// Other dtypes are an error.
HAMILTON_EXPORT std::chrono::nanoseconds timedelta_sum(const Series &s);
HAMILTON_EXPORT std::optional<std::chrono::nanoseconds> timedelta_mean(const Series &s);
HAMILTON_EXPORT std::optional<std::chrono::nanoseconds> timedelta_min(const Series &s);
HAMILTON_EXPORT std::optional<std::chrono::nanoseconds> timedelta_max(const Series &s);
HAMILTON_EXPORT std::optional<std::chrono::nanoseconds> timedelta_median(const Series &s);

/// Parses a string column with a strftime-like `format` (pandas' `to_datetime(s,
/// format=...)`): `%Y` (4 digits), `%m`, `%d`, `%H`, `%M`, `%S` (1 or 2 digits), `%y` (2
/// digits, 69..99 → 19xx), `%f` (1 to 9 fraction digits), `%j` (day of year), `%b` / `%B`
/// ("Jan" / "January", any case), `%%`; a space matches any run of whitespace; other characters
/// match themselves. The whole value must match. Missing values are NaT. A value that does
/// not match is a hamilton::Error naming it and its row; a date outside kDatetimeMin ..
/// kDatetimeMax an OutOfBoundsDatetime; an unknown directive a hamilton::Error.
HAMILTON_EXPORT Series to_datetime(const Series &strings, std::string_view format);

}  // namespace hamilton
