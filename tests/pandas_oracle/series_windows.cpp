// Window operations that existed before the oracle: a check that the harness compares for real.
#include "oracle.hpp"

using hamilton::Series;

HAMILTON_ORACLE_CASE(rolling_mean_3) {
  return Series({10.0, 10.0, 20.0, 40.0, 40.0, 50.0}, "spend").rolling(3).mean();
}

HAMILTON_ORACLE_CASE(pct_change_int) { return Series({1, 2, 4, 3, 3}, "x").pct_change(); }

HAMILTON_ORACLE_CASE(where_scalar_other) {
  Series x({1.5, -2.0, 3.25}, "x");
  return x.where(x > 0.0, 0.0);
}

HAMILTON_ORACLE_CASE(mean_of_ints) { return Series({1, 2, 4}, "x").mean(); }

HAMILTON_ORACLE_CASE(frame_two_columns) {
  Series a({1, 2, 3}, "a");
  Series b({0.5, 0.25, 1e-7}, "b");
  return hamilton::DataFrame{{"a", a}, {"b", b}};
}

HAMILTON_ORACLE_CASE(std_tiny) { return Series({1e-9, 2e-9, 4e-9}, "x").std(); }
