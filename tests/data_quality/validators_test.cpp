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
  // Hamilton's message and keys (tests/hamilton_oracle compares them with Hamilton's own)
  EXPECT_EQ(r.message, "Series contains 997 values in range (0.0,10000.0), and 3 outside.");
  EXPECT_EQ(r.diagnostics.at("out_range").get<std::int64_t>(), 3);
  EXPECT_EQ(r.diagnostics.at("in_range").get<std::int64_t>(), 997);
  EXPECT_EQ(r.diagnostics.at("data_size").get<std::int64_t>(), 1000);
  // ours beyond Hamilton's: where the first failure is
  EXPECT_EQ(r.diagnostics.at("first_failure_index").get<std::int64_t>(), 17);
  EXPECT_EQ(r.diagnostics.at("first_failure_value").get<std::string>(), "12345.6");
}

TEST(Validators, RangeOnScalars) {
  EXPECT_TRUE(run(dq::range(0, 1), 0.5).passes);
  EXPECT_TRUE(run(dq::range(0, 10), 10).passes);  // int, inclusive
  EXPECT_FALSE(run(dq::range(0, 1), kNaN).passes);
  EXPECT_EQ(run(dq::range(0, 1), 2.0).message,
            "Data point 2.0 does not fall within acceptable range: (0.0, 1.0)");
  EXPECT_EQ(run(dq::range(0, 10), 10).message, "Data point 10 falls within acceptable range: (0.0, 10.0)");
  EXPECT_TRUE(dq::range(0, 1).impl().applies_to(TypeInfo::of<float>()));
  EXPECT_FALSE(dq::range(0, 1).impl().applies_to(TypeInfo::of<std::string>()));
}

TEST(Validators, ValuesIn) {
  EXPECT_TRUE(run(dq::values_in({"a", "b"}), std::string("a")).passes);
  auto r = run(dq::values_in({"a", "b"}), Series({"a", "c", "b", "d"}));
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.message,
            "Series contains 2 correct values, and 2 incorrect values. Valid values are: "
            "frozenset({'a', 'b'}).");
  EXPECT_EQ(r.diagnostics.at("first_failure_index").get<std::int64_t>(), 1);
  const auto& incorrect = r.diagnostics.at("incorrect_values").get<ValueMap>();
  EXPECT_EQ(incorrect.size(), 2u);
  EXPECT_EQ(incorrect.at("c").get<std::int64_t>(), 1);
  // missing values count as correct, as in Hamilton
  EXPECT_TRUE(run(dq::values_in({"a"}), Series::strings({"a", ""}, {false, true})).passes);
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
  EXPECT_EQ(run(dq::allow_nans(false), s).message,
            "Out of 4 items in the series, 2 of them are Nan, representing: 50.00%. Max allowable "
            "Nans is: 0.00%, so this does not pass.");
  EXPECT_TRUE(run(dq::allow_nans(true), s).passes);
  EXPECT_TRUE(run(dq::max_fraction_nans(0.5), s).passes);
  auto r = run(dq::max_fraction_nans(0.25), s);
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.diagnostics.at("fraction_na").get<double>(), 0.5);
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
  EXPECT_EQ(m.message, "Dataset has mean: 2.5. This is not  in the required range: [3.0, 4.0].");
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
  EXPECT_THAT(json, HasSubstr("{\"diagnostics\":{\"range\":[0.0,1.0],\"value\":5.0},\"importance\":\"warn\",\"message\":\"Data point 5.0 does not fall within acceptable range: (0.0, 1.0)\",\"node\":\"a\",\"passes\":false,\"validator\":\"range_validator\"}"));
  EXPECT_THAT(json, HasSubstr("\"dataset_mean\":1.5"));
  std::string text = rep.to_string();
  EXPECT_THAT(text, HasSubstr("data quality: 3 checks, 2 passed, 1 failed"));
  EXPECT_THAT(text, HasSubstr("[FAIL] warn node `a` validator `range_validator`: Data point 5.0 does not fall "
                              "within acceptable range: (0.0, 1.0)"));
}

TEST(Validators, ContainsAndDoesNotContain) {
  auto r = run(dq::contains({"hello", "xyz"}), std::string("hello world"));
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.message, "String did not contain ['hello', 'xyz']");
  EXPECT_EQ(r.diagnostics.at("contains").get<std::vector<std::string>>(),
            (std::vector<std::string>{"hello", "xyz"}));
  EXPECT_EQ(r.diagnostics.at("data").get<std::string>(), "hello world");
  auto ok = run(dq::contains("hello"), std::string("hello world"));
  EXPECT_TRUE(ok.passes);
  EXPECT_EQ(ok.message, "All good.");
  EXPECT_TRUE(ok.diagnostics.empty());
  auto bad = run(dq::does_not_contain("bad"), std::string("a bad day"));
  EXPECT_FALSE(bad.passes);
  EXPECT_EQ(bad.message, "String did contain ['bad']");
  EXPECT_TRUE(run(dq::does_not_contain({"bad", "worse"}), std::string("a good day")).passes);
  EXPECT_EQ(dq::contains("x").impl().name(), "contains_validator");
  EXPECT_EQ(dq::does_not_contain("x").impl().name(), "does_not_contain_validator");
  EXPECT_TRUE(dq::contains("x").impl().applies_to(TypeInfo::of<std::string>()));
  EXPECT_FALSE(dq::contains("x").impl().applies_to(TypeInfo::of<Series>()));
  // the data is cut at 100 characters
  auto long_text = run(dq::contains("needle"), std::string(150, 'x'));
  EXPECT_EQ(long_text.diagnostics.at("data").get<std::string>().size(), 100u);
}

TEST(Validators, ContainsOnANodeIsABuildErrorForOtherTypes) {
  Module m("dq_contains_nodes");
  m.add("greeting", {}, [] { return std::string("hello there"); },
        {check_output(dq::contains("hello"), dq::does_not_contain({"TODO"}), dq::Importance::fail)});
  m.add("count", {}, [] { return 3.0; }, {check_output(dq::contains("3"))});
  try {
    Builder().with_modules(m).build();
    FAIL() << "expected a GraphError";
  } catch (const GraphError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].node, "count");
    EXPECT_EQ(e.problems()[0].code, ErrorCode::validator_type);
  }
  Module ok("dq_contains_ok");
  ok.add("greeting", {}, [] { return std::string("hello TODO"); },
         {check_output(dq::contains("hello"), dq::does_not_contain({"TODO"}), dq::Importance::fail)});
  try {
    Builder().with_modules(ok).build().execute({"greeting"}, {});
    FAIL() << "expected a DataValidationError";
  } catch (const DataValidationError& e) {
    ASSERT_EQ(e.failures().size(), 1u);
    EXPECT_EQ(e.failures()[0].validator, "does_not_contain_validator");
    EXPECT_EQ(e.failures()[0].message, "String did contain ['TODO']");
  }
}
