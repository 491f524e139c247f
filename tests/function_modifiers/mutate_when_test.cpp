// mutate(...).when / when_not / when_in / when_not_in: per-step config conditions, like step(...).when.
#include <gmock/gmock.h>

#include "test_util.hpp"

using namespace hamilton;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

HAMILTON_MODULE(fm_mutate_when_nodes);
NODE(double, mw_revenue, (double units)) { return units * 10; }
NODE(double, mw_cost, (double units)) { return units * 4; }
NODE(double, _mw_add_fee, (double x, double fee), mutate({"mw_revenue", "mw_cost"}).when({{"fees", true}})) { return x + fee; }
NODE(double, _mw_halve, (double x), mutate({"mw_revenue"}).when_not({{"region", "EU"}})) { return x / 2; }

TEST(MutateWhen, StepAppliesOnlyWhenTheConfigMatches) {
  auto on = Builder().with_modules("fm_mutate_when_nodes").with_config({{"fees", true}, {"region", "US"}}).build();
  EXPECT_THAT(mtest::function_nodes(on),
              ElementsAre("mw_cost", "mw_cost.raw", "mw_cost.with_mw_add_fee", "mw_revenue", "mw_revenue.raw",
                          "mw_revenue.with_mw_add_fee", "mw_revenue.with_mw_halve"));
  auto r = on.execute({"mw_revenue", "mw_cost"}, {{"units", 2.0}, {"fee", 1.0}});
  EXPECT_EQ(r.get<double>("mw_revenue"), 10.5);  // (20 + 1) / 2
  EXPECT_EQ(r.get<double>("mw_cost"), 9.0);

  // fees off: only _mw_halve is added to mw_revenue; mw_cost is left untouched (no `.raw`)
  auto off = Builder().with_modules("fm_mutate_when_nodes").with_config({{"fees", false}, {"region", "US"}}).build();
  EXPECT_THAT(mtest::function_nodes(off), ElementsAre("mw_cost", "mw_revenue", "mw_revenue.raw", "mw_revenue.with_mw_halve"));
  auto r2 = off.execute({"mw_revenue", "mw_cost"}, {{"units", 2.0}});
  EXPECT_EQ(r2.get<double>("mw_revenue"), 10.0);
  EXPECT_EQ(r2.get<double>("mw_cost"), 8.0);

  // no step applies: the targets are plain nodes
  auto none = Builder().with_modules("fm_mutate_when_nodes").with_config({{"fees", false}, {"region", "EU"}}).build();
  EXPECT_THAT(mtest::function_nodes(none), ElementsAre("mw_cost", "mw_revenue"));
  EXPECT_EQ(none.execute({"mw_revenue"}, {{"units", 2.0}}).get<double>("mw_revenue"), 20.0);
}

TEST(MutateWhen, WhenInAndWhenNotInAndSeveralConditions) {
  Module m("fm_mutate_when_in");
  m.add("x", {}, [] { return 1.0; });
  m.add("_plus_ten", {"v"}, [](double v) { return v + 10; }, {mutate({"x"}).when_in({{"env", {"dev", "test"}}})});
  m.add("_times_two", {"v"}, [](double v) { return v * 2; },
        {mutate({"x"}).when_not_in({{"env", {"prod"}}}).when({{"double_it", true}})});
  auto dev = Builder().with_modules(m).with_config({{"env", "dev"}, {"double_it", true}}).build();
  EXPECT_THAT(mtest::function_nodes(dev), ElementsAre("x", "x.raw", "x.with_plus_ten", "x.with_times_two"));
  EXPECT_EQ(dev.execute({"x"}, {}).get<double>("x"), 22.0);
  auto dev_no_double = Builder().with_modules(m).with_config({{"env", "dev"}, {"double_it", false}}).build();
  EXPECT_EQ(dev_no_double.execute({"x"}, {}).get<double>("x"), 11.0);
  auto prod = Builder().with_modules(m).with_config({{"env", "prod"}, {"double_it", true}}).build();
  EXPECT_THAT(mtest::function_nodes(prod), ElementsAre("x"));
  EXPECT_EQ(prod.execute({"x"}, {}).get<double>("x"), 1.0);
}

TEST(MutateWhen, MissingConfigKeyIsABuildErrorLikeStepWhen) {
  Module m("fm_mutate_when_missing");
  m.add("x", {}, [] { return 1.0; });
  m.add("_bump", {"v"}, [](double v) { return v + 1; }, {mutate({"x"}).when({{"bump", true}})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::config, "x");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("mutate: step `_bump`: config_when:"));
  EXPECT_THAT(p->message, HasSubstr("bump"));
  // when_not treats a missing key as "not equal": the step applies
  Module n("fm_mutate_when_not_missing");
  n.add("x", {}, [] { return 1.0; });
  n.add("_bump", {"v"}, [](double v) { return v + 1; }, {mutate({"x"}).when_not({{"bump", false}})});
  EXPECT_EQ(Builder().with_modules(n).build().execute({"x"}, {}).get<double>("x"), 2.0);
}

TEST(MutateWhen, MutateStillConvertsToAModifier) {
  Modifier plain = mutate({"x"});
  Modifier conditioned = mutate({"x"}, {{"k", value(1.0)}}).when({{"a", 1}});
  EXPECT_EQ(plain->name(), "mutate");
  EXPECT_EQ(conditioned->name(), "mutate");
  auto mm = mutate({"x"}).when({{"a", 1}}).when_not_in({{"b", {2, 3}}});
  EXPECT_EQ(mm.conditions().size(), 2u);
  EXPECT_EQ(mm.conditions()[1].modifier_name(), "config_when_not_in");
}
