// The per-request path: `dr.execute(names, inputs)` in a loop finds its cached plan by the
// request's names (compared by content), and the result hands out values by position and name.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>
#include <string>
#include <vector>

using hamilton::Builder;
using hamilton::Module;

namespace {

Module arithmetic() {
  Module m("row_path");
  m.add("sum", {"a", "b"}, [](double a, double b) { return a + b; });
  m.add("diff", {"a", "b"}, [](double a, double b) { return a - b; });
  m.add("ab", {"a"}, [](double a) { return a * 10; });
  m.add("c", {"b"}, [](double b) { return b * 100; });
  m.add("label", {"sum"}, [](double s) { return std::to_string(static_cast<int>(s)); });
  return m;
}

}  // namespace

TEST(RowPath, ResultGivesValuesByPositionInRequestOrder) {
  auto dr = Builder().with_modules(arithmetic()).build();
  auto r = dr.execute({"diff", "label", "sum"}, {{"a", 5.0}, {"b", 2.0}});
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r.name(0), "diff");
  EXPECT_EQ(r.name(1), "label");
  EXPECT_EQ(r.name(2), "sum");
  EXPECT_EQ(r.get<double>(0), 3.0);
  EXPECT_EQ(r.get<std::string>(1), "7");
  EXPECT_EQ(r.at(2).get<double>(), 7.0);
  EXPECT_EQ(r[std::size_t{2}].get<double>(), 7.0);
  EXPECT_EQ(r.get<double>("sum"), 7.0);  // by name too
  EXPECT_EQ(r.outputs().get<double>(0), 3.0);
  // the DictResult's product is the same outputs
  const auto& dict = r.as<hamilton::Outputs>();
  EXPECT_EQ(dict.names(), (std::vector<std::string>{"diff", "label", "sum"}));
  EXPECT_EQ(dict.get<double>(2), 7.0);
}

TEST(RowPath, PositionOutOfRangeOrWrongTypeIsAClearError) {
  auto dr = Builder().with_modules(arithmetic()).build();
  auto r = dr.execute({"sum", "label"}, {{"a", 1.0}, {"b", 2.0}});
  try {
    (void)r.at(2);
    FAIL() << "expected an error";
  } catch (const hamilton::Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "no output at position 2: there are 2 outputs, at positions 0 to 1 in the order "
              "they were requested");
  }
  try {
    (void)r.get<double>(1);
    FAIL() << "expected a ValueTypeError";
  } catch (const hamilton::ValueTypeError& e) {
    EXPECT_NE(std::string(e.what()).find("output `label` is a std::string, not a double"),
              std::string::npos)
        << e.what();
  }
  hamilton::Result empty;
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_TRUE(empty.names().empty());
  try {
    (void)empty.at(0);
    FAIL() << "expected an error";
  } catch (const hamilton::Error& e) {
    EXPECT_EQ(std::string(e.what()), "no output at position 0: there are no outputs");
  }
  hamilton::Outputs none;
  EXPECT_TRUE(none.names().empty());
  EXPECT_FALSE(none.contains("sum"));
  EXPECT_THROW((void)none.at("sum"), hamilton::Error);
}

TEST(RowPath, ARepeatedRequestReusesItsPlanInALoop) {
  auto dr = Builder().with_modules(arithmetic()).build();
  const std::vector<std::string> names{"sum", "diff"};
  for (int i = 0; i < 50; ++i) {
    double a = i, b = 0.5 * i;
    auto r = dr.execute(names, {{"a", a}, {"b", b}});
    ASSERT_EQ(r.get<double>(0), a + b);
    ASSERT_EQ(r.get<double>(1), a - b);
  }
  EXPECT_EQ(dr.cached_plans(), 1u);
}

TEST(RowPath, ADifferentRequestNeverGetsAnotherRequestsPlan) {
  auto dr = Builder().with_modules(arithmetic()).build();
  const hamilton::Inputs in{{"a", 3.0}, {"b", 4.0}};
  // the same names in another order: another plan, outputs in that order
  auto r1 = dr.execute({"sum", "diff"}, in);
  auto r2 = dr.execute({"diff", "sum"}, in);
  EXPECT_EQ(r1.names(), (std::vector<std::string>{"sum", "diff"}));
  EXPECT_EQ(r2.names(), (std::vector<std::string>{"diff", "sum"}));
  EXPECT_EQ(r2.get<double>(0), -1.0);
  // names that concatenate to the same text ("ab" + "c" and "a" + "bc" ...)
  auto r3 = dr.execute({"ab", "c"}, in);
  EXPECT_EQ(r3.names(), (std::vector<std::string>{"ab", "c"}));
  EXPECT_EQ(r3.get<double>(0), 30.0);
  EXPECT_EQ(r3.get<double>(1), 400.0);
  // one vector object whose content changes between calls (same size, same address)
  std::vector<std::string> names{"sum", "diff"};
  EXPECT_EQ(dr.execute(names, in).get<double>(1), -1.0);
  names[1] = "label";
  auto r4 = dr.execute(names, in);
  EXPECT_EQ(r4.names(), (std::vector<std::string>{"sum", "label"}));
  EXPECT_EQ(r4.get<std::string>(1), "7");
  names[0][0] = 'd';  // "sum" -> "dum": unknown, not the cached plan of {"sum", "label"}
  EXPECT_THROW(dr.execute(names, in), hamilton::InputError);
  names[0] = "diff";
  EXPECT_EQ(dr.execute(names, in).get<double>(0), -1.0);
  // the same outputs with other input names, or the same names as overrides
  auto r5 = dr.execute({"ab"}, {{"a", 2.0}});
  EXPECT_EQ(r5.get<double>(0), 20.0);
  auto r6 = dr.execute({"ab"}, {{"a", 2.0}, {"b", 1.0}});
  EXPECT_EQ(r6.get<double>(0), 20.0);
  auto r7 = dr.execute({"sum"}, {{"a", 2.0}, {"b", 1.0}}, {{"sum", 99.0}});
  EXPECT_EQ(r7.get<double>(0), 99.0);
  auto r8 = dr.execute({"sum"}, {{"a", 2.0}, {"b", 1.0}});
  EXPECT_EQ(r8.get<double>(0), 3.0);
  auto r9 = dr.execute({"label"}, {{"a", 2.0}, {"b", 1.0}}, {{"sum", 5.0}});
  EXPECT_EQ(r9.get<std::string>(0), "5");
  auto r10 = dr.execute({"label"}, {}, {{"sum", 6.0}});
  EXPECT_EQ(r10.get<std::string>(0), "6");
  // a request that fails is not cached as another's plan
  EXPECT_THROW(dr.execute({"sum"}, {{"a", 2.0}}), hamilton::InputError);
  EXPECT_EQ(dr.execute({"sum"}, {{"a", 2.0}, {"b", 1.0}}).get<double>(0), 3.0);
}

TEST(RowPath, AlternatingRequestsEachGetTheirOwnPlan) {
  auto dr = Builder().with_modules(arithmetic()).build();
  const hamilton::Inputs in{{"a", 3.0}, {"b", 4.0}};
  const std::vector<std::string> first{"sum"}, second{"diff"};
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(dr.execute(first, in).get<double>(0), 7.0);
    ASSERT_EQ(dr.execute(second, in).get<double>(0), -1.0);
  }
  EXPECT_EQ(dr.cached_plans(), 2u);
}

TEST(RowPath, NamesThatDifferOnlyInOneLateCharacterAreDifferentRequests) {
  Module m("row_path_names");
  m.add("short1", {"x"}, [](double x) { return x + 1; });
  m.add("short2", {"x"}, [](double x) { return x + 2; });
  m.add("feature_a1", {"x"}, [](double x) { return x + 10; });
  m.add("feature_a2", {"x"}, [](double x) { return x + 20; });
  m.add("a_rather_long_feature_name_1", {"x"}, [](double x) { return x + 100; });
  m.add("a_rather_long_feature_name_2", {"x"}, [](double x) { return x + 200; });
  auto dr = Builder().with_modules(m).build();
  const hamilton::Inputs in{{"x", 0.0}};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(dr.execute({"short1"}, in).get<double>(0), 1.0);
    EXPECT_EQ(dr.execute({"short2"}, in).get<double>(0), 2.0);
    EXPECT_EQ(dr.execute({"feature_a1"}, in).get<double>(0), 10.0);
    EXPECT_EQ(dr.execute({"feature_a2"}, in).get<double>(0), 20.0);
    EXPECT_EQ(dr.execute({"a_rather_long_feature_name_1"}, in).get<double>(0), 100.0);
    EXPECT_EQ(dr.execute({"a_rather_long_feature_name_2"}, in).get<double>(0), 200.0);
  }
  EXPECT_EQ(dr.cached_plans(), 6u);
  // an input name that differs in its last character is another request (and unknown here)
  EXPECT_THROW(dr.execute({"short1"}, {{"y", 0.0}}), hamilton::InputError);
}
