// unique, nunique, value_counts, idxmin/idxmax against pandas.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "oracle.hpp"

using hamilton::Index;
using hamilton::Series;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
Series cities() {
  return Series::strings({"paris", "rome", "paris", "", "oslo", "rome", "paris"},
                         {false, false, false, true, false, false, false}, "city");
}
}  // namespace

HAMILTON_ORACLE_CASE(unique_strings) { return cities().unique(); }
HAMILTON_ORACLE_CASE(unique_float_nan) { return Series({2.0, kNaN, 1.0, 2.0, kNaN}, "x").unique(); }
HAMILTON_ORACLE_CASE(unique_int) { return Series({3, 1, 3, 2}, "x").unique(); }
HAMILTON_ORACLE_CASE(unique_empty) { return Series(std::vector<double>{}, "x").unique(); }
HAMILTON_ORACLE_CASE(nunique_strings) { return static_cast<std::int64_t>(cities().nunique()); }
HAMILTON_ORACLE_CASE(nunique_keep_nan) {
  return static_cast<std::int64_t>(Series({1.0, kNaN, 1.0}, "x").nunique(false));
}
HAMILTON_ORACLE_CASE(nunique_all_nan) {
  return static_cast<std::int64_t>(Series({kNaN, kNaN}, "x").nunique());
}
HAMILTON_ORACLE_CASE(value_counts_strings) { return cities().value_counts(); }
HAMILTON_ORACLE_CASE(value_counts_normalize) { return cities().value_counts(true); }
HAMILTON_ORACLE_CASE(value_counts_ascending) { return cities().value_counts(false, true, true); }
HAMILTON_ORACLE_CASE(value_counts_unsorted) { return cities().value_counts(false, false); }
HAMILTON_ORACLE_CASE(value_counts_int) { return Series({3, 1, 3, 2, 1, 3}, "x").value_counts(); }
HAMILTON_ORACLE_CASE(value_counts_bool) { return Series({true, false, true}, "b").value_counts(); }
HAMILTON_ORACLE_CASE(value_counts_float) { return Series({1.5, 2.0, 1.5}, "x").value_counts(); }
HAMILTON_ORACLE_CASE(value_counts_empty) {
  return Series(std::vector<std::int64_t>{}, "x").value_counts();
}
HAMILTON_ORACLE_CASE(idxmax_string_index) {
  return Series({3.0, kNaN, 7.0, 7.0, 1.0}, "x", Index::from_strings({"a", "b", "c", "d", "e"}))
      .idxmax()
      .label_string(0);
}
HAMILTON_ORACLE_CASE(idxmin_int_index) {
  return Series({3, 1, 2, 1}, "x", Index::from_int64({10, 20, 30, 40})).idxmin().label_string(0);
}
HAMILTON_ORACLE_CASE(idxmin_strings) {
  return Series({"b", "a", "c"}, "s", Index::from_strings({"x", "y", "z"}))
      .idxmin()
      .label_string(0);
}
HAMILTON_ORACLE_CASE(argmax_float) {
  return static_cast<std::int64_t>(Series({kNaN, 2.0, 5.0, 5.0}, "x").argmax());
}
HAMILTON_ORACLE_CASE(idxmin_empty) {
  return Series(std::vector<double>{}, "x").idxmin().label_string(0);
}
HAMILTON_ORACLE_CASE(idxmin_all_nan) { return Series({kNaN, kNaN}, "x").idxmin().label_string(0); }
HAMILTON_ORACLE_CASE(value_counts_datetime) {
  return Series::datetime_from_strings({"2020-01-02", "2020-01-01", "", "2020-01-02"}, "d")
      .value_counts();
}
