// The .dt accessor, datetime ± duration and to_datetime(format) against pandas.
#include <chrono>
#include <string>
#include <vector>

#include "oracle.hpp"

using hamilton::Index;
using hamilton::Series;

namespace {
Series days() {
  return Series::datetime_from_strings({"2020-01-01 06:30:15", "2020-12-31 23:59:59", "2021-01-03",
                                        "2024-02-29 12:00:00", "1969-12-31 18:00:00"},
                                       "d");
}
Series with_nat() { return Series::datetime_from_strings({"2021-06-15", ""}, "d"); }
Series iso_edges() {
  return Series::datetime_from_strings(
      {"2019-12-30", "2020-12-31", "2021-01-01", "2021-01-04", "2026-12-31", "2027-01-03"}, "d");
}
}  // namespace

HAMILTON_ORACLE_CASE(dt_year) { return days().dt().year(); }
HAMILTON_ORACLE_CASE(dt_month) { return days().dt().month(); }
HAMILTON_ORACLE_CASE(dt_day) { return days().dt().day(); }
HAMILTON_ORACLE_CASE(dt_hour) { return days().dt().hour(); }
HAMILTON_ORACLE_CASE(dt_minute) { return days().dt().minute(); }
HAMILTON_ORACLE_CASE(dt_second) { return days().dt().second(); }
HAMILTON_ORACLE_CASE(dt_dayofweek) { return days().dt().dayofweek(); }
HAMILTON_ORACLE_CASE(dt_dayofyear) { return days().dt().dayofyear(); }
HAMILTON_ORACLE_CASE(dt_year_nat) { return with_nat().dt().year(); }
HAMILTON_ORACLE_CASE(dt_dayofweek_nat) { return with_nat().dt().dayofweek(); }
HAMILTON_ORACLE_CASE(dt_isoweek) { return iso_edges().dt().isoweek(); }
HAMILTON_ORACLE_CASE(dt_isoyear) { return iso_edges().dt().isoyear(); }
HAMILTON_ORACLE_CASE(dt_normalize) { return days().dt().normalize(); }
HAMILTON_ORACLE_CASE(dt_on_strings) { return Series({"2020-01-01"}, "s").dt().year(); }
HAMILTON_ORACLE_CASE(dt_empty) { return Series::datetime({}, "d").dt().month(); }

HAMILTON_ORACLE_CASE(dt_plus_days) { return with_nat() + std::chrono::days{7}; }
HAMILTON_ORACLE_CASE(dt_minus_hours) { return days() - std::chrono::hours{36}; }
HAMILTON_ORACLE_CASE(dt_plus_minutes_left) { return std::chrono::minutes{90} + days(); }
HAMILTON_ORACLE_CASE(dt_plus_overflow) {
  return Series::datetime_from_strings({"2262-04-10"}, "d") + std::chrono::days{5};
}
HAMILTON_ORACLE_CASE(dt_plus_on_numbers) { return Series({1, 2}, "x") + std::chrono::days{1}; }
HAMILTON_ORACLE_CASE(dt_weekly_features) {
  Series d = Series::datetime_from_strings({"2023-01-02", "2023-01-09", "2023-01-16"}, "week");
  Series next = d + std::chrono::days{7};
  return hamilton::DataFrame{
      {"week", d}, {"next_week", next}, {"iso", d.dt().isoweek()}, {"month", next.dt().month()}};
}

HAMILTON_ORACLE_CASE(to_datetime_ymd) {
  return hamilton::to_datetime(
      Series::strings({"2020-01-31", "", "1999-12-01"}, {false, true, false}, "d"), "%Y-%m-%d");
}
HAMILTON_ORACLE_CASE(to_datetime_dmy) {
  return hamilton::to_datetime(Series({"1/2/2020", "31/12/2021"}, "d"), "%d/%m/%Y");
}
HAMILTON_ORACLE_CASE(to_datetime_time) {
  return hamilton::to_datetime(Series({"2020-03-04 05:06:07", "2020-03-04 23:59:00"}, "t"),
                               "%Y-%m-%d %H:%M:%S");
}
HAMILTON_ORACLE_CASE(to_datetime_fraction) {
  return hamilton::to_datetime(Series({"12:00:01.5 01.02.2020", "00:00:00.123456 02.02.2020"}, "t"),
                               "%H:%M:%S.%f %d.%m.%Y");
}
HAMILTON_ORACLE_CASE(to_datetime_month_abbrev) {
  return hamilton::to_datetime(Series({"Jan 05 2021", "DEC 31 1999"}, "t"), "%b %d %Y");
}
HAMILTON_ORACLE_CASE(to_datetime_month_name) {
  return hamilton::to_datetime(Series({"January 05 2021", "december 31 1999"}, "t"), "%B %d %Y");
}
HAMILTON_ORACLE_CASE(to_datetime_month_abbrev_not_full) {
  return hamilton::to_datetime(Series({"December 31 1999"}, "t"), "%b %d %Y");
}
HAMILTON_ORACLE_CASE(to_datetime_two_digit_year) {
  return hamilton::to_datetime(Series({"01/02/68", "01/02/69"}, "t"), "%m/%d/%y");
}
HAMILTON_ORACLE_CASE(to_datetime_day_of_year) {
  return hamilton::to_datetime(Series({"2020-060", "2021-365"}, "t"), "%Y-%j");
}
HAMILTON_ORACLE_CASE(to_datetime_keeps_index) {
  return hamilton::to_datetime(
      Series({"2020/01/02", "2020/01/03"}, "d", Index::from_strings({"a", "b"})), "%Y/%m/%d");
}
HAMILTON_ORACLE_CASE(to_datetime_out_of_bounds) {
  return hamilton::to_datetime(Series({"2020-01-01", "9999-12-31"}, "end"), "%Y-%m-%d");
}
HAMILTON_ORACLE_CASE(to_datetime_no_match) {
  return hamilton::to_datetime(Series({"2020-13-01"}, "d"), "%Y-%m-%d");
}
HAMILTON_ORACLE_CASE(to_datetime_trailing_text) {
  return hamilton::to_datetime(Series({"2020-01-01 junk"}, "d"), "%Y-%m-%d");
}
HAMILTON_ORACLE_CASE(to_datetime_bad_day) {
  return hamilton::to_datetime(Series({"2021-02-29"}, "d"), "%Y-%m-%d");
}
HAMILTON_ORACLE_CASE(to_datetime_bad_directive) {
  return hamilton::to_datetime(Series({"2021-02-01"}, "d"), "%Q");
}
HAMILTON_ORACLE_CASE(to_datetime_empty) {
  return hamilton::to_datetime(Series(std::vector<std::string>{}, "d"), "%Y-%m-%d");
}
