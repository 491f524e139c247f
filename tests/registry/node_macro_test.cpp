// NODE and HAMILTON_MODULE: registration, types, and NODE functions as ordinary functions.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

HAMILTON_MODULE(macro_module);

NODE(double, total, (const std::vector<double>& xs), doc("Sum of xs.")) {
  double s = 0;
  for (double x : xs) s += x;
  return s;
}

NODE(std::string, label, (const std::map<std::string, int>& counts, std::optional<int> limit),
     tag("owner", "fed")) {
  return std::to_string(counts.size()) + "/" + (limit ? std::to_string(*limit) : "none");
}

NODE(hamilton::Value, anything, (hamilton::Value x)) { return x; }

namespace user_space {
NODE(int, in_a_namespace, (int base)) { return base + 1; }
}  // namespace user_space

TEST(NodeMacro, NodeFunctionsAreOrdinaryFunctions) {
  EXPECT_EQ(total({1.0, 2.0, 3.5}), 6.5);
  EXPECT_EQ(label({{"a", 1}}, std::nullopt), "1/none");
  EXPECT_EQ(user_space::in_a_namespace(41), 42);
}

TEST(NodeMacro, RegistersNodesWithNamesTypesAndLocations) {
  auto m = hamilton::find_module("macro_module");
  ASSERT_TRUE(m.has_value());
  auto nodes = m->nodes();
  ASSERT_EQ(nodes.size(), 4u);
  EXPECT_EQ(nodes[0].name, "total");
  EXPECT_EQ(nodes[0].type->name(), "double");
  ASSERT_EQ(nodes[0].parameters.size(), 1u);
  EXPECT_EQ(nodes[0].parameters[0].name, "xs");
  EXPECT_EQ(nodes[0].parameters[0].type->name(), "std::vector<double>");
  EXPECT_NE(nodes[0].location.file.find("node_macro_test.cpp"), std::string::npos);
  EXPECT_EQ(nodes[0].location.line, 12);

  EXPECT_EQ(nodes[1].name, "label");
  EXPECT_EQ(nodes[1].type->name(), "std::string");
  EXPECT_EQ(nodes[1].parameters[0].type->name(), "std::map<std::string, int>");
  EXPECT_FALSE(nodes[1].parameters[0].optional);
  EXPECT_TRUE(nodes[1].parameters[1].optional);
  EXPECT_EQ(nodes[1].parameters[1].type->name(), "int");

  EXPECT_TRUE(nodes[2].returns_any);
  EXPECT_TRUE(nodes[2].parameters[0].any);
  EXPECT_EQ(nodes[3].name, "in_a_namespace");
  EXPECT_EQ(nodes[3].module, "macro_module");
}

TEST(NodeMacro, ModifiersApplyWhenTheGraphIsBuilt) {
  auto dr = hamilton::Builder().with_modules("macro_module").build();
  auto v = dr.graph().variable("total");
  EXPECT_EQ(v.documentation, "Sum of xs.");
  EXPECT_EQ(v.tags.at("module"), std::vector<std::string>{"macro_module"});
  EXPECT_EQ(dr.graph().variable("label").tags.at("owner"), std::vector<std::string>{"fed"});
}

TEST(NodeMacro, RegisteredModulesAreListed) {
  auto names = hamilton::registered_modules();
  EXPECT_NE(std::find(names.begin(), names.end(), "macro_module"), names.end());
  EXPECT_FALSE(hamilton::find_module("no_such_module").has_value());
}
