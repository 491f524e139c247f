// Datetime columns: the .dt accessor's fields, datetime ± duration, to_datetime with a
// format.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "civil.hpp"
#include "hamilton/frame/datetimes.hpp"
#include "internal.hpp"

namespace hamilton {

using detail::alloc;
using detail::kNsPerDay;
using detail::make_series;

DatetimeMethods Series::dt() const { return DatetimeMethods(*this); }

DatetimeMethods::DatetimeMethods(Series s) : s_(std::move(s)) {
  if (s_.dtype() != DType::datetime && s_.dtype() != DType::timedelta)
    throw Error("Series::dt: the .dt accessor needs a datetime or timedelta column, got " +
                s_.describe() + " (parse strings with to_datetime(s, format) first)");
}

namespace {

enum Field : int { kYear, kMonth, kDay, kHour, kMinute, kSecond, kDow, kDoy, kIsoWeek, kIsoYear };
constexpr std::array<const char *, 10> kFieldNames = {"year",    "month",  "day",       "hour",
                                                      "minute",  "second", "dayofweek", "dayofyear",
                                                      "isoweek", "isoyear"};

enum TdField : int { kDays, kSeconds, kMicroseconds, kNanoseconds, kTotalSeconds };
constexpr std::array<const char *, 5> kTdFieldNames = {"days", "seconds", "microseconds",
                                                       "nanoseconds", "total_seconds"};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::int64_t field_of(std::int64_t ns, int which) {
  const std::int64_t days = floor_div(ns, kNsPerDay);
  const std::int64_t tod = ns - days * kNsPerDay;
  std::int64_t y;
  unsigned m, d;
  detail::civil_from_days(days, y, m, d);
  const std::int64_t dow = ((days % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday
  switch (which) {
    case kYear:
      return y;
    case kMonth:
      return m;
    case kDay:
      return d;
    case kHour:
      return tod / (3600 * detail::kNsPerSec);
    case kMinute:
      return tod / (60 * detail::kNsPerSec) % 60;
    case kSecond:
      return tod / detail::kNsPerSec % 60;
    case kDow:
      return dow;
    case kDoy:
      return days - detail::days_from_civil(y, 1, 1) + 1;
    default: {  // ISO week: the week (Monday first) holding this date's Thursday
      const std::int64_t thursday = days - dow + 3;
      std::int64_t ty;
      unsigned tm, td;
      detail::civil_from_days(thursday, ty, tm, td);
      if (which == kIsoYear) return ty;
      return (thursday - detail::days_from_civil(ty, 1, 1)) / 7 + 1;
    }
  }
}

}  // namespace

Series DatetimeMethods::field(int which) const {
  if (s_.dtype() != DType::datetime)
    throw Error(std::string("Series::dt().") + kFieldNames[static_cast<std::size_t>(which)] +
                ": needs a datetime column, got " + s_.describe() +
                "; a timedelta column has days, seconds, microseconds, nanoseconds and "
                "total_seconds (pandas' TimedeltaProperties)");
  const std::size_t n = s_.size();
  const std::int64_t *x = s_.values<std::int64_t>().data();
  std::string name = which == kIsoWeek ? "week" : which == kIsoYear ? "year" : s_.name();
  bool any_nat = false;
  for (std::size_t i = 0; i < n && !any_nat; ++i) any_nat = x[i] == kNaT;
  if (!any_nat) {
    auto b = alloc<std::int64_t>(n);
    for (std::size_t i = 0; i < n; ++i) b.data[i] = field_of(x[i], which);
    return make_series(DType::int64, n, b, std::move(name), s_.index());
  }
  auto b = alloc<double>(n);
  for (std::size_t i = 0; i < n; ++i)
    b.data[i] = x[i] == kNaT ? std::numeric_limits<double>::quiet_NaN()
                             : static_cast<double>(field_of(x[i], which));
  return make_series(DType::float64, n, b, std::move(name), s_.index());
}

Series DatetimeMethods::year() const { return field(kYear); }
Series DatetimeMethods::month() const { return field(kMonth); }
Series DatetimeMethods::day() const { return field(kDay); }
Series DatetimeMethods::hour() const { return field(kHour); }
Series DatetimeMethods::minute() const { return field(kMinute); }
Series DatetimeMethods::second() const { return field(kSecond); }
Series DatetimeMethods::dayofweek() const { return field(kDow); }
Series DatetimeMethods::dayofyear() const { return field(kDoy); }
Series DatetimeMethods::isoweek() const { return field(kIsoWeek); }
Series DatetimeMethods::isoyear() const { return field(kIsoYear); }

Series DatetimeMethods::normalize() const {
  if (s_.dtype() != DType::datetime)
    throw Error("Series::dt().normalize: needs a datetime column, got " + s_.describe());
  const std::size_t n = s_.size();
  const std::int64_t *x = s_.values<std::int64_t>().data();
  auto b = alloc<std::int64_t>(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (x[i] == kNaT) {
      b.data[i] = kNaT;
      continue;
    }
    const std::int64_t days = floor_div(x[i], kNsPerDay);
    // The earliest datetimes' midnight is before kDatetimeMin (pandas raises too).
    std::int64_t out;
    if (__builtin_mul_overflow(days, kNsPerDay, &out) || out == kNaT)
      throw OutOfBoundsDatetime(
          "Series::dt().normalize: " + detail::datetime_out_of_bounds(format_datetime(x[i], true)),
          format_datetime(x[i], true));
    b.data[i] = out;
  }
  return make_series(DType::datetime, n, b, s_.name(), s_.index());
}

// ---------------------------------------------------------------- timedelta fields

namespace {
// pandas' Timedelta components: whole days rounded towards minus infinity, then the seconds,
// microseconds and nanoseconds of the non-negative rest.
std::int64_t td_field_of(std::int64_t ns, int which) {
  const std::int64_t days = floor_div(ns, kNsPerDay);
  const std::int64_t rest = ns - days * kNsPerDay;
  switch (which) {
    case kDays:
      return days;
    case kSeconds:
      return rest / detail::kNsPerSec;
    case kMicroseconds:
      return rest % detail::kNsPerSec / 1000;
    default:
      return rest % 1000;
  }
}
}  // namespace

Series DatetimeMethods::td_field(int which) const {
  if (s_.dtype() != DType::timedelta)
    throw Error(std::string("Series::dt().") + kTdFieldNames[static_cast<std::size_t>(which)] +
                ": needs a timedelta column, got " + s_.describe() +
                " (subtract two datetime columns, or convert int64 nanoseconds with "
                "astype(DType::timedelta), to get one)");
  const std::size_t n = s_.size();
  const std::int64_t *x = s_.values<std::int64_t>().data();
  bool any_nat = false;
  for (std::size_t i = 0; i < n && !any_nat; ++i) any_nat = x[i] == kNaT;
  if (which == kTotalSeconds || any_nat) {
    auto b = alloc<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (x[i] == kNaT)
        b.data[i] = std::numeric_limits<double>::quiet_NaN();
      else if (which == kTotalSeconds)
        b.data[i] = static_cast<double>(x[i]) / static_cast<double>(detail::kNsPerSec);
      else
        b.data[i] = static_cast<double>(td_field_of(x[i], which));
    }
    return make_series(DType::float64, n, b, s_.name(), s_.index());
  }
  auto b = alloc<std::int64_t>(n);
  for (std::size_t i = 0; i < n; ++i) b.data[i] = td_field_of(x[i], which);
  return make_series(DType::int64, n, b, s_.name(), s_.index());
}

Series DatetimeMethods::days() const { return td_field(kDays); }
Series DatetimeMethods::seconds() const { return td_field(kSeconds); }
Series DatetimeMethods::microseconds() const { return td_field(kMicroseconds); }
Series DatetimeMethods::nanoseconds() const { return td_field(kNanoseconds); }
Series DatetimeMethods::total_seconds() const { return td_field(kTotalSeconds); }

// ---------------------------------------------------------------- timedelta reductions

namespace {
const std::int64_t *td_values(const Series &s, const char *what) {
  if (s.dtype() != DType::timedelta) detail::throw_dtype(what, s, "a timedelta column");
  return s.values<std::int64_t>().data();
}

// pandas' nanops: the float64 result as int64 (truncated), or an error past the int64 range.
std::int64_t td_from_double(double v, const char *what, const Series &s) {
  if (!(std::fabs(v) < 0x1p63))
    throw Error(std::string(what) + ": the result " + detail::python_float_repr(v) + " ns of " +
                s.describe() +
                " is outside the timedelta64[ns] range (about +-106751 days; pandas: "
                "\"overflow in timedelta operation\")");
  return static_cast<std::int64_t>(v);
}

std::vector<double> td_present(const Series &s, const char *what) {
  const std::int64_t *x = td_values(s, what);
  std::vector<double> v;
  v.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    if (x[i] != kNaT) v.push_back(static_cast<double>(x[i]));
  return v;
}
}  // namespace

// pandas' nanops sum every row, NaT as 0, in float64 (numpy's pairwise order).
std::vector<double> td_with_zeros(const Series &s, const char *what, std::size_t &count) {
  const std::int64_t *x = td_values(s, what);
  std::vector<double> v(s.size());
  count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    v[i] = x[i] == kNaT ? 0.0 : static_cast<double>(x[i]);
    count += x[i] != kNaT;
  }
  return v;
}

std::chrono::nanoseconds timedelta_sum(const Series &s) {
  std::size_t count = 0;
  auto v = td_with_zeros(s, "timedelta_sum", count);
  return std::chrono::nanoseconds(
      td_from_double(detail::pairwise_sum(v.data(), v.size()), "timedelta_sum", s));
}

std::optional<std::chrono::nanoseconds> timedelta_mean(const Series &s) {
  std::size_t count = 0;
  auto v = td_with_zeros(s, "timedelta_mean", count);
  if (count == 0) return std::nullopt;
  const double mean = detail::pairwise_sum(v.data(), v.size()) / static_cast<double>(count);
  return std::chrono::nanoseconds(td_from_double(mean, "timedelta_mean", s));
}

std::optional<std::chrono::nanoseconds> timedelta_min(const Series &s) {
  const std::int64_t *x = td_values(s, "timedelta_min");
  std::optional<std::chrono::nanoseconds> out;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (x[i] != kNaT && (!out || x[i] < out->count())) out = std::chrono::nanoseconds(x[i]);
  return out;
}

std::optional<std::chrono::nanoseconds> timedelta_max(const Series &s) {
  const std::int64_t *x = td_values(s, "timedelta_max");
  std::optional<std::chrono::nanoseconds> out;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (x[i] != kNaT && (!out || x[i] > out->count())) out = std::chrono::nanoseconds(x[i]);
  return out;
}

std::optional<std::chrono::nanoseconds> timedelta_median(const Series &s) {
  auto v = td_present(s, "timedelta_median");
  if (v.empty()) return std::nullopt;
  const std::size_t k = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  double m = v[k];
  if (v.size() % 2 == 0)
    m = (*std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k)) + m) / 2;
  return std::chrono::nanoseconds(td_from_double(m, "timedelta_median", s));
}

// ---------------------------------------------------------------- datetime ± duration

namespace {
Series shifted(const Series &s, std::int64_t d, const char *what) {
  if (s.dtype() == DType::timedelta)
    return detail::binary(detail::BinOp::add, s,
                          detail::duration_scalar(std::chrono::nanoseconds(d)), false);
  if (s.dtype() != DType::datetime)
    detail::throw_dtype(what, s,
                        "a datetime or timedelta column (a duration is added to those only)");
  const std::size_t n = s.size();
  const std::int64_t *x = s.values<std::int64_t>().data();
  auto b = alloc<std::int64_t>(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (x[i] == kNaT) {
      b.data[i] = kNaT;
      continue;
    }
    std::int64_t out;
    if (__builtin_add_overflow(x[i], d, &out) || out == kNaT) {
      const std::string v = format_datetime(x[i]) + (d < 0 ? " - " : " + ") +
                            std::to_string(d < 0 ? -(d + 1) + 1 : d) + "ns";
      throw OutOfBoundsDatetime(std::string(what) + ": row " + std::to_string(i) + ": " +
                                    detail::datetime_out_of_bounds(v),
                                v);
    }
    b.data[i] = out;
  }
  return make_series(DType::datetime, n, b, s.name(), s.index());
}
}  // namespace

Series operator+(const Series &s, std::chrono::nanoseconds d) {
  return shifted(s, d.count(), "Series '+' duration");
}
Series operator+(std::chrono::nanoseconds d, const Series &s) {
  return shifted(s, d.count(), "Series '+' duration");
}
Series operator-(const Series &s, std::chrono::nanoseconds d) {
  if (d.count() == std::numeric_limits<std::int64_t>::min())
    throw Error("Series '-' duration: the duration is too large to negate");
  return shifted(s, -d.count(), "Series '-' duration");
}

// ---------------------------------------------------------------- to_datetime

namespace {

constexpr std::array<const char *, 12> kMonths = {"january",   "february", "march",    "april",
                                                  "may",       "june",     "july",     "august",
                                                  "september", "october",  "november", "december"};

struct Parsed {
  int year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, yday = 0;
  std::int64_t frac = 0;
};

enum class Parse { ok, no_match };

// Up to `max` digits (at least `min`), greedy, as Python's strptime regexes take them.
bool number(std::string_view t, std::size_t &p, int min, int max, std::int64_t &out) {
  std::size_t k = 0;
  std::int64_t v = 0;
  while (k < static_cast<std::size_t>(max) && p + k < t.size() &&
         std::isdigit(static_cast<unsigned char>(t[p + k]))) {
    v = v * 10 + (t[p + k] - '0');
    ++k;
  }
  if (k < static_cast<std::size_t>(min)) return false;
  p += k;
  out = v;
  return true;
}

// Checks the directives of `format` once, so a bad format is an error even for no rows.
void check_format(std::string_view f) {
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') continue;
    if (i + 1 == f.size())
      throw Error("to_datetime: format '" + std::string(f) +
                  "' ends with a lone '%' (write '%%' for a percent sign)");
    const char c = f[++i];
    if (std::string_view("YmdHMSfyjbB%").find(c) == std::string_view::npos)
      throw Error("to_datetime: '" + std::string(1, c) + "' is a bad directive in format '" +
                  std::string(f) + "'; supported: %Y %m %d %H %M %S %f %y %j %b %B %%");
  }
}

Parse parse_with(std::string_view t, std::string_view f, Parsed &r) {
  std::size_t p = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    const char c = f[i];
    if (std::isspace(static_cast<unsigned char>(c))) {  // \s+
      if (p >= t.size() || !std::isspace(static_cast<unsigned char>(t[p]))) return Parse::no_match;
      while (p < t.size() && std::isspace(static_cast<unsigned char>(t[p]))) ++p;
      continue;
    }
    if (c != '%') {
      if (p >= t.size() || t[p] != c) return Parse::no_match;
      ++p;
      continue;
    }
    const char d = f[++i];
    std::int64_t v = 0;
    auto num = [&](int min, int max, int lo, int hi) {
      if (!number(t, p, min, max, v)) return false;
      return v >= lo && v <= hi;
    };
    switch (d) {
      case 'Y':
        if (!num(4, 4, 0, 9999)) return Parse::no_match;
        r.year = static_cast<int>(v);
        break;
      case 'y':
        if (!num(2, 2, 0, 99)) return Parse::no_match;
        r.year = static_cast<int>(v < 69 ? 2000 + v : 1900 + v);
        break;
      case 'm':
        if (!num(1, 2, 1, 12)) return Parse::no_match;
        r.month = static_cast<int>(v);
        break;
      case 'd':
        if (!num(1, 2, 1, 31)) return Parse::no_match;
        r.day = static_cast<int>(v);
        break;
      case 'H':
        if (!num(1, 2, 0, 23)) return Parse::no_match;
        r.hour = static_cast<int>(v);
        break;
      case 'M':
        if (!num(1, 2, 0, 59)) return Parse::no_match;
        r.minute = static_cast<int>(v);
        break;
      case 'S':
        if (!num(1, 2, 0, 61)) return Parse::no_match;
        r.second = static_cast<int>(v);
        break;
      case 'j':
        if (!num(1, 3, 1, 366)) return Parse::no_match;
        r.yday = static_cast<int>(v);
        break;
      case 'f': {
        const std::size_t start = p;
        if (!number(t, p, 1, 9, v)) return Parse::no_match;
        for (std::size_t k = p - start; k < 9; ++k) v *= 10;
        r.frac = v;
        break;
      }
      case 'b':
      case 'B': {
        bool found = false;
        for (std::size_t m = 0; m < kMonths.size() && !found; ++m) {
          const std::string_view full = kMonths[m];
          const std::size_t len = d == 'B' ? full.size() : 3;  // %b: "Jan", %B: "January"
          if (p + len > t.size()) continue;
          bool eq = true;
          for (std::size_t k = 0; k < len && eq; ++k)
            eq = std::tolower(static_cast<unsigned char>(t[p + k])) == full[k];
          if (eq) {
            r.month = static_cast<int>(m + 1);
            p += len;
            found = true;
          }
        }
        if (!found) return Parse::no_match;
        break;
      }
      default:  // '%'
        if (p >= t.size() || t[p] != '%') return Parse::no_match;
        ++p;
    }
  }
  return p == t.size() ? Parse::ok : Parse::no_match;
}

}  // namespace

Series to_datetime(const Series &s, std::string_view format) {
  check_format(format);
  if (s.dtype() == DType::datetime) return s;
  if (s.dtype() != DType::string) detail::throw_dtype("to_datetime(format)", s, "a string column");
  const std::size_t n = s.size();
  const std::string *x = s.values<std::string>().data();
  auto b = alloc<std::int64_t>(n);
  const std::string fmt(format);
  auto where = [&](std::size_t i) {
    return "to_datetime: row " + std::to_string(i) + " of " + s.describe() + ": ";
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (s.is_missing(i)) {
      b.data[i] = kNaT;
      continue;
    }
    Parsed r;
    if (parse_with(x[i], format, r) != Parse::ok)
      throw Error(where(i) + "'" + x[i] + "' does not match format '" + fmt +
                  "' (missing values must be missing, not text)");
    if (r.yday) {
      const bool leap = (r.year % 4 == 0 && r.year % 100 != 0) || r.year % 400 == 0;
      if (r.yday > (leap ? 366 : 365))
        throw Error(where(i) + "'" + x[i] + "': day of year " + std::to_string(r.yday) +
                    " is out of range for " + std::to_string(r.year));
      std::int64_t y;
      unsigned m, d;
      detail::civil_from_days(detail::days_from_civil(r.year, 1, 1) + r.yday - 1, y, m, d);
      r.month = static_cast<int>(m);
      r.day = static_cast<int>(d);
    }
    try {
      b.data[i] = make_datetime(r.year, r.month, r.day, r.hour, r.minute, r.second, r.frac);
    } catch (const OutOfBoundsDatetime &e) {
      throw OutOfBoundsDatetime(where(i) + detail::datetime_out_of_bounds(x[i]), x[i]);
    } catch (const Error &e) {
      throw Error(where(i) + "'" + x[i] + "' (format '" + fmt + "'): " + e.what());
    }
  }
  return make_series(DType::datetime, n, b, s.name(), s.index());
}

}  // namespace hamilton
