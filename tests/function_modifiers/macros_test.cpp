// does, pipe_input, pipe_output, step(...).when, mutate.
#include <gmock/gmock.h>

#include "test_util.hpp"

using namespace hamilton;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {
int add_ints(int a, int b) { return a + b; }
int sum_all(const std::vector<int>& v) {
  int s = 0;
  for (int x : v) s += x;
  return s;
}
double add_one(double x) { return x + 1; }
double multiply(double x, double k) { return x * k; }
double _private_square(double x) { return x * x; }
std::string describe(double x) { return "value=" + std::to_string(static_cast<int>(x)); }
}  // namespace

HAMILTON_MODULE(fm_does_nodes);
NODE(int, sum_a_b, (int a, int b), does(add_ints)) {
  (void)a, (void)b;
  return 0;
}

TEST(Does, ReplacesTheBody) {
  auto dr = Builder().with_modules("fm_does_nodes").build();
  EXPECT_EQ(dr.execute({"sum_a_b"}, {{"a", 2}, {"b", 3}}).get<int>("sum_a_b"), 5);
}

TEST(Does, ArgumentMappingAndCollectForm) {
  Module m("fm_does_mapping");
  m.add("diff", {"x", "y"}, [](int, int) { return 0; },
        {does([](int first, int second) { return first - second; }, {"y", "x"})});
  m.add("total", {"a", "b", "c"}, [](int, int, int) { return 0; }, {does(sum_all)});
  auto dr = Builder().with_modules(m).build();
  auto r = dr.execute({"diff", "total"}, {{"x", 10}, {"y", 3}, {"a", 1}, {"b", 2}, {"c", 4}});
  EXPECT_EQ(r.get<int>("diff"), -7);
  EXPECT_EQ(r.get<int>("total"), 7);
}

TEST(Does, TypeMismatchesAreBuildErrors) {
  Module m("fm_does_bad");
  m.add("f", {"a"}, [](double) { return 0; }, {does(add_ints)});
  m.add("g", {"a", "b"}, [](int, int) { return 0.0; }, {does(add_ints)});
  m.add("h", {"a", "b"}, [](int, int) { return 0; }, {does(add_ints, {"a", "zz"})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* f = mtest::find_problem(e, ErrorCode::arity_mismatch, "f");
  ASSERT_NE(f, nullptr) << e.what();
  EXPECT_THAT(f->message, HasSubstr("does: the replacing function takes 2 argument(s) but 1 parameter(s) of `f`"));
  const auto* g = mtest::find_problem(e, ErrorCode::type_mismatch, "g");
  ASSERT_NE(g, nullptr) << e.what();
  EXPECT_THAT(g->message, HasSubstr("does: the replacing function returns a int but `g` returns a double"));
  const auto* h = mtest::find_problem(e, ErrorCode::unknown_parameter, "h");
  ASSERT_NE(h, nullptr) << e.what();
  EXPECT_THAT(h->message, HasSubstr("maps argument `zz`"));
}

TEST(PipeInput, ChainsStepsWithHamiltonNames) {
  Module m("fm_pipe_input");
  m.add("factor", {}, [] { return 10.0; });
  m.add("final_result", {"upstream", "other"}, [](double upstream, double other) { return upstream + other; },
        {pipe_input(step("add_one", add_one), step("multiply", multiply, value(2.0)),
                    step("multiply", multiply, source("factor")), step("_private_square", _private_square))});
  auto dr = Builder().with_modules(m).build();
  EXPECT_THAT(mtest::function_nodes(dr),
              ElementsAre("factor", "final_result", "final_result.with_add_one", "final_result.with_multiply",
                          "final_result.with_multiply_1", "final_result.with_private_square"));
  // ((1 + 1) * 2 * 10)^2 + 0.5
  EXPECT_EQ(dr.execute({"final_result"}, {{"upstream", 1.0}, {"other", 0.5}}).get<double>("final_result"), 1600.5);
  EXPECT_THAT(dr.graph().variable("final_result.with_add_one").required_dependencies, ElementsAre("upstream"));
  EXPECT_THAT(dr.graph().variable("final_result").required_dependencies,
              ElementsAre("final_result.with_private_square", "other"));
}

TEST(PipeInput, OnInputNamespaceNamedAndWhen) {
  Module m("fm_pipe_input_options");
  m.add("f", {"a", "b"}, [](double a, double b) { return a - b; },
        {pipe_input(step("add_one", add_one).named("bump"),
                    step("multiply", multiply, 3.0).when({{"triple", true}}),
                    PipeOptions{.name_space = "prep", .on_input = "b"})});
  auto on = Builder().with_modules(m).with_config({{"triple", true}}).build();
  EXPECT_THAT(mtest::function_nodes(on), ElementsAre("f", "prep.bump", "prep.with_multiply"));
  EXPECT_EQ(on.execute({"f"}, {{"a", 10.0}, {"b", 1.0}}).get<double>("f"), 4.0);
  auto off = Builder().with_modules(m).with_config({{"triple", false}}).build();
  EXPECT_THAT(mtest::function_nodes(off), ElementsAre("f", "prep.bump"));
  EXPECT_EQ(off.execute({"f"}, {{"a", 10.0}, {"b", 1.0}}).get<double>("f"), 8.0);
}

TEST(PipeInput, StepTypeMismatchAndArityAreBuildErrors) {
  Module m("fm_pipe_input_bad");
  m.add("f", {"s"}, [](const std::string& s) { return s; }, {pipe_input(step("add_one", add_one))});
  m.add("g", {"x"}, [](double x) { return x; }, {pipe_input(step("multiply", multiply))});
  auto e = mtest::build_error(Builder().with_modules(m));
  ASSERT_TRUE(e.has(ErrorCode::type_mismatch)) << e.what();
  const auto* p = mtest::find_problem(e, ErrorCode::bad_step, "g");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("pipe_input: step `multiply` takes 2 parameter(s): the piped value plus 1 argument(s), but 0 argument(s) were given"));
}

TEST(PipeOutput, RawStepsAndFinal) {
  Module m("fm_pipe_output");
  m.add("score", {"x"}, [](double x) { return x; },
        {pipe_output(step("add_one", add_one), step("multiply", multiply, value(3.0)), step("describe", describe)),
         doc("The score.")});
  auto dr = Builder().with_modules(m).build();
  EXPECT_THAT(mtest::function_nodes(dr),
              ElementsAre("score", "score.raw", "score.with_add_one", "score.with_describe", "score.with_multiply"));
  auto r = dr.execute({"score", "score.raw"}, {{"x", 1.0}});
  EXPECT_EQ(r.get<std::string>("score"), "value=6");
  EXPECT_EQ(r.get<double>("score.raw"), 1.0);
  EXPECT_EQ(dr.graph().variable("score").type_name, "std::string");
  EXPECT_EQ(dr.graph().variable("score").documentation, "The score.");
}

TEST(PipeOutput, AllStepsDisabledLeavesTheNode) {
  Module m("fm_pipe_output_off");
  m.add("score", {"x"}, [](double x) { return x; },
        {pipe_output(step("add_one", add_one).when({{"on", true}}))});
  auto dr = Builder().with_modules(m).with_config({{"on", false}}).build();
  EXPECT_THAT(mtest::function_nodes(dr), ElementsAre("score"));
  auto dr_on = Builder().with_modules(m).with_config({{"on", true}}).build();
  EXPECT_EQ(dr_on.execute({"score"}, {{"x", 1.0}}).get<double>("score"), 2.0);
}

