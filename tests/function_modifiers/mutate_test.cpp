// mutate: a transform declared once, appended to targets as pipe_output steps.
#include <gmock/gmock.h>

#include "test_util.hpp"

using namespace hamilton;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

HAMILTON_MODULE(fm_mutate_nodes);
NODE(double, revenue, (double units)) { return units * 10; }
NODE(double, cost, (double units)) { return units * 4; }
NODE(double, _add_fee, (double x, double fee), mutate({"revenue", "cost"})) { return x + fee; }
NODE(double, _halve, (double x, double denominator), mutate({"revenue"}, {{"denominator", value(2.0)}})) {
  return x / denominator;
}

TEST(Mutate, AppendsStepsToTargets) {
  auto dr = Builder().with_modules("fm_mutate_nodes").build();
  EXPECT_THAT(mtest::function_nodes(dr),
              ElementsAre("cost", "cost.raw", "cost.with_add_fee", "revenue", "revenue.raw",
                          "revenue.with_add_fee", "revenue.with_halve"));
  auto r = dr.execute({"revenue", "cost"}, {{"units", 2.0}, {"fee", 1.0}});
  EXPECT_EQ(r.get<double>("revenue"), 10.5);  // (20 + 1) / 2
  EXPECT_EQ(r.get<double>("cost"), 9.0);
  EXPECT_FALSE(dr.graph().contains("_add_fee"));
}

TEST(Mutate, UnknownTargetIsABuildError) {
  Module m("fm_mutate_bad");
  m.add("t", {"x"}, [](double x) { return x; }, {mutate({"nowhere"})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::unknown_target, "t");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("mutate: targets `nowhere`, which module fm_mutate_bad does not define"));
  EXPECT_THAT(p->message,
              HasSubstr("a mutate targets functions of its own module, as in Python Hamilton"));
}
