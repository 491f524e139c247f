// parameterize, parameterize_values, parameterize_sources, inject, group.
#include <gmock/gmock.h>

#include <map>

#include "test_util.hpp"

using namespace hamilton;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

HAMILTON_MODULE(fm_parameterize_nodes);
NODE(double, scaled, (double x, double factor),
     parameterize({{"spend_scaled", {{"x", source("spend")}, {"factor", value(2.0)}}},
                   {"clicks_scaled", {{"x", source("clicks")}, {"factor", value(3)}}, "Clicks, tripled."}}),
     doc("{x} times {factor}.")) {
  return x * factor;
}

TEST(Parameterize, OneFunctionSeveralNodes) {
  auto dr = Builder().with_modules("fm_parameterize_nodes").build();
  EXPECT_THAT(mtest::function_nodes(dr), ElementsAre("clicks_scaled", "spend_scaled"));
  auto r = dr.execute({"spend_scaled", "clicks_scaled"}, {{"spend", 10.0}, {"clicks", 5.0}});
  EXPECT_EQ(r.get<double>("spend_scaled"), 20.0);
  EXPECT_EQ(r.get<double>("clicks_scaled"), 15.0);  // int literal 3 converted to double
  auto v = dr.graph().variable("spend_scaled");
  EXPECT_EQ(v.documentation, "spend times 2.0.");  // Python's str(2.0)
  EXPECT_EQ(v.originating_function, "scaled");
  EXPECT_THAT(v.required_dependencies, ElementsAre("spend"));
  EXPECT_EQ(dr.graph().variable("clicks_scaled").documentation, "Clicks, tripled.");
  EXPECT_FALSE(dr.graph().contains("factor"));
  EXPECT_FALSE(dr.graph().contains("scaled"));
}

TEST(Parameterize, UnknownParameterIsABuildError) {
  Module m("fm_parameterize_unknown");
  m.add("f", {"x"}, [](double x) { return x; },
        {parameterize({{"out", {{"y", value(1.0)}}}})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::unknown_parameter, "out");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("parameterize: output `out` binds parameter `y`, which function `f` does not take (its parameters: `x`)"));
}

TEST(Parameterize, BoundValueOfWrongTypeIsABuildError) {
  Module m("fm_parameterize_bad_value");
  m.add("f", {"x"}, [](double x) { return x; }, {parameterize({{"out", {{"x", value("text")}}}})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::bound_value_type, "out");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("std::string"));
}

TEST(Parameterize, DuplicateOutputsAndEmptyAreErrors) {
  Module m("fm_parameterize_dupes");
  m.add("f", {"x"}, [](double x) { return x; },
        {parameterize({{"o", {{"x", value(1.0)}}}, {"o", {{"x", value(2.0)}}}})});
  m.add("g", {"x"}, [](double x) { return x; }, {parameterize(std::vector<modifiers::Parameterization>{})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::bad_modifier, "f");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("names output `o` twice"));
  ASSERT_NE(mtest::find_problem(e, ErrorCode::bad_modifier, "g"), nullptr);
}

TEST(Parameterize, OnlyOneExpander) {
  Module m("fm_parameterize_two");
  m.add("f", {"x"}, [](double x) { return x; },
        {parameterize_values("x", {{"a", 1.0}}), parameterize_values("x", {{"b", 2.0}})});
  auto e = mtest::build_error(Builder().with_modules(m));
  ASSERT_TRUE(e.has(ErrorCode::multiple_expanders)) << e.what();
}

TEST(ParameterizeValues, LiteralsOnly) {
  Module m("fm_parameterize_values");
  m.add("times", {"x", "k"}, [](double x, double k) { return x * k; },
        {parameterize_values("k", {{"double_it", 2.0, "Doubles x."}, {"triple_it", 3.0}}), doc("x times {k}")});
  auto dr = Builder().with_modules(m).build();
  auto r = dr.execute({"double_it", "triple_it"}, {{"x", 1.5}});
  EXPECT_EQ(r.get<double>("double_it"), 3.0);
  EXPECT_EQ(r.get<double>("triple_it"), 4.5);
  EXPECT_EQ(dr.graph().variable("double_it").documentation, "Doubles x.");
  EXPECT_EQ(dr.graph().variable("triple_it").documentation, "x times 3.0");
}

TEST(ParameterizeSources, SourcesOnly) {
  Module m("fm_parameterize_sources");
  m.add("a", {}, [] { return 4.0; });
  m.add("b", {}, [] { return 6.0; });
  m.add("half", {"x"}, [](double x) { return x / 2; },
        {parameterize_sources({{"a_half", {{"x", "a"}}}, {"b_half", {{"x", "b"}}}})});
  auto dr = Builder().with_modules(m).build();
  auto r = dr.execute({"a_half", "b_half"}, {});
  EXPECT_EQ(r.get<double>("a_half"), 2.0);
  EXPECT_EQ(r.get<double>("b_half"), 3.0);
}

TEST(Parameterize, ConfigurationSpec) {
  Module m("fm_parameterize_configuration");
  m.add("f", {"x"}, [](int x) { return x * 10; }, {parameterize({{"out", {{"x", configuration("level")}}}})});
  auto dr = Builder().with_modules(m).with_config({{"level", 4}}).build();
  EXPECT_EQ(dr.execute({"out"}, {}).get<int>("out"), 40);
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::missing_config, "out");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("configuration(\"level\")"));
}

TEST(Group, TypedGroupCollectsIntoVector) {
  Module m("fm_group_typed");
  m.add("a", {}, [] { return 1.0; });
  m.add("b", {}, [] { return 2.0; });
  m.add("total", {"values", "scale"},
        [](const std::vector<double>& values, double scale) {
          double s = 0;
          for (double v : values) s += v;
          return s * scale;
        },
        {inject({{"values", group<double>(source("a"), source("b"), value(4.0))}})});
  auto dr = Builder().with_modules(m).build();
  EXPECT_EQ(dr.execute({"total"}, {{"scale", 2.0}}).get<double>("total"), 14.0);
  auto v = dr.graph().variable("total");
  EXPECT_THAT(v.required_dependencies, ElementsAre("a", "b", "scale"));
}

TEST(Group, UntypedGroupGivesValues) {
  Module m("fm_group_untyped");
  m.add("label", {}, [] { return std::string("x"); });
  m.add("count", {"items"}, [](const std::vector<Value>& items) { return items.size(); },
        {inject({{"items", group(source("label"), value(3), value(2.5))}})});
  auto dr = Builder().with_modules(m).build();
  EXPECT_EQ(dr.execute({"count"}, {}).get<std::size_t>("count"), 3u);
}

TEST(Group, ElementTypeMismatchIsABuildError) {
  Module m("fm_group_mismatch");
  m.add("a", {}, [] { return 1.0; });
  m.add("f", {"values"}, [](const std::vector<int>& v) { return v.size(); },
        {inject({{"values", group<double>(source("a"))}})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::group_type, "f");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("inject: binds parameter `values` (a std::vector<int>) to a group, which makes a std::vector<double>"));
}

TEST(Group, ItemTypeIsCheckedAgainstProducer) {
  Module m("fm_group_item_type");
  m.add("s", {}, [] { return std::string("x"); });
  m.add("f", {"values"}, [](const std::vector<double>& v) { return v.size(); },
        {inject({{"values", group<double>(source("s"))}})});
  auto e = mtest::build_error(Builder().with_modules(m));
  ASSERT_TRUE(e.has(ErrorCode::type_mismatch)) << e.what();
}

TEST(Group, DictFormCollectsIntoAMapByName) {
  Module m("fm_group_dict");
  m.add("us_spend", {}, [] { return 10.0; });
  m.add("eu_spend", {}, [] { return 5.0; });
  m.add("weighted", {"spends"},
        [](const std::map<std::string, double>& spends) {
          return spends.at("us") * 2 + spends.at("eu") + spends.at("floor");
        },
        {inject({{"spends", group<double>({{"us", source("us_spend")},
                                           {"eu", source("eu_spend")},
                                           {"floor", value(1.0)}})}})});
  auto dr = Builder().with_modules(m).build();
  EXPECT_EQ(dr.execute({"weighted"}, {}).get<double>("weighted"), 26.0);
  EXPECT_THAT(dr.graph().variable("weighted").required_dependencies,
              ElementsAre("us_spend", "eu_spend"));
}

TEST(Group, UntypedDictFormGivesValues) {
  Module m("fm_group_dict_untyped");
  m.add("label", {}, [] { return std::string("x"); });
  m.add("describe", {"items"},
        [](const std::map<std::string, Value>& items) {
          return items.at("name").get<std::string>() + std::to_string(items.at("n").get<int>());
        },
        {inject({{"items", group({{"name", source("label")}, {"n", value(3)}})}})});
  auto dr = Builder().with_modules(m).build();
  EXPECT_EQ(dr.execute({"describe"}, {}).get<std::string>("describe"), "x3");
}

TEST(Group, DictFormMisuseIsABuildError) {
  Module m("fm_group_dict_bad");
  m.add("a", {}, [] { return 1.0; });
  m.add("as_vector", {"values"}, [](const std::vector<double>& v) { return v.size(); },
        {inject({{"values", group<double>({{"x", source("a")}})}})});
  m.add("twice", {"values"}, [](const std::map<std::string, double>& v) { return v.size(); },
        {inject({{"values", group<double>({{"x", source("a")}, {"x", value(2.0)}})}})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::group_type, "as_vector");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("binds parameter `values` (a std::vector<double>) to a group, "
                                    "which makes a std::map<"));
  EXPECT_THAT(p->message, HasSubstr("write group<T>({...})"));
  const auto* twice = mtest::find_problem(e, ErrorCode::bad_binding, "twice");
  ASSERT_NE(twice, nullptr) << e.what();
  EXPECT_THAT(twice->message, HasSubstr("binds parameter `values` to a group naming `x` twice"));
}

TEST(Inject, KeepsTheNameAndRewires) {
  Module m("fm_inject");
  m.add("base", {}, [] { return 5; });
  m.add("plus", {"x", "y"}, [](int x, int y) { return x + y; },
        {inject({{"x", source("base")}, {"y", value(7)}})});
  auto dr = Builder().with_modules(m).build();
  EXPECT_EQ(dr.execute({"plus"}, {}).get<int>("plus"), 12);
  EXPECT_THAT(mtest::function_nodes(dr), ElementsAre("base", "plus"));
}

TEST(Inject, UnknownParameter) {
  Module m("fm_inject_unknown");
  m.add("plus", {"x"}, [](int x) { return x; }, {inject({{"nope", value(7)}})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::unknown_parameter, "plus");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("inject: binds parameter `nope`, which function `plus` does not take"));
}

TEST(Parameterize, WithCheckOutputValidatesEveryOutput) {
  Module m("fm_parameterize_check");
  m.add("ratio", {"x", "k"}, [](double x, double k) { return x * k; },
        {parameterize_values("k", {{"small", 1.0}, {"large", 100.0}}), check_output(dq::range(0.0, 50.0))});
  auto dr = Builder().with_modules(m).build();
  EXPECT_THAT(mtest::function_nodes(dr),
              ElementsAre("large", "large_range_validator", "large_raw", "small", "small_range_validator",
                          "small_raw"));
  auto r = dr.execute({"small", "large"}, {{"x", 2.0}});
  EXPECT_EQ(r.get<double>("large"), 200.0);
  auto rep = dq::report(r);
  ASSERT_EQ(rep.size(), 2u);
  EXPECT_EQ(rep.failed(), 1u);
  EXPECT_FALSE(rep.for_node("large")[0].passes);
  EXPECT_TRUE(rep.for_node("small")[0].passes);
}

TEST(Parameterize, WithConfigWhen) {
  Module m("fm_parameterize_config");
  m.add("f__a", {"x"}, [](int x) { return x; },
        {config_when({{"on", true}}), parameterize_values("x", {{"one", 1}, {"two", 2}})});
  EXPECT_THAT(mtest::function_nodes(Builder().with_modules(m).with_config({{"on", true}}).build()),
              ElementsAre("one", "two"));
  EXPECT_TRUE(mtest::function_nodes(Builder().with_modules(m).with_config({{"on", false}}).build()).empty());
}
