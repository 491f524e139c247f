// Time-based rolling windows (rolling("7D") on a datetime index) against pandas.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "oracle.hpp"

using hamilton::Closed;
using hamilton::Index;
using hamilton::Series;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
Index dt_index(const std::vector<std::string> &iso) {
  const Series parsed = Series::datetime_from_strings(iso);
  auto ns = parsed.values<std::int64_t>();
  return Index::from_datetime({ns.begin(), ns.end()});
}
// Irregular days with a gap and a repeated date.
Index days() {
  return dt_index({"2023-01-01", "2023-01-02", "2023-01-04", "2023-01-04", "2023-01-08",
                   "2023-01-09", "2023-01-20"});
}
Series sales() { return Series({10.0, 0.1, 0.2, kNaN, 5.0, -3.0, 1.0}, "sales", days()); }
Series units() { return Series({1, 2, 3, 4, 5, 6, 7}, "units", days()); }
Series hourly() {
  return Series({1.0, 2.0, 3.0, 4.0}, "v",
                dt_index({"2023-01-01 00:00:00", "2023-01-01 00:30:00", "2023-01-01 01:00:00",
                          "2023-01-01 02:15:00"}));
}
}  // namespace

HAMILTON_ORACLE_CASE(time_rolling_sum_7d) { return sales().rolling("7D").sum(); }
HAMILTON_ORACLE_CASE(time_rolling_mean_7d) { return sales().rolling("7D").mean(); }
HAMILTON_ORACLE_CASE(time_rolling_count_7d) { return sales().rolling("7D").count(); }
HAMILTON_ORACLE_CASE(time_rolling_min_3d) { return sales().rolling("3D").min(); }
HAMILTON_ORACLE_CASE(time_rolling_max_3d) { return sales().rolling("3D").max(); }
HAMILTON_ORACLE_CASE(time_rolling_int_sum) { return units().rolling("2D").sum(); }
HAMILTON_ORACLE_CASE(time_rolling_min_periods) { return sales().rolling("7D", 3).sum(); }
HAMILTON_ORACLE_CASE(time_rolling_closed_left) {
  return sales().rolling("3D", 1, Closed::left).sum();
}
HAMILTON_ORACLE_CASE(time_rolling_closed_both) {
  return units().rolling("3D", 1, Closed::both).sum();
}
HAMILTON_ORACLE_CASE(time_rolling_closed_neither) {
  return units().rolling("3D", 1, Closed::neither).mean();
}
HAMILTON_ORACLE_CASE(time_rolling_count_left) {
  return sales().rolling("2D", 1, Closed::left).count();
}
HAMILTON_ORACLE_CASE(time_rolling_hours) { return hourly().rolling("1h").sum(); }
HAMILTON_ORACLE_CASE(time_rolling_minutes) { return hourly().rolling("45min").mean(); }
HAMILTON_ORACLE_CASE(time_rolling_range_index) {
  return Series({1.0, 2.0}, "x").rolling("1D").sum();
}
HAMILTON_ORACLE_CASE(time_rolling_week_unit) { return sales().rolling("1W").sum(); }
HAMILTON_ORACLE_CASE(time_rolling_empty) {
  return Series(std::vector<double>{}, "x", Index::from_datetime({})).rolling("7D").mean();
}
HAMILTON_ORACLE_CASE(time_rolling_unsorted_index) {
  return Series({1.0, 2.0}, "x", dt_index({"2020-01-02", "2020-01-01"})).rolling("1D").sum();
}
HAMILTON_ORACLE_CASE(time_rolling_max_nan_window) {
  return Series({kNaN, kNaN, 1.0}, "x", dt_index({"2020-01-01", "2020-01-05", "2020-01-06"}))
      .rolling("2D")
      .max();
}
