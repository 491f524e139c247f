// Datetime parsing and formatting (ISO-8601, nanoseconds since the Unix epoch).
#include <cstdio>
#include <string>

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
  }
  return "unknown";
}

namespace {
constexpr std::int64_t kNsPerSec = 1'000'000'000;
constexpr std::int64_t kNsPerDay = 86'400 * kNsPerSec;

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t &y, unsigned &m, unsigned &d) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

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
}  // namespace

std::int64_t make_datetime(int year, int month, int day, int hour, int minute, int second,
                           std::int64_t nanosecond) noexcept {
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) *
             kNsPerDay +
         (static_cast<std::int64_t>(hour) * 3600 + minute * 60 + second) * kNsPerSec + nanosecond;
}

std::optional<std::int64_t> parse_datetime(std::string_view s) noexcept {
  int y, mo, d, h = 0, mi = 0, se = 0;
  std::int64_t frac = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[mo - 1] + (mo == 2 && leap(y) ? 1 : 0)) return std::nullopt;
  std::size_t p = 10;
  if (p < s.size() && (s[p] == 'T' || s[p] == ' ')) {
    if (!digits(s, p + 1, 2, h) || p + 3 >= s.size() || s[p + 3] != ':' || !digits(s, p + 4, 2, mi))
      return std::nullopt;
    p += 6;
    if (p < s.size() && s[p] == ':') {
      if (!digits(s, p + 1, 2, se)) return std::nullopt;
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
        if (n == 0) return std::nullopt;
        for (; n < 9; ++n) frac *= 10;
      }
    }
    if (h > 23 || mi > 59 || se > 59) return std::nullopt;
  }
  if (p < s.size() && s[p] == 'Z') ++p;
  if (p != s.size()) return std::nullopt;
  return make_datetime(y, mo, d, h, mi, se, frac);
}

std::string format_datetime(std::int64_t ns, bool date_only, int fraction_digits) {
  if (ns == kNaT) return "NaT";
  std::int64_t days = ns / kNsPerDay;
  std::int64_t rem = ns % kNsPerDay;
  if (rem < 0) {
    rem += kNsPerDay;
    --days;
  }
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

}  // namespace hamilton
