// Two modules, one node name: each module file puts its NODEs in a namespace of its own, so both
// link into one program; the Builder picks the context by the modules it is given ("replace
// parts of your DAG for different contexts"), and unit tests still call each function directly.
#include <gtest/gtest.h>

#include <hamilton/driver.hpp>
#include <vector>

namespace spend_us {
double spend_mean(const std::vector<double>& spend);
}
namespace spend_eu {
double spend_mean(const std::vector<double>& spend);
}

namespace {
const std::vector<double> kSpend{10, 20, 30};

double run(hamilton::Builder builder) {
  return builder.build().execute({"spend_mean"}, {{"spend", kSpend}}).get<double>("spend_mean");
}
}  // namespace

TEST(SameNodeName, EachModuleLinksAndTheBuilderChoosesOne) {
  EXPECT_DOUBLE_EQ(run(hamilton::Builder().with_modules("spend_us")), 20.0);
  EXPECT_DOUBLE_EQ(run(hamilton::Builder().with_modules("spend_eu")), 18.0);
}

TEST(SameNodeName, AllowModuleOverridesTakesTheLaterModule) {
  EXPECT_DOUBLE_EQ(
      run(hamilton::Builder().with_modules("spend_us", "spend_eu").allow_module_overrides()), 18.0);
  EXPECT_DOUBLE_EQ(
      run(hamilton::Builder().with_modules("spend_eu", "spend_us").allow_module_overrides()), 20.0);
  auto dr =
      hamilton::Builder().with_modules("spend_us", "spend_eu").allow_module_overrides().build();
  EXPECT_EQ(dr.graph().variable("spend_mean").module, "spend_eu");
  EXPECT_EQ(dr.graph().variable("spend_mean").documentation, "Mean spend, in euros.");
}

TEST(SameNodeName, WithoutOverridesBothModulesAreOneDuplicateError) {
  try {
    hamilton::Builder().with_modules("spend_us", "spend_eu").build();
    FAIL() << "expected a GraphError";
  } catch (const hamilton::GraphError& e) {
    EXPECT_TRUE(e.has(hamilton::ErrorCode::duplicate_node)) << e.what();
    EXPECT_NE(std::string(e.what()).find("spend_mean"), std::string::npos) << e.what();
  }
}

TEST(SameNodeName, UnitTestsCallEachFunctionDirectly) {
  EXPECT_DOUBLE_EQ(spend_us::spend_mean(kSpend), 20.0);
  EXPECT_DOUBLE_EQ(spend_eu::spend_mean(kSpend), 18.0);
}
