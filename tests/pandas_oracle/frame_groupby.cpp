// groupby(...).agg / transform and resample(...).sum / mean against pandas.
#include <limits>

#include "oracle.hpp"

using hamilton::DataFrame;
using hamilton::Series;

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

DataFrame visits() {
  return DataFrame{{"store", Series::strings({"b", "a", "b", "", "c", "a", "b"},
                                             {false, false, false, true, false, false, false})},
                   {"units", Series({3, 1, 2, 7, 4, 6, 5})},
                   {"price", Series({2.5, NaN, 1.25, 9.0, 3.0, 0.5, 1.0})},
                   {"open", Series({true, false, true, true, false, true, true})}};
}
DataFrame numeric() { return visits().select({"store", "units", "price"}); }

DataFrame daily() {
  return DataFrame{{"date", Series::datetime_from_strings({"2024-01-01", "2024-01-03", "2024-01-07",
                                                           "2024-01-07 18:30:00", "2024-01-08",
                                                           "2024-01-22", "2024-01-23"})},
                   {"units", Series({1, 2, 3, 4, 5, 6, 7})},
                   {"price", Series({1.5, NaN, 2.5, 3.5, 4.5, 5.5, 6.5})}}
      .set_index("date");
}
}  // namespace

HAMILTON_ORACLE_CASE(groupby_sum) { return visits().groupby("store").sum(); }
HAMILTON_ORACLE_CASE(groupby_mean) { return numeric().groupby("store").mean(); }
HAMILTON_ORACLE_CASE(groupby_min) { return visits().groupby("store").min(); }
HAMILTON_ORACLE_CASE(groupby_max) { return visits().groupby("store").max(); }
HAMILTON_ORACLE_CASE(groupby_count) { return visits().groupby("store").count(); }
HAMILTON_ORACLE_CASE(groupby_size) { return visits().groupby("store").size(); }
HAMILTON_ORACLE_CASE(groupby_std) { return numeric().groupby("store").std(); }
HAMILTON_ORACLE_CASE(groupby_first) { return visits().groupby("store").first(); }
HAMILTON_ORACLE_CASE(groupby_last) { return visits().groupby("store").last(); }
HAMILTON_ORACLE_CASE(groupby_agg_per_column) {
  return visits().groupby("store").agg({{"price", "mean"}, {"units", "max"}});
}
HAMILTON_ORACLE_CASE(groupby_int_key_series) { return visits().groupby("units")["price"].sum(); }
HAMILTON_ORACLE_CASE(groupby_series_mean) { return visits().groupby("store")["units"].mean(); }
HAMILTON_ORACLE_CASE(groupby_empty) { return numeric().head(0).groupby("store").sum(); }
HAMILTON_ORACLE_CASE(groupby_missing_key) { return visits().groupby("stores").sum(); }
HAMILTON_ORACLE_CASE(groupby_transform_mean) {
  return numeric().groupby("store").transform("mean");
}
HAMILTON_ORACLE_CASE(groupby_transform_sum_series) {
  return visits().groupby("store")["units"].transform("sum");
}
HAMILTON_ORACLE_CASE(groupby_transform_int_key) {
  DataFrame df{{"k", Series({1, 2, 1, 2})}, {"v", Series({1, 2, 3, 4})}};
  return df.groupby("k").transform("sum");
}
HAMILTON_ORACLE_CASE(groupby_transform_count) {
  return visits().groupby("store")["price"].transform("count");
}

HAMILTON_ORACLE_CASE(resample_week_sum) { return daily().resample("W").sum(); }
HAMILTON_ORACLE_CASE(resample_week_mean) { return daily().resample("W").mean(); }
HAMILTON_ORACLE_CASE(resample_week_sun_alias) { return daily().resample("W-SUN").sum(); }
HAMILTON_ORACLE_CASE(resample_day_sum) { return daily().head(4).resample("D").sum(); }
HAMILTON_ORACLE_CASE(resample_day_mean) { return daily().resample("D").mean().head(9); }
HAMILTON_ORACLE_CASE(resample_not_datetime) { return numeric().resample("W").sum(); }
HAMILTON_ORACLE_CASE(resample_unsorted) {
  return daily().sort_values("units", false).resample("W").sum();
}

HAMILTON_ORACLE_CASE(groupby_datetime_key) {
  DataFrame df{{"day", Series::datetime_from_strings(
                           {"2024-01-02", "2024-01-01", "", "2024-01-02", "2024-01-01"})},
               {"v", Series({1.5, 2.0, 4.0, 3.0, 0.25})}};
  return df.groupby("day").agg({{"v", "sum"}});
}
HAMILTON_ORACLE_CASE(resample_nat_row_dropped) {
  DataFrame df{{"date", Series::datetime_from_strings({"2024-01-09", "", "2024-01-01"})},
               {"v", Series({1, 2, 3})}};
  return df.set_index("date").resample("W").sum();
}
HAMILTON_ORACLE_CASE(sort_index_datetime_nat_last) {
  DataFrame df{{"date", Series::datetime_from_strings({"2024-01-09", "", "2024-01-01"})},
               {"v", Series({1, 2, 3})}};
  return df.set_index("date").sort_index();
}
