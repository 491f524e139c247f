#pragma once
/// \file
/// Element types of `hamilton::Series` columns and datetime helpers.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"

namespace hamilton {

/// The element type of a column.
enum class DType : std::uint8_t {
  float64,    ///< double; missing = NaN
  int64,      ///< std::int64_t; cannot hold missing values (becomes float64, like
              ///< pandas)
  boolean,    ///< bool; cannot hold missing values
  string,     ///< std::string; missing values tracked by a mask (pandas' object
              ///< NaN)
  datetime,   ///< nanoseconds since the Unix epoch (std::int64_t); missing = NaT
  timedelta,  ///< a duration in nanoseconds (std::int64_t); missing = NaT
};

/// pandas' name of a dtype: "float64", "int64", "bool", "object",
/// "datetime64[ns]", "timedelta64[ns]".
HAMILTON_EXPORT std::string_view dtype_name(DType t) noexcept;

/// True for float64, int64 and bool (the dtypes arithmetic accepts).
constexpr bool is_numeric(DType t) noexcept {
  return t == DType::float64 || t == DType::int64 || t == DType::boolean;
}

/// The datetime missing value (pandas' NaT): the smallest int64.
inline constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();

/// The earliest datetime64[ns] value, pandas' `Timestamp.min`: 1677-09-21 00:12:43.145224193
/// (the smallest int64 is kNaT).
inline constexpr std::int64_t kDatetimeMin = kNaT + 1;
/// The latest datetime64[ns] value, pandas' `Timestamp.max`: 2262-04-11 23:47:16.854775807.
inline constexpr std::int64_t kDatetimeMax = std::numeric_limits<std::int64_t>::max();

/// The smallest timedelta64[ns] value, pandas' `Timedelta.min`: -106752 days +00:12:43.145224193.
inline constexpr std::int64_t kTimedeltaMin = kNaT + 1;
/// The largest timedelta64[ns] value, pandas' `Timedelta.max`: 106751 days 23:47:16.854775807.
inline constexpr std::int64_t kTimedeltaMax = std::numeric_limits<std::int64_t>::max();

/// A date-time outside `kDatetimeMin .. kDatetimeMax`, which nanoseconds since the epoch in an
/// int64 cannot hold (pandas' `OutOfBoundsDatetime`; `9999-12-31` is a common example).
/// `value()` is the date as it was given (the text, or the components formatted as ISO).
class HAMILTON_EXPORT OutOfBoundsDatetime : public Error {
 public:
  OutOfBoundsDatetime(const std::string &message, std::string value)
      : Error(message), value_(std::move(value)) {}
  const std::string &value() const noexcept { return value_; }

 private:
  std::string value_;
};

/// Parses an ISO-8601 date or date-time: `YYYY-MM-DD`, optionally followed by
/// `T` or a space and `HH:MM[:SS[.fffffffff]]`, optionally ending in `Z`.
/// Returns nanoseconds since the epoch, or nullopt if `text` is not such a
/// date. Throws OutOfBoundsDatetime for a date of that form outside
/// `kDatetimeMin .. kDatetimeMax` (such as `9999-12-31`).
HAMILTON_EXPORT std::optional<std::int64_t> parse_datetime(std::string_view text);

/// Formats nanoseconds since the epoch as ISO text: `YYYY-MM-DD` when
/// `date_only`, else `YYYY-MM-DD HH:MM:SS` plus `.fff`, `.ffffff` or
/// `.fffffffff` as `fraction_digits` (0, 3, 6, 9) asks. `kNaT` formats as
/// "NaT".
HAMILTON_EXPORT std::string format_datetime(std::int64_t ns, bool date_only = false,
                                            int fraction_digits = 0);

/// Formats a duration in nanoseconds as pandas prints a `Timedelta` ("1 days 02:00:00",
/// "0 days 00:00:00.500000", "-1 days +23:00:00"; `.fff`/`.ffffff`/`.fffffffff` as the value
/// needs). With `days_only`, a whole number of days prints as "3 days" (pandas does so for a
/// column whose every value is a whole number of days). `kNaT` formats as "NaT".
HAMILTON_EXPORT std::string format_timedelta(std::int64_t ns, bool days_only = false);

/// Nanoseconds since the epoch of a calendar date-time (UTC; `nanosecond` is the fraction of
/// the second, 0 .. 999999999). Throws hamilton::Error for a component out of its range
/// (month 13, February 30, hour 24 ...) and OutOfBoundsDatetime for a date-time outside
/// `kDatetimeMin .. kDatetimeMax`.
HAMILTON_EXPORT std::int64_t make_datetime(int year, int month, int day, int hour = 0,
                                           int minute = 0, int second = 0,
                                           std::int64_t nanosecond = 0);

}  // namespace hamilton
