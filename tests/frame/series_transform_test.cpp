// Errors of the pandas-style Series operations (isin ... rolling("7D")): what went wrong, on
// which column, and how to fix it. Values are checked against pandas in tests/pandas_oracle.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "hamilton/frame.hpp"

namespace {
using hamilton::Index;
using hamilton::Series;

std::string error_of(auto &&f) {
  try {
    f();
  } catch (const hamilton::Error &e) {
    return e.what();
  }
  return "<no error>";
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();

Index dt_index(const std::vector<std::string> &iso) {
  const Series parsed = Series::datetime_from_strings(iso);
  auto ns = parsed.values<std::int64_t>();
  return Index::from_datetime({ns.begin(), ns.end()});
}

TEST(SeriesTransformErrors, WrongDtypeNamesTheColumnAndWhatIsNeeded) {
  EXPECT_EQ(error_of([] { Series({"a"}, "city").round(); }),
            "Series::round: needs a numeric column, got string column 'city' (1 row)");
  EXPECT_EQ(error_of([] { Series({1.5}, "x").str(); }),
            "Series::str: the .str accessor needs a string column, got float64 column 'x' (1 "
            "row) (convert with astype(DType::string) first)");
  EXPECT_EQ(error_of([] {
              Series({1, 2}, "n").dt();
            }),
            "Series::dt: the .dt accessor needs a datetime or timedelta column, got int64 "
            "column 'n' (2 rows) (parse strings with to_datetime(s, format) first)");
  EXPECT_EQ(error_of([] {
              Series({1, 2}, "n") + std::chrono::days{1};
            }),
            "Series '+' duration: needs a datetime or timedelta column (a duration is added to "
            "those only), got int64 column 'n' (2 rows)");
  EXPECT_EQ(error_of([] {
              Series({"a", "b"}, "s").between(1, 2);
            }),
            "Series::between: cannot compare string column 's' (2 rows) with a int64 bound");
  EXPECT_EQ(error_of([] { Series::datetime_from_strings({"2020-01-01"}, "d").between(1.5, 2.0); }),
            "Series::between: cannot compare datetime64[ns] column 'd' (1 row) with a float64 "
            "bound (give datetime bounds as int64 nanoseconds)");
  EXPECT_EQ(error_of([] { Series::datetime_from_strings({"2020-01-01"}, "d").interpolate(); }),
            "Series::interpolate: needs a numeric column, got datetime64[ns] column 'd' (1 row)");
  EXPECT_EQ(error_of([] {
              Series({1.5, 2.5}, "x").value_counts();
            }),
            "Series::value_counts: float64 column 'x' (2 rows) would need a float index, which "
            "hamilton does not have; round the values and astype(int64), or astype(string), "
            "first");
  EXPECT_EQ(error_of([] {
              Series({"a", "b"}, "s").replace("a", 1);
            }),
            "Series::replace: cannot put a int64 value into string column 's' (2 rows) "
            "(hamilton has no mixed object columns)");
  EXPECT_EQ(error_of([] {
              Series({1, 2}, "n").replace(1, "one");
            }),
            "Series::replace: cannot put a string value into int64 column 'n' (2 rows) "
            "(hamilton has no mixed object columns)");
}

TEST(SeriesTransformErrors, ExtremesOfNothing) {
  EXPECT_EQ(error_of([] { Series(std::vector<double>{}, "x").idxmin(); }),
            "Series::idxmin: float64 column 'x' (0 rows) is empty, so there is no position to "
            "return; check s.count() > 0 first");
  EXPECT_EQ(error_of([] {
              Series({kNaN, kNaN}, "x").argmax();
            }),
            "Series::argmax: float64 column 'x' (2 rows) has only missing values, so there is no "
            "position to return; check s.count() > 0 first");
}

TEST(SeriesTransformErrors, StringPatterns) {
  EXPECT_NE(error_of([] {
              Series({"a"}, "s").str().contains("(");
            }).find("Series::str().contains: invalid regular expression '('"),
            std::string::npos);
  // Plain text is not a pattern.
  EXPECT_TRUE(Series({"a(b"}, "s").str().contains("(", false).at<bool>(0));
}

TEST(SeriesTransformErrors, ToDatetimeNamesRowValueAndFormat) {
  EXPECT_EQ(error_of([] {
              hamilton::to_datetime(Series({"2020-01-01", "2020-13-01"}, "d"), "%Y-%m-%d");
            }),
            "to_datetime: row 1 of string column 'd' (2 rows): '2020-13-01' does not match format "
            "'%Y-%m-%d' (missing values must be missing, not text)");
  EXPECT_EQ(error_of([] { hamilton::to_datetime(Series({"2021-02-29"}, "d"), "%Y-%m-%d"); })
                .rfind("to_datetime: row 0 of string column 'd' (1 row): '2021-02-29' (format "
                       "'%Y-%m-%d'): ",
                       0),
            0u);
  EXPECT_EQ(error_of([] { hamilton::to_datetime(Series({"x"}, "d"), "%Y-%Q"); }),
            "to_datetime: 'Q' is a bad directive in format '%Y-%Q'; supported: %Y %m %d %H %M %S "
            "%f %y %j %b %B %%");
  EXPECT_EQ(error_of([] { hamilton::to_datetime(Series({"x"}, "d"), "%Y%"); }),
            "to_datetime: format '%Y%' ends with a lone '%' (write '%%' for a percent sign)");
  EXPECT_EQ(error_of([] {
              hamilton::to_datetime(Series({1, 2}, "n"), "%Y");
            }),
            "to_datetime(format): needs a string column, got int64 column 'n' (2 rows)");
  try {
    hamilton::to_datetime(Series({"2020-01-01", "9999-12-31"}, "end"), "%Y-%m-%d");
    FAIL() << "no error";
  } catch (const hamilton::OutOfBoundsDatetime &e) {
    EXPECT_EQ(e.value(), "9999-12-31");
    EXPECT_EQ(std::string(e.what()).rfind("to_datetime: row 1 of string column 'end' (2 rows): "
                                          "'9999-12-31' is out of bounds for datetime64[ns]",
                                          0),
              0u);
  }
}

TEST(SeriesTransformErrors, DurationPastTheRangeIsOutOfBounds) {
  Series d = Series::datetime_from_strings({"2020-01-01", "2262-04-10"}, "d");
  try {
    (void)(d + std::chrono::days{5});
    FAIL() << "no error";
  } catch (const hamilton::OutOfBoundsDatetime &e) {
    EXPECT_EQ(std::string(e.what()).rfind("Series '+' duration: row 1: ", 0), 0u);
  }
  // NaT stays NaT and other rows move.
  Series n = Series::datetime_from_strings({"2020-01-31", ""}, "d") + std::chrono::hours{24};
  EXPECT_EQ(n.to_string_at(0), "2020-02-01 00:00:00");
  EXPECT_TRUE(n.is_missing(1));
}

TEST(SeriesTransformErrors, TimeWindowNeedsADatetimeIndexAndAFixedUnit) {
  EXPECT_EQ(error_of([] {
              Series({1.0, 2.0}, "x").rolling("7D");
            }),
            "Series::rolling(time window) on float64 column 'x' (2 rows): a time window needs a "
            "datetime index, the index is range (use with_index(Index::from_datetime(...)) or an "
            "integer window)");
  Series s({1.0, 2.0}, "x", dt_index({"2020-01-02", "2020-01-01"}));
  EXPECT_EQ(
      error_of([&] { s.rolling("7D"); }),
      "Series::rolling(time window) on float64 column 'x' (2 rows): the index must be "
      "increasing, row 1 (2020-01-01 00:00:00) comes before row 0 (2020-01-02 00:00:00); sort "
      "it first");
  Series ok({1.0, 2.0}, "x", dt_index({"2020-01-01", "2020-01-02"}));
  EXPECT_EQ(error_of([&] { ok.rolling("1W"); }),
            "Series::rolling(\"1W\"): 'W' is a non-fixed frequency (weeks anchor on a weekday, "
            "months and years vary in length); use days, e.g. \"7D\"; a time window is a number "
            "and a fixed unit: D, h, min, s, ms, us or ns (\"7D\", \"12h\", \"30min\")");
  EXPECT_EQ(
      error_of([&] { ok.rolling("7X"); }).rfind("Series::rolling(\"7X\"): unknown unit 'X'", 0),
      0u);
  EXPECT_EQ(error_of([] { Series({"a"}, "s", Index::from_datetime({0})).rolling("1D"); }),
            "Series::rolling(time window) on string column 's' (1 row): needs a numeric column");
  // The integer window still resolves to the row-count overload.
  EXPECT_EQ(ok.rolling(2).sum().size(), 2u);
}

TEST(SeriesTransform, ResultsKeepNameIndexAndDtype) {
  Series d = Series::datetime_from_strings({"2020-01-01", "2020-01-02"}, "d");
  EXPECT_EQ(d.isin(std::vector<std::int64_t>{hamilton::make_datetime(2020, 1, 2)}).to_string(),
            "0    False\n1     True");
  Series r = d.replace(hamilton::make_datetime(2020, 1, 1), hamilton::make_datetime(2021, 1, 1));
  EXPECT_EQ(r.dtype(), hamilton::DType::datetime);
  EXPECT_EQ(r.to_string_at(0), "2021-01-01 00:00:00");
  Index lab = Series({3, 9, 1}, "x", Index::from_strings({"a", "b", "c"})).idxmax();
  EXPECT_EQ(lab.kind(), Index::Kind::string);
  EXPECT_EQ(lab.str_at(0), "b");
  EXPECT_EQ(Series({3, 9, 1}, "x").argmin(), 2u);
}

}  // namespace
