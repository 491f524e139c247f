// Built-in validators on scalars and Series, and the report.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <hamilton/frame/series.hpp>
#include <hamilton/hamilton.hpp>
#include <limits>

using namespace hamilton;
using ::testing::HasSubstr;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
dq::ValidationResult run(const dq::Validator& v, const Value& x) { return v.impl().validate(x); }
}  // namespace

TEST(Validators, RangeOnSeriesReportsCountAndFirstFailure) {
  std::vector<double> values(1000, 5.0);
  values[17] = 12345.6;
  values[400] = -1;
  values[999] = kNaN;
  auto r = run(dq::range(0.0, 10000.0), Series(values));
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.message, "3 of 1000 values outside [0, 10000]; first at index 17: 12345.6");
  EXPECT_EQ(r.diagnostics.at("out_of_range").get<std::int64_t>(), 3);
  EXPECT_EQ(r.diagnostics.at("first_failure_index").get<std::int64_t>(), 17);
}

TEST(Validators, RangeOnScalars) {
  EXPECT_TRUE(run(dq::range(0, 1), 0.5).passes);
  EXPECT_TRUE(run(dq::range(0, 10), 10).passes);  // int, inclusive
  EXPECT_FALSE(run(dq::range(0, 1), kNaN).passes);
  EXPECT_EQ(run(dq::range(0, 1), 2.0).message, "value 2 is outside [0, 1]");
  EXPECT_TRUE(dq::range(0, 1).impl().applies_to(TypeInfo::of<float>()));
  EXPECT_FALSE(dq::range(0, 1).impl().applies_to(TypeInfo::of<std::string>()));
}

TEST(Validators, ValuesIn) {
  EXPECT_TRUE(run(dq::values_in({"a", "b"}), std::string("a")).passes);
  auto r = run(dq::values_in({"a", "b"}), Series({"a", "c", "b", "d"}));
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.message, "2 of 4 values not in {\"a\", \"b\"}; first at index 1: c");
  EXPECT_TRUE(run(dq::values_in(std::vector<double>{1, 2}), Series({1, 2, 2})).passes);
  EXPECT_FALSE(run(dq::values_in(std::vector<double>{1, 2}), 3).passes);
}

TEST(Validators, DataType) {
  EXPECT_TRUE(run(dq::data_type<double>(), 1.0).passes);
  auto r = run(dq::data_type<double>(), 1);
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.message, "value is a int, expected a double");
  EXPECT_TRUE(run(dq::data_type(DType::int64), Series({1, 2})).passes);
  EXPECT_EQ(run(dq::data_type(DType::float64), Series({1, 2})).message, "dtype is int64, expected float64");
}

TEST(Validators, NansAndNulls) {
  Series s(std::vector<double>{1, kNaN, 3, kNaN});
  EXPECT_FALSE(run(dq::allow_nans(false), s).passes);
  EXPECT_EQ(run(dq::allow_nans(false), s).message, "2 of 4 values are NaN; first at index 1");
  EXPECT_TRUE(run(dq::allow_nans(true), s).passes);
  EXPECT_TRUE(run(dq::max_fraction_nans(0.5), s).passes);
  auto r = run(dq::max_fraction_nans(0.25), s);
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.diagnostics.at("fraction_nans").get<double>(), 0.5);
  EXPECT_FALSE(run(dq::not_null(), s).passes);
  EXPECT_FALSE(run(dq::not_null(), Value()).passes);
  EXPECT_FALSE(run(dq::not_null(), kNaN).passes);
  EXPECT_TRUE(run(dq::not_null(), 1.0).passes);
  EXPECT_TRUE(run(dq::not_null(), Series::strings({"a", "b"}, {false, false})).passes);
  EXPECT_FALSE(run(dq::not_null(), Series::strings({"a", ""}, {false, true})).passes);
}

TEST(Validators, MeanAndStandardDeviation) {
  Series s(std::vector<double>{1, 2, 3, 4, kNaN});
  EXPECT_TRUE(run(dq::mean_in_range(2, 3), s).passes);
  auto m = run(dq::mean_in_range(3, 4), s);
  EXPECT_FALSE(m.passes);
  EXPECT_EQ(m.message, "mean 2.5 is outside [3, 4]");
  EXPECT_TRUE(run(dq::max_standard_dev(1.3), s).passes);  // sample sd 1.29...
  EXPECT_FALSE(run(dq::max_standard_dev(1.2), s).passes);
  EXPECT_FALSE(dq::max_standard_dev(1).impl().applies_to(TypeInfo::of<double>()));
}

TEST(Report, JsonAndText) {
  Module m("dq_report");
  m.add("a", {}, [] { return 5.0; }, {check_output(dq::range(0.0, 1.0), dq::not_null())});
  m.add("b", {}, [] { return Series(std::vector<double>{1, 2}); }, {check_output(dq::mean_in_range(0, 10))});
  auto prev = dq::set_log_sink([](const dq::ValidationResult&) {});
  auto r = Builder().with_modules(m).build().execute({"a", "b"}, {});
  dq::set_log_sink(prev);
  auto rep = dq::report(r);
  EXPECT_EQ(rep.size(), 3u);
  EXPECT_EQ(rep.passed(), 2u);
  EXPECT_EQ(rep.failed(), 1u);
  EXPECT_FALSE(rep.ok());
  std::string json = rep.to_json(-1);
  EXPECT_THAT(json, HasSubstr("\"failed\":1"));
  EXPECT_THAT(json, HasSubstr("\"passed\":2"));
  EXPECT_THAT(json, HasSubstr("{\"diagnostics\":{\"range\":[0.0,1.0],\"value\":5.0},\"importance\":\"warn\",\"message\":\"value 5 is outside [0, 1]\",\"node\":\"a\",\"passes\":false,\"validator\":\"range_validator\"}"));
  EXPECT_THAT(json, HasSubstr("\"mean\":1.5"));
  std::string text = rep.to_string();
  EXPECT_THAT(text, HasSubstr("data quality: 3 checks, 2 passed, 1 failed"));
  EXPECT_THAT(text, HasSubstr("[FAIL] warn node `a` validator `range_validator`: value 5 is outside [0, 1]"));
}
