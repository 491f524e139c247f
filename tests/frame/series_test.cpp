// Series construction, dtypes, element-wise operations, alignment and error
// messages.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "hamilton/frame.hpp"

namespace {
using hamilton::DType;
using hamilton::Index;
using hamilton::Series;
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

std::string error_of(auto &&f) {
  try {
    f();
  } catch (const hamilton::Error &e) {
    return e.what();
  }
  return "<no error>";
}

TEST(Series, ConstructionAndDtypes) {
  EXPECT_EQ(Series({1, 2, 3}).dtype(),
            DType::int64);  // int literals → int64 like pandas
  EXPECT_EQ(Series({1.0, 2.5}).dtype_name(), "float64");
  EXPECT_EQ(Series({true, false}).dtype_name(), "bool");
  EXPECT_EQ(Series({"a", "b"}).dtype_name(), "object");
  EXPECT_EQ(Series::datetime({0}).dtype_name(), "datetime64[ns]");
  EXPECT_EQ(Series(std::vector<std::int64_t>{1, 2}).dtype(), DType::int64);
  Series s(std::vector<double>{1, 2, 3}, "x");
  EXPECT_EQ(s.name(), "x");
  EXPECT_EQ(s.size(), 3u);
  EXPECT_EQ(s.index().kind(), Index::Kind::range);
  EXPECT_EQ(s.values<double>()[2], 3.0);
  EXPECT_EQ(s.rename("y").name(), "y");
  EXPECT_EQ(s.rename("y").data(), s.data());  // renaming shares the buffer
  Series copy = s;
  EXPECT_EQ(copy.data(), s.data());  // copies are O(1)
}

TEST(Series, BufferOwnerIsTheOneGivenAndShared) {
  auto buffer = std::make_shared<const std::vector<double>>(std::vector<double>{1, 2, 3});
  std::shared_ptr<const void> owner = buffer;
  Series s(DType::float64, 3, owner, buffer->data(), nullptr, "x", Index::range(3));
  EXPECT_EQ(s.buffer_owner().get(), buffer.get());
  EXPECT_EQ(s.rename("y").buffer_owner(), s.buffer_owner());
  EXPECT_EQ(s.with_index(Index::range(10, 13)).buffer_owner(), s.buffer_owner());
  EXPECT_EQ(s.values<double>()[2], 3.0);
  owner.reset();
  buffer.reset();
  EXPECT_EQ(s.at<double>(1), 2.0);  // the Series keeps its buffer alive
  EXPECT_NE(Series({1.0, 2.0}).buffer_owner(), nullptr);
}

TEST(Series, TypedAccessIsChecked) {
  Series s({1, 2, 3}, "n");
  EXPECT_EQ(s.at<std::int64_t>(1), 2);
  EXPECT_EQ(error_of([&] { s.at<double>(0); }),
            "Series::values/at<double>: int64 column 'n' (3 rows) does not "
            "hold that type");
  EXPECT_THROW(s.at<std::int64_t>(3), hamilton::Error);
}

TEST(Series, IndexLengthMismatchIsAnError) {
  EXPECT_EQ(error_of([] {
              Series(std::vector<double>{1, 2}, "x", Index::from_int64({1, 2, 3}));
            }),
            "Series 'x': index has 3 labels but there are 2 values");
}

TEST(Series, ArithmeticPromotionLikePandas) {
  Series i({1, 2, 3}), j({2, 2, 2}), f({0.5, 1.0, 1.5});
  EXPECT_EQ((i + j).dtype(), DType::int64);
  EXPECT_EQ((i + j).at<std::int64_t>(2), 5);
  EXPECT_EQ((i - j).at<std::int64_t>(0), -1);
  EXPECT_EQ((i * j).at<std::int64_t>(1), 4);
  EXPECT_EQ((i / j).dtype(), DType::float64);  // true division
  EXPECT_EQ((i / j).at<double>(0), 0.5);
  EXPECT_EQ((i + f).dtype(), DType::float64);
  EXPECT_EQ((i + f).at<double>(2), 4.5);
  EXPECT_EQ((i + 1).dtype(), DType::int64);
  EXPECT_EQ((i + 1.5).dtype(), DType::float64);
  EXPECT_EQ((10 - i).at<std::int64_t>(0), 9);  // scalar on the left
  EXPECT_EQ((1.0 / f).at<double>(0), 2.0);
  EXPECT_EQ((-i).at<std::int64_t>(2), -3);
  EXPECT_EQ(Series({-1.5, 2.0}).abs().at<double>(0), 1.5);
  EXPECT_EQ(pow(f, Series({2.0, 2.0, 2.0})).at<double>(2), 2.25);
  EXPECT_EQ(f.pow(2).at<double>(0), 0.25);
  EXPECT_DOUBLE_EQ(f.log().at<double>(1), 0.0);
  EXPECT_DOUBLE_EQ(f.exp().at<double>(1), std::exp(1.0));
  EXPECT_EQ(Series({4.0, 9.0}).sqrt().at<double>(1), 3.0);
  Series z = Series({1, 0}) / Series({0, 0});  // int division by zero: inf and NaN
  EXPECT_TRUE(std::isinf(z.at<double>(0)));
  EXPECT_TRUE(std::isnan(z.at<double>(1)));
}

TEST(Series, ResultNameFollowsPandas) {
  Series a({1.0}, "a"), b({2.0}, "b"), a2({3.0}, "a");
  EXPECT_EQ((a + b).name(), "");
  EXPECT_EQ((a + a2).name(), "a");
  EXPECT_EQ((a * 2).name(), "a");
}

TEST(Series, ClipWhereMaskFillna) {
  Series f({1.0, NaN, 5.0, -3.0});
  Series c = f.clip(0.0, 4.0);
  EXPECT_EQ(c.at<double>(0), 1.0);
  EXPECT_TRUE(std::isnan(c.at<double>(1)));
  EXPECT_EQ(c.at<double>(2), 4.0);
  EXPECT_EQ(c.at<double>(3), 0.0);
  EXPECT_EQ(Series({1, 9}).clip(2.0, 5.0).dtype(), DType::int64);
  EXPECT_EQ(Series({1, 9}).clip(2.5, std::nullopt).dtype(), DType::float64);

  Series i({1, 2, 3});
  Series cond = i > 1;
  Series w = i.where(cond);  // replaced → NaN → float64
  EXPECT_EQ(w.dtype(), DType::float64);
  EXPECT_TRUE(std::isnan(w.at<double>(0)));
  EXPECT_EQ(w.at<double>(1), 2.0);
  EXPECT_EQ(i.where(cond, 0).dtype(), DType::int64);
  EXPECT_EQ(i.where(cond, 0).at<std::int64_t>(0), 0);
  EXPECT_EQ(i.mask(cond, -1).at<std::int64_t>(2), -1);
  EXPECT_EQ(i.where(i > 0).dtype(),
            DType::int64);  // nothing replaced: dtype kept
  EXPECT_EQ(f.fillna(0.0).at<double>(1), 0.0);
  EXPECT_EQ(f.fillna(7).dtype(), DType::float64);
  EXPECT_THROW(f.fillna("x"), hamilton::Error);
  EXPECT_THROW(i.where(i), hamilton::Error);  // condition must be bool
  Series s = Series::strings({"a", ""}, {false, true});
  EXPECT_EQ(s.fillna("z").at<std::string>(1), "z");
  EXPECT_EQ(f.ffill().at<double>(1), 1.0);
}

TEST(Series, IsnaNotnaAstype) {
  Series f({1.0, NaN});
  EXPECT_TRUE(f.isna().at<bool>(1));
  EXPECT_FALSE(f.notna().at<bool>(1));
  EXPECT_EQ(f.isna().dtype(), DType::boolean);
  EXPECT_EQ(Series({1, 2}).astype(DType::float64).at<double>(1), 2.0);
  EXPECT_EQ(Series({1.9, -1.9}).astype(DType::int64).at<std::int64_t>(1), -1);
  EXPECT_EQ(error_of([&] { f.rename("f").astype(DType::int64); }),
            "Series::astype(int64): cannot convert float64 column 'f' (2 "
            "rows): non-finite value "
            "(NaN or inf) at row 1");
  EXPECT_EQ(Series({0.1, 10.0}).astype(DType::string).at<std::string>(1), "10.0");
  EXPECT_EQ(Series({"1.5", "2"}).astype(DType::float64).at<double>(0), 1.5);
  EXPECT_THROW(Series({"x"}).astype(DType::float64), hamilton::Error);
  EXPECT_EQ(Series({"2020-01-02"}).astype(DType::datetime).at<std::int64_t>(0),
            hamilton::make_datetime(2020, 1, 2));
  EXPECT_EQ(Series({true, false}).astype(DType::int64).at<std::int64_t>(0), 1);
}

TEST(Series, ComparisonsAndLogic) {
  Series f({1.0, NaN, 3.0});
  Series lt = f < 2.0;
  EXPECT_EQ(lt.dtype(), DType::boolean);
  EXPECT_TRUE(lt.at<bool>(0));
  EXPECT_FALSE(lt.at<bool>(1));         // NaN compares false
  EXPECT_TRUE((f != 5.0).at<bool>(1));  // ... except !=
  EXPECT_TRUE((2.0 < f).at<bool>(2));
  Series a({true, true, false}), b({true, false, false});
  EXPECT_EQ((a & b).at<bool>(1), false);
  EXPECT_EQ((a | b).at<bool>(1), true);
  EXPECT_EQ((~a).at<bool>(2), true);
  EXPECT_TRUE((Series({"b", "a"}) == "a").at<bool>(1));
  EXPECT_TRUE((Series({1, 2}) == Series({1.0, 3.0})).at<bool>(0));
  EXPECT_THROW(~Series({1, 2}), hamilton::Error);
  EXPECT_THROW(Series({1, 2}) & Series({1, 2}), hamilton::Error);
}

TEST(Series, WrongDtypeMessagesNameOperationShapesAndDtypes) {
  Series a({"x", "y", "z"}, "a");
  Series b({1.0, 2.0, 3.0}, "b");
  EXPECT_EQ(error_of([&] { a + b; }),
            "Series '+': cannot add string column 'a' (3 rows) and float64 "
            "column 'b' (3 rows)");
  EXPECT_EQ(error_of([&] { b *a; }),
            "Series '*': cannot multiply float64 column 'b' (3 rows) and "
            "string column 'a' (3 rows)");
  EXPECT_EQ(error_of([&] { a - 1; }),
            "Series '-': cannot subtract string "
            "column 'a' (3 rows) and int64 scalar");
  EXPECT_EQ(error_of([&] { (void)(b < a); }),
            "Series '<': cannot compare float64 column 'b' (3 rows) and string "
            "column 'a' (3 rows)");
  Series d = Series::datetime({0, 1}, "d");
  EXPECT_THROW(d + d, hamilton::Error);
  EXPECT_EQ((a + a).at<std::string>(0),
            "xx");  // string concatenation works (like pandas)
}

TEST(Alignment, SameIndexObjectIsElementWise) {
  Series a(std::vector<double>{1, 2, 3}, "a", Index::from_strings({"x", "y", "z"}));
  Series b = a * 2;
  EXPECT_TRUE(b.index().same(a.index()));  // shared, not rebuilt
  Series c = a + b;
  EXPECT_TRUE(c.index().same(a.index()));
  EXPECT_EQ(c.at<double>(2), 9.0);
}

TEST(Alignment, DifferentIntIndexesUnionWithNaN) {
  Series a(std::vector<std::int64_t>{1, 2, 3}, "a", Index::from_int64({0, 1, 2}));
  Series b(std::vector<double>{10, 20, 30}, "b", Index::from_int64({1, 2, 3}));
  Series c = a + b;
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c.index().int_at(0), 0);
  EXPECT_EQ(c.index().int_at(3), 3);
  EXPECT_TRUE(std::isnan(c.at<double>(0)));
  EXPECT_EQ(c.at<double>(1), 12.0);
  EXPECT_EQ(c.at<double>(2), 23.0);
  EXPECT_TRUE(std::isnan(c.at<double>(3)));
  EXPECT_EQ(c.name(), "");
}

TEST(Alignment, IntSeriesWithMissingLabelsBecomeFloat) {
  Series a(std::vector<std::int64_t>{1, 2}, "", Index::from_strings({"y", "x"}));
  Series b(std::vector<std::int64_t>{5, 6}, "", Index::from_strings({"z", "x"}));
  Series c = a + b;
  EXPECT_EQ(c.dtype(), DType::float64);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c.index().str_at(0), "x");  // sorted union, like pandas
  EXPECT_EQ(c.index().str_at(1), "y");
  EXPECT_EQ(c.index().str_at(2), "z");
  EXPECT_EQ(c.at<double>(0), 8.0);
  EXPECT_TRUE(std::isnan(c.at<double>(1)));
}

TEST(Alignment, DifferentLengthRangeIndexesAlign) {
  Series a({1.0, 2.0, 3.0}), b({1.0, 1.0});
  Series c = a + b;
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c.index().kind(), Index::Kind::range);
  EXPECT_EQ(c.at<double>(1), 3.0);
  EXPECT_TRUE(std::isnan(c.at<double>(2)));
}

TEST(Alignment, EqualButNotSameIndexNeedsNoUnion) {
  Series a(std::vector<double>{1, 2}, "", Index::from_int64({5, 6}));
  Series b(std::vector<double>{3, 4}, "", Index::from_int64({5, 6}));
  Series c = a + b;
  EXPECT_EQ(c.size(), 2u);
  EXPECT_EQ(c.at<double>(1), 6.0);
}

TEST(Alignment, IncompatibleOrDuplicateIndexesAreErrors) {
  Series a(std::vector<double>{1, 2}, "a", Index::from_int64({1, 2}));
  Series b(std::vector<double>{1, 2}, "b", Index::from_strings({"x", "y"}));
  EXPECT_NE(error_of([&] { a + b; })
                .find("cannot align int64 index (2 labels) with string index "
                      "(2 labels)"),
            std::string::npos);
  Series d(std::vector<double>{1, 2}, "d", Index::from_int64({1, 1}));
  EXPECT_NE(error_of([&] { a + d; }).find("duplicate labels"), std::string::npos);
  EXPECT_NE(error_of([&] {
              (void)(a < Series(std::vector<double>{1, 2}, "c", Index::from_int64({3, 4})));
            }).find("can only compare identically-labeled Series"),
            std::string::npos);
}

TEST(Alignment, LogicalOpsFillMissingLabelsWithFalse) {
  Series a(std::vector<bool>{true, true}, "", Index::from_int64({0, 1}));
  Series b(std::vector<bool>{true, true}, "", Index::from_int64({1, 2}));
  Series c = a | b;
  EXPECT_EQ(c.dtype(), DType::boolean);
  EXPECT_TRUE(c.at<bool>(0));
  Series d = a & b;
  EXPECT_FALSE(d.at<bool>(0));
  EXPECT_TRUE(d.at<bool>(1));
  EXPECT_FALSE(d.at<bool>(2));
}

TEST(Series, MapApply) {
  Series f({1.0, 2.0});
  Series g = f.map([](double x) { return x * 10; });
  EXPECT_EQ(g.dtype(), DType::float64);
  EXPECT_EQ(g.at<double>(1), 20.0);
  Series h = Series({1, 2}).apply([](std::int64_t x) { return x % 2 == 0; });
  EXPECT_EQ(h.dtype(), DType::boolean);
  EXPECT_TRUE(h.at<bool>(1));
  Series s = Series({"a", "bb"}).map([](const std::string &x) {
    return static_cast<std::int64_t>(x.size());
  });
  EXPECT_EQ(s.dtype(), DType::int64);
  EXPECT_EQ(s.at<std::int64_t>(1), 2);
  Series t = f.map([](double x) { return std::to_string(static_cast<int>(x)); });
  EXPECT_EQ(t.at<std::string>(0), "1");
  EXPECT_THROW(Series({"a"}).map([](double x) { return x; }), hamilton::Error);
}

TEST(Series, HeadTailSliceKeepLabels) {
  Series s({0, 1, 2, 3, 4, 5, 6});
  EXPECT_EQ(s.head(3).size(), 3u);
  EXPECT_EQ(s.head().size(), 5u);
  Series t = s.tail(2);
  EXPECT_EQ(t.at<std::int64_t>(0), 5);
  EXPECT_EQ(t.index().int_at(0), 5);
  Series m = s.slice(2, 4);
  EXPECT_EQ(m.size(), 2u);
  EXPECT_EQ(m.index().int_at(1), 3);
  EXPECT_EQ(s.slice(5, 100).size(), 2u);
  EXPECT_EQ(s.slice(9, 10).size(), 0u);
}

TEST(Series, EqualsAndApproxEqual) {
  Series a({1.0, NaN, 3.0}), b({1.0, NaN, 3.0}), c({1.0, 2.0, 3.0});
  EXPECT_TRUE(a.equals(b));  // NaN == NaN in the same positions
  EXPECT_FALSE(a.equals(c));
  EXPECT_FALSE(Series({1, 2}).equals(Series({1.0, 2.0})));  // dtype matters
  EXPECT_TRUE(Series({1, 2}).approx_equal(Series({1.0, 2.0})));
  EXPECT_TRUE(Series({1.0}).approx_equal(Series({1.0 + 1e-12})));
  EXPECT_FALSE(Series({1.0}).approx_equal(Series({1.1})));
  EXPECT_TRUE(Series({1.0}).approx_equal(Series({1.1}), 0.2));
}

TEST(Series, ToStringAndRepr) {
  Series s(std::vector<double>{1.5, NaN, 3.0}, "x", Index::from_int64({10, 20, 300}));
  EXPECT_EQ(s.to_string(), "10     1.5\n20     NaN\n300    3.0");
  std::ostringstream os;
  os << Series({1, 2, 3}, "x");
  EXPECT_EQ(os.str(), "0    1\n1    2\n2    3\nName: x, dtype: int64");
}

TEST(Series, EmptySeriesOperations) {
  Series e;
  EXPECT_EQ((e + e).size(), 0u);
  EXPECT_EQ(e.rolling(3).mean().size(), 0u);
  EXPECT_EQ(e.shift(1).size(), 0u);
  EXPECT_EQ(e.cumsum().size(), 0u);
  EXPECT_EQ(e.ewm({.span = 2}).mean().size(), 0u);
}

TEST(Datetime, ParseAndFormat) {
  auto ns = hamilton::parse_datetime("2020-02-29T12:34:56.5");
  ASSERT_TRUE(ns);
  EXPECT_EQ(hamilton::format_datetime(*ns, false, 3), "2020-02-29 12:34:56.500");
  EXPECT_FALSE(hamilton::parse_datetime("2021-02-29"));
  EXPECT_FALSE(hamilton::parse_datetime("2020-13-01"));
  EXPECT_FALSE(hamilton::parse_datetime("hello"));
  EXPECT_EQ(hamilton::format_datetime(hamilton::make_datetime(1969, 12, 31), true), "1969-12-31");
  Series d = Series::datetime_from_strings({"2020-01-01", ""});
  EXPECT_TRUE(d.is_missing(1));
  EXPECT_TRUE((d == d).at<bool>(0));
  EXPECT_FALSE((d == d).at<bool>(1));  // NaT != NaT
  EXPECT_THROW(Series::datetime_from_strings({"x"}), hamilton::Error);
}
}  // namespace
