// check_output: the graph rewrite, importance, disabling, misuse.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <hamilton/frame/series.hpp>
#include <hamilton/hamilton.hpp>

#include "support/build_error.hpp"

using namespace hamilton;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {
using testing_support::build_error;
std::vector<std::string> function_nodes(const Driver& dr) {
  std::vector<std::string> out;
  for (const auto& v : dr.list_available_variables())
    if (v.role == NodeRole::function) out.push_back(v.name);
  std::sort(out.begin(), out.end());
  return out;
}
// captures warn logs for a test
struct CaptureLog {
  std::vector<dq::ValidationResult> seen;
  dq::LogSink previous;
  CaptureLog() {
    previous = dq::set_log_sink([this](const dq::ValidationResult& r) { seen.push_back(r); });
  }
  ~CaptureLog() { dq::set_log_sink(previous); }
};
}  // namespace

HAMILTON_MODULE(dq_check_nodes);
NODE(Series, spend_per_signup, (const Series& spend, const Series& signups),
     doc("The cost per signup."), check_output(dq::range(0.0, 100.0), dq::Importance::fail)) {
  return spend / signups;
}

TEST(CheckOutput, RewritesLikeHamilton) {
  auto dr = Builder().with_modules("dq_check_nodes").build();
  EXPECT_THAT(function_nodes(dr),
              ElementsAre("spend_per_signup", "spend_per_signup_range_validator", "spend_per_signup_raw"));
  auto check = dr.graph().variable("spend_per_signup_range_validator");
  EXPECT_EQ(check.tags.at("hamilton.data_quality.contains_dq_results"), TagValues{"true"});
  EXPECT_EQ(check.tags.at("hamilton.data_quality.source_node"), TagValues{"spend_per_signup"});
  EXPECT_EQ(check.type_name, "hamilton::dq::ValidationResult");
  EXPECT_THAT(check.required_dependencies, ElementsAre("spend_per_signup_raw"));
  auto final_node = dr.graph().variable("spend_per_signup");
  EXPECT_THAT(final_node.required_dependencies,
              ElementsAre("spend_per_signup_raw", "spend_per_signup_range_validator"));
  EXPECT_EQ(final_node.type_name, "hamilton::Series");
  EXPECT_EQ(final_node.documentation, "The cost per signup.");
  // tag filters find the result nodes
  auto dq_nodes = dr.list_available_variables({{"hamilton.data_quality.contains_dq_results", "true"}});
  ASSERT_EQ(dq_nodes.size(), 1u);
}

TEST(CheckOutput, PassingRunKeepsResults) {
  auto dr = Builder().with_modules("dq_check_nodes").build();
  Series spend(std::vector<double>{10, 20, 30});
  Series signups(std::vector<double>{1, 2, 3});
  auto r = dr.execute({"spend_per_signup"}, {{"spend", spend}, {"signups", signups}});
  EXPECT_TRUE(r.get<Series>("spend_per_signup").equals(Series(std::vector<double>{10, 10, 10})));
  ASSERT_EQ(r.data_quality_results().size(), 1u);
  const auto& res = r.data_quality_results().get<dq::ValidationResult>("spend_per_signup_range_validator");
  EXPECT_TRUE(res.passes);
  EXPECT_EQ(res.node, "spend_per_signup");
  EXPECT_EQ(res.validator, "range_validator");
  EXPECT_EQ(res.importance, dq::Importance::fail);
  EXPECT_EQ(res.message, "Series contains 3 values in range (0.0,100.0), and 0 outside.");
}

TEST(CheckOutput, FailGathersEveryFailureIntoOneError) {
  Module m("dq_fail_many");
  m.add("a", {}, [] { return 500.0; }, {check_output(dq::range(0.0, 10.0), dq::Importance::fail)});
  m.add("b", {}, [] { return Series(std::vector<double>{1, 2000, 3, 4000}); },
        {check_output(dq::range(0.0, 1000.0), dq::not_null(), dq::Importance::fail)});
  auto dr = Builder().with_modules(m).build();
  try {
    dr.execute({"a", "b"}, {});
    FAIL() << "expected DataValidationError";
  } catch (const DataValidationError& e) {
    ASSERT_EQ(e.failures().size(), 2u);
    std::string what = e.what();
    EXPECT_THAT(what, HasSubstr("2 checks of importance `fail` failed"));
    EXPECT_THAT(what, HasSubstr("node `a`, validator `range_validator`: Data point 500.0 does not fall within acceptable range: (0.0, 10.0)"));
    EXPECT_THAT(what, HasSubstr("node `b`, validator `range_validator`: Series contains 2 values in range (0.0,1000.0), and 2 outside."));
  }
  // the driver stays usable
  EXPECT_THROW(dr.execute({"a"}, {}), DataValidationError);
}

TEST(CheckOutput, WarnLogsAndReturns) {
  CaptureLog log;
  Module m("dq_warn");
  m.add("a", {}, [] { return 500.0; }, {check_output(dq::range(0.0, 10.0))});
  auto dr = Builder().with_modules(m).build();
  auto r = dr.execute({"a"}, {});
  EXPECT_EQ(r.get<double>("a"), 500.0);
  ASSERT_EQ(log.seen.size(), 1u);
  EXPECT_EQ(log.seen[0].node, "a");
  EXPECT_EQ(log.seen[0].importance, dq::Importance::warn);
  EXPECT_EQ(dq::format_result(log.seen[0]),
            "[FAIL] warn node `a` validator `range_validator`: Data point 500.0 does not fall within "
            "acceptable range: (0.0, 10.0)");
}

TEST(CheckOutput, DisabledAddsNoValidatorNodes) {
  auto dr = Builder().with_modules("dq_check_nodes").with_data_quality_disabled().build();
  EXPECT_THAT(function_nodes(dr), ElementsAre("spend_per_signup"));
  auto r = dr.execute({"spend_per_signup"}, {{"spend", Series(std::vector<double>{1e9})},
                                             {"signups", Series(std::vector<double>{1})}});
  EXPECT_TRUE(r.data_quality_results().empty());
}

TEST(CheckOutput, ValidatorThatDoesNotApplyIsABuildError) {
  Module m("dq_not_applicable");
  m.add("name", {}, [] { return std::string("x"); }, {check_output(dq::range(0.0, 1.0))});
  m.add("frac", {}, [] { return 0.5; }, {check_output(dq::max_fraction_nans(0.1))});
  auto e = build_error(Builder().with_modules(m));
  ASSERT_EQ(e.problems().size(), 2u) << e.what();
  EXPECT_EQ(e.problems()[0].node, "name");
  EXPECT_THAT(e.problems()[0].message,
              HasSubstr("check_output: validator `range_validator` (Validates that the datapoint falls within the "
                                   "range (0.0, 1.0)) does not apply to a std::string, the type `name` returns"));
  EXPECT_EQ(e.problems()[0].code, ErrorCode::validator_type);
}

TEST(CheckOutput, DuplicateValidatorAndNoValidator) {
  Module m("dq_dupe");
  m.add("a", {}, [] { return 1.0; }, {check_output(dq::range(0.0, 1.0), dq::range(0.0, 2.0))});
  m.add("b", {}, [] { return 1.0; }, {check_output(dq::Importance::fail)});
  auto e = build_error(Builder().with_modules(m));
  ASSERT_EQ(e.problems().size(), 2u) << e.what();
  EXPECT_THAT(e.problems()[0].message, HasSubstr("validator `range_validator` is given twice"));
  EXPECT_THAT(e.problems()[1].message, HasSubstr("lists no validator"));
}

namespace {
class EvenValidator : public dq::DataValidator {
 public:
  std::string name() const override { return "even_validator"; }
  std::string description() const override { return "an even number"; }
  bool applies_to(const TypeInfo& t) const override { return t == TypeInfo::of<int>(); }
  dq::ValidationResult validate(const Value& v) const override {
    dq::ValidationResult r;
    r.passes = v.get<int>() % 2 == 0;
    r.message = r.passes ? "even" : "odd";
    return r;
  }
  dq::Importance importance() const override { return dq::Importance::fail; }
};
}  // namespace

TEST(CheckOutput, CustomValidatorsClassAndCallable) {
  Module m("dq_custom");
  m.add("n", {"x"}, [](int x) { return x; },
        {check_output_custom(EvenValidator{},
                             dq::validator<int>("small", [](int x) { return x < 100; }))});
  auto dr = Builder().with_modules(m).build();
  EXPECT_THAT(function_nodes(dr), ElementsAre("n", "n_even_validator", "n_raw", "n_small"));
  auto r = dr.execute({"n"}, {{"x", 4}});
  EXPECT_EQ(dq::report(r).passed(), 2u);
  try {
    dr.execute({"n"}, {{"x", 3}});
    FAIL();
  } catch (const DataValidationError& e) {
    ASSERT_EQ(e.failures().size(), 1u);  // `small` is warn: logged, not thrown
    EXPECT_EQ(e.failures()[0].validator, "even_validator");
    EXPECT_EQ(e.failures()[0].message, "odd");
  }
}

TEST(CheckOutput, ImportanceOverridePerValidator) {
  CaptureLog log;
  Module m("dq_override");
  m.add("a", {}, [] { return 5.0; },
        {check_output(dq::range(0.0, 1.0).with_importance(dq::Importance::warn), dq::values_in({1.0, 2.0}),
                      dq::Importance::fail)});
  auto dr = Builder().with_modules(m).build();
  try {
    dr.execute({"a"}, {});
    FAIL();
  } catch (const DataValidationError& e) {
    ASSERT_EQ(e.failures().size(), 1u);
    EXPECT_EQ(e.failures()[0].validator, "values_in_validator");
  }
  ASSERT_EQ(log.seen.size(), 1u);
  EXPECT_EQ(log.seen[0].validator, "range_validator");
}

TEST(CheckOutput, ValueReturningNodeIsCheckedAtRunTime) {
  Module m("dq_any");
  m.add("a", {}, [] { return Value(std::string("text")); }, {check_output(dq::range(0.0, 1.0))});
  auto dr = Builder().with_modules(m).build();
  CaptureLog log;
  dr.execute({"a"}, {});
  ASSERT_EQ(log.seen.size(), 1u);
  EXPECT_THAT(log.seen[0].message, HasSubstr("validator does not apply to a std::string"));
}

TEST(CheckOutput, TargetNamesNodes) {
  Module m("dq_target");
  m.add("stats", {}, [] { return Record{{"mean", 2.0}, {"sd", 50.0}}; },
        {extract_fields({{"mean", modifiers::type<double>()}, {"sd", modifiers::type<double>()}}),
         check_output(dq::range(0.0, 10.0), modifiers::target({"sd"}))});
  auto dr = Builder().with_modules(m).build();
  EXPECT_TRUE(dr.graph().contains("sd_range_validator"));
  EXPECT_FALSE(dr.graph().contains("mean_range_validator"));
  Module bad("dq_target_bad");
  bad.add("x", {}, [] { return 1.0; }, {check_output(dq::range(0.0, 10.0), modifiers::target({"y"}))});
  auto e = build_error(Builder().with_modules(bad));
  EXPECT_THAT(e.problems().at(0).message, HasSubstr("target names `y`, which this function does not make"));
}

namespace {
// a check inside a Parallelizable block: one result per item
Module block_checks(dq::Importance importance) {
  Module m("dq_block_checks");
  m.add("item", {"n"}, [](int n) {
    Parallelizable<int> p;
    for (int i = 0; i < n; ++i) p.push_back(i);
    return p;
  });
  m.add("scaled", {"item"}, [](int i) { return static_cast<double>(i); },
        {check_output(dq::range(0.0, 1.0), importance)});
  m.add("total", {"scaled"}, [](const Collect<double>& c) {
    double s = 0;
    for (double x : c) s += x;
    return s;
  });
  return m;
}
}  // namespace

TEST(CheckOutput, ChecksInsideAParallelBlockAreReportedPerItem) {
  for (auto executor : {std::shared_ptr<const Executor>(std::make_shared<SequentialExecutor>()),
                        std::shared_ptr<const Executor>(std::make_shared<ParallelExecutor>(2))}) {
    CaptureLog log;
    auto dr =
        Builder().with_modules(block_checks(dq::Importance::warn)).with_executor(executor).build();
    auto r = dr.execute({"total"}, {{"n", 3}});
    EXPECT_EQ(r.get<double>("total"), 3.0);
    EXPECT_EQ(r.data_quality_results().names(),
              (std::vector<std::string>{"scaled_range_validator[0]", "scaled_range_validator[1]",
                                        "scaled_range_validator[2]"}));
    EXPECT_TRUE(r.data_quality_results().get<dq::ValidationResult>(0).passes);
    EXPECT_FALSE(r.data_quality_results().get<dq::ValidationResult>(2).passes);
    ASSERT_EQ(log.seen.size(), 1u);  // the warning of item 2, as Hamilton logs it per item
    EXPECT_EQ(log.seen[0].node, "scaled");
  }
}

TEST(CheckOutput, FailingChecksInsideAParallelBlockFailTheRun) {
  auto dr = Builder().with_modules(block_checks(dq::Importance::fail)).build();
  try {
    dr.execute({"total"}, {{"n", 4}});
    FAIL() << "no error";
  } catch (const dq::DataValidationError& e) {
    ASSERT_EQ(e.failures().size(), 2u);  // items 2 and 3
    EXPECT_THAT(e.what(), HasSubstr("Data point 2.0 does not fall within acceptable range"));
    EXPECT_THAT(e.what(), HasSubstr("Data point 3.0 does not fall within acceptable range"));
  }
  EXPECT_EQ(dr.execute({"total"}, {{"n", 2}}).data_quality_results().size(), 2u);
}
