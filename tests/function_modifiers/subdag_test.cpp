// subdag: namespaced reuse of modules with their own inputs and config.
#include <gmock/gmock.h>

#include "test_util.hpp"

using namespace hamilton;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

HAMILTON_MODULE(fm_subdag_inner);
NODE(double, doubled, (double spend)) { return spend * 2; }
NODE(double, adjusted__us, (double doubled, double tax)) { return doubled * (1 + tax); }
NODE(double, adjusted__eu, (double doubled), config_when({{"region", "EU"}})) { return doubled; }

TEST(Subdag, NamespacedNodesInputsAndConfig) {
  Module m("fm_subdag_outer");
  m.add("us_spend", {}, [] { return 100.0; });
  m.add("eu_spend", {}, [] { return 50.0; });
  Module inner("fm_subdag_inner_local");
  inner.add("doubled", {"spend"}, [](double s) { return s * 2; });
  inner.add("adjusted__us", {"doubled", "tax"}, [](double d, double t) { return d * (1 + t); },
            {config_when({{"region", "US"}})});
  inner.add("adjusted__eu", {"doubled"}, [](double d) { return d; }, {config_when({{"region", "EU"}})});
  m.add("us_total", {"adjusted"}, [](double a) { return a; },
        {subdag({inner}, {.inputs = {{"spend", source("us_spend")}, {"tax", value(0.5)}},
                          .config = {{"region", "US"}}})});
  m.add("eu_total", {"adjusted"}, [](double a) { return a; },
        {subdag({inner}, {.inputs = {{"spend", source("eu_spend")}}, .config = {{"region", "EU"}},
                          .name_space = "eu"})});
  auto dr = Builder().with_modules(m).build();
  EXPECT_THAT(mtest::function_nodes(dr),
              ElementsAre("eu.adjusted", "eu.doubled", "eu.spend", "eu_spend", "eu_total", "us_spend",
                          "us_total", "us_total.adjusted", "us_total.doubled", "us_total.spend",
                          "us_total.tax"));
  auto r = dr.execute({"us_total", "eu_total"}, {});
  EXPECT_EQ(r.get<double>("us_total"), 300.0);
  EXPECT_EQ(r.get<double>("eu_total"), 100.0);
  EXPECT_THAT(dr.graph().variable("us_total.doubled").required_dependencies, ElementsAre("us_total.spend"));
  EXPECT_EQ(dr.graph().variable("us_total.adjusted").originating_function, "adjusted__us");
}

TEST(Subdag, RegisteredModuleByNameAndOuterDependencies) {
  Module m("fm_subdag_by_name");
  m.add("total", {"doubled"}, [](double d) { return d + 1; },
        {subdag({"fm_subdag_inner"}, {.config = {{"region", "EU"}}, .name_space = "s"})});
  auto dr = Builder().with_modules(m).build();
  // `spend` is not a subdag input: it reads the outer node/input of that name
  EXPECT_EQ(dr.execute({"total"}, {{"spend", 2.0}}).get<double>("total"), 5.0);
  EXPECT_TRUE(dr.graph().contains("s.adjusted"));
}

TEST(Subdag, ErrorsInsideAreReportedWithTheSubdag) {
  Module m("fm_subdag_errors");
  m.add("total", {"doubled"}, [](double d) { return d; },
        {subdag({"fm_subdag_inner", "no_such_module"}, {.name_space = "s"})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* unknown = mtest::find_problem(e, ErrorCode::unknown_module, "total");
  ASSERT_NE(unknown, nullptr) << e.what();
  EXPECT_THAT(unknown->message, HasSubstr("subdag: module `no_such_module` is not registered"));
  // region missing inside the subdag: config_when reports it, naming the subdag
  const auto* missing = mtest::find_problem(e, ErrorCode::config, "adjusted__eu");
  ASSERT_NE(missing, nullptr) << e.what();
  EXPECT_THAT(missing->message, HasSubstr("(inside subdag `s`)"));
}
