// timedelta64[ns] columns: construction, conversion, arithmetic with datetimes and numbers,
// the .dt fields, reductions, printing, missing values, and the errors (values are checked
// against pandas in tests/pandas_oracle/timedeltas.cpp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <hamilton/caching/codec.hpp>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "hamilton/frame.hpp"
#include "hamilton/frame/arrow.hpp"
#include "hamilton/io/csv.hpp"
#include "hamilton/io/json.hpp"
#include "hamilton/io/sqlite.hpp"

namespace {
using hamilton::DataFrame;
using hamilton::DType;
using hamilton::kNaT;
using hamilton::Series;
using ::testing::HasSubstr;

constexpr std::int64_t kSec = 1'000'000'000;
constexpr std::int64_t kHour = 3600 * kSec;
constexpr std::int64_t kDay = 24 * kHour;

std::string error_of(auto &&f) {
  try {
    f();
  } catch (const hamilton::Error &e) {
    return e.what();
  }
  return "<no error>";
}

std::vector<std::int64_t> ns(const Series &s) {
  auto v = s.values<std::int64_t>();
  return {v.begin(), v.end()};
}

Series durations() {
  return Series::timedelta({kDay + 2 * kHour, kSec / 2, kNaT, -kHour, 3 * kDay}, "d");
}
}  // namespace

TEST(Timedelta, DtypeNameAndAccess) {
  Series d = durations();
  EXPECT_EQ(d.dtype(), DType::timedelta);
  EXPECT_EQ(d.dtype_name(), "timedelta64[ns]");
  EXPECT_EQ(hamilton::dtype_name(DType::timedelta), "timedelta64[ns]");
  EXPECT_EQ(d.at<std::int64_t>(3), -kHour);
  EXPECT_TRUE(d.is_missing(2));
  EXPECT_FALSE(d.is_missing(3));
  EXPECT_TRUE(std::isnan(d.as_double(2)));
  EXPECT_EQ(d.count(), 4u);
  EXPECT_THAT(error_of([&] { d.values<double>(); }), HasSubstr("timedelta64[ns] column 'd'"));
  EXPECT_EQ(hamilton::kTimedeltaMin, kNaT + 1);
  EXPECT_EQ(hamilton::kTimedeltaMax, std::numeric_limits<std::int64_t>::max());
}

TEST(Timedelta, FormatsLikePandas) {
  using hamilton::format_timedelta;
  EXPECT_EQ(format_timedelta(kDay + 2 * kHour), "1 days 02:00:00");
  EXPECT_EQ(format_timedelta(kSec / 2), "0 days 00:00:00.500000");
  EXPECT_EQ(format_timedelta(-kHour), "-1 days +23:00:00");
  EXPECT_EQ(format_timedelta(1), "0 days 00:00:00.000000001");
  EXPECT_EQ(format_timedelta(3 * kDay), "3 days 00:00:00");
  EXPECT_EQ(format_timedelta(3 * kDay, true), "3 days");
  EXPECT_EQ(format_timedelta(kNaT), "NaT");
  EXPECT_EQ(format_timedelta(hamilton::kTimedeltaMax), "106751 days 23:47:16.854775807");
  EXPECT_EQ(format_timedelta(hamilton::kTimedeltaMin), "-106752 days +00:12:43.145224193");
  EXPECT_EQ(durations().to_string(),
            "0          1 days 02:00:00\n"
            "1   0 days 00:00:00.500000\n"
            "2                      NaT\n"
            "3        -1 days +23:00:00\n"
            "4          3 days 00:00:00");
  EXPECT_EQ(Series::timedelta({kDay, kNaT}, "d").to_string(), "0   1 days\n1      NaT");
  EXPECT_EQ(durations().to_string_at(4), "3 days 00:00:00");
}

TEST(Timedelta, DatetimeMinusDatetime) {
  Series a = Series::datetime_from_strings({"2024-03-05 10:30:00", "", "2024-01-01"}, "x");
  Series b =
      Series::datetime_from_strings({"2024-01-01", "2024-01-01", "2024-01-02 06:00:00"}, "x");
  Series t = a - b;
  EXPECT_EQ(t.dtype(), DType::timedelta);
  EXPECT_EQ(t.name(), "x");
  EXPECT_EQ(ns(t), (std::vector<std::int64_t>{64 * kDay + 10 * kHour + 30 * 60 * kSec, kNaT,
                                              -kDay - 6 * kHour}));
  Series days = t.dt().days();
  EXPECT_EQ(days.dtype(), DType::float64);  // NaT present (pandas)
  EXPECT_EQ(days.as_double(0), 64);
  EXPECT_EQ(days.as_double(2), -2);
  EXPECT_TRUE((a - b + b).equals(a));
}

TEST(Timedelta, ArithmeticWithNumbers) {
  Series t = Series::timedelta({7, -7, 5}, "t");
  EXPECT_EQ(ns(t * 2), (std::vector<std::int64_t>{14, -14, 10}));
  EXPECT_EQ(ns(2 * t), (std::vector<std::int64_t>{14, -14, 10}));
  EXPECT_EQ(ns(t * 3.5), (std::vector<std::int64_t>{24, -24, 17}));  // truncated towards 0
  EXPECT_EQ(ns(t / 2), (std::vector<std::int64_t>{3, -3, 2}));
  EXPECT_EQ(ns(t / 0), (std::vector<std::int64_t>{kNaT, kNaT, kNaT}));
  EXPECT_EQ(ns(t / 0.0), (std::vector<std::int64_t>{kNaT, kNaT, kNaT}));
  EXPECT_EQ((t * 2).dtype(), DType::timedelta);
  Series ratio = t / t;
  EXPECT_EQ(ratio.dtype(), DType::float64);
  EXPECT_EQ(ratio.as_double(1), 1.0);
  Series hours = durations() / std::chrono::hours{1};
  EXPECT_EQ(hours.as_double(0), 26.0);
  EXPECT_TRUE(std::isnan(hours.as_double(2)));
  EXPECT_EQ(ns(-t), (std::vector<std::int64_t>{-7, 7, -5}));
  EXPECT_EQ(ns(t.abs()), (std::vector<std::int64_t>{7, 7, 5}));
  EXPECT_EQ(ns(durations() + std::chrono::minutes{30})[3], -30 * 60 * kSec);
  EXPECT_EQ(ns(durations() - std::chrono::hours{1})[2], kNaT);
}

TEST(Timedelta, Comparisons) {
  Series d = durations();
  Series lt = d < std::chrono::hours{2};
  EXPECT_EQ(lt.dtype(), DType::boolean);
  auto v = lt.values<bool>();
  EXPECT_EQ(std::vector<bool>(v.begin(), v.end()),
            (std::vector<bool>{false, true, false, true, false}));
  Series ne_series = d != std::chrono::days{3};
  auto ne = ne_series.values<bool>();
  EXPECT_TRUE(ne[2]);  // NaT != anything
  EXPECT_FALSE(ne[4]);
  EXPECT_TRUE((std::chrono::hours{2} > d).equals(lt));
  EXPECT_FALSE((d == d).values<bool>()[2]);
}

TEST(Timedelta, DiffShiftAndMissingValues) {
  Series dates = Series::datetime_from_strings({"2024-01-01", "2024-01-03 12:00:00", ""}, "d");
  Series diff = dates.diff();
  EXPECT_EQ(diff.dtype(), DType::timedelta);
  EXPECT_EQ(ns(diff), (std::vector<std::int64_t>{kNaT, 2 * kDay + 12 * kHour, kNaT}));
  EXPECT_EQ(ns(durations().diff()), (std::vector<std::int64_t>{kNaT, kSec / 2 - kDay - 2 * kHour,
                                                               kNaT, kNaT, 3 * kDay + kHour}));
  EXPECT_EQ(durations().shift(1).dtype(), DType::timedelta);
  EXPECT_EQ(ns(durations().shift(1))[0], kNaT);
  EXPECT_EQ(ns(durations().fillna(std::int64_t{kHour}))[2], kHour);
  EXPECT_EQ(ns(durations().ffill())[2], kSec / 2);
  EXPECT_EQ(ns(durations().bfill())[2], -kHour);
  Series pos = durations().where(durations() > std::chrono::hours{0});
  EXPECT_EQ(pos.dtype(), DType::timedelta);
  EXPECT_EQ(ns(pos)[3], kNaT);
  EXPECT_EQ(durations().isna().values<bool>()[2], true);
  EXPECT_EQ(durations().notna().values<bool>()[2], false);
  DataFrame sorted = DataFrame{{"d", durations()}}.sort_values("d");
  EXPECT_EQ(ns(sorted["d"]),
            (std::vector<std::int64_t>{-kHour, kSec / 2, kDay + 2 * kHour, 3 * kDay, kNaT}));
  Series both = hamilton::concat({durations(), Series::timedelta({1}, "d")});
  EXPECT_EQ(both.dtype(), DType::timedelta);
  EXPECT_EQ(both.size(), 6u);
  EXPECT_THAT(error_of([] {
                hamilton::concat({durations(), Series({1.0}, "d")});
              }),
              HasSubstr("timedelta64[ns]"));
}

TEST(Timedelta, Reductions) {
  Series d = durations();
  EXPECT_EQ(hamilton::timedelta_sum(d).count(), 4 * kDay + kHour + kSec / 2);
  EXPECT_EQ(d.sum(), static_cast<double>(4 * kDay + kHour + kSec / 2));
  EXPECT_EQ(hamilton::timedelta_mean(d)->count(), (4 * kDay + kHour + kSec / 2) / 4);
  EXPECT_EQ(hamilton::timedelta_min(d)->count(), -kHour);
  EXPECT_EQ(hamilton::timedelta_max(d)->count(), 3 * kDay);
  EXPECT_EQ(hamilton::timedelta_median(d)->count(), (kSec / 2 + kDay + 2 * kHour) / 2);
  Series nat = Series::timedelta({kNaT}, "d");
  EXPECT_EQ(hamilton::timedelta_sum(nat).count(), 0);
  EXPECT_FALSE(hamilton::timedelta_mean(nat).has_value());
  EXPECT_TRUE(std::isnan(nat.mean()));
  EXPECT_THAT(error_of([] {
                hamilton::timedelta_sum(Series({1, 2}, "n"));
              }),
              HasSubstr("needs a timedelta column, got int64 column 'n'"));
  EXPECT_THAT(error_of([] {
                hamilton::timedelta_sum(Series::timedelta({100000 * kDay, 100000 * kDay}));
              }),
              HasSubstr("outside the timedelta64[ns] range"));
  EXPECT_THAT(error_of([&] { d.cumsum(); }), HasSubstr("needs a numeric column"));
  EXPECT_THAT(error_of([&] { d.var(); }), HasSubstr("needs a numeric column"));
}

TEST(Timedelta, DtFields) {
  Series d = Series::timedelta({-1, kDay + 3723 * kSec + 4005}, "d");
  EXPECT_EQ(ns(d.dt().days()), (std::vector<std::int64_t>{-1, 1}));
  EXPECT_EQ(ns(d.dt().seconds()), (std::vector<std::int64_t>{86399, 3723}));
  EXPECT_EQ(ns(d.dt().microseconds()), (std::vector<std::int64_t>{999999, 4}));
  EXPECT_EQ(ns(d.dt().nanoseconds()), (std::vector<std::int64_t>{999, 5}));
  EXPECT_EQ(d.dt().total_seconds().as_double(0), -1e-9);
  EXPECT_EQ(d.dt().days().name(), "d");
  EXPECT_THAT(error_of([&] { d.dt().year(); }),
              HasSubstr("Series::dt().year: needs a datetime column, got timedelta64[ns] column "
                        "'d' (2 rows); a timedelta column has days, seconds"));
  Series dates = Series::datetime_from_strings({"2024-01-01"}, "when");
  EXPECT_THAT(error_of([&] { dates.dt().days(); }),
              HasSubstr("Series::dt().days: needs a timedelta column, got datetime64[ns] column "
                        "'when' (1 row) (subtract two datetime columns"));
  EXPECT_THAT(error_of([&] { d.dt().normalize(); }), HasSubstr("needs a datetime column"));
  EXPECT_THAT(error_of([] {
                Series({1, 2}, "n").dt();
              }),
              HasSubstr("needs a datetime or timedelta column, got int64 column 'n'"));
}

TEST(Timedelta, Astype) {
  Series i({1, 2, -3}, "n");
  Series t = i.astype(DType::timedelta);
  EXPECT_EQ(t.dtype(), DType::timedelta);
  EXPECT_EQ(ns(t), (std::vector<std::int64_t>{1, 2, -3}));
  EXPECT_TRUE(t.astype(DType::int64).equals(i));
  EXPECT_EQ(ns(durations().astype(DType::int64))[2], kNaT);  // pandas: NaT is the int64 minimum
  Series f = Series({1.5, -1.5, std::nan("")}, "f").astype(DType::timedelta);
  EXPECT_EQ(ns(f), (std::vector<std::int64_t>{1, -1, kNaT}));
  Series text = durations().astype(DType::string);
  EXPECT_EQ(text.at<std::string>(0), "1 days 02:00:00");
  EXPECT_TRUE(text.is_missing(2));
  EXPECT_THAT(error_of([] { durations().astype(DType::float64); }),
              HasSubstr("Series::astype(float64): cannot convert timedelta64[ns] column 'd' (5 "
                        "rows): a timedelta converts to int64 (nanoseconds), string or bool only"));
  EXPECT_THAT(error_of([] { Series::datetime({0}, "w").astype(DType::timedelta); }),
              HasSubstr("timedelta64[ns] is made from int64 or float64 nanoseconds only"));
  EXPECT_THAT(error_of([] { Series({"1 days"}, "s").astype(DType::timedelta); }),
              HasSubstr("timedelta64[ns] is made from int64 or float64"));
  EXPECT_THAT(error_of([] { Series({1e300}, "f").astype(DType::timedelta); }),
              HasSubstr("outside the timedelta64[ns] range"));
}

TEST(Timedelta, ArithmeticErrorsNameBothColumns) {
  Series d = durations();
  Series dates = Series::datetime_from_strings({"2024-01-01", "", "", "", ""}, "when");
  EXPECT_EQ(error_of([&] { d + 1.5; }),
            "Series '+': cannot add timedelta64[ns] column 'd' (5 rows) and float64 scalar");
  EXPECT_EQ(error_of([&] {
              d + Series({1, 2, 3, 4, 5}, "n");
            }),
            "Series '+': cannot add timedelta64[ns] column 'd' (5 rows) and int64 column 'n' (5 "
            "rows)");
  EXPECT_EQ(error_of([&] { dates + dates; }),
            "Series '+': cannot add datetime64[ns] column 'when' (5 rows) and datetime64[ns] "
            "column 'when' (5 rows)");
  EXPECT_EQ(error_of([&] { d - dates; }),
            "Series '-': cannot subtract timedelta64[ns] column 'd' (5 rows) and datetime64[ns] "
            "column 'when' (5 rows)");
  EXPECT_THAT(error_of([&] { d *d; }), HasSubstr("cannot multiply timedelta64[ns] column"));
  EXPECT_THAT(error_of([&] { 2 / d; }), HasSubstr("cannot divide int64 scalar and timedelta64"));
  EXPECT_THAT(error_of([&] { d < 5; }), HasSubstr("cannot compare timedelta64[ns] column"));
  EXPECT_THAT(error_of([&] { d + "x"; }), HasSubstr("and string scalar"));
  EXPECT_THAT(error_of([&] { dates * 2; }), HasSubstr("cannot multiply datetime64[ns] column"));
  EXPECT_THAT(error_of([&] {
                Series({1, 2}, "n") + std::chrono::days{1};
              }),
              HasSubstr("needs a datetime or timedelta column"));
}

TEST(Timedelta, OverflowIsAnError) {
  Series big = Series::timedelta({100000 * kDay}, "d");
  EXPECT_THAT(error_of([&] { big + big; }),
              HasSubstr("Series '+': row 0: 100000 days 00:00:00 + 100000 days 00:00:00 is "
                        "outside the timedelta64[ns] range"));
  EXPECT_THAT(error_of([&] { big * 2; }), HasSubstr("outside the timedelta64[ns] range"));
  EXPECT_THAT(error_of([&] { big * 2.0; }), HasSubstr("outside the timedelta64[ns] range"));
  Series late = Series::datetime_from_strings({"2262-01-01"}, "d");
  Series early = Series::datetime_from_strings({"1700-01-01"}, "d");
  EXPECT_THAT(error_of([&] { late - early; }), HasSubstr("outside the timedelta64[ns] range"));
  EXPECT_THROW(late + Series::timedelta({1000 * kDay}, "d"), hamilton::OutOfBoundsDatetime);
}

TEST(Timedelta, AlignmentWithNumbersGivesNaT) {
  Series f({2, 3}, "f", hamilton::Index::from_int64({1, 4}));
  Series r = durations() * f;
  EXPECT_EQ(r.dtype(), DType::timedelta);
  EXPECT_EQ(ns(r), (std::vector<std::int64_t>{kNaT, kSec, kNaT, kNaT, 9 * kDay}));
}

TEST(Timedelta, OtherOperationsAreClearErrors) {
  Series d = durations();
  EXPECT_THAT(error_of([&] { d.value_counts(); }), HasSubstr("timedelta index"));
  EXPECT_THAT(error_of([&] { d.rolling(2).sum(); }), HasSubstr("needs a numeric column"));
  EXPECT_THAT(error_of([&] { d.round(); }), HasSubstr("needs a numeric column"));
  EXPECT_THAT(error_of([&] {
                DataFrame{{"d", d}}.set_index("d");
              }),
              HasSubstr("cannot be an index"));
  DataFrame g{{"k", Series({"a", "b", "a", "b", "a"})}, {"d", d}};
  EXPECT_THAT(error_of([&] { g.groupby("k").sum(); }), HasSubstr("needs a numeric column"));
  DataFrame mins = g.groupby("k").min();
  EXPECT_EQ(mins["d"].dtype(), DType::timedelta);
  EXPECT_EQ(ns(mins["d"]), (std::vector<std::int64_t>{kDay + 2 * kHour, -kHour}));
}

TEST(Timedelta, FramePrintsLikePandas) {
  DataFrame df{{"a", Series::timedelta({kHour, 2 * kDay}, "a")},
               {"bb", Series::timedelta({kHour, kNaT}, "bb")}};
  EXPECT_EQ(df.to_string(),
            "                a              bb\n"
            "0 0 days 01:00:00 0 days 01:00:00\n"
            "1 2 days 00:00:00             NaT");
}

TEST(Timedelta, CsvAndJsonWriteLikePandas) {
  DataFrame df{{"a", Series::timedelta({kHour, kNaT}, "a")},
               {"b", Series::timedelta({kDay, kNaT}, "b")},
               {"c", Series::timedelta({1500000, -1}, "c")}};
  EXPECT_EQ(hamilton::to_csv(df),
            ",a,b,c\n0,0 days 01:00:00,1 days,0 days 00:00:00.001500\n1,,,-1 days "
            "+23:59:59.999999999\n");
  hamilton::JsonWriteOptions records;
  records.orient = hamilton::JsonOrient::records;
  EXPECT_EQ(hamilton::to_json(df, records),
            R"([{"a":3600000,"b":86400000,"c":1},{"a":null,"b":null,"c":0}])");
  records.iso_dates = true;
  EXPECT_EQ(hamilton::to_json(df, records),
            R"([{"a":"P0DT1H0M0S","b":"P1DT0H0M0S","c":"P0DT0H0M0.001500S"},)"
            R"({"a":null,"b":null,"c":"P-1DT23H59M59.999999999S"}])");
}

TEST(Timedelta, ArrowDurationNs) {
  Series d = durations();
  ArrowArray array;
  ArrowSchema schema;
  hamilton::export_series(d, &array, &schema);
  EXPECT_STREQ(schema.format, "tDn");
  EXPECT_EQ(array.null_count, 1);
  Series back = hamilton::import_series(&array, &schema);
  EXPECT_EQ(back.dtype(), DType::timedelta);
  EXPECT_EQ(ns(back), ns(d));
}

TEST(Timedelta, CacheCodecRoundTrip) {
  Series d = durations();
  std::string bytes;
  ASSERT_TRUE(hamilton::caching::encode(hamilton::Value(d), bytes));
  Series back = hamilton::caching::decode(bytes).get<Series>();
  EXPECT_EQ(back.dtype(), DType::timedelta);
  EXPECT_TRUE(back.equals(d));
  // The dtype is part of the fingerprint: the same nanoseconds as int64 differ.
  EXPECT_NE(hamilton::caching::fingerprint(hamilton::Value(d)),
            hamilton::caching::fingerprint(hamilton::Value(d.astype(DType::int64))));
}

TEST(Timedelta, ReadCsvNeverInfersATimedelta) {
  DataFrame df{{"a", Series::timedelta({kHour, 2 * kDay}, "a")}};
  std::istringstream in(hamilton::to_csv(df));
  DataFrame back = hamilton::read_csv(in);
  EXPECT_EQ(back["a"].dtype(), DType::string);  // as pandas: object
  EXPECT_EQ(back["a"].at<std::string>(0), "0 days 01:00:00");
}

TEST(Timedelta, SqliteStoresNanosecondsAsIntegers) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("hamilton_timedelta_" + std::to_string(::getpid()) + ".sqlite");
  std::filesystem::remove(path);
  DataFrame df{{"d", Series::timedelta({kHour, kNaT, -1}, "d")}};
  EXPECT_EQ(hamilton::write_sqlite(df, path.string(), "t"), 3u);
  DataFrame back = hamilton::read_sqlite_query(path.string(), "SELECT typeof(d) AS k, d FROM t");
  EXPECT_EQ(back["k"].at<std::string>(0), "integer");
  EXPECT_EQ(back["k"].at<std::string>(1), "null");  // pandas' to_sql writes the int64 minimum
  EXPECT_EQ(back["d"].as_double(0), static_cast<double>(kHour));
  EXPECT_EQ(back["d"].as_double(2), -1.0);
  std::filesystem::remove(path);
}

TEST(Timedelta, TransformsWorkAsForDatetimes) {
  Series d = durations();
  auto bools = [](const Series &s) {
    auto v = s.values<bool>();
    return std::vector<bool>(v.begin(), v.end());
  };
  EXPECT_EQ(bools(d.isin(Series::timedelta({-kHour, 3 * kDay}))),
            (std::vector<bool>{false, false, false, true, true}));
  EXPECT_EQ(bools(d.between(std::int64_t{0}, std::int64_t{kDay})),
            (std::vector<bool>{false, true, false, false, false}));
  Series ranks = d.rank();
  EXPECT_EQ(ranks.as_double(3), 1.0);
  EXPECT_TRUE(std::isnan(ranks.as_double(2)));
  Series u = Series::timedelta({kHour, kHour, kNaT}, "u").unique();
  EXPECT_EQ(u.dtype(), DType::timedelta);
  EXPECT_EQ(ns(u), (std::vector<std::int64_t>{kHour, kNaT}));
  EXPECT_EQ(d.nunique(), 4u);
  EXPECT_EQ(d.argmin(), 3u);
  EXPECT_EQ(d.argmax(), 4u);
  Series r = d.replace(std::int64_t{-kHour}, std::int64_t{kHour});
  EXPECT_EQ(r.dtype(), DType::timedelta);
  EXPECT_EQ(ns(r)[3], kHour);
  EXPECT_EQ(d.map([](std::int64_t v) { return v == kNaT; }).values<bool>()[2], true);
}
