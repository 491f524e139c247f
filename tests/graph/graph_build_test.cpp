// Building graphs: resolution, type checks, config, duplicates, cycles, all problems at once.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>

#include "support/build_error.hpp"
#include <limits>
#include <optional>
#include <string>
#include <vector>

using hamilton::Builder;
using hamilton::ErrorCode;
using hamilton::GraphError;
using hamilton::Module;
using Column = std::vector<double>;

HAMILTON_MODULE(registered_for_suggestions);
NODE(int, registered_node, ()) { return 1; }

namespace {

using testing_support::build_error;

const hamilton::Problem* find_problem(const GraphError& e, ErrorCode code,
                                      const std::string& node = "") {
  for (const auto& p : e.problems())
    if (p.code == code && (node.empty() || p.node == node)) return &p;
  return nullptr;
}

}  // namespace

TEST(GraphBuild, ParametersResolveToFunctionsConfigAndInputs) {
  Module m("resolve");
  m.add("a", {"x"}, [](double x) { return x + 1; });
  m.add("b", {"a", "C"}, [](double a, double C) { return a * C; });
  auto dr = Builder().with_modules(m).with_config({{"C", 3.0}}).build();
  const auto& g = dr.graph();
  EXPECT_EQ(g.size(), 4u);
  EXPECT_EQ(g.variable("x").role, hamilton::NodeRole::input);
  EXPECT_TRUE(g.variable("x").is_external_input);
  EXPECT_EQ(g.variable("x").type_name, "double");
  EXPECT_EQ(g.variable("C").role, hamilton::NodeRole::config);
  EXPECT_EQ(g.variable("a").role, hamilton::NodeRole::function);
  EXPECT_EQ(g.variable("b").required_dependencies, (std::vector<std::string>{"a", "C"}));
  // topological order: dependencies come first
  auto vars = g.variables();
  auto pos = [&](const std::string& n) {
    for (std::size_t i = 0; i < vars.size(); ++i)
      if (vars[i].name == n) return i;
    return vars.size();
  };
  EXPECT_LT(pos("x"), pos("a"));
  EXPECT_LT(pos("a"), pos("b"));
  EXPECT_EQ(dr.execute({"b"}, {{"x", 1.0}}).get<double>("b"), 6.0);
}

TEST(GraphBuild, ConfigKeyReplacesFunctionOfTheSameName) {
  Module m("replace");
  m.add("rate", {}, [] { return 1.0; });
  m.add("cost", {"rate"}, [](double rate) { return rate * 100; });
  auto dr = Builder().with_modules(m).with_config({{"rate", 0.5}}).build();
  EXPECT_EQ(dr.graph().variable("rate").role, hamilton::NodeRole::config);
  EXPECT_EQ(dr.execute({"cost"}).get<double>("cost"), 50.0);
}

TEST(GraphBuild, ConfigArithmeticValuesConvertWhenLossless) {
  Module m("convert");
  m.add("scaled", {"x", "C"}, [](double x, double C) { return x * C; });
  m.add("count", {"N"}, [](long N) { return N + 1; });
  auto dr = Builder().with_modules(m).with_config({{"C", 3}, {"N", 4.0}}).build();
  auto r = dr.execute({"scaled", "count"}, {{"x", 2.0}});
  EXPECT_EQ(r.get<double>("scaled"), 6.0);
  EXPECT_EQ(r.get<long>("count"), 5);

  auto e = build_error(Builder().with_modules(m).with_config({{"C", std::string("three")}, {"N", 4.5}}));
  const auto* c = find_problem(e, ErrorCode::config_type, "scaled");
  ASSERT_NE(c, nullptr) << e.what();
  EXPECT_NE(c->message.find("parameter `C` is a double but config `C` holds a std::string"),
            std::string::npos)
      << c->message;
  const auto* n = find_problem(e, ErrorCode::config_type, "count");
  ASSERT_NE(n, nullptr) << e.what();
  EXPECT_NE(n->message.find("cannot be converted to it without loss"), std::string::npos);
}

TEST(GraphBuild, ConfigValuesOutsideTheParameterTypesRangeAreProblemsNotCasts) {
  Module m("ranges");
  m.add("a", {"N"}, [](long N) { return N; });
  m.add("b", {"U"}, [](unsigned U) { return U; });
  m.add("c", {"I"}, [](int I) { return I; });
  m.add("d", {"F"}, [](float F) { return F; });
  auto e = build_error(Builder().with_modules(m).with_config(
      {{"N", 1e20}, {"U", -7.0}, {"I", std::numeric_limits<double>::quiet_NaN()}, {"F", 1e300}}));
  for (const char* node : {"a", "b", "c", "d"}) {
    const auto* p = find_problem(e, ErrorCode::config_type, node);
    ASSERT_NE(p, nullptr) << node << ": " << e.what();
    EXPECT_NE(p->message.find("cannot be converted to it without loss"), std::string::npos)
        << p->message;
  }
  // the ends of the range still convert
  auto dr = Builder()
                .with_modules(m)
                .with_config({{"N", -9223372036854775808.0}, {"U", 4294967295.0},
                              {"I", 2147483647.0}, {"F", 3.0}})
                .build();
  auto r = dr.execute({"a", "b", "c", "d"});
  EXPECT_EQ(r.get<long>("a"), std::numeric_limits<long>::min());
  EXPECT_EQ(r.get<unsigned>("b"), 4294967295u);
  EXPECT_EQ(r.get<int>("c"), 2147483647);
  EXPECT_EQ(r.get<float>("d"), 3.0f);
}

TEST(GraphBuild, FromDoubleGivesNoValueOutsideTheRange) {
  using hamilton::TypeInfo;
  EXPECT_FALSE(TypeInfo::of<int>().from_double(2147483648.0).has_value());
  EXPECT_TRUE(TypeInfo::of<int>().from_double(2147483647.0).has_value());
  EXPECT_FALSE(TypeInfo::of<long>().from_double(9223372036854775808.0).has_value());
  EXPECT_FALSE(TypeInfo::of<unsigned char>().from_double(256.0).has_value());
  EXPECT_EQ(TypeInfo::of<unsigned char>().from_double(255.0).get<unsigned char>(), 255);
  EXPECT_FALSE(TypeInfo::of<unsigned>().from_double(-1.0).has_value());
  EXPECT_FALSE(TypeInfo::of<long>().from_double(std::numeric_limits<double>::infinity()).has_value());
  EXPECT_FALSE(TypeInfo::of<float>().from_double(1e300).has_value());
  EXPECT_TRUE(TypeInfo::of<float>().from_double(std::numeric_limits<double>::infinity()).has_value());
  EXPECT_TRUE(TypeInfo::of<double>().from_double(1e300).has_value());
}

TEST(GraphBuild, EdgeTypeMismatchNamesBothTypesAndBothNodes) {
  Module m("types");
  m.add("spend", {}, [] { return Column{1, 2}; });
  m.add("total", {"spend"}, [](const std::vector<int>& spend) { return spend.size(); });
  auto e = build_error(Builder().with_modules(m));
  const auto* p = find_problem(e, ErrorCode::type_mismatch, "total");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_EQ(p->module, "types");
  EXPECT_NE(p->message.find("parameter `spend` is a std::vector<int> but node `spend`"),
            std::string::npos)
      << p->message;
  EXPECT_NE(p->message.find("produces a std::vector<double>"), std::string::npos);
  EXPECT_NE(p->location.file.find("graph_build_test.cpp"), std::string::npos);
}

TEST(GraphBuild, CvRefQualifiersDoNotMatterOptionalAndAnyParameters) {
  Module m("qualifiers");
  m.add("col", {}, [] { return Column{1, 2, 3}; });
  m.add("by_ref", {"col"}, [](const Column& col) { return col.size(); });
  m.add("by_value", {"col"}, [](Column col) { return col.size(); });
  m.add("maybe", {"col"}, [](std::optional<Column> col) { return col ? col->size() : 0u; });
  m.add("any", {"col"}, [](const hamilton::Value& col) { return col.type().name(); });
  auto dr = Builder().with_modules(m).build();
  auto r = dr.execute({"by_ref", "by_value", "maybe", "any"});
  EXPECT_EQ(r.get<std::size_t>("by_ref"), 3u);
  EXPECT_EQ(r.get<std::size_t>("by_value"), 3u);
  EXPECT_EQ(r.get<std::size_t>("maybe"), 3u);
  EXPECT_EQ(r.get<std::string>("any"), "std::vector<double>");
}

TEST(GraphBuild, OptionalDependencyOnAnInputIsOptional) {
  Module m("optional_input");
  m.add("result", {"base", "bonus"},
        [](double base, std::optional<double> bonus) { return base + bonus.value_or(0.0); });
  auto dr = Builder().with_modules(m).build();
  EXPECT_FALSE(dr.graph().variable("bonus").required);
  EXPECT_EQ(dr.graph().variable("result").optional_dependencies, std::vector<std::string>{"bonus"});
  EXPECT_EQ(dr.execute({"result"}, {{"base", 1.0}}).get<double>("result"), 1.0);
  EXPECT_EQ(dr.execute({"result"}, {{"base", 1.0}, {"bonus", 2.0}}).get<double>("result"), 3.0);
}

TEST(GraphBuild, ConsumersOfOneInputMustAgreeOnItsType) {
  Module m("input_conflict");
  m.add("a", {"spend"}, [](const Column& spend) { return spend.size(); });
  m.add("b", {"spend"}, [](const std::vector<float>& spend) { return spend.size(); });
  m.add("c", {"spend"}, [](const hamilton::Value& spend) { return spend.has_value(); });
  auto e = build_error(Builder().with_modules(m));
  ASSERT_EQ(e.problems().size(), 1u) << e.what();
  const auto& p = e.problems()[0];
  EXPECT_EQ(p.code, ErrorCode::input_type_conflict);
  EXPECT_EQ(p.node, "b");
  EXPECT_NE(p.message.find("external input `spend` is taken as a std::vector<float> here but as a "
                           "std::vector<double> by node `a`"),
            std::string::npos)
      << p.message;
}

TEST(GraphBuild, CyclesAreFoundAtBuildTimeWithTheirPath) {
  Module m("cyclic");
  m.add("a", {"c"}, [](double c) { return c; });
  m.add("b", {"a"}, [](double a) { return a; });
  m.add("c", {"b"}, [](double b) { return b; });
  m.add("ok", {"x"}, [](double x) { return x; });
  m.add("self", {"self"}, [](double self) { return self; });
  auto e = build_error(Builder().with_modules(m));
  std::vector<const hamilton::Problem*> cycles;
  for (const auto& p : e.problems())
    if (p.code == ErrorCode::cycle) cycles.push_back(&p);
  ASSERT_EQ(cycles.size(), 2u) << e.what();
  EXPECT_NE(cycles[0]->message.find("dependency cycle `a` -> `c` -> `b` -> `a`"), std::string::npos)
      << cycles[0]->message;
  EXPECT_NE(cycles[0]->message.find("`b` at module cyclic, "), std::string::npos);
  EXPECT_NE(cycles[1]->message.find("dependency cycle `self` -> `self`"), std::string::npos)
      << cycles[1]->message;
}

TEST(GraphBuild, DuplicatesAcrossModulesAndOverrides) {
  Module first("first"), second("second");
  first.add("value", {}, [] { return 1.0; });
  second.add("value", {}, [] { return 2.0; });
  auto e = build_error(Builder().with_modules(first, second));
  const auto* p = find_problem(e, ErrorCode::duplicate_node, "value");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->module, "second");
  EXPECT_NE(p->message.find("defined more than once: here and in module first"), std::string::npos);
  EXPECT_NE(p->message.find("allow_module_overrides()"), std::string::npos);

  auto dr = Builder().with_modules(first, second).allow_module_overrides().build();
  EXPECT_EQ(dr.execute({"value"}).get<double>("value"), 2.0);
  EXPECT_EQ(dr.graph().variable("value").module, "second");

  // within one module a duplicate stays an error even with overrides allowed
  Module twice("twice");
  twice.add("v", {}, [] { return 1; });
  twice.add("v", {}, [] { return 2; });
  auto e2 = build_error(Builder().with_modules(twice).allow_module_overrides());
  EXPECT_NE(find_problem(e2, ErrorCode::duplicate_node, "v"), nullptr);
}

TEST(GraphBuild, EveryProblemIsReportedTogether) {
  Module m("many_problems");
  m.add("a", {"b"}, [](double b) { return b; });
  m.add("b", {"a"}, [](double a) { return a; });
  m.add("c", {"a"}, [](int a) { return a; });
  auto e = build_error(Builder().with_modules(m, std::string("not_a_module")));
  EXPECT_NE(find_problem(e, ErrorCode::cycle), nullptr);
  EXPECT_NE(find_problem(e, ErrorCode::type_mismatch, "c"), nullptr);
  EXPECT_NE(find_problem(e, ErrorCode::unknown_module), nullptr);
  EXPECT_GE(e.problems().size(), 3u);
  EXPECT_TRUE(e.has(ErrorCode::cycle));
}

TEST(GraphBuild, UnknownModuleSuggestsTheNearestName) {
  auto e = build_error(Builder().with_modules("registered_for_suggestion"));
  const auto* p = find_problem(e, ErrorCode::unknown_module);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->suggestion, "registered_for_suggestions");
  EXPECT_NE(std::string(e.what()).find("no module named `registered_for_suggestion` is registered; "
                                       "registered modules: registered_for_suggestions"),
            std::string::npos)
      << e.what();
  EXPECT_NE(std::string(e.what()).find("(did you mean `registered_for_suggestions`?)"),
            std::string::npos);
}

TEST(GraphBuild, NoModulesIsAnError) {
  auto e = build_error(Builder());
  EXPECT_NE(find_problem(e, ErrorCode::no_modules), nullptr);
}

TEST(GraphBuild, AnyReturningNodesAreCheckedAtRunTime) {
  Module m("any_return");
  m.add("dynamic", {"flag"}, [](bool flag) -> hamilton::Value {
    if (flag) return hamilton::Value(1.5);
    return hamilton::Value(std::string("oops"));
  });
  m.add("use", {"dynamic"}, [](double dynamic) { return dynamic * 2; });
  auto dr = Builder().with_modules(m).build();
  EXPECT_EQ(dr.graph().variable("dynamic").type_name, "hamilton::Value");
  EXPECT_EQ(dr.execute({"use"}, {{"flag", true}}).get<double>("use"), 3.0);
  try {
    dr.execute({"use"}, {{"flag", false}});
    FAIL();
  } catch (const hamilton::ExecutionError& e) {
    EXPECT_EQ(e.node(), "use");
    EXPECT_NE(std::string(e.what()).find("node `dynamic` returned a std::string"),
              std::string::npos)
        << e.what();
  }
}

TEST(GraphBuild, BoundValuesAndSourcesOnParameters) {
  hamilton::NodeSpec spec;
  hamilton::Module m("bound");
  m.add("base", {}, [] { return 10.0; });
  m.add("scaled", {"x", "factor"}, [](double x, double factor) { return x * factor; });
  // rewire the parameters as parameterize(source(...), value(...)) does
  m.visit_nodes([&](const hamilton::NodeSpec& s) {
    if (s.name == "scaled") spec = s;
  });
  spec.name = "scaled_base";
  spec.parameters[0].source = "base";
  spec.parameters[1].value = 3;  // an int bound to a double parameter converts losslessly
  hamilton::Module m2("bound2");
  m2.add(spec);
  auto dr = Builder().with_modules(m, m2).build();
  EXPECT_EQ(dr.graph().variable("scaled_base").required_dependencies,
            std::vector<std::string>{"base"});
  EXPECT_EQ(dr.execute({"scaled_base"}).get<double>("scaled_base"), 30.0);
}
