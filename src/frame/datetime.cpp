// Datetime parsing and formatting (ISO-8601, nanoseconds since the Unix epoch).
#include <cstdio>
#include <string>
#include <utility>

#include "frame/civil.hpp"
#include "frame/internal.hpp"
#include "hamilton/frame/dtype.hpp"

namespace hamilton {

std::string_view dtype_name(DType t) noexcept {
  switch (t) {
    case DType::float64:
      return "float64";
    case DType::int64:
      return "int64";
    case DType::boolean:
      return "bool";
    case DType::string:
      return "object";
    case DType::datetime:
      return "datetime64[ns]";
    case DType::timedelta:
      return "timedelta64[ns]";
  }
  return "unknown";
}

namespace {
using detail::civil_from_days;
using detail::days_from_civil;
using detail::kNsPerDay;
using detail::kNsPerSec;

bool digits(std::string_view s, std::size_t pos, std::size_t n, int &out) noexcept {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool leap(std::int64_t y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(std::int64_t y, int m) noexcept {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
}

// Nanoseconds since the epoch of valid components, or false when the date-time is outside
// kDatetimeMin .. kDatetimeMax (it would overflow the int64, or be the NaT bit pattern).
bool checked_ns(std::int64_t y, int mo, int d, int h, int mi, int se, std::int64_t frac,
                std::int64_t &out) noexcept {
  const std::int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  const std::int64_t tod = (static_cast<std::int64_t>(h) * 3600 + mi * 60 + se) * kNsPerSec + frac;
  std::int64_t t;
  // days * kNsPerDay + tod, with tod in [0, kNsPerDay). For the earliest valid day
  // (1677-09-21) days * kNsPerDay alone overflows, so negative days add a negative remainder.
  if (days >= 0) {
    if (__builtin_mul_overflow(days, kNsPerDay, &t) || __builtin_add_overflow(t, tod, &t))
      return false;
  } else if (__builtin_mul_overflow(days + 1, kNsPerDay, &t) ||
             __builtin_add_overflow(t, tod - kNsPerDay, &t)) {
    return false;
  }
  if (t == kNaT) return false;
  out = t;
  return true;
}

std::string components_text(std::int64_t y, int mo, int d, int h, int mi, int se,
                            std::int64_t frac) {
  char buf[96];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d %02d:%02d:%02d",
                        static_cast<long long>(y), mo, d, h, mi, se);
  if (frac && n > 0 && static_cast<std::size_t>(n) < sizeof buf)
    std::snprintf(buf + n, sizeof buf - n, ".%09lld", static_cast<long long>(frac));
  return buf;
}
}  // namespace

namespace detail {
std::string datetime_out_of_bounds(std::string_view value) {
  std::string out = "'";
  out.append(value);
  return out +
         "' is out of bounds for datetime64[ns], which holds 1677-09-21 00:12:43.145224193 .. "
         "2262-04-11 23:47:16.854775807 (pandas' Timestamp.min .. Timestamp.max); use a date "
         "in that range, or a missing value (NaT) for \"no date\"";
}

DatetimeText parse_datetime_text(std::string_view s, std::int64_t &out) noexcept {
  int y, mo, d, h = 0, mi = 0, se = 0;
  std::int64_t frac = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return DatetimeText::not_a_date;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return DatetimeText::not_a_date;
  std::size_t p = 10;
  if (p < s.size() && (s[p] == 'T' || s[p] == ' ')) {
    if (!digits(s, p + 1, 2, h) || p + 3 >= s.size() || s[p + 3] != ':' || !digits(s, p + 4, 2, mi))
      return DatetimeText::not_a_date;
    p += 6;
    if (p < s.size() && s[p] == ':') {
      if (!digits(s, p + 1, 2, se)) return DatetimeText::not_a_date;
      p += 3;
      if (p < s.size() && s[p] == '.') {
        ++p;
        int n = 0;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
          if (n < 9) {
            frac = frac * 10 + (s[p] - '0');
            ++n;
          }
          ++p;
        }
        if (n == 0) return DatetimeText::not_a_date;
        for (; n < 9; ++n) frac *= 10;
      }
    }
    if (h > 23 || mi > 59 || se > 59) return DatetimeText::not_a_date;
  }
  if (p < s.size() && s[p] == 'Z') ++p;
  if (p != s.size()) return DatetimeText::not_a_date;
  return checked_ns(y, mo, d, h, mi, se, frac, out) ? DatetimeText::ok
                                                    : DatetimeText::out_of_bounds;
}
}  // namespace detail

std::int64_t make_datetime(int year, int month, int day, int hour, int minute, int second,
                           std::int64_t nanosecond) {
  auto range = [](const char *what, long long v, long long lo, long long hi,
                  const std::string &of = {}) {
    if (v < lo || v > hi)
      throw Error("make_datetime: " + std::string(what) + " " + std::to_string(v) + " is not in " +
                  std::to_string(lo) + " .. " + std::to_string(hi) + of);
  };
  range("month", month, 1, 12);
  const int month_days = days_in_month(year, month);
  range("day", day, 1, month_days,
        " (" + std::to_string(year) + "-" + (month < 10 ? "0" : "") + std::to_string(month) +
            " has " + std::to_string(month_days) + " days)");
  range("hour", hour, 0, 23);
  range("minute", minute, 0, 59);
  range("second", second, 0, 59);
  range("nanosecond", nanosecond, 0, kNsPerSec - 1);
  std::int64_t ns;
  if (!checked_ns(year, month, day, hour, minute, second, nanosecond, ns)) {
    std::string value = components_text(year, month, day, hour, minute, second, nanosecond);
    throw OutOfBoundsDatetime("make_datetime: " + detail::datetime_out_of_bounds(value), value);
  }
  return ns;
}

std::optional<std::int64_t> parse_datetime(std::string_view s) {
  std::int64_t ns;
  switch (detail::parse_datetime_text(s, ns)) {
    case detail::DatetimeText::ok:
      return ns;
    case detail::DatetimeText::out_of_bounds:
      throw OutOfBoundsDatetime("parse_datetime: " + detail::datetime_out_of_bounds(s),
                                std::string(s));
    case detail::DatetimeText::not_a_date:
      break;
  }
  return std::nullopt;
}

namespace {
// Whole days rounded towards minus infinity, and the nanoseconds after them (0 .. a day).
std::pair<std::int64_t, std::int64_t> floor_days(std::int64_t ns) {
  std::int64_t days = ns / kNsPerDay, rem = ns % kNsPerDay;
  if (rem < 0) {
    rem += kNsPerDay;
    --days;
  }
  return {days, rem};
}
}  // namespace

std::string format_datetime(std::int64_t ns, bool date_only, int fraction_digits) {
  if (ns == kNaT) return "NaT";
  const auto [days, rem] = floor_days(ns);
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[64];
  if (date_only) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return buf;
  }
  const std::int64_t secs = rem / kNsPerSec, frac = rem % kNsPerSec;
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02lld:%02lld:%02lld",
                        static_cast<long long>(y), m, d, static_cast<long long>(secs / 3600),
                        static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  if (fraction_digits == 3)
    std::snprintf(buf + n, sizeof buf - n, ".%03lld", static_cast<long long>(frac / 1000000));
  else if (fraction_digits == 6)
    std::snprintf(buf + n, sizeof buf - n, ".%06lld", static_cast<long long>(frac / 1000));
  else if (fraction_digits == 9)
    std::snprintf(buf + n, sizeof buf - n, ".%09lld", static_cast<long long>(frac));
  return buf;
}

// pandas' Timedelta._repr_base: days rounded towards minus infinity, then the time of day;
// the fraction has 9 digits when there are nanoseconds, else 6 when there is any.
std::string format_timedelta(std::int64_t ns, bool days_only) {
  if (ns == kNaT) return "NaT";
  const auto [days, rem] = floor_days(ns);
  char buf[96];
  if (days_only && rem == 0) {
    std::snprintf(buf, sizeof buf, "%lld days", static_cast<long long>(days));
    return buf;
  }
  const std::int64_t secs = rem / kNsPerSec, frac = rem % kNsPerSec;
  int n = std::snprintf(buf, sizeof buf, "%lld days%s%02lld:%02lld:%02lld",
                        static_cast<long long>(days), ns < 0 ? " +" : " ",
                        static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                        static_cast<long long>(secs % 60));
  if (frac % 1000)
    std::snprintf(buf + n, sizeof buf - n, ".%09lld", static_cast<long long>(frac));
  else if (frac)
    std::snprintf(buf + n, sizeof buf - n, ".%06lld", static_cast<long long>(frac / 1000));
  return buf;
}

}  // namespace hamilton
