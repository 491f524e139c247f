// isin, between, round, rank, bfill, interpolate, replace against pandas.
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "oracle.hpp"

using hamilton::Inclusive;
using hamilton::Index;
using hamilton::RankMethod;
using hamilton::Series;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
Series strs_with_missing() {
  return Series::strings({"a", "", "b", "a"}, {false, true, false, false}, "s");
}
Series rank_input() { return Series({3.0, 1.0, kNaN, 3.0, 2.0, 3.0}, "x"); }
}  // namespace

// ---- isin
HAMILTON_ORACLE_CASE(isin_int) { return Series({1, 2, 3, 4, 2}, "x").isin({2, 4}); }
HAMILTON_ORACLE_CASE(isin_float_nan) {
  return Series({1.0, kNaN, 2.5, 3.0}, "x").isin(std::vector<double>{kNaN, 2.5});
}
HAMILTON_ORACLE_CASE(isin_int_matches_float) {
  return Series({1, 2, 3}, "x").isin(std::vector<double>{1.0, 2.5});
}
HAMILTON_ORACLE_CASE(isin_strings_missing) {
  return strs_with_missing().isin(std::vector<std::string>{"a", "z"});
}
HAMILTON_ORACLE_CASE(isin_string_vs_number) {
  return Series({"1", "2"}, "s").isin(std::vector<int>{1});
}
HAMILTON_ORACLE_CASE(isin_empty) { return Series(std::vector<double>{}, "x").isin({1.0}); }
HAMILTON_ORACLE_CASE(isin_series_values) {
  return Series({"a", "b", "c"}, "s", Index::from_strings({"x", "y", "z"}))
      .isin(Series({"c", "a"}));
}

// ---- between
HAMILTON_ORACLE_CASE(between_both) { return Series({1, 2, 3, 4, 5}, "x").between(2, 4); }
HAMILTON_ORACLE_CASE(between_neither) {
  return Series({1, 2, 3, 4, 5}, "x").between(2, 4, Inclusive::neither);
}
HAMILTON_ORACLE_CASE(between_left) {
  return Series({1.0, 2.0, kNaN, 4.0}, "x").between(2, 4.0, Inclusive::left);
}
HAMILTON_ORACLE_CASE(between_right) {
  return Series({1.0, 2.0, kNaN, 4.0}, "x").between(2.0, 4, Inclusive::right);
}
HAMILTON_ORACLE_CASE(between_strings) {
  return Series({"apple", "kiwi", "pear"}, "s").between("b", "p");
}
HAMILTON_ORACLE_CASE(between_datetime) {
  Series d = Series::datetime_from_strings({"2020-01-01", "2020-01-05", "", "2020-02-01"}, "d");
  return d.between(hamilton::make_datetime(2020, 1, 2), hamilton::make_datetime(2020, 1, 31));
}
HAMILTON_ORACLE_CASE(between_string_column_number_bounds) {
  return Series({"a", "b"}, "s").between(1, 2);
}
HAMILTON_ORACLE_CASE(between_empty) {
  return Series(std::vector<std::int64_t>{}, "x").between(1, 2);
}

// ---- round
HAMILTON_ORACLE_CASE(round_half_even) {
  return Series({0.5, 1.5, 2.5, -0.5, -1.5, 2.675, kNaN}, "x").round();
}
HAMILTON_ORACLE_CASE(round_2) {
  return Series({1.005, 2.675, 3.14159, -1.23456, 1e-9}, "x").round(2);
}
HAMILTON_ORACLE_CASE(round_negative) {
  return Series({1234.5, 1250.0, 1350.0, -15.0}, "x").round(-2);
}
HAMILTON_ORACLE_CASE(round_int_keeps) { return Series({1, 2, 3}, "x").round(2); }
HAMILTON_ORACLE_CASE(round_int_negative) { return Series({15, 25, -15, 14, 5}, "x").round(-1); }
HAMILTON_ORACLE_CASE(round_bool) { return Series({true, false}, "b").round(); }
HAMILTON_ORACLE_CASE(round_string_error) { return Series({"a"}, "s").round(); }
HAMILTON_ORACLE_CASE(round_empty) { return Series(std::vector<double>{}, "x").round(1); }

// ---- rank
HAMILTON_ORACLE_CASE(rank_average) { return rank_input().rank(); }
HAMILTON_ORACLE_CASE(rank_min) { return rank_input().rank(RankMethod::min); }
HAMILTON_ORACLE_CASE(rank_max) { return rank_input().rank(RankMethod::max); }
HAMILTON_ORACLE_CASE(rank_first) { return rank_input().rank(RankMethod::first); }
HAMILTON_ORACLE_CASE(rank_dense) { return rank_input().rank(RankMethod::dense); }
HAMILTON_ORACLE_CASE(rank_average_desc) { return rank_input().rank(RankMethod::average, false); }
HAMILTON_ORACLE_CASE(rank_first_desc) {
  return Series({3, 1, 3, 2}, "x").rank(RankMethod::first, false);
}
HAMILTON_ORACLE_CASE(rank_dense_desc) { return rank_input().rank(RankMethod::dense, false); }
HAMILTON_ORACLE_CASE(rank_int) { return Series({10, 30, 20, 10}, "x").rank(); }
HAMILTON_ORACLE_CASE(rank_strings) { return strs_with_missing().rank(RankMethod::min); }
HAMILTON_ORACLE_CASE(rank_all_nan) { return Series({kNaN, kNaN}, "x").rank(); }
HAMILTON_ORACLE_CASE(rank_empty) { return Series(std::vector<double>{}, "x").rank(); }

// ---- bfill / ffill
HAMILTON_ORACLE_CASE(bfill_float) {
  return Series({kNaN, 1.0, kNaN, kNaN, 4.0, kNaN}, "x").bfill();
}
HAMILTON_ORACLE_CASE(bfill_strings) { return strs_with_missing().bfill(); }
HAMILTON_ORACLE_CASE(bfill_datetime) {
  return Series::datetime_from_strings({"", "2020-01-02", "", "2020-01-04"}, "d").bfill();
}
HAMILTON_ORACLE_CASE(bfill_int) { return Series({1, 2}, "x").bfill(); }
HAMILTON_ORACLE_CASE(ffill_float) {
  return Series({kNaN, 1.0, kNaN, kNaN, 4.0, kNaN}, "x").ffill();
}
HAMILTON_ORACLE_CASE(bfill_all_nan) { return Series({kNaN, kNaN}, "x").bfill(); }

// ---- interpolate
HAMILTON_ORACLE_CASE(interpolate_linear) {
  return Series({kNaN, 1.0, kNaN, kNaN, 4.0, kNaN, 0.1, kNaN, 0.3}, "x").interpolate();
}
HAMILTON_ORACLE_CASE(interpolate_index_ignored) {
  return Series({1.0, kNaN, 3.0}, "x", Index::from_int64({0, 1, 10})).interpolate();
}
HAMILTON_ORACLE_CASE(interpolate_int) { return Series({1, 2}, "x").interpolate(); }
HAMILTON_ORACLE_CASE(interpolate_all_nan) { return Series({kNaN, kNaN}, "x").interpolate(); }
HAMILTON_ORACLE_CASE(interpolate_empty) { return Series(std::vector<double>{}, "x").interpolate(); }
HAMILTON_ORACLE_CASE(interpolate_strings) { return strs_with_missing().interpolate(); }

// ---- replace
HAMILTON_ORACLE_CASE(replace_int) { return Series({1, 2, 1, 3}, "x").replace(1, 10); }
HAMILTON_ORACLE_CASE(replace_int_to_float) { return Series({1, 2, 1}, "x").replace(1, 1.5); }
HAMILTON_ORACLE_CASE(replace_int_no_match_keeps_dtype) {
  return Series({1, 2}, "x").replace(5, 1.5);
}
HAMILTON_ORACLE_CASE(replace_nan) { return Series({1.0, kNaN, 3.0}, "x").replace(kNaN, 0.0); }
HAMILTON_ORACLE_CASE(replace_strings) { return strs_with_missing().replace("a", "A"); }
HAMILTON_ORACLE_CASE(replace_map_not_chained) {
  return Series({1, 2, 3}, "x").replace(std::vector<std::pair<int, int>>{{1, 2}, {2, 3}});
}
HAMILTON_ORACLE_CASE(replace_map_strings) {
  return Series({"mon", "tue", "sun"}, "day")
      .replace(std::vector<std::pair<std::string, std::string>>{
          {"mon", "weekday"}, {"tue", "weekday"}, {"sun", "weekend"}});
}
HAMILTON_ORACLE_CASE(replace_float_by_int) { return Series({1.5, 2.0}, "x").replace(2, 7); }
HAMILTON_ORACLE_CASE(interpolate_datetime) {
  return Series::datetime_from_strings({"2020-01-01", "", "2020-01-03"}, "d").interpolate();
}
HAMILTON_ORACLE_CASE(replace_int_by_nan) { return Series({1, 2, 1}, "x").replace(1, kNaN); }
HAMILTON_ORACLE_CASE(rank_bool) { return Series({true, false, true}, "b").rank(); }
HAMILTON_ORACLE_CASE(rank_datetime_dense) {
  return Series::datetime_from_strings({"2020-01-02", "", "2020-01-01", "2020-01-02"}, "d")
      .rank(RankMethod::dense);
}
HAMILTON_ORACLE_CASE(between_keeps_index) {
  return Series({5, 15, 25}, "x", Index::from_strings({"a", "b", "c"})).between(10.5, 25);
}
HAMILTON_ORACLE_CASE(fillna_method_ffill) {
  return Series({kNaN, 1.0, kNaN, 3.0, kNaN}, "x").fillna(hamilton::FillMethod::ffill);
}
HAMILTON_ORACLE_CASE(fillna_method_bfill) {
  return strs_with_missing().fillna(hamilton::FillMethod::bfill);
}
HAMILTON_ORACLE_CASE(fillna_value_still_works) { return Series({kNaN, 1.0}, "x").fillna(0.5); }
