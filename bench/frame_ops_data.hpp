#pragma once
// The data of bench_frame_ops (bench/frame_ops*.cpp), and a few calendar helpers for the
// hand-written loops. Every column is a closed formula of the row number i = 0 .. n-1, so
// bench/frame_compare.py builds the same values in numpy:
//   make(n, seed)        sin(seed + i) * 100 + 200                          float64
//   with_missing(n, s)   make(n, s), NaN where i % 10 is 3 or 4             float64
//   codes(n)             (i * 7919) % 100                                   int64
//   keys(n)              (i * 7919) % 1000                                  int64
//   hours(n)             i hours after 1970-01-01 00:00, in ns              datetime
//   words(n)             {"apple", "Banana", "cherry"}[i % 3] + "_" + str((i * 7919) % 1000)
//   padded(n)            "  " + words(n)[i] + " " where i is even, else words(n)[i]
//   date_text(n)         hours(n) as "%d/%m/%Y %H:%M" ("01/01/1970 05:00")
#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace frame_bench {

inline std::vector<double> make(std::size_t n, double seed) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = std::sin(seed + static_cast<double>(i)) * 100.0 + 200.0;
  return v;
}

inline std::vector<double> with_missing(std::size_t n, double seed) {
  std::vector<double> v = make(n, seed);
  for (std::size_t i = 0; i < n; ++i)
    if (i % 10 == 3 || i % 10 == 4) v[i] = NAN;
  return v;
}

inline std::vector<std::int64_t> codes(std::size_t n) {
  std::vector<std::int64_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int64_t>((i * 7919) % 100);
  return v;
}

inline std::vector<std::int64_t> keys(std::size_t n) {
  std::vector<std::int64_t> k(n);
  for (std::size_t i = 0; i < n; ++i) k[i] = static_cast<std::int64_t>((i * 7919) % 1000);
  return k;
}

constexpr std::int64_t kHourNs = 3'600'000'000'000;
constexpr std::int64_t kDayNs = 24 * kHourNs;

inline std::vector<std::int64_t> hours(std::size_t n) {
  std::vector<std::int64_t> t(n);
  for (std::size_t i = 0; i < n; ++i) t[i] = static_cast<std::int64_t>(i) * kHourNs;
  return t;
}

inline std::vector<std::string> words(std::size_t n) {
  static const std::array<const char *, 3> fruit = {"apple", "Banana", "cherry"};
  std::vector<std::string> w(n);
  for (std::size_t i = 0; i < n; ++i)
    w[i] = std::string(fruit[i % 3]) + "_" + std::to_string((i * 7919) % 1000);
  return w;
}

inline std::vector<std::string> padded(std::size_t n) {
  std::vector<std::string> w = words(n);
  for (std::size_t i = 0; i < n; i += 2) w[i] = "  " + w[i] + " ";
  return w;
}

// Days since 1970-01-01 of a civil date, and back (the proleptic Gregorian calendar).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month, day;
};

constexpr Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

inline std::vector<std::string> date_text(std::size_t n) {
  std::vector<std::string> out(n);
  const std::vector<std::int64_t> t = hours(n);
  char buf[32];
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t days = floor_div(t[i], kDayNs);
    const Civil c = civil_from_days(days);
    const auto hour = static_cast<int>((t[i] - days * kDayNs) / kHourNs);
    std::snprintf(buf, sizeof buf, "%02u/%02u/%04lld %02d:00", c.day, c.month,
                  static_cast<long long>(c.year), hour);
    out[i] = buf;
  }
  return out;
}

// Runs `f` (which returns its freshly allocated result) once per iteration.
template <class F>
void run(benchmark::State &state, F &&f) {
  for (auto _ : state) {
    auto out = f();
    benchmark::DoNotOptimize(out);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

inline std::size_t rows(const benchmark::State &state) {
  return static_cast<std::size_t>(state.range(0));
}

}  // namespace frame_bench
