// NODEs with unnamed parameters compile (they are valid C++) but the graph refuses them, naming
// file:line. A default argument in a NODE does not even compile (NODE declares the function
// before defining it, and C++ forbids repeating a default argument); the same rule is enforced
// for parameter lists read at run time, e.g. by bindings, with a message naming file:line.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>

HAMILTON_MODULE(bad_nodes);

NODE(double, unnamed, (double x, double)) { return x; }

namespace {
double scale(double x, double factor) { return x * factor; }
}  // namespace

TEST(BadNodes, UnnamedParametersAndDefaultArgumentsAreBuildErrorsWithFileAndLine) {
  hamilton::find_module("bad_nodes")
      ->add_declared("with_default", "(double x, double factor = 2.0)", &scale, "features.cpp", 42,
                     "", {});
  try {
    hamilton::Builder().with_modules("bad_nodes").build();
    FAIL() << "expected GraphError";
  } catch (const hamilton::GraphError& e) {
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    const auto& p0 = e.problems()[0];
    EXPECT_EQ(p0.code, hamilton::ErrorCode::bad_node);
    EXPECT_EQ(p0.node, "unnamed");
    EXPECT_EQ(p0.module, "bad_nodes");
    EXPECT_EQ(p0.location.line, 11);
    EXPECT_NE(p0.message.find("parameter 2 (`double`) has no name"), std::string::npos)
        << p0.message;
    const auto& p1 = e.problems()[1];
    EXPECT_EQ(p1.node, "with_default");
    EXPECT_EQ(p1.location.to_string(), "features.cpp:42");
    EXPECT_NE(p1.message.find("parameter `factor` has a default argument"), std::string::npos);
    std::string what = e.what();
    EXPECT_NE(what.find("bad_node_test.cpp:11: node `unnamed` (module bad_nodes)"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("features.cpp:42: node `with_default` (module bad_nodes)"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("cannot build the graph (2 problems)"), std::string::npos) << what;
  }
}
