// timedelta64[ns] against pandas: datetime - datetime, arithmetic, diff, the .dt fields of a
// timedelta column, reductions, printing and the errors.
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "oracle.hpp"

using hamilton::DataFrame;
using hamilton::kNaT;
using hamilton::Series;

namespace {
constexpr std::int64_t kSec = 1'000'000'000;
constexpr std::int64_t kHour = 3600 * kSec;
constexpr std::int64_t kDay = 24 * kHour;

Series orders() {
  return Series::datetime_from_strings(
      {"2024-03-05 10:30:00", "2024-01-01", "", "2024-02-29 23:59:59.5", "2023-12-31 12:00:00"},
      "order_date");
}
Series signups() {
  return Series::datetime_from_strings(
      {"2024-01-01", "2024-01-02 06:00:00", "2023-05-05", "", "2024-01-01"}, "signup_date");
}
// 1 days 02:00:00, 0.5 s, NaT, -1 h, 3 days.
Series durations() {
  return Series::timedelta({kDay + 2 * kHour, kSec / 2, kNaT, -kHour, 3 * kDay}, "d");
}
Series small() { return Series::timedelta({7, -7, 5}, "t"); }
std::string td(std::int64_t ns) { return hamilton::format_timedelta(ns); }
std::string td(std::optional<std::chrono::nanoseconds> v) {
  return v ? hamilton::format_timedelta(v->count()) : "NaT";
}
}  // namespace

HAMILTON_ORACLE_CASE(td_datetime_minus_datetime) { return (orders() - signups()).rename("tenure"); }
HAMILTON_ORACLE_CASE(td_tenure_days) { return (orders() - signups()).dt().days(); }
HAMILTON_ORACLE_CASE(td_tenure_days_no_nat) {
  Series a = Series::datetime_from_strings({"2024-03-05 10:30:00", "2024-01-01"}, "a");
  Series b = Series::datetime_from_strings({"2024-01-01", "2024-01-02 06:00:00"}, "a");
  return (a - b).dt().days();
}
HAMILTON_ORACLE_CASE(td_print) { return durations(); }
HAMILTON_ORACLE_CASE(td_print_whole_days) {
  return Series::timedelta({kDay, kNaT, -2 * kDay, 0}, "d");
}
HAMILTON_ORACLE_CASE(td_print_fractions) {
  return Series::timedelta({1, 1000, 1'000'000, kSec, -1, -kSec, -kDay, kNaT}, "d");
}
HAMILTON_ORACLE_CASE(td_print_extremes) {
  return Series::timedelta({hamilton::kTimedeltaMax, hamilton::kTimedeltaMin}, "d");
}
HAMILTON_ORACLE_CASE(td_frame) {
  return DataFrame{
      {"order_date", orders()}, {"tenure", orders() - signups()}, {"n", Series({1, 2, 3, 4, 5})}};
}
HAMILTON_ORACLE_CASE(td_dt_fields) {
  Series d =
      Series::timedelta({-1, -kDay + 1, -3 * kDay + 4 * kHour + 5000 + 6, kDay + 3723 * kSec}, "d");
  return DataFrame{{"days", d.dt().days()},
                   {"seconds", d.dt().seconds()},
                   {"microseconds", d.dt().microseconds()},
                   {"nanoseconds", d.dt().nanoseconds()},
                   {"total_seconds", d.dt().total_seconds()}};
}
HAMILTON_ORACLE_CASE(td_dt_days_nat) { return durations().dt().days(); }
HAMILTON_ORACLE_CASE(td_dt_seconds_nat) { return durations().dt().seconds(); }
HAMILTON_ORACLE_CASE(td_dt_microseconds_nat) { return durations().dt().microseconds(); }
HAMILTON_ORACLE_CASE(td_dt_nanoseconds_nat) { return small().dt().nanoseconds(); }
HAMILTON_ORACLE_CASE(td_dt_total_seconds) { return durations().dt().total_seconds(); }
HAMILTON_ORACLE_CASE(td_dt_year_on_timedelta) { return durations().dt().year(); }
HAMILTON_ORACLE_CASE(td_dt_days_on_datetime) { return orders().dt().days(); }

HAMILTON_ORACLE_CASE(td_datetime_plus_timedelta) { return orders() + durations(); }
HAMILTON_ORACLE_CASE(td_timedelta_plus_datetime) { return durations() + orders(); }
HAMILTON_ORACLE_CASE(td_datetime_minus_timedelta) { return orders() - durations(); }
HAMILTON_ORACLE_CASE(td_plus_timedelta) { return durations() + durations(); }
HAMILTON_ORACLE_CASE(td_minus_timedelta) {
  return durations() - small().reindex(durations().index());
}
HAMILTON_ORACLE_CASE(td_plus_duration) { return durations() + std::chrono::minutes{30}; }
HAMILTON_ORACLE_CASE(td_minus_duration) { return durations() - std::chrono::hours{1}; }
HAMILTON_ORACLE_CASE(td_times_int) { return durations() * 3; }
HAMILTON_ORACLE_CASE(td_int_times) { return 2 * small(); }
HAMILTON_ORACLE_CASE(td_times_float) { return small() * 3.5; }
HAMILTON_ORACLE_CASE(td_times_negative_float) { return durations() * -1.5; }
HAMILTON_ORACLE_CASE(td_times_series) { return small() * Series({0.5, 0.5, 2.0}); }
HAMILTON_ORACLE_CASE(td_times_bool_series) { return small() * Series({true, false, true}); }
HAMILTON_ORACLE_CASE(td_times_nan) {
  return small() * Series({1.0, std::numeric_limits<double>::quiet_NaN(), 2.0});
}
HAMILTON_ORACLE_CASE(td_div_int) { return small() / 2; }
HAMILTON_ORACLE_CASE(td_div_float) { return small() / 2.0; }
HAMILTON_ORACLE_CASE(td_div_zero) { return small() / 0; }
HAMILTON_ORACLE_CASE(td_div_series_with_zero) { return small() / Series({2, 0, 1}); }
HAMILTON_ORACLE_CASE(td_div_timedelta) { return durations() / durations().abs(); }
HAMILTON_ORACLE_CASE(td_div_duration) { return durations() / std::chrono::hours{1}; }
HAMILTON_ORACLE_CASE(td_div_timedelta_zero) { return small() / Series::timedelta({0, 0, 0}, "t"); }
HAMILTON_ORACLE_CASE(td_negate) { return -durations(); }
HAMILTON_ORACLE_CASE(td_abs) { return durations().abs(); }
HAMILTON_ORACLE_CASE(td_less_than_duration) { return durations() < std::chrono::hours{2}; }
HAMILTON_ORACLE_CASE(td_equal_duration) { return durations() == std::chrono::days{3}; }
HAMILTON_ORACLE_CASE(td_not_equal_duration) { return durations() != std::chrono::days{3}; }
HAMILTON_ORACLE_CASE(td_greater_series) { return durations() > -durations(); }
HAMILTON_ORACLE_CASE(td_aligned_with_numbers) {
  Series f({2, 3}, "f", hamilton::Index::from_int64({1, 4}));
  return durations() * f;
}

HAMILTON_ORACLE_CASE(td_diff_datetime) { return orders().diff(); }
HAMILTON_ORACLE_CASE(td_diff_datetime_2) { return orders().diff(2); }
HAMILTON_ORACLE_CASE(td_diff_timedelta) { return durations().diff(); }
HAMILTON_ORACLE_CASE(td_shift) { return durations().shift(2); }

HAMILTON_ORACLE_CASE(td_sum) { return td(hamilton::timedelta_sum(durations()).count()); }
HAMILTON_ORACLE_CASE(td_mean) { return td(hamilton::timedelta_mean(durations())); }
HAMILTON_ORACLE_CASE(td_min) { return td(hamilton::timedelta_min(durations())); }
HAMILTON_ORACLE_CASE(td_max) { return td(hamilton::timedelta_max(durations())); }
HAMILTON_ORACLE_CASE(td_median) { return td(hamilton::timedelta_median(durations())); }
HAMILTON_ORACLE_CASE(td_median_even) {
  return td(hamilton::timedelta_median(Series::timedelta({1, 2, 4, 8}, "d")));
}
HAMILTON_ORACLE_CASE(td_mean_truncates) {
  return td(hamilton::timedelta_mean(Series::timedelta({1, 2}, "d")));
}
HAMILTON_ORACLE_CASE(td_mean_large) {
  return td(hamilton::timedelta_mean(Series::timedelta({(1LL << 62) + 1, 1}, "d")));
}
HAMILTON_ORACLE_CASE(td_mean_all_nat) {
  return td(hamilton::timedelta_mean(Series::timedelta({kNaT, kNaT}, "d")));
}
HAMILTON_ORACLE_CASE(td_sum_all_nat) {
  return td(hamilton::timedelta_sum(Series::timedelta({kNaT}, "d")).count());
}
HAMILTON_ORACLE_CASE(td_sum_overflow) {
  return td(
      hamilton::timedelta_sum(Series::timedelta({100000 * kDay, 100000 * kDay}, "d")).count());
}
HAMILTON_ORACLE_CASE(td_count) { return static_cast<std::int64_t>(durations().count()); }

HAMILTON_ORACLE_CASE(td_isna) { return durations().isna(); }
HAMILTON_ORACLE_CASE(td_fillna) { return durations().fillna(std::int64_t{kHour}); }
HAMILTON_ORACLE_CASE(td_where) { return durations().where(durations() > std::chrono::hours{0}); }
HAMILTON_ORACLE_CASE(td_sort_values) { return DataFrame{{"d", durations()}}.sort_values("d"); }
HAMILTON_ORACLE_CASE(td_concat) { return hamilton::concat({durations(), small()}); }
HAMILTON_ORACLE_CASE(td_astype_int64) {
  return Series::timedelta({kHour, 2 * kHour, -1}, "d").astype(hamilton::DType::int64);
}
HAMILTON_ORACLE_CASE(td_astype_int64_nat) { return durations().astype(hamilton::DType::int64); }
HAMILTON_ORACLE_CASE(td_from_int64) {
  return Series({1, 2, 3}, "n").astype(hamilton::DType::timedelta);
}
HAMILTON_ORACLE_CASE(td_from_float64) {
  return Series({1.5, -1.5, std::numeric_limits<double>::quiet_NaN()}, "f")
      .astype(hamilton::DType::timedelta);
}
HAMILTON_ORACLE_CASE(td_astype_float64) { return durations().astype(hamilton::DType::float64); }
HAMILTON_ORACLE_CASE(td_from_datetime) { return orders().astype(hamilton::DType::timedelta); }

HAMILTON_ORACLE_CASE(td_overflow_add) {
  Series big = Series::timedelta({100000 * kDay}, "d");
  return big + big;
}
HAMILTON_ORACLE_CASE(td_overflow_datetime_minus_datetime) {
  return Series::datetime_from_strings({"2262-01-01"}, "d") -
         Series::datetime_from_strings({"1700-01-01"}, "d");
}
HAMILTON_ORACLE_CASE(td_overflow_datetime_plus_timedelta) {
  return Series::datetime_from_strings({"2262-01-01"}, "d") + Series::timedelta({1000 * kDay}, "d");
}
HAMILTON_ORACLE_CASE(td_overflow_multiply) { return Series::timedelta({100000 * kDay}, "d") * 2; }

HAMILTON_ORACLE_CASE(td_error_plus_float) { return durations() + 1.5; }
HAMILTON_ORACLE_CASE(td_error_plus_int) { return durations() + 1; }
HAMILTON_ORACLE_CASE(td_error_datetime_plus_datetime) { return orders() + signups(); }
HAMILTON_ORACLE_CASE(td_error_timedelta_minus_datetime) { return durations() - orders(); }
HAMILTON_ORACLE_CASE(td_error_times_timedelta) { return small() * small(); }
HAMILTON_ORACLE_CASE(td_error_number_over_timedelta) { return 2 / small(); }
HAMILTON_ORACLE_CASE(td_error_compare_int) { return small() < 5; }
HAMILTON_ORACLE_CASE(td_error_plus_string) { return small() + "a"; }
HAMILTON_ORACLE_CASE(td_error_pow) { return hamilton::pow(small(), Series({1, 2, 3})); }
