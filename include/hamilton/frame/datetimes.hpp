#pragma once
/// \file
/// Datetime columns: pandas' `Series.dt` fields (`s.dt().year()`), datetime plus/minus a
/// duration, and `to_datetime` from text with a strftime-like format.

#include <chrono>
#include <string_view>

#include "hamilton/export.hpp"
#include "hamilton/frame/series.hpp"

namespace hamilton {

/// Fields of a datetime column (pandas' `.dt`). Fields are int64 (pandas: int32; the ISO
/// week UInt32); with NaT present they are float64 with NaN. Name and index are kept.
class HAMILTON_EXPORT DatetimeMethods {
 public:
  /// Throws hamilton::Error unless `s` is a datetime column.
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

 private:
  Series field(int which) const;
  Series s_;
};

/// A datetime column shifted by a duration (pandas' `s + pd.Timedelta(...)`): NaT stays NaT;
/// a result outside kDatetimeMin .. kDatetimeMax is an OutOfBoundsDatetime. Other dtypes are
/// an error. `std::chrono::days{7}`, `std::chrono::hours{6}` ... convert implicitly.
HAMILTON_EXPORT Series operator+(const Series &s, std::chrono::nanoseconds d);
HAMILTON_EXPORT Series operator+(std::chrono::nanoseconds d, const Series &s);
HAMILTON_EXPORT Series operator-(const Series &s, std::chrono::nanoseconds d);

/// Parses a string column with a strftime-like `format` (pandas' `to_datetime(s,
/// format=...)`): `%Y` (4 digits), `%m`, `%d`, `%H`, `%M`, `%S` (1 or 2 digits), `%y` (2
/// digits, 69..99 → 19xx), `%f` (1 to 9 fraction digits), `%j` (day of year), `%b` / `%B`
/// ("Jan" / "January", any case), `%%`; a space matches any run of whitespace; other characters
/// match themselves. The whole value must match. Missing values are NaT. A value that does
/// not match is a hamilton::Error naming it and its row; a date outside kDatetimeMin ..
/// kDatetimeMax an OutOfBoundsDatetime; an unknown directive a hamilton::Error.
HAMILTON_EXPORT Series to_datetime(const Series &strings, std::string_view format);

}  // namespace hamilton
