// Datetimes: the datetime64[ns] range (pandas' Timestamp.min .. Timestamp.max) and the errors
// for dates outside it, wherever datetimes are made from text, components or numbers.
#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <limits>
#include <string>

#include "hamilton/frame.hpp"

namespace {
using hamilton::DType;
using hamilton::kDatetimeMax;
using hamilton::kDatetimeMin;
using hamilton::OutOfBoundsDatetime;
using hamilton::Series;

constexpr const char *kRange =
    "is out of bounds for datetime64[ns], which holds 1677-09-21 00:12:43.145224193 .. "
    "2262-04-11 23:47:16.854775807 (pandas' Timestamp.min .. Timestamp.max); use a date in that "
    "range, or a missing value (NaT) for \"no date\"";

std::string error_of(auto &&f) {
  try {
    f();
  } catch (const hamilton::Error &e) {
    return e.what();
  }
  return "<no error>";
}

// The bounds are pandas' (1.5 and 3.x): Timestamp.min.value == -9223372036854775807,
// Timestamp.max.value == 9223372036854775807; the smallest int64 is NaT.
TEST(DatetimeRange, BoundsArePandasTimestampMinAndMax) {
  EXPECT_EQ(kDatetimeMin, -9223372036854775807LL);
  EXPECT_EQ(kDatetimeMax, 9223372036854775807LL);
  EXPECT_EQ(kDatetimeMin, hamilton::kNaT + 1);
  EXPECT_EQ(hamilton::format_datetime(kDatetimeMin, false, 9), "1677-09-21 00:12:43.145224193");
  EXPECT_EQ(hamilton::format_datetime(kDatetimeMax, false, 9), "2262-04-11 23:47:16.854775807");
}

TEST(DatetimeRange, ParseAcceptsTheLastValidNanosecondAtBothEnds) {
  EXPECT_EQ(hamilton::parse_datetime("1677-09-21 00:12:43.145224193"), kDatetimeMin);
  EXPECT_EQ(hamilton::parse_datetime("2262-04-11T23:47:16.854775807Z"), kDatetimeMax);
  // pandas: Timestamp('1677-09-22').value, Timestamp('2262-04-11').value
  EXPECT_EQ(hamilton::parse_datetime("1677-09-22"), -9223286400000000000LL);
  EXPECT_EQ(hamilton::parse_datetime("2262-04-11"), 9223286400000000000LL);
}

TEST(DatetimeRange, ParseOutsideTheRangeThrowsNamingTheValueAndTheRange) {
  // Before: 9999-12-31 overflowed the int64 and silently became 1816-03-29 05:56:08...
  try {
    (void)hamilton::parse_datetime("9999-12-31");
    FAIL() << "no error";
  } catch (const OutOfBoundsDatetime &e) {
    EXPECT_EQ(e.value(), "9999-12-31");
    EXPECT_EQ(std::string(e.what()), std::string("parse_datetime: '9999-12-31' ") + kRange);
  }
  // One nanosecond outside each end (the low one is the NaT bit pattern), whole days outside,
  // and year 0.
  for (const char *text : {"1677-09-21 00:12:43.145224192", "2262-04-11 23:47:16.854775808",
                           "1677-09-21", "2262-04-12", "0000-01-01", "9999-12-31 23:59:59"})
    EXPECT_THROW((void)hamilton::parse_datetime(text), OutOfBoundsDatetime) << text;
  EXPECT_FALSE(hamilton::parse_datetime("9999-12-32"));  // not a date at all: nullopt
}

TEST(DatetimeRange, MakeDatetimeChecksTheRange) {
  EXPECT_EQ(hamilton::make_datetime(2262, 4, 11, 23, 47, 16, 854775807), kDatetimeMax);
  EXPECT_EQ(hamilton::make_datetime(1677, 9, 21, 0, 12, 43, 145224193), kDatetimeMin);
  try {
    (void)hamilton::make_datetime(9999, 12, 31);
    FAIL() << "no error";
  } catch (const OutOfBoundsDatetime &e) {
    EXPECT_EQ(e.value(), "9999-12-31 00:00:00");
    EXPECT_EQ(std::string(e.what()), std::string("make_datetime: '9999-12-31 00:00:00' ") + kRange);
  }
  EXPECT_THROW((void)hamilton::make_datetime(1677, 9, 21, 0, 12, 43, 145224192),
               OutOfBoundsDatetime);
  EXPECT_THROW((void)hamilton::make_datetime(2262, 4, 11, 23, 47, 16, 854775808),
               OutOfBoundsDatetime);
  EXPECT_THROW((void)hamilton::make_datetime(INT_MAX, 1, 1), OutOfBoundsDatetime);
  EXPECT_THROW((void)hamilton::make_datetime(INT_MIN, 1, 1), OutOfBoundsDatetime);
}

TEST(DatetimeRange, MakeDatetimeRejectsComponentsOutOfTheirRange) {
  EXPECT_EQ(error_of([] { hamilton::make_datetime(2021, 2, 29); }),
            "make_datetime: day 29 is not in 1 .. 28 (2021-02 has 28 days)");
  EXPECT_EQ(error_of([] { hamilton::make_datetime(2020, 13, 1); }),
            "make_datetime: month 13 is not in 1 .. 12");
  EXPECT_EQ(error_of([] { hamilton::make_datetime(2020, 1, 1, 24); }),
            "make_datetime: hour 24 is not in 0 .. 23");
  EXPECT_EQ(error_of([] { hamilton::make_datetime(2020, 1, 1, 0, 0, 0, 1'000'000'000); }),
            "make_datetime: nanosecond 1000000000 is not in 0 .. 999999999");
  EXPECT_EQ(hamilton::make_datetime(2020, 2, 29), *hamilton::parse_datetime("2020-02-29"));
}

TEST(DatetimeRange, SeriesFromStringsNamesTheRowAndTheValue) {
  try {
    Series::datetime_from_strings({"2020-01-01", "9999-12-31"}, "end");
    FAIL() << "no error";
  } catch (const OutOfBoundsDatetime &e) {
    EXPECT_EQ(e.value(), "9999-12-31");
    EXPECT_EQ(std::string(e.what()),
              std::string("Series::datetime_from_strings 'end': row 1: '9999-12-31' ") + kRange);
  }
  EXPECT_EQ(Series::datetime_from_strings({"2262-04-11 23:47:16.854775807"}).at<std::int64_t>(0),
            kDatetimeMax);
  EXPECT_THROW(Series({"2020-01-01", "9999-12-31"}).astype(DType::datetime), OutOfBoundsDatetime);
}

TEST(DatetimeRange, AstypeFromFloatChecksTheRange) {
  // Converting a double outside the int64 range was undefined behaviour.
  EXPECT_EQ(error_of([] {
              Series({1.0, 1e20}, "x").astype(DType::datetime);
            }),
            std::string("Series::astype(datetime64[ns]): cannot convert float64 column 'x' (2 "
                        "rows): row 1: '1e+20 ns' ") +
                kRange);
  EXPECT_EQ(error_of([] {
              Series({1.0, -1e20}, "x").astype(DType::int64);
            }),
            "Series::astype(int64): cannot convert float64 column 'x' (2 rows): value -1e+20 at "
            "row 1 is outside the int64 range");
  // -2^63 is an int64 (the smallest), but as a datetime it would be NaT.
  EXPECT_EQ(Series({-0x1p63}).astype(DType::int64).at<std::int64_t>(0),
            std::numeric_limits<std::int64_t>::min());
  EXPECT_THROW(Series({-0x1p63}).astype(DType::datetime), OutOfBoundsDatetime);
  EXPECT_THROW(Series({0x1p63}).astype(DType::int64), hamilton::Error);
  EXPECT_EQ(Series({1.5e18}).astype(DType::datetime).at<std::int64_t>(0),
            1'500'000'000'000'000'000);
}
}  // namespace
