// DataFrame::sort_values / sort_index / set_index / reset_index against pandas.
#include <limits>

#include "oracle.hpp"

using hamilton::DataFrame;
using hamilton::Series;

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

DataFrame sales() {
  return DataFrame{{"store", Series({"b", "a", "c", "a", "b"})},
                   {"units", Series({3, 1, 2, 1, 5})},
                   {"price", Series({2.5, NaN, 1.0, 4.0, 2.5})}};
}
}  // namespace

HAMILTON_ORACLE_CASE(sort_values_one_key) { return sales().sort_values("units"); }
HAMILTON_ORACLE_CASE(sort_values_descending_ties) { return sales().sort_values("units", false); }
HAMILTON_ORACLE_CASE(sort_values_nan_last) { return sales().sort_values("price"); }
HAMILTON_ORACLE_CASE(sort_values_nan_last_descending) {
  return sales().sort_values("price", false);
}
HAMILTON_ORACLE_CASE(sort_values_two_keys) {
  return sales().sort_values(std::vector<std::string>{"store", "price"}, {true, false});
}
HAMILTON_ORACLE_CASE(sort_values_strings_missing) {
  DataFrame df{{"s", Series::strings({"x", "", "a", "m"}, {false, true, false, false})},
               {"v", Series({1, 2, 3, 4})}};
  return df.sort_values("s");
}
HAMILTON_ORACLE_CASE(sort_values_datetimes) {
  DataFrame df{{"d", Series::datetime_from_strings({"2024-03-01", "", "2024-01-15", "2024-02-01"})},
               {"v", Series({1.5, 2.5, 3.5, 4.5})}};
  return df.sort_values("d", false);
}
HAMILTON_ORACLE_CASE(sort_values_empty) { return sales().head(0).sort_values("units"); }
HAMILTON_ORACLE_CASE(sort_values_missing_column) { return sales().sort_values("unit"); }
HAMILTON_ORACLE_CASE(sort_index_after_sort) { return sales().sort_values("units").sort_index(); }
HAMILTON_ORACLE_CASE(sort_index_strings_descending) {
  return sales().set_index("store").sort_index(false);
}
HAMILTON_ORACLE_CASE(set_index_string) { return sales().set_index("store"); }
HAMILTON_ORACLE_CASE(set_index_keep_column) { return sales().set_index("units", false); }
HAMILTON_ORACLE_CASE(set_index_series_column) { return sales().set_index("store")["units"]; }
HAMILTON_ORACLE_CASE(set_index_datetime) {
  DataFrame df{{"date", Series::datetime_from_strings({"2024-01-02", "2024-01-01"})},
               {"v", Series({1, 2})}};
  return df.set_index("date");
}
HAMILTON_ORACLE_CASE(reset_index_named) { return sales().set_index("store").reset_index(); }
HAMILTON_ORACLE_CASE(reset_index_range) { return sales().sort_values("units").reset_index(); }
HAMILTON_ORACLE_CASE(reset_index_drop) { return sales().sort_values("units").reset_index(true); }
HAMILTON_ORACLE_CASE(reset_index_name_taken) {
  return sales().set_index("store", false).reset_index();
}
