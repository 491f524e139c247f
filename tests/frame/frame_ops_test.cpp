// Errors of the DataFrame operations (sort, set_index, concat, merge, join,
// groupby, resample): the message says what, where and how to fix it. Values
// are checked against pandas in tests/pandas_oracle.
#include <gtest/gtest.h>

#include <string>

#include "hamilton/frame.hpp"

namespace {
using hamilton::DataFrame;
using hamilton::MergeHow;
using hamilton::MergeOptions;
using hamilton::Series;

DataFrame sales() {
  return DataFrame{{"store", Series({"b", "a", "c"})},
                   {"units", Series({3, 1, 2})},
                   {"price", Series({2.5, 1.0, 4.0})}};
}

std::string message_of(const std::function<void()> &f) {
  try {
    f();
  } catch (const hamilton::Error &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(FrameOpsErrors, MissingKeyColumnSuggestsTheClosest) {
  EXPECT_EQ(message_of([] { sales().sort_values("unit"); }),
            "DataFrame::sort_values: DataFrame: no column 'unit' (did you mean 'units'?); "
            "available columns: 'store', 'units', 'price'");
  EXPECT_EQ(message_of([] { sales().groupby("stor"); }),
            "groupby: DataFrame: no column 'stor' (did you mean 'store'?); available columns: "
            "'store', 'units', 'price'");
  EXPECT_EQ(message_of([] { sales().set_index("prices"); }),
            "DataFrame::set_index: DataFrame: no column 'prices' (did you mean 'price'?); "
            "available columns: 'store', 'units', 'price'");
  DataFrame other{{"units", Series({1})}};
  MergeOptions o;
  o.on = {"store"};
  EXPECT_EQ(message_of([&] { hamilton::merge(sales(), other, o); }),
            "merge (right frame): DataFrame: no column 'store'; available columns: 'units'");
}

TEST(FrameOpsErrors, SortAscendingFlagsMustMatch) {
  EXPECT_EQ(message_of([] {
              sales().sort_values({"store", "units", "price"}, {true, false});
            }),
            "DataFrame::sort_values: 3 columns to sort by but 2 ascending flags (give one per "
            "column, or one for all)");
  EXPECT_EQ(message_of([] { sales().sort_values(std::vector<std::string>{}); }),
            "DataFrame::sort_values: no columns to sort by (by is empty)");
}

TEST(FrameOpsErrors, MergeKeyDtypesMustMatch) {
  DataFrame other{{"units", Series({"1", "3"})}, {"x", Series({1, 2})}};
  MergeOptions o;
  o.on = {"units"};
  EXPECT_EQ(message_of([&] { hamilton::merge(sales(), other, o); }),
            "merge: key column 'units' is int64 in the left frame and string in the right "
            "frame; convert one with astype so both have the same dtype");
  DataFrame none{{"x", Series({1})}};
  EXPECT_EQ(message_of([&] { hamilton::merge(sales(), none, MergeOptions{}); }),
            "merge: the frames have no column in common to merge on; pass the key columns as "
            "MergeOptions::on (or left_on and right_on)");
}

TEST(FrameOpsErrors, MergeLeftOnAndRightOnArePairedByPosition) {
  DataFrame prices{{"shop", Series({"a", "b"})}, {"cost", Series({1.0, 2.0})}};
  auto merged = [&](std::vector<std::string> on, std::vector<std::string> left_on,
                    std::vector<std::string> right_on) {
    MergeOptions o;
    o.on = std::move(on);
    o.left_on = std::move(left_on);
    o.right_on = std::move(right_on);
    return message_of([&] { hamilton::merge(sales(), prices, o); });
  };
  EXPECT_EQ(merged({"store"}, {"store"}, {"shop"}),
            "merge: give the key columns either as MergeOptions::on or as left_on and right_on, "
            "not both");
  EXPECT_EQ(merged({}, {"store"}, {}),
            "merge: left_on is given without right_on; give the key columns of both frames, "
            "paired by position");
  EXPECT_EQ(merged({}, {"store", "units"}, {"shop"}),
            "merge: left_on has 2 column(s) and right_on 1; they pair the key columns by "
            "position, so give as many of each");
  EXPECT_EQ(merged({}, {"store", "store"}, {"shop", "cost"}),
            "merge: key column 'store' is given twice in left_on");
  EXPECT_EQ(merged({}, {"units"}, {"shop"}),
            "merge: key columns 'units' (left frame, int64) and 'shop' (right frame, string) are "
            "paired but differ in dtype; convert one with astype so both have the same dtype");
  EXPECT_EQ(merged({}, {"store"}, {"shops"}),
            "merge (right frame): DataFrame: no column 'shops' (did you mean 'shop'?); available "
            "columns: 'shop', 'cost'");
  // and it merges: both key columns are kept
  MergeOptions o;
  o.left_on = {"store"};
  o.right_on = {"shop"};
  EXPECT_EQ(hamilton::merge(sales(), prices, o).column_names(),
            (std::vector<std::string>{"store", "units", "price", "shop", "cost"}));
}

TEST(FrameOpsErrors, MergeSuffixesThatCollide) {
  DataFrame a{{"k", Series({1})}, {"v", Series({1})}, {"v_x", Series({2})}};
  DataFrame b{{"k", Series({1})}, {"v", Series({3})}};
  MergeOptions o;
  o.on = {"k"};
  EXPECT_EQ(message_of([&] { hamilton::merge(a, b, o); }),
            "DataFrame: duplicate column name 'v_x'");
}

TEST(FrameOpsErrors, ResampleNeedsADatetimeIndexAndAKnownRule) {
  EXPECT_EQ(message_of([] { sales().resample("W").sum(); }),
            "resample: needs a datetime index, got a range index (3 labels); make one with "
            "set_index(\"<date column>\")");
  EXPECT_EQ(message_of([] { sales().resample("M"); }),
            "resample: rule 'M' is not supported; the rules are 'W' (= 'W-SUN', weeks ending on "
            "Sunday) and 'D' (calendar days)");
  DataFrame d{{"date", Series::datetime_from_strings({"2024-01-01"})}, {"s", Series({"x"})}};
  EXPECT_EQ(message_of([&] { d.set_index("date").resample("D").sum(); }),
            "resample.sum: cannot take the sum of string column 's' (1 row) (it needs a numeric "
            "column)");
}

TEST(FrameOpsErrors, GroupByReductions) {
  EXPECT_EQ(message_of([] { sales().groupby("store").agg("meen"); }),
            "groupby.agg: unknown reduction 'meen' (did you mean 'mean'?); the reductions are "
            "'sum', 'mean', 'min', 'max', 'count', 'size', 'std', 'first', 'last'");
  EXPECT_EQ(message_of([] { sales().groupby("units").mean(); }),
            "groupby.agg: cannot take the mean of string column 'store' (3 rows) (it needs a "
            "numeric column)");
  EXPECT_EQ(message_of([] { sales().groupby("price"); }).substr(0, 63),
            "groupby: key float64 column 'price' (3 rows) cannot be the resu");
  EXPECT_EQ(message_of([] {
              sales().groupby("store").agg({{"store", "sum"}});
            }),
            "groupby.agg: 'store' is the key column; it is the result's index");
}

TEST(FrameOpsErrors, IndexColumns) {
  EXPECT_EQ(message_of([] { sales().set_index("price"); }),
            "DataFrame::set_index: float64 column 'price' (3 rows) cannot be an index: an index "
            "holds int64, string or datetime labels (convert the column with astype first)");
  EXPECT_EQ(message_of([] { sales().set_index("units", false).reset_index(); }),
            "DataFrame::reset_index: cannot insert the index as column 'units': the frame "
            "already has a column of that name (rename it, or pass drop = true to discard the "
            "index)");
  DataFrame m{{"s", Series::strings({"a", ""}, {false, true})}};
  EXPECT_EQ(message_of([&] { m.set_index("s"); }),
            "DataFrame::set_index: string column 's' (2 rows) has a missing value at row 1; an "
            "index of strings cannot hold missing labels here (fill them first with fillna)");
}

TEST(FrameOpsErrors, ConcatAndJoin) {
  DataFrame b{{"units", Series({"x"})}};
  EXPECT_EQ(message_of([&] {
              hamilton::concat({sales(), b});
            }),
            "concat: column 'units' is int64 in one part and string in another; convert them to "
            "one dtype with astype first (pandas would make an object column)");
  EXPECT_EQ(message_of([] {
              hamilton::concat({sales(), sales().set_index("store")});
            }),
            "concat: cannot put a string index after a range index (pass ignore_index = true, or "
            "set_index on both)");
  EXPECT_EQ(message_of([] {
              hamilton::concat({sales(), sales()}, {1, false});
            }),
            "concat(axis = 1): column 'store' is in two frames; rename one first (a frame here has "
            "unique column names)");
  EXPECT_EQ(message_of([] {
              hamilton::concat({sales()}, {2, false});
            }),
            "concat: axis must be 0 (rows) or 1 (columns), got 2");
  EXPECT_EQ(message_of([] { sales().join(sales()); }),
            "DataFrame::join: columns overlap: 'store' is in both frames (rename one side first, "
            "or give lsuffix/rsuffix)");
}

TEST(FrameOps, BracedColumnListsSortByEachColumn) {
  DataFrame df{{"a", Series({2, 1, 2})}, {"b", Series({1.0, 5.0, 0.5})}};
  DataFrame out = df.sort_values({"a", "b"});
  EXPECT_EQ(out.to_string(), "   a    b\n1  1  5.0\n2  2  0.5\n0  2  1.0");
  EXPECT_EQ(df.sort_values({"a", "b"}, {false}).to_string(),
            "   a    b\n0  2  1.0\n2  2  0.5\n1  1  5.0");
}

TEST(FrameOps, SortKeepsBuffersOfAnOrderedFrame) {
  DataFrame df = sales().sort_values("units");
  DataFrame again = df.sort_values("units");
  EXPECT_EQ(again["price"].data(), df["price"].data());  // already ordered: no copy
  EXPECT_EQ(df["store"].at<std::string>(0), "a");
}

}  // namespace

TEST(FrameOpsErrors, MergeOnAnIndexSaysWhatIsMissingOrTooMuch) {
  DataFrame prices{{"price", Series({1.5, 2.5}, "", hamilton::Index::from_strings({"a", "z"}))}};
  auto merged = [&](auto set) {
    MergeOptions o;
    set(o);
    return message_of([&] { hamilton::merge(sales(), prices, o); });
  };
  EXPECT_EQ(merged([](MergeOptions &o) {
              o.left_index = true;
              o.left_on = {"store"};
              o.right_index = true;
            }),
            "merge: give left_on or left_index, not both (pandas: Can only pass argument "
            "\"left_on\" OR \"left_index\" not both)");
  EXPECT_EQ(merged([](MergeOptions &o) { o.left_index = true; }),
            "merge: left_index pairs the left frame's index with the right frame's keys; give "
            "right_index or one right_on column");
  EXPECT_EQ(merged([](MergeOptions &o) { o.right_index = true; }),
            "merge: right_index pairs the right frame's index with the left frame's keys; give "
            "left_index or one left_on column");
  EXPECT_EQ(merged([](MergeOptions &o) {
              o.right_index = true;
              o.left_on = {"store", "units"};
            }),
            "merge: right_index pairs the right frame's index (one level) with one left_on "
            "column; left_on has 2");
  EXPECT_EQ(merged([](MergeOptions &o) {
              o.right_index = true;
              o.on = {"store"};
            }),
            "merge: give the keys either as MergeOptions::on or with left_index / right_index "
            "(and left_on / right_on), not both");
  // the right index is string, the left key int64
  EXPECT_EQ(merged([](MergeOptions &o) {
              o.right_index = true;
              o.left_on = {"units"};
            }),
            "merge: the left frame's key column 'units' is int64 and the right frame's index is "
            "string; convert one (astype, or set_index / reset_index) so both have the same "
            "dtype");
  // a right row that matches nothing would need a missing label
  EXPECT_EQ(merged([](MergeOptions &o) {
              o.right_index = true;
              o.left_on = {"store"};
              o.how = hamilton::MergeHow::outer;
            }),
            "merge: with left_on and right_index the result's index is the left frame's, and a "
            "right row that matches no row of the other frame would get a missing index label "
            "(pandas makes the index float with NaN), which an Index cannot hold; use how = "
            "inner or left, or merge on columns (reset_index() and left_on / right_on)");
}
