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

namespace {
Module regional_inner() {
  Module inner("fm_psubdag_inner");
  inner.add("doubled", {"spend"}, [](double s) { return s * 2; });
  inner.add("adjusted__us", {"doubled", "tax"}, [](double d, double t) { return d * (1 + t); },
            {config_when({{"region", "US"}})});
  inner.add("adjusted__eu", {"doubled"}, [](double d) { return d; },
            {config_when({{"region", "EU"}})});
  return inner;
}
}  // namespace

TEST(ParameterizedSubdag, OneSubdagPerParameterizationWithSharedAndOwnInputsAndConfig) {
  Module m("fm_psubdag_outer");
  m.add("total", {"adjusted"}, [](double a) { return a + 0.5; },
        {parameterized_subdag({regional_inner()},
                              {{"us", {{"spend", source("us_spend")}}, {{"region", "US"}}},
                               {"eu", {{"spend", value(10.0)}, {"tax", value(0.0)}}, {}}},
                              {.inputs = {{"tax", value(0.25)}}, .config = {{"region", "EU"}}})});
  auto dr = Builder().with_modules(m).build();
  EXPECT_THAT(mtest::function_nodes(dr),
              ElementsAre("eu", "eu.adjusted", "eu.doubled", "eu.spend", "eu.tax", "us",
                          "us.adjusted", "us.doubled", "us.spend", "us.tax"));
  auto r = dr.execute({"us", "eu"}, {{"us_spend", 100.0}});
  EXPECT_EQ(r.get<double>("us"), 250.5);  // 100 * 2 * 1.25: the US config, the shared tax
  EXPECT_EQ(r.get<double>("eu"), 20.5);   // the shared EU config, its own spend
  EXPECT_EQ(dr.graph().variable("us.adjusted").originating_function, "adjusted__us");
  EXPECT_EQ(dr.graph().variable("eu.adjusted").originating_function, "adjusted__eu");
  EXPECT_EQ(dr.execute({"eu.tax"}).get<double>("eu.tax"), 0.0);  // its own input wins
}

TEST(ParameterizedSubdag, MisuseIsABuildError) {
  auto error_of = [](std::vector<SubdagParameterization> ps, SubdagOptions shared = {}) {
    Module m("fm_psubdag_bad");
    m.add("total", {"adjusted"}, [](double a) { return a; },
          {parameterized_subdag({regional_inner()}, std::move(ps), std::move(shared))});
    return std::string(mtest::build_error(Builder().with_modules(m)).what());
  };
  EXPECT_THAT(error_of({}), HasSubstr("parameterized_subdag: has no parameterizations; give at "
                                      "least one"));
  EXPECT_THAT(error_of({{"a", {}, {{"region", "EU"}}}, {"a", {}, {{"region", "EU"}}}}),
              HasSubstr("names parameterization `a` twice"));
  EXPECT_THAT(error_of({{"not a name", {}, {}}}),
              HasSubstr("parameterization name `not a name` is not an identifier"));
  EXPECT_THAT(error_of({{"a", {}, {{"region", "EU"}}}}, {.name_space = "x"}),
              HasSubstr("sets name_space or final_node_name in the shared options"));
  // a problem inside one sub-graph names it
  EXPECT_THAT(error_of({{"a", {{"doubled", value(1.0)}}, {{"region", "EU"}}}}),
              HasSubstr("input `doubled` is also a node of the subdag"));
}
