// hello_world through the driver: the same values and printout as Python Hamilton 1.88.
#include <gtest/gtest.h>

#include <cmath>
#include <hamilton/frame.hpp>
#include <hamilton/hamilton.hpp>
#include <hamilton/result/dataframe_result.hpp>

namespace {
hamilton::Driver hello_world_driver() {
  return hamilton::Builder()
      .with_modules("my_functions")
      .with_result_builder(hamilton::DataFrameResult())
      .build();
}
const std::vector<std::string> kOutputs = {"spend", "signups", "avg_3wk_spend", "spend_per_signup",
                                           "spend_zero_mean_unit_variance"};
hamilton::Inputs inputs() {
  return {{"signups", hamilton::Series{1, 10, 50, 100, 200, 400}},
          {"spend", hamilton::Series{10, 10, 20, 40, 40, 50}}};
}
}  // namespace

TEST(HelloWorld, MatchesPythonHamiltonToSixDecimals) {
  auto df = hello_world_driver().execute<hamilton::DataFrame>(kOutputs, inputs());
  ASSERT_EQ(df.column_names(), kOutputs);
  ASSERT_EQ(df.num_rows(), 6u);
  const auto& avg = df["avg_3wk_spend"];
  EXPECT_TRUE(std::isnan(avg.at<double>(0)));
  EXPECT_TRUE(std::isnan(avg.at<double>(1)));
  const double expected_avg[] = {13.333333, 23.333333, 33.333333, 43.333333};
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(avg.at<double>(i + 2), expected_avg[i], 5e-7);
  const double per_signup[] = {10.0, 1.0, 0.4, 0.4, 0.2, 0.125};
  const double unit_var[] = {-1.064405, -1.064405, -0.483821, 0.677349, 0.677349, 1.257934};
  for (int i = 0; i < 6; ++i) {
    EXPECT_NEAR(df["spend_per_signup"].at<double>(i), per_signup[i], 5e-7);
    EXPECT_NEAR(df["spend_zero_mean_unit_variance"].at<double>(i), unit_var[i], 5e-7);
  }
  EXPECT_EQ(df["spend"].dtype_name(), "int64");
  EXPECT_EQ(df.to_string(),
            "   spend  signups  avg_3wk_spend  spend_per_signup  spend_zero_mean_unit_variance\n"
            "0     10        1            NaN            10.000                      -1.064405\n"
            "1     10       10            NaN             1.000                      -1.064405\n"
            "2     20       50      13.333333             0.400                      -0.483821\n"
            "3     40      100      23.333333             0.400                       0.677349\n"
            "4     40      200      33.333333             0.200                       0.677349\n"
            "5     50      400      43.333333             0.125                       1.257934");
}

TEST(HelloWorld, GraphHasSixFunctionsAndTwoInputs) {
  auto vars = hello_world_driver().list_available_variables();
  int functions = 0, inputs_count = 0;
  for (const auto& v : vars) (v.is_external_input ? inputs_count : functions)++;
  EXPECT_EQ(functions, 6);
  EXPECT_EQ(inputs_count, 2);
}

TEST(HelloWorld, ScalarsComputedButNotReturned) {
  auto r = hello_world_driver().execute({"spend_mean", "spend_std_dev"}, inputs());
  EXPECT_NEAR(r.get<double>("spend_mean"), 28.333333, 5e-7);
  EXPECT_NEAR(r.get<double>("spend_std_dev"), 17.224014, 5e-7);
}
