// Window, time-series and reduction results compared with pandas 1.5.3 (values
// printed by pandas with repr(), NaN positions included).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "hamilton/frame.hpp"

namespace {
using hamilton::Series;
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

Series sample() { return Series({1.0, 2.0, NaN, 4.0, 10.0, 3.0, 3.0, 3.0, -1.0}, "s"); }

void expect_values(const Series &got, const std::vector<double> &want, double tol = 1e-12) {
  ASSERT_EQ(got.dtype(), hamilton::DType::float64);
  ASSERT_EQ(got.size(), want.size());
  auto v = got.values<double>();
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(v[i])) << "row " << i << " = " << v[i] << ", expected NaN";
    } else {
      EXPECT_NEAR(v[i], want[i], tol * std::max(1.0, std::fabs(want[i]))) << "row " << i;
    }
  }
}

TEST(Rolling, MeanSkipsNaNAndNeedsFullWindow) {
  expect_values(sample().rolling(3).mean(), {NaN, NaN, NaN, NaN, NaN, 5.666666666666667,
                                             5.333333333333333, 3.0, 1.6666666666666667});
}
TEST(Rolling, SumWithMinPeriods) {
  expect_values(sample().rolling(3, 1).sum(), {1, 3, 3, 6, 14, 17, 16, 9, 5});
}
TEST(Rolling, StdAndVar) {
  expect_values(sample().rolling(3, 2).std(),
                {NaN, 0.7071067811865476, 0.7071067811865476, 1.4142135623730951, 4.242640687119285,
                 3.7859388972001824, 4.041451884327381, 0.0, 2.309401076758502});
  expect_values(sample().rolling(4).var(),
                {NaN, NaN, NaN, NaN, NaN, NaN, 11.333333333333334, 12.25, 4.0});
}
TEST(Rolling, MinMaxMedianCount) {
  expect_values(sample().rolling(3, 1).min(), {1, 1, 1, 2, 4, 3, 3, 3, -1});
  expect_values(sample().rolling(3).max(), {NaN, NaN, NaN, NaN, NaN, 10, 10, 3, 3});
  expect_values(sample().rolling(3, 2).median(), {NaN, 1.5, 1.5, 3, 7, 4, 3, 3, 3});
  expect_values(sample().rolling(3).count(), {1, 2, 2, 2, 2, 3, 3, 3, 3});
}
TEST(Rolling, IntInputGivesFloat) {
  Series s({1, 2, 3}, "i");
  Series r = s.rolling(2).sum();
  expect_values(r, {NaN, 3, 5});
  EXPECT_EQ(r.name(), "i");
  EXPECT_TRUE(r.index().same(s.index()));
}
TEST(Rolling, WindowLargerThanSeriesIsAllNaN) {
  expect_values(Series({1.0, 2.0}).rolling(5).mean(), {NaN, NaN});
}
TEST(Rolling, BadArgumentsAreErrors) {
  EXPECT_THROW(sample().rolling(0), hamilton::Error);
  try {
    sample().rolling(2, 3);
    FAIL();
  } catch (const hamilton::Error &e) {
    EXPECT_STREQ(e.what(), "Series::rolling: min_periods 3 must be <= window 2");
  }
  EXPECT_THROW(Series({"a", "b"}).rolling(2), hamilton::Error);
}
TEST(Rolling, LongSeriesMatchesNaiveWindow) {
  std::vector<double> v(1000);
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = std::sin(static_cast<double>(i)) * 100 + (i % 7 == 0 ? NaN : 0);
  Series s(v);
  Series mean = s.rolling(10, 3).mean(), mx = s.rolling(10, 3).max(), mn = s.rolling(10, 3).min();
  for (std::size_t i = 0; i < v.size(); ++i) {
    double sum = 0, hi = -INFINITY, lo = INFINITY;
    int n = 0;
    for (std::size_t j = i >= 9 ? i - 9 : 0; j <= i; ++j)
      if (!std::isnan(v[j])) sum += v[j], ++n, hi = std::max(hi, v[j]), lo = std::min(lo, v[j]);
    if (n >= 3) {
      EXPECT_NEAR(mean.at<double>(i), sum / n, 1e-9);
      EXPECT_EQ(mx.at<double>(i), hi);
      EXPECT_EQ(mn.at<double>(i), lo);
    } else {
      EXPECT_TRUE(std::isnan(mean.at<double>(i)));
    }
  }
}

TEST(Expanding, MeanSumMinMax) {
  expect_values(sample().expanding().mean(), {1.0, 1.5, 1.5, 2.3333333333333335, 4.25, 4.0,
                                              3.8333333333333335, 3.7142857142857144, 3.125});
  expect_values(sample().expanding(2).sum(), {NaN, 3, 3, 7, 17, 20, 23, 26, 25});
  expect_values(sample().expanding().min(), {1, 1, 1, 1, 1, 1, 1, 1, -1});
  expect_values(sample().expanding().max(), {1, 2, 2, 4, 10, 10, 10, 10, 10});
}

TEST(Ewm, SpanAdjustTrue) {
  expect_values(sample().ewm({.span = 3}).mean(),
                {1.0, 1.6666666666666667, 1.6666666666666667, 3.3636363636363638, 7.296296296296297,
                 4.966101694915254, 3.9430894308943087, 3.462151394422311, 1.2090729783037475});
}
TEST(Ewm, AlphaAdjustFalse) {
  expect_values(sample().ewm({.alpha = 0.3, .adjust = false}).mean(),
                {1.0, 1.2999999999999998, 1.2999999999999998, 2.3253164556962025, 4.627721518987341,
                 4.1394050632911386, 3.7975835443037966, 3.5583084810126575, 2.1908159367088604});
}
TEST(Ewm, NeedsExactlyOneParameter) {
  EXPECT_THROW(sample().ewm({}), hamilton::Error);
  EXPECT_THROW(sample().ewm({.span = 3, .alpha = 0.5}), hamilton::Error);
  EXPECT_THROW(sample().ewm({.alpha = 1.5}), hamilton::Error);
}

TEST(TimeSeries, ShiftDiffPctChange) {
  expect_values(sample().shift(2), {NaN, NaN, 1, 2, NaN, 4, 10, 3, 3});
  expect_values(sample().diff(), {NaN, 1, NaN, NaN, 6, -7, 0, 0, -4});
  expect_values(sample().diff(-2), {NaN, -2, NaN, 1, 7, 0, 4, NaN, NaN});
  expect_values(sample().pct_change(),
                {NaN, 1.0, 0.0, 1.0, 1.5, -0.7, 0.0, 0.0, -1.3333333333333333});
}
TEST(TimeSeries, ShiftOfIntBecomesFloatLikePandas) {
  Series s({1, 2, 3});
  EXPECT_EQ(s.shift(1).dtype_name(), "float64");
  EXPECT_EQ(s.diff().dtype_name(), "float64");
  expect_values(s.shift(-1), {2, 3, NaN});
  EXPECT_EQ(s.shift(0).dtype_name(), "int64");
}
TEST(TimeSeries, ShiftOfStringsAndDatetimes) {
  Series s({"a", "b"});
  Series sh = s.shift(1);
  EXPECT_TRUE(sh.is_missing(0));
  EXPECT_EQ(sh.at<std::string>(1), "a");
  Series d = Series::datetime_from_strings({"2020-01-01", "2020-01-02"}).shift(1);
  EXPECT_EQ(d.at<std::int64_t>(0), hamilton::kNaT);
  EXPECT_EQ(d.to_string_at(1), "2020-01-01 00:00:00");
}
TEST(Cumulative, SkipNaNLikePandas) {
  expect_values(sample().cumsum(), {1, 3, NaN, 7, 17, 20, 23, 26, 25});
  expect_values(sample().cumprod(), {1, 2, NaN, 8, 80, 240, 720, 2160, -2160});
  expect_values(sample().cummax(), {1, 2, NaN, 4, 10, 10, 10, 10, 10});
  expect_values(sample().cummin(), {1, 1, NaN, 1, 1, 1, 1, 1, -1});
  Series i({3, 1, 2});
  EXPECT_EQ(i.cumsum().dtype_name(), "int64");
  EXPECT_EQ(i.cumsum().at<std::int64_t>(2), 6);
  EXPECT_EQ(i.cummin().at<std::int64_t>(2), 1);
}

TEST(Reductions, MatchPandas) {
  Series s = sample();
  EXPECT_EQ(s.sum(), 25.0);
  EXPECT_EQ(s.mean(), 3.125);
  EXPECT_DOUBLE_EQ(s.std(), 3.181980515339464);
  EXPECT_DOUBLE_EQ(s.var(), 10.125);
  EXPECT_EQ(s.min(), -1.0);
  EXPECT_EQ(s.max(), 10.0);
  EXPECT_EQ(s.count(), 8u);
  EXPECT_EQ(s.median(), 3.0);
  EXPECT_DOUBLE_EQ(s.quantile(0.3), 2.1);
  EXPECT_DOUBLE_EQ(s.quantile(0.75), 3.25);
  EXPECT_THROW(s.quantile(1.5), hamilton::Error);
}
TEST(Reductions, EmptyAndAllNaN) {
  Series empty;
  EXPECT_EQ(empty.sum(), 0.0);  // pandas: sum of nothing is 0
  EXPECT_TRUE(std::isnan(empty.mean()));
  EXPECT_TRUE(std::isnan(empty.min()));
  EXPECT_TRUE(std::isnan(empty.std()));
  EXPECT_EQ(empty.count(), 0u);
  Series nan({NaN, NaN});
  EXPECT_EQ(nan.sum(), 0.0);
  EXPECT_TRUE(std::isnan(nan.mean()));
  EXPECT_TRUE(std::isnan(nan.max()));
  EXPECT_TRUE(std::isnan(nan.median()));
  EXPECT_TRUE(std::isnan(Series({1.0}).std()));  // ddof=1 needs two values
  EXPECT_EQ(Series({1.0}).std(0), 0.0);
}
TEST(Reductions, IntAndBoolAndStringColumns) {
  Series i({1, 2, 3, 4});
  EXPECT_EQ(i.sum(), 10.0);
  EXPECT_EQ(i.mean(), 2.5);
  EXPECT_EQ(i.median(), 2.5);
  EXPECT_EQ(Series({true, false, true}).sum(), 2.0);
  try {
    Series({"a"}, "name").mean();
    FAIL();
  } catch (const hamilton::Error &e) {
    EXPECT_STREQ(e.what(),
                 "Series::mean: needs a numeric column, got string "
                 "column 'name' (1 row)");
  }
}
}  // namespace
