// concat, merge and join against pandas.
#include <limits>

#include "oracle.hpp"

using hamilton::ConcatOptions;
using hamilton::DataFrame;
using hamilton::Index;
using hamilton::JoinHow;
using hamilton::MergeHow;
using hamilton::MergeOptions;
using hamilton::Series;

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

DataFrame orders() {
  return DataFrame{{"cust", Series({2, 1, 3, 2})},
                   {"amount", Series({10.0, 20.0, 30.0, 40.0})},
                   {"note", Series({"a", "b", "c", "d"})}};
}
DataFrame customers() {
  return DataFrame{{"cust", Series({1, 2, 4, 2})},
                   {"region", Series({"north", "south", "east", "west"})},
                   {"note", Series({"p", "q", "r", "s"})}};
}
DataFrame left_nan() {
  return DataFrame{{"k", Series({2.0, NaN, 1.0, 2.0})}, {"v", Series({1, 2, 3, 4})}};
}
DataFrame right_nan() {
  return DataFrame{{"k", Series({NaN, 3.0, 2.0})}, {"w", Series({10, 20, 30})}};
}
MergeOptions on(std::vector<std::string> keys, MergeHow how) {
  MergeOptions o;
  o.on = std::move(keys);
  o.how = how;
  return o;
}
}  // namespace

HAMILTON_ORACLE_CASE(merge_inner_duplicates) {
  return hamilton::merge(orders(), customers(), on({"cust"}, MergeHow::inner));
}
HAMILTON_ORACLE_CASE(merge_left) {
  return hamilton::merge(orders(), customers(), on({"cust"}, MergeHow::left));
}
HAMILTON_ORACLE_CASE(merge_right) {
  return hamilton::merge(orders(), customers(), on({"cust"}, MergeHow::right));
}
HAMILTON_ORACLE_CASE(merge_outer) {
  return hamilton::merge(orders(), customers(), on({"cust"}, MergeHow::outer));
}
HAMILTON_ORACLE_CASE(merge_nan_keys_inner) {
  return hamilton::merge(left_nan(), right_nan(), on({"k"}, MergeHow::inner));
}
HAMILTON_ORACLE_CASE(merge_nan_keys_outer) {
  return hamilton::merge(left_nan(), right_nan(), on({"k"}, MergeHow::outer));
}
HAMILTON_ORACLE_CASE(merge_nan_keys_right) {
  return hamilton::merge(left_nan(), right_nan(), on({"k"}, MergeHow::right));
}
HAMILTON_ORACLE_CASE(merge_two_keys_outer) {
  DataFrame a{
      {"s", Series({"x", "x", "y"})}, {"d", Series({1, 2, 1})}, {"v", Series({1.5, 2.5, 3.5})}};
  DataFrame b{{"d", Series({2, 1, 1})}, {"s", Series({"x", "y", "z"})}, {"w", Series({7, 8, 9})}};
  return hamilton::merge(a, b, on({"s", "d"}, MergeHow::outer));
}
HAMILTON_ORACLE_CASE(merge_common_columns) {
  DataFrame a{{"k", Series({"a", "b"})}, {"v", Series({1, 2})}};
  DataFrame b{{"w", Series({3, 4})}, {"k", Series({"b", "a"})}};
  return hamilton::merge(a, b, MergeOptions{});
}
HAMILTON_ORACLE_CASE(merge_empty_right) {
  return hamilton::merge(orders(), customers().head(0), on({"cust"}, MergeHow::left));
}
HAMILTON_ORACLE_CASE(merge_key_dtype_mismatch) {
  DataFrame b{{"cust", Series({"1", "2"})}, {"x", Series({1, 2})}};
  return hamilton::merge(orders(), b, on({"cust"}, MergeHow::inner));
}
HAMILTON_ORACLE_CASE(merge_missing_key) {
  return hamilton::merge(orders(), customers(), on({"customer"}, MergeHow::inner));
}

HAMILTON_ORACLE_CASE(join_left_default) {
  DataFrame a{{"x", Series({1.0, 2.0, 3.0}, "", Index::from_strings({"a", "b", "c"}))}};
  DataFrame b{{"y", Series({10, 20}, "", Index::from_strings({"c", "d"}))}};
  return a.join(b);
}
HAMILTON_ORACLE_CASE(join_right_suffixes) {
  DataFrame a{{"x", Series({1, 2, 3}, "", Index::from_strings({"a", "b", "c"}))},
              {"z", Series({1, 1, 1}, "", Index::from_strings({"a", "b", "c"}))}};
  DataFrame b{{"x", Series({10, 20}, "", Index::from_strings({"c", "d"}))}};
  return a.join(b, hamilton::JoinOptions{JoinHow::right, "_l", "_r"});
}
HAMILTON_ORACLE_CASE(join_overlap_no_suffix) {
  DataFrame a{{"x", Series({1, 2})}};
  return a.join(a);
}

HAMILTON_ORACLE_CASE(concat_rows_keep_index) {
  return hamilton::concat({orders().head(2), orders().tail(2)});
}
HAMILTON_ORACLE_CASE(concat_rows_ignore_index) {
  return hamilton::concat({orders().tail(2), orders().head(3)}, {0, true});
}
HAMILTON_ORACLE_CASE(concat_rows_missing_columns) {
  DataFrame b{{"amount", Series({5, 6})}, {"extra", Series({"u", "v"})}};
  return hamilton::concat({orders().head(2), b});
}
HAMILTON_ORACLE_CASE(concat_rows_string_index) {
  return hamilton::concat(
      {customers().set_index("region").head(2), customers().set_index("region")});
}
HAMILTON_ORACLE_CASE(concat_rows_dtype_mismatch) {
  DataFrame b{{"amount", Series({"x"})}};
  return hamilton::concat({orders(), b});
}
HAMILTON_ORACLE_CASE(concat_rows_empty) {
  return hamilton::concat({orders().head(0), orders().head(1)});
}
HAMILTON_ORACLE_CASE(concat_columns_aligned) {
  DataFrame a{{"x", Series({1, 2, 3}, "", Index::from_int64({3, 1, 2}))}};
  DataFrame b{{"y", Series({1.5, 2.5}, "", Index::from_int64({5, 1}))}};
  return hamilton::concat({a, b}, {1, false});
}
HAMILTON_ORACLE_CASE(concat_columns_sorted_union) {
  DataFrame a{{"x", Series({1, 2, 3}, "", Index::from_int64({1, 2, 4}))}};
  DataFrame b{{"y", Series({"p", "q"}, "", Index::from_int64({0, 3}))}};
  return hamilton::concat({a, b}, {1, false});
}
HAMILTON_ORACLE_CASE(concat_series) {
  return hamilton::concat(std::vector<Series>{Series({1, 2}, "v"), Series({3.5}, "v")});
}
HAMILTON_ORACLE_CASE(concat_series_names_differ) {
  return hamilton::concat(std::vector<Series>{Series({1, 2}, "v"), Series({3}, "w")}, true);
}

HAMILTON_ORACLE_CASE(concat_rows_datetime_index) {
  DataFrame a{{"date", Series::datetime_from_strings({"2024-01-02", "2024-01-01"})},
              {"v", Series({1, 2})}};
  DataFrame b{{"date", Series::datetime_from_strings({"2024-01-01"})}, {"v", Series({3.5})}};
  return hamilton::concat({a.set_index("date"), b.set_index("date")});
}
HAMILTON_ORACLE_CASE(merge_left_many_matches_strings) {
  DataFrame a{{"k", Series::strings({"x", "", "y"}, {false, true, false})},
              {"v", Series({1, 2, 3})}};
  DataFrame b{{"k", Series::strings({"y", "x", "y", ""}, {false, false, false, true})},
              {"w", Series({"p", "q", "r", "s"})}};
  return hamilton::merge(a, b, on({"k"}, MergeHow::left));
}

// left_on / right_on: keys of different names keep both columns
namespace {
hamilton::DataFrame products() {
  return hamilton::DataFrame({{"a", hamilton::Series(std::vector<std::int64_t>{1, 2, 3})},
                              {"v", hamilton::Series(std::vector<double>{10, 20, 30})},
                              {"b", hamilton::Series(std::vector<std::string>{"x", "y", "z"})}});
}
hamilton::DataFrame prices() {
  return hamilton::DataFrame({{"b", hamilton::Series(std::vector<std::int64_t>{2, 3, 4, 3})},
                              {"w", hamilton::Series(std::vector<double>{0.2, 0.3, 0.4, 0.35})}});
}
hamilton::MergeOptions paired(hamilton::MergeHow how) {
  hamilton::MergeOptions o;
  o.left_on = {"a"};
  o.right_on = {"b"};
  o.how = how;
  return o;
}
}  // namespace

HAMILTON_ORACLE_CASE(merge_left_on_right_on_inner) {
  return hamilton::merge(products(), prices(), paired(MergeHow::inner));
}
HAMILTON_ORACLE_CASE(merge_left_on_right_on_left) {
  return hamilton::merge(products(), prices(), paired(MergeHow::left));
}
HAMILTON_ORACLE_CASE(merge_left_on_right_on_right) {
  return hamilton::merge(products(), prices(), paired(MergeHow::right));
}
HAMILTON_ORACLE_CASE(merge_left_on_right_on_outer) {
  return hamilton::merge(products(), prices(), paired(MergeHow::outer));
}
HAMILTON_ORACLE_CASE(merge_left_on_right_on_two_keys) {
  hamilton::DataFrame l({{"s", hamilton::Series(std::vector<std::string>{"x", "x", "y"})},
                         {"d", hamilton::Series(std::vector<std::int64_t>{1, 2, 1})},
                         {"v", hamilton::Series(std::vector<double>{1.5, 2.5, 3.5})}});
  hamilton::DataFrame r({{"s", hamilton::Series(std::vector<std::string>{"y", "x"})},
                         {"day", hamilton::Series(std::vector<std::int64_t>{1, 2})},
                         {"w", hamilton::Series(std::vector<double>{7, 8})}});
  hamilton::MergeOptions o;
  o.left_on = {"s", "d"};
  o.right_on = {"s", "day"};
  o.how = MergeHow::outer;
  return hamilton::merge(l, r, o);
}

// ---- merge on an index: left_index / right_index ----
namespace {
DataFrame by_k() {  // indexed by the key `k` (pandas: L.set_index("k"))
  Index ix = Index::from_int64({1, 2, 2, 3}).rename("k");
  return DataFrame{{"a", Series({10.0, 20.0, 21.0, 30.0}, "", ix)}};
}
DataFrame right_by_k(std::string name = "k") {
  Index ix = Index::from_int64({2, 1, 4}).rename(std::move(name));
  return DataFrame{{"b", Series({100.0, 200.0, 400.0}, "", ix)}};
}
DataFrame with_k_column() {
  Index ix = Index::from_int64({10, 20, 30, 40});
  return DataFrame{{"k", Series(std::vector<std::int64_t>{1, 2, 2, 3}, "", ix)},
                   {"a", Series({10.0, 20.0, 21.0, 30.0}, "", ix)}};
}
MergeOptions both_index(MergeHow how) {
  MergeOptions o;
  o.left_index = o.right_index = true;
  o.how = how;
  return o;
}
MergeOptions left_on_right_index(MergeHow how) {
  MergeOptions o;
  o.left_on = {"k"};
  o.right_index = true;
  o.how = how;
  return o;
}
MergeOptions left_index_right_on(MergeHow how) {
  MergeOptions o;
  o.left_index = true;
  o.right_on = {"k"};
  o.how = how;
  return o;
}
DataFrame small_by_label() {
  return DataFrame{{"a", Series({1.0, 2.0, 3.0}, "", Index::from_int64({1, 2, 5}))}};
}
DataFrame k_and_b() {
  Index ix = Index::from_int64({7, 8, 9}).rename("ri");
  return DataFrame{{"k", Series(std::vector<std::int64_t>{2, 1, 2}, "", ix)},
                   {"b", Series({100.0, 200.0, 400.0}, "", ix)}};
}
}  // namespace

HAMILTON_ORACLE_CASE(merge_both_index_inner) {
  return hamilton::merge(by_k(), right_by_k(), both_index(MergeHow::inner));
}
HAMILTON_ORACLE_CASE(merge_both_index_left) {
  return hamilton::merge(by_k(), right_by_k("other"), both_index(MergeHow::left));
}
HAMILTON_ORACLE_CASE(merge_both_index_right) {
  return hamilton::merge(by_k(), right_by_k("other"), both_index(MergeHow::right));
}
HAMILTON_ORACLE_CASE(merge_both_index_outer) {
  return hamilton::merge(by_k(), right_by_k("other"), both_index(MergeHow::outer));
}
HAMILTON_ORACLE_CASE(merge_both_index_string_overlap) {
  DataFrame a{{"v", Series({1.0, 2.0}, "", Index::from_strings({"x", "y"}))}};
  DataFrame b{{"v", Series({5.0, 6.0}, "", Index::from_strings({"y", "z"}))}};
  return hamilton::merge(a, b, both_index(MergeHow::outer));
}
HAMILTON_ORACLE_CASE(merge_left_on_right_index_inner) {
  return hamilton::merge(with_k_column(), right_by_k(), left_on_right_index(MergeHow::inner));
}
HAMILTON_ORACLE_CASE(merge_left_on_right_index_left) {
  return hamilton::merge(with_k_column(), right_by_k(), left_on_right_index(MergeHow::left));
}
HAMILTON_ORACLE_CASE(merge_left_on_right_index_right_unmatched) {
  return hamilton::merge(with_k_column(), right_by_k(), left_on_right_index(MergeHow::right));
}
HAMILTON_ORACLE_CASE(merge_left_index_right_on_inner) {
  return hamilton::merge(small_by_label(), k_and_b(), left_index_right_on(MergeHow::inner));
}
HAMILTON_ORACLE_CASE(merge_left_index_right_on_right) {
  return hamilton::merge(small_by_label(), k_and_b(), left_index_right_on(MergeHow::right));
}
HAMILTON_ORACLE_CASE(merge_left_index_right_on_left_unmatched) {
  return hamilton::merge(small_by_label(), k_and_b(), left_index_right_on(MergeHow::left));
}
