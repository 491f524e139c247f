#include <gtest/gtest.h>
#include <hamilton/hamilton.hpp>
#include <vector>

HAMILTON_MODULE(smoke);
NODE(double, twice, (double x), doc("Twice x.")) { return 2 * x; }
NODE(double, plus, (double twice, double y)) { return twice + y; }

TEST(Smoke, Runs) {
  auto dr = hamilton::Builder().with_modules("smoke").build();
  auto r = dr.execute({"plus"}, {{"x", 2.0}, {"y", 1.0}});
  EXPECT_EQ(r.get<double>("plus"), 5.0);
}
