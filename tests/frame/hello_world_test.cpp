// The hello_world frame from the seed talk must print exactly like
// pandas 1.5.3.
#include <gtest/gtest.h>

#include <sstream>

#include "hamilton/frame.hpp"

namespace {
using hamilton::DataFrame;
using hamilton::Series;

DataFrame hello_world() {
  Series spend({10, 10, 20, 40, 40, 50}, "spend");
  Series signups({1, 10, 50, 100, 200, 400}, "signups");
  Series avg_3wk_spend = spend.rolling(3).mean();
  Series spend_per_signup = spend / signups;
  Series spend_zero_mean_unit_variance = (spend - spend.mean()) / spend.std();
  return DataFrame{{"spend", spend},
                   {"signups", signups},
                   {"avg_3wk_spend", avg_3wk_spend},
                   {"spend_per_signup", spend_per_signup},
                   {"spend_zero_mean_unit_variance", spend_zero_mean_unit_variance}};
}

TEST(HelloWorld, ToStringMatchesPandasExactly) {
  const std::string expected =
      "   spend  signups  avg_3wk_spend  spend_per_signup  "
      "spend_zero_mean_unit_variance\n"
      "0     10        1            NaN            10.000                      "
      "-1.064405\n"
      "1     10       10            NaN             1.000                      "
      "-1.064405\n"
      "2     20       50      13.333333             0.400                      "
      "-0.483821\n"
      "3     40      100      23.333333             0.400                      "
      " 0.677349\n"
      "4     40      200      33.333333             0.200                      "
      " 0.677349\n"
      "5     50      400      43.333333             0.125                      "
      " 1.257934";
  EXPECT_EQ(hello_world().to_string(), expected);
}

TEST(HelloWorld, StreamOperatorPrintsTheSameForShortFrames) {
  std::ostringstream os;
  os << hello_world();
  EXPECT_EQ(os.str(), hello_world().to_string());
}

TEST(HelloWorld, DtypesAndValues) {
  DataFrame df = hello_world();
  EXPECT_EQ(df["spend"].dtype_name(), "int64");
  EXPECT_EQ(df["avg_3wk_spend"].dtype_name(), "float64");
  EXPECT_EQ(df["spend_per_signup"].dtype_name(), "float64");
  EXPECT_EQ(df.num_rows(), 6u);
  EXPECT_EQ(df.num_columns(), 5u);
  EXPECT_DOUBLE_EQ(df["avg_3wk_spend"].at<double>(2), 40.0 / 3);
  EXPECT_DOUBLE_EQ(df["spend_per_signup"].at<double>(5), 0.125);
}
}  // namespace
