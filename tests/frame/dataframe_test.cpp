// DataFrame construction, selection, joins and pandas-exact printing (expected
// strings were printed by pandas 1.5.3).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "hamilton/frame.hpp"

namespace {
using hamilton::DataFrame;
using hamilton::Index;
using hamilton::JoinHow;
using hamilton::Series;
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

TEST(DataFrameFormat, MixedDtypesSmallAndLargeFloats) {
  DataFrame df{{"small", Series({1e-7, 0.5, NaN})},
               {"large", Series({1234567.0, 2.5, 3.0})},
               {"b", Series({true, false, true})},
               {"s", Series::strings({"abc", "", "de"}, {false, true, false})},
               {"neg", Series({-5, 10, 3})}};
  EXPECT_EQ(df.to_string(),
            "          small      large      b    s  neg\n"
            "0  1.000000e-07  1234567.0   True  abc   -5\n"
            "1  5.000000e-01        2.5  False  NaN   10\n"
            "2           NaN        3.0   True   de    3");
}

TEST(DataFrameFormat, DatetimesAndStringIndex) {
  auto dt = [](const char *s) { return *hamilton::parse_datetime(s); };
  Index ix = Index::from_strings({"x", "yy", "zzz"});
  DataFrame df{
      {"d", Series::datetime({dt("2020-01-01"), dt("2020-01-02"), hamilton::kNaT}, "", ix)},
      {"t",
       Series::datetime({dt("2020-01-01 10:00:00"), dt("2020-01-02 00:00:00.5"), dt("2020-01-03")},
                        "", ix)}};
  EXPECT_EQ(df.to_string(),
            "             d                       t\n"
            "x   2020-01-01 2020-01-01 10:00:00.000\n"
            "yy  2020-01-02 2020-01-02 00:00:00.500\n"
            "zzz        NaT 2020-01-03 00:00:00.000");
}

DataFrame hundred() {
  std::vector<std::int64_t> a(100);
  std::vector<double> b(100);
  for (int i = 0; i < 100; ++i) a[i] = i, b[i] = i * 0.5;
  return DataFrame{{"a", Series(a)}, {"b", Series(b)}};
}

TEST(DataFrameFormat, ReprTruncatesLongFrames) {
  std::ostringstream os;
  os << hundred();
  EXPECT_EQ(os.str(),
            "     a     b\n"
            "0    0   0.0\n"
            "1    1   0.5\n"
            "2    2   1.0\n"
            "3    3   1.5\n"
            "4    4   2.0\n"
            "..  ..   ...\n"
            "95  95  47.5\n"
            "96  96  48.0\n"
            "97  97  48.5\n"
            "98  98  49.0\n"
            "99  99  49.5\n"
            "\n"
            "[100 rows x 2 columns]");
}

TEST(DataFrameFormat, ToStringMaxRows) {
  EXPECT_EQ(hundred().to_string(6),
            "     a     b\n"
            "0    0   0.0\n"
            "1    1   0.5\n"
            "2    2   1.0\n"
            "..  ..   ...\n"
            "97  97  48.5\n"
            "98  98  49.0\n"
            "99  99  49.5");
}

TEST(DataFrameFormat, AllNaNEmptyLargeAndInfinite) {
  EXPECT_EQ((DataFrame{{"x", Series({NaN, NaN})}}).to_string(), "    x\n0 NaN\n1 NaN");
  DataFrame empty{{"a", Series(std::vector<double>{})}, {"b", Series(std::vector<double>{})}};
  EXPECT_EQ(empty.to_string(), "Empty DataFrame\nColumns: [a, b]\nIndex: []");
  EXPECT_EQ((DataFrame{{"x", Series({1e10, 2.0, -3.25})}}).to_string(),
            "              x\n0  1.000000e+10\n1  2.000000e+00\n2 -3.250000e+00");
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ((DataFrame{{"x", Series({inf, 2.0, -inf})}}).to_string(),
            "     x\n0  inf\n1  2.0\n2 -inf");
}

TEST(DataFrame, ColumnAccessWithDidYouMean) {
  DataFrame df{{"spend", Series({1, 2})}, {"signups", Series({3, 4})}};
  EXPECT_EQ(df["spend"].at<std::int64_t>(1), 2);
  EXPECT_EQ(df.column_names(), (std::vector<std::string>{"spend", "signups"}));
  try {
    df["signup"];
    FAIL();
  } catch (const hamilton::Error &e) {
    EXPECT_STREQ(e.what(),
                 "DataFrame: no column 'signup' (did you mean "
                 "'signups'?); available columns: "
                 "'spend', 'signups'");
  }
  try {
    df["zzzzzzzz"];
    FAIL();
  } catch (const hamilton::Error &e) {
    EXPECT_STREQ(e.what(),
                 "DataFrame: no column 'zzzzzzzz'; available "
                 "columns: 'spend', 'signups'");
  }
}

TEST(DataFrame, ConstructionAlignsIndexesLikePandas) {
  Series a(std::vector<double>{1, 2}, "a", Index::from_int64({0, 1}));
  Series b(std::vector<std::int64_t>{5, 6}, "b", Index::from_int64({1, 2}));
  DataFrame df(std::vector<Series>{a, b});
  ASSERT_EQ(df.num_rows(), 3u);
  EXPECT_TRUE(std::isnan(df["a"].at<double>(2)));
  EXPECT_EQ(df["b"].dtype_name(),
            "float64");  // int column with missing labels → float64
  EXPECT_EQ(df.to_string(), "     a    b\n0  1.0  NaN\n1  2.0  5.0\n2  NaN  6.0");
}

TEST(DataFrame, DuplicateAndUnnamedColumnsAreErrors) {
  EXPECT_THROW((DataFrame{{"a", Series({1})}, {"a", Series({2})}}), hamilton::Error);
  EXPECT_THROW(DataFrame(std::vector<Series>{Series({1})}), hamilton::Error);
}

TEST(DataFrame, SelectJoinWithColumn) {
  DataFrame df{{"a", Series({1, 2, 3})}, {"b", Series({4, 5, 6})}, {"c", Series({7, 8, 9})}};
  DataFrame s = df.select({"c", "a"});
  EXPECT_EQ(s.column_names(), (std::vector<std::string>{"c", "a"}));
  EXPECT_THROW(df.select({"x"}), hamilton::Error);

  DataFrame left{
      {"x", Series(std::vector<double>{1, 2, 3}, "", Index::from_strings({"a", "b", "c"}))}};
  DataFrame right{{"y", Series(std::vector<double>{10, 20}, "", Index::from_strings({"c", "d"}))}};
  DataFrame outer = left.join(right, JoinHow::outer);
  EXPECT_EQ(outer.num_rows(), 4u);
  EXPECT_EQ(outer.to_string(),
            "     x     y\na  1.0   NaN\nb  2.0   NaN\nc  3.0  10.0\nd  NaN  20.0");
  DataFrame l = left.join(right, JoinHow::left);
  EXPECT_EQ(l.num_rows(), 3u);
  EXPECT_EQ(l["y"].at<double>(2), 10.0);
  DataFrame in = left.join(right, JoinHow::inner);
  ASSERT_EQ(in.num_rows(), 1u);
  EXPECT_EQ(in.index().str_at(0), "c");
  EXPECT_THROW(left.join(left), hamilton::Error);  // overlapping columns

  DataFrame w = df.with_column("d", Series({1.5, 2.5}));
  EXPECT_EQ(w.num_columns(), 4u);
  EXPECT_TRUE(std::isnan(w["d"].at<double>(2)));  // aligned to the frame's index
}

TEST(DataFrame, HeadTailSliceEquals) {
  DataFrame df{{"a", Series({1, 2, 3, 4, 5, 6, 7})}};
  EXPECT_EQ(df.head(2).num_rows(), 2u);
  EXPECT_EQ(df.tail(2).to_string(), "   a\n5  6\n6  7");
  EXPECT_TRUE(df.slice(0, 7).equals(df));
  EXPECT_FALSE(df.head(3).equals(df));
  EXPECT_TRUE(df.equals(DataFrame{{"a", Series({1, 2, 3, 4, 5, 6, 7})}}));
}
}  // namespace
