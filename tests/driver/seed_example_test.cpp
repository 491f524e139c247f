// The talk's driver example, end to end over std::vector<double> columns:
// spend, signups -> avg_3wk_spend, spend_per_signup, spend_shift_3weeks,
// spend_shift_3weeks_per_signup, with a config value C.
#include <gtest/gtest.h>

#include <cmath>
#include <hamilton/hamilton.hpp>
#include <limits>
#include <vector>

using Column = std::vector<double>;

HAMILTON_MODULE(seed_features);

NODE(Column, avg_3wk_spend, (const Column& spend), doc("Rolling 3 week average spend.")) {
  Column out(spend.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 2; i < spend.size(); ++i) out[i] = (spend[i] + spend[i - 1] + spend[i - 2]) / 3;
  return out;
}

NODE(Column, spend_per_signup, (const Column& spend, const Column& signups),
     doc("The cost per signup in relation to spend.")) {
  Column out(spend.size());
  for (std::size_t i = 0; i < spend.size(); ++i) out[i] = spend[i] / signups[i];
  return out;
}

NODE(Column, spend_shift_3weeks, (const Column& spend), doc("Spend shifted by 3 weeks.")) {
  Column out(spend.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 3; i < spend.size(); ++i) out[i] = spend[i - 3];
  return out;
}

NODE(Column, spend_shift_3weeks_per_signup, (const Column& spend_shift_3weeks, const Column& signups),
     doc("Shifted spend per signup.")) {
  Column out(signups.size());
  for (std::size_t i = 0; i < signups.size(); ++i) out[i] = spend_shift_3weeks[i] / signups[i];
  return out;
}

NODE(double, special_feature, (const Column& spend_per_signup, double C),
     doc("Uses the config value C.")) {
  double s = 0;
  for (double x : spend_per_signup) s += x;
  return s * C;
}

TEST(SeedExample, RunsOnlyWhatTheOutputsNeed) {
  auto dr = hamilton::Builder().with_modules("seed_features").with_config({{"C", 3}}).build();
  Column spend{10, 10, 20, 40, 40, 50};
  Column signups{1, 10, 50, 100, 200, 400};
  auto result = dr.execute({"spend", "signups", "avg_3wk_spend", "spend_per_signup",
                            "spend_shift_3weeks_per_signup", "special_feature"},
                           {{"spend", spend}, {"signups", signups}});
  ASSERT_EQ(result.names(),
            (std::vector<std::string>{"spend", "signups", "avg_3wk_spend", "spend_per_signup",
                                      "spend_shift_3weeks_per_signup", "special_feature"}));
  EXPECT_EQ(result.get<Column>("spend"), spend);
  const auto& avg = result.get<Column>("avg_3wk_spend");
  EXPECT_TRUE(std::isnan(avg[0]) && std::isnan(avg[1]));
  EXPECT_NEAR(avg[2], 13.333333, 1e-6);
  EXPECT_NEAR(avg[5], 43.333333, 1e-6);
  EXPECT_EQ(result.get<Column>("spend_per_signup"), (Column{10, 1, 0.4, 0.4, 0.2, 0.125}));
  const auto& shifted = result.get<Column>("spend_shift_3weeks_per_signup");
  EXPECT_TRUE(std::isnan(shifted[2]));
  EXPECT_DOUBLE_EQ(shifted[3], 0.1);
  EXPECT_DOUBLE_EQ(shifted[5], 20.0 / 400);
  EXPECT_DOUBLE_EQ(result.get<double>("special_feature"), (10 + 1 + 0.4 + 0.4 + 0.2 + 0.125) * 3);
  // the built result of the default DictResult is the outputs themselves
  EXPECT_EQ(result.builder(), "DictResult");
  EXPECT_EQ(result.as<hamilton::Outputs>().size(), 6u);
}

TEST(SeedExample, ListingShowsDocsTypesAndModules) {
  auto dr = hamilton::Builder().with_modules("seed_features").with_config({{"C", 3}}).build();
  auto vars = dr.list_available_variables();
  ASSERT_EQ(vars.size(), 8u);  // 5 functions, 2 inputs, 1 config
  auto v = dr.graph().variable("spend_per_signup");
  EXPECT_EQ(v.documentation, "The cost per signup in relation to spend.");
  EXPECT_EQ(v.type_name, "std::vector<double>");
  EXPECT_EQ(v.module, "seed_features");
  EXPECT_EQ(v.required_dependencies, (std::vector<std::string>{"spend", "signups"}));
  EXPECT_NE(v.location.to_string().find("seed_example_test.cpp:"), std::string::npos);
}
