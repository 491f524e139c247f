// The programmatic module API under the macros.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>
#include <string>

TEST(ModuleApi, LambdasFunctionPointersAndCapturedState) {
  hamilton::Module m("programmatic");
  double factor = 10;
  m.add("scaled", {"x"}, [factor](double x) { return x * factor; }, {hamilton::doc("x times ten")});
  m.add("shout", {"word"}, +[](const std::string& word) { return word + "!"; });
  EXPECT_EQ(m.size(), 2u);
  auto dr = hamilton::Builder().with_modules(m).build();
  auto r = dr.execute({"scaled", "shout"}, {{"x", 1.5}, {"word", "hi"}});
  EXPECT_EQ(r.get<double>("scaled"), 15.0);
  EXPECT_EQ(r.get<std::string>("shout"), "hi!");
  EXPECT_EQ(dr.graph().variable("scaled").documentation, "x times ten");
  EXPECT_NE(dr.graph().variable("scaled").location.file.find("module_api_test.cpp"),
            std::string::npos);
}

TEST(ModuleApi, WrongNumberOfNamesIsABuildError) {
  hamilton::Module m("wrong_names");
  m.add("f", {"a"}, [](double a, double b) { return a + b; });
  try {
    hamilton::Builder().with_modules(m).build();
    FAIL();
  } catch (const hamilton::GraphError& e) {
    EXPECT_NE(std::string(e.what()).find("has 2 parameter(s) but 1 parameter name(s)"),
              std::string::npos)
        << e.what();
  }
}

TEST(ModuleApi, TypeErasedNodeSpec) {
  hamilton::NodeSpec spec;
  spec.name = "erased";
  spec.type = &hamilton::TypeInfo::of<double>();
  hamilton::Parameter p;
  p.name = "x";
  p.type = &hamilton::TypeInfo::of<double>();
  spec.parameters.push_back(p);
  spec.callable = hamilton::Callable(
      std::make_shared<int>(0), [](const void*, const hamilton::Value* slots, const std::uint32_t* args) {
        return hamilton::Value(slots[args[0]].get<double>() + 1);
      });
  hamilton::Module m("erased_module");
  m.add(std::move(spec));
  auto dr = hamilton::Builder().with_modules(m).build();
  EXPECT_EQ(dr.execute({"erased"}, {{"x", 1.0}}).get<double>("erased"), 2.0);
}
