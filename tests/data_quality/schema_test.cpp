// DataFrame schemas (pandera's DataFrameSchema): direct validation and with check_output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <hamilton/data_quality/schema.hpp>
#include <hamilton/frame/dataframe.hpp>
#include <hamilton/frame/series.hpp>
#include <hamilton/hamilton.hpp>

#include "support/build_error.hpp"
#include <limits>
#include <nlohmann/json.hpp>

using namespace hamilton;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();

dq::DataFrameSchema spend_schema() {
  return dq::DataFrameSchema({
                                 dq::Column("spend", DType::float64).nullable(false).check(dq::range(0.0, 1e6)),
                                 dq::Column("region", DType::string).isin({"US", "EU"}),
                             })
      .strict(true);
}

DataFrame good_frame() {
  return DataFrame({{"spend", Series(std::vector<double>{1, 2, 3})},
                    {"region", Series(std::vector<std::string>{"US", "EU", "US"})}});
}

using testing_support::build_error;

struct CaptureLog {
  std::vector<dq::ValidationResult> seen;
  dq::LogSink previous;
  CaptureLog() {
    previous = dq::set_log_sink([this](const dq::ValidationResult& r) { seen.push_back(r); });
  }
  ~CaptureLog() { dq::set_log_sink(previous); }
};

template <class T>
T diag(const dq::ValidationResult& r, const std::string& key) {
  auto it = r.diagnostics.find(key);
  if (it == r.diagnostics.end()) {
    ADD_FAILURE() << "no diagnostic " << key;
    return T{};
  }
  return it->second.get<T>();
}
}  // namespace

TEST(Schema, PassingFrame) {
  auto r = spend_schema().validate(good_frame());
  EXPECT_TRUE(r.passes) << r.message;
  EXPECT_EQ(r.message, "DataFrame of 3 rows matches the schema (2 columns)");
  EXPECT_EQ(diag<std::int64_t>(r, "failures"), 0);
  EXPECT_EQ(diag<std::int64_t>(r, "rows"), 3);
  EXPECT_EQ(diag<std::string>(r, "column.spend.dtype"), "float64");
  EXPECT_EQ(diag<std::string>(r, "column.region.expected_dtype"), "object");
  EXPECT_TRUE(diag<bool>(r, "column.spend.range_validator.passes"));
  EXPECT_EQ(spend_schema().name(), "schema_validator");
  EXPECT_EQ(spend_schema().description(), "DataFrame schema of 2 columns `spend`, `region`, strict");
}

TEST(Schema, MissingColumnWithDidYouMean) {
  DataFrame df({{"spnd", Series(std::vector<double>{1})}, {"region", Series(std::vector<std::string>{"US"})}});
  auto r = spend_schema().strict(false).validate(df);
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.message, "1 schema failure: (1) column `spend` is missing (did you mean `spnd`?)");
  EXPECT_THAT(diag<std::vector<std::string>>(r, "missing_columns"), ElementsAre("spend"));
  EXPECT_FALSE(diag<bool>(r, "column.spend.present"));
  EXPECT_EQ(diag<std::string>(r, "column.spend.did_you_mean"), "spnd");
  // a far-off name gets no suggestion
  DataFrame other({{"zzzzzzzz", Series(std::vector<double>{1})}, {"region", Series(std::vector<std::string>{"US"})}});
  auto r2 = spend_schema().strict(false).validate(other);
  EXPECT_EQ(r2.message, "1 schema failure: (1) column `spend` is missing");
}

TEST(Schema, OptionalColumnMayBeAbsent) {
  auto schema = dq::DataFrameSchema({dq::Column("a", DType::int64), dq::Column("b").required(false)});
  auto r = schema.validate(DataFrame({{"a", Series({1, 2})}}));
  EXPECT_TRUE(r.passes) << r.message;
  EXPECT_FALSE(diag<bool>(r, "column.b.present"));
}

TEST(Schema, DtypeMismatchIsNotCoerced) {
  DataFrame df({{"spend", Series({1, 2, 3})}, {"region", Series(std::vector<std::string>{"US", "EU", "US"})}});
  auto r = spend_schema().validate(df);
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.message, "1 schema failure: (1) column `spend`: dtype is int64, expected float64 (no coercion)");
  EXPECT_EQ(diag<std::string>(r, "column.spend.dtype"), "int64");
  EXPECT_EQ(diag<std::string>(r, "column.spend.expected_dtype"), "float64");
  // the range check still ran (on the int64 values) and passed
  EXPECT_TRUE(diag<bool>(r, "column.spend.range_validator.passes"));
}

TEST(Schema, NullabilityCountsAndFirstIndex) {
  DataFrame df({{"spend", Series(std::vector<double>{1, kNaN, 3, kNaN})},
                {"region", Series(std::vector<std::string>{"US", "EU", "US", "EU"})}});
  auto r = spend_schema().validate(df);
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.message,
            "1 schema failure: (1) column `spend`: 2 of 4 values are missing but the column is not "
            "nullable; first at index 1");
  EXPECT_EQ(diag<std::int64_t>(r, "column.spend.missing"), 2);
  EXPECT_EQ(diag<std::int64_t>(r, "column.spend.first_missing_index"), 1);
  // checks ignore missing values (pandera's ignore_na): range did not count the NaNs
  EXPECT_TRUE(diag<bool>(r, "column.spend.range_validator.passes"));
  // nullable: no failure
  auto nullable = dq::DataFrameSchema({dq::Column("spend", DType::float64).nullable().check(dq::range(0.0, 10.0))});
  EXPECT_TRUE(nullable.validate(df.select({"spend"})).passes);
}

TEST(Schema, ChecksOnNullableColumnReportOriginalPositions) {
  auto schema = dq::DataFrameSchema({dq::Column("x", DType::float64).nullable().check(dq::range(0.0, 10.0))});
  DataFrame df({{"x", Series(std::vector<double>{kNaN, kNaN, 1, 50, 2})}});
  auto r = schema.validate(df);
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.message,
            "1 schema failure: (1) column `x`: range_validator: Series contains 2 values in range "
            "(0.0,10.0), and 1 outside. (first at index 3: 50.0)");
  EXPECT_EQ(diag<std::int64_t>(r, "column.x.range_validator.first_failure_index"), 3);
  EXPECT_EQ(diag<std::int64_t>(r, "column.x.range_validator.out_range"), 1);
  // ignore_na = false: the check sees the NaNs (range counts them as outside)
  auto strict_na = dq::DataFrameSchema({dq::Column("x", DType::float64).nullable().check(dq::range(0.0, 100.0), false)});
  auto r2 = strict_na.validate(df);
  EXPECT_THAT(r2.message, HasSubstr("Series contains 3 values in range (0.0,100.0), and 2 outside. (first at index 0: NaN)"));
}

TEST(Schema, MissingValueValidatorsSeeWholeColumn) {
  auto schema = dq::DataFrameSchema({dq::Column("x", DType::float64).nullable().check(dq::max_fraction_nans(0.25))});
  auto r = schema.validate(DataFrame({{"x", Series(std::vector<double>{kNaN, kNaN, 1, 2})}}));
  EXPECT_FALSE(r.passes);
  EXPECT_THAT(r.message, HasSubstr("column `x`: max_fraction_nans_validator: Out of 4 items in the series, 2 of them are Nan, "
                                   "representing: 50.00%. Max allowable Nans is: 25.00%, so this does not pass. "
                                   "(first at index 0: NaN)"));
  EXPECT_DOUBLE_EQ(diag<double>(r, "column.x.max_fraction_nans_validator.fraction_na"), 0.5);
}

TEST(Schema, StrictListsUnexpectedColumns) {
  DataFrame df = good_frame().with_column("extra", Series({1, 2, 3})).with_column("more", Series({1, 2, 3}));
  auto r = spend_schema().validate(df);
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.message, "1 schema failure: (1) unexpected columns `extra`, `more` (the schema is strict)");
  EXPECT_THAT(diag<std::vector<std::string>>(r, "unexpected_columns"), ElementsAre("extra", "more"));
  EXPECT_TRUE(spend_schema().strict(false).validate(df).passes);
}

TEST(Schema, LazyValidationGathersEveryFailure) {
  DataFrame df({{"spend", Series({5, 2000000})},
                {"region", Series::strings({"US", "APAC"}, {false, false})},
                {"extra", Series({1.0, 2.0})}});
  auto schema = dq::DataFrameSchema({
                                        dq::Column("spend", DType::float64).check(dq::range(0.0, 1e6)),
                                        dq::Column("region", DType::string).isin({"US", "EU"}),
                                        dq::Column("signups", DType::int64).check(dq::mean_in_range(0, 10)),
                                    })
                    .strict();
  auto r = schema.validate(df);
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.message,
            "5 schema failures: (1) column `spend`: dtype is int64, expected float64 (no coercion); "
            "(2) column `spend`: range_validator: Series contains 1 values in range (0.0,1000000.0), and 1 outside. "
            "(first at index 1: 2000000); "
            "(3) column `region`: values_in_validator: Series contains 1 correct values, and 1 incorrect values. "
            "Valid values are: frozenset({'US', 'EU'}). (first at index 1: APAC); "
            "(4) column `signups` is missing; "
            "(5) unexpected column `extra` (the schema is strict)");
  EXPECT_EQ(diag<std::int64_t>(r, "failures"), 5);
  EXPECT_EQ(diag<std::vector<std::string>>(r, "failure_messages").size(), 5u);
  EXPECT_EQ(diag<std::int64_t>(r, "column.region.values_in_validator.first_failure_index"), 1);
}

TEST(Schema, DiagnosticsSerializeToJsonInTheReport) {
  DataFrame df({{"spend", Series(std::vector<double>{1, kNaN})},
                {"region", Series(std::vector<std::string>{"US", "EU"})}});
  auto r = spend_schema().validate(df);
  r.node = "frame";
  r.validator = "schema_validator";
  auto json = nlohmann::json::parse(dq::DataQualityReport({r}).to_json());
  ASSERT_EQ(json["results"].size(), 1u);
  const auto& d = json["results"][0]["diagnostics"];
  EXPECT_EQ(json["failed"], 1);
  EXPECT_EQ(d["failures"], 1);
  EXPECT_EQ(d["rows"], 2);
  EXPECT_EQ(d["column.spend.missing"], 1);
  EXPECT_EQ(d["column.spend.first_missing_index"], 1);
  EXPECT_EQ(d["column.spend.dtype"], "float64");
  EXPECT_EQ(d["column.region.values_in_validator.passes"], true);
  EXPECT_EQ(d["column.spend.range_validator.range"], nlohmann::json::array({0.0, 1e6}));
  EXPECT_EQ(d["schema_columns"], nlohmann::json::array({"spend", "region"}));
  EXPECT_EQ(d["unexpected_columns"], nlohmann::json::array());
  EXPECT_EQ(d["strict"], true);
  ASSERT_EQ(d["failure_messages"].size(), 1u);
  EXPECT_THAT(d["failure_messages"][0].get<std::string>(), HasSubstr("not nullable"));
}

TEST(Schema, IllFormedSchemaAppliesToNothing) {
  auto dupe = dq::DataFrameSchema({dq::Column("a"), dq::Column("a")});
  EXPECT_EQ(dupe.problem(), "column `a` is listed twice");
  EXPECT_FALSE(dupe.applies_to(TypeInfo::of<DataFrame>()));
  auto scalar_check = dq::DataFrameSchema({dq::Column("a").check(dq::validator<double>("pos", [](double x) { return x > 0; }))});
  EXPECT_THAT(scalar_check.problem(), HasSubstr("check `pos` (custom check `pos`) of column `a` does not apply to a Series"));
  EXPECT_TRUE(spend_schema().applies_to(TypeInfo::of<DataFrame>()));
  EXPECT_FALSE(spend_schema().applies_to(TypeInfo::of<Series>()));
}

// ---- with check_output ----

HAMILTON_MODULE(dq_schema_nodes);
NODE(DataFrame, frame, (const Series& spend, const Series& region),
     check_output(dq::DataFrameSchema({
                      dq::Column("spend", DType::float64).check(dq::range(0.0, 100.0)),
                      dq::Column("region", DType::string).isin({"US", "EU"}),
                  }).strict(true),
                  dq::Importance::fail)) {
  return DataFrame({{"spend", spend}, {"region", region}});
}

TEST(SchemaCheckOutput, RewritesWithRawAndValidatorNodes) {
  auto dr = Builder().with_modules("dq_schema_nodes").build();
  EXPECT_TRUE(dr.graph().contains("frame_raw"));
  ASSERT_TRUE(dr.graph().contains("frame_schema_validator"));
  auto check = dr.graph().variable("frame_schema_validator");
  EXPECT_EQ(check.tags.at("hamilton.data_quality.source_node"), TagValues{"frame"});
  EXPECT_EQ(check.tags.at("hamilton.data_quality.importance"), TagValues{"fail"});
  EXPECT_THAT(check.required_dependencies, ElementsAre("frame_raw"));
  EXPECT_THAT(dr.graph().variable("frame").required_dependencies, ElementsAre("frame_raw", "frame_schema_validator"));
  EXPECT_THAT(check.documentation, HasSubstr("DataFrame schema of 2 columns `spend`, `region`, strict"));
}

TEST(SchemaCheckOutput, PassingRun) {
  auto dr = Builder().with_modules("dq_schema_nodes").build();
  auto r = dr.execute({"frame"}, {{"spend", Series(std::vector<double>{1, 2})},
                                  {"region", Series(std::vector<std::string>{"US", "EU"})}});
  EXPECT_EQ(r.get<DataFrame>("frame").num_rows(), 2u);
  auto rep = dq::report(r);
  ASSERT_EQ(rep.size(), 1u);
  EXPECT_TRUE(rep.ok());
  EXPECT_EQ(rep.results()[0].node, "frame");
  EXPECT_EQ(rep.results()[0].validator, "schema_validator");
}

TEST(SchemaCheckOutput, FailImportanceRaisesAtTheEndOfTheRun) {
  auto dr = Builder().with_modules("dq_schema_nodes").build();
  try {
    dr.execute({"frame"}, {{"spend", Series(std::vector<double>{1, 500})},
                           {"region", Series(std::vector<std::string>{"US", "JP"})}});
    FAIL() << "expected DataValidationError";
  } catch (const DataValidationError& e) {
    ASSERT_EQ(e.failures().size(), 1u);
    EXPECT_EQ(e.failures()[0].node, "frame");
    EXPECT_EQ(e.failures()[0].validator, "schema_validator");
    EXPECT_EQ(e.failures()[0].importance, dq::Importance::fail);
    EXPECT_THAT(std::string(e.what()),
                HasSubstr("node `frame`, validator `schema_validator`: 2 schema failures: (1) column `spend`: "
                          "range_validator: Series contains 1 values in range (0.0,100.0), and 1 outside. (first "
                          "at index 1: 500.0); (2) column `region`: values_in_validator: Series contains 1 "
                          "correct values, and 1 incorrect values. Valid values are: frozenset({'US', 'EU'}). "
                          "(first at index 1: JP)"));
  }
}

TEST(SchemaCheckOutput, WarnLogsAndReturnsTheFrame) {
  CaptureLog log;
  Module m("dq_schema_warn");
  auto schema = dq::DataFrameSchema({dq::Column("amount", DType::float64)});
  m.add("df", {}, [] { return DataFrame({{"b", Series(std::vector<double>{1})}}); }, {check_output(schema)});
  auto dr = Builder().with_modules(m).build();
  auto r = dr.execute({"df"}, {});
  EXPECT_EQ(r.get<DataFrame>("df").num_columns(), 1u);
  ASSERT_EQ(log.seen.size(), 1u);
  EXPECT_EQ(log.seen[0].importance, dq::Importance::warn);
  EXPECT_EQ(dq::format_result(log.seen[0]),
            "[FAIL] warn node `df` validator `schema_validator`: 1 schema failure: (1) column `amount` is missing");
  // the report's JSON has the schema diagnostics
  auto json = nlohmann::json::parse(dq::report(r).to_json());
  EXPECT_EQ(json["results"][0]["diagnostics"]["missing_columns"], nlohmann::json::array({"amount"}));
}

TEST(SchemaCheckOutput, PerValidatorImportanceAndTwoNamedSchemas) {
  CaptureLog log;
  Module m("dq_schema_two");
  auto has_a = dq::DataFrameSchema({dq::Column("a")}).named("has_a");
  auto has_b = dq::DataFrameSchema({dq::Column("b")}).named("has_b");
  m.add("df", {}, [] { return DataFrame({{"a", Series({1})}}); },
        {check_output(has_a, has_b.with_importance(dq::Importance::warn), dq::Importance::fail)});
  auto dr = Builder().with_modules(m).build();
  EXPECT_TRUE(dr.graph().contains("df_has_a"));
  EXPECT_TRUE(dr.graph().contains("df_has_b"));
  auto r = dr.execute({"df"}, {});  // has_b fails but is only a warning
  ASSERT_EQ(log.seen.size(), 1u);
  EXPECT_EQ(log.seen[0].validator, "has_b");
  EXPECT_EQ(dq::report(r).passed(), 1u);
}

TEST(SchemaCheckOutput, SchemaAlongsideOtherValidatorsAndTarget) {
  Module m("dq_schema_target");
  auto schema = dq::DataFrameSchema({dq::Column("x", DType::float64)});
  m.add("df", {}, [] { return DataFrame({{"x", Series(std::vector<double>{1})}}); },
        {check_output(schema, dq::not_null(), modifiers::target({"df"}))});
  auto dr = Builder().with_modules(m).build();
  EXPECT_TRUE(dr.graph().contains("df_schema_validator"));
  EXPECT_TRUE(dr.graph().contains("df_not_null_validator"));
  EXPECT_EQ(dq::report(dr.execute({"df"}, {})).passed(), 2u);
}

TEST(SchemaCheckOutput, DisabledChecksAddNothing) {
  auto dr = Builder().with_modules("dq_schema_nodes").with_data_quality_disabled().build();
  EXPECT_FALSE(dr.graph().contains("frame_schema_validator"));
  EXPECT_FALSE(dr.graph().contains("frame_raw"));
}

TEST(SchemaCheckOutput, SchemaOnANonDataFrameNodeIsABuildError) {
  Module m("dq_schema_misuse");
  m.add("s", {}, [] { return Series({1, 2}); }, {check_output(dq::DataFrameSchema({dq::Column("a")}))});
  m.add("bad_schema", {}, [] { return DataFrame(); },
        {check_output(dq::DataFrameSchema({dq::Column("a"), dq::Column("a")}))});
  auto e = build_error(Builder().with_modules(m));
  ASSERT_EQ(e.problems().size(), 2u) << e.what();
  EXPECT_EQ(e.problems()[0].node, "s");
  EXPECT_EQ(e.problems()[0].code, ErrorCode::validator_type);
  EXPECT_THAT(e.problems()[0].message,
              HasSubstr("check_output: validator `schema_validator` (DataFrame schema of 1 column `a`) does not "
                        "apply to a hamilton::Series, the type `s` returns"));
  EXPECT_EQ(e.problems()[1].node, "bad_schema");
  EXPECT_THAT(e.problems()[1].message, HasSubstr("invalid schema: column `a` is listed twice"));
}

TEST(SchemaCheckOutput, ValueReturningNodeIsCheckedAtRunTime) {
  CaptureLog log;
  Module m("dq_schema_any");
  m.add("v", {}, [] { return Value(1.5); }, {check_output(dq::DataFrameSchema({dq::Column("a")}))});
  auto dr = Builder().with_modules(m).build();
  dr.execute({"v"}, {});
  ASSERT_EQ(log.seen.size(), 1u);
  EXPECT_THAT(log.seen[0].message, HasSubstr("validator does not apply to a double"));
  // a DataFrame inside a Value is validated
  Module ok("dq_schema_any_ok");
  ok.add("v", {}, [] { return Value(DataFrame({{"a", Series({1})}})); },
         {check_output(dq::DataFrameSchema({dq::Column("a", DType::int64)}))});
  auto r = Builder().with_modules(ok).build().execute({"v"}, {});
  EXPECT_TRUE(dq::report(r).ok());
}
