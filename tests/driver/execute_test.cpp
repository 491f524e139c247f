// Driver::execute: only the upstream closure runs, each node once; overrides; inputs as outputs;
// checks before running; node failures; typed access.
#include <gtest/gtest.h>

#include <atomic>
#include <hamilton/hamilton.hpp>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using hamilton::Builder;
using hamilton::ErrorCode;
using hamilton::Module;

namespace {

// A module whose nodes count their calls.
struct Counted {
  std::map<std::string, std::atomic<int>> calls;
  Module module{"counted"};
  Counted() {
    for (const char* n : {"a", "b", "c", "d", "unrelated"}) calls[n] = 0;
    module.add("a", {"x"}, [this](double x) { ++calls["a"]; return x + 1; });
    module.add("b", {"a"}, [this](double a) { ++calls["b"]; return a * 2; });
    module.add("c", {"a", "b"}, [this](double a, double b) { ++calls["c"]; return a + b; });
    module.add("d", {"c", "y"}, [this](double c, double y) { ++calls["d"]; return c - y; });
    module.add("unrelated", {"z"}, [this](double z) { ++calls["unrelated"]; return z; });
  }
};

hamilton::InputError input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const hamilton::InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError";
  return hamilton::InputError({});
}

const hamilton::Problem* find(const hamilton::InputError& e, ErrorCode code) {
  for (const auto& p : e.problems())
    if (p.code == code) return &p;
  return nullptr;
}

}  // namespace

TEST(Execute, RunsOnlyTheUpstreamClosureEachNodeOnce) {
  Counted c;
  auto dr = Builder().with_modules(c.module).build();
  auto r = dr.execute({"c", "b"}, {{"x", 1.0}});
  EXPECT_EQ(r.get<double>("c"), 6.0);
  EXPECT_EQ(r.get<double>("b"), 4.0);
  EXPECT_EQ(c.calls["a"], 1);  // needed twice, computed once
  EXPECT_EQ(c.calls["b"], 1);
  EXPECT_EQ(c.calls["c"], 1);
  EXPECT_EQ(c.calls["d"], 0);
  EXPECT_EQ(c.calls["unrelated"], 0);
  EXPECT_EQ(r.names(), (std::vector<std::string>{"c", "b"}));  // requested order
}

TEST(Execute, OverridesShortCircuitAndInputsCanBeOutputs) {
  Counted c;
  auto dr = Builder().with_modules(c.module).build();
  // nothing above the overridden `c` runs, so `x` is not needed
  auto r = dr.execute({"d", "y"}, {{"y", 1.0}}, {{"c", 100.0}});
  EXPECT_EQ(r.get<double>("d"), 99.0);
  EXPECT_EQ(r.get<double>("y"), 1.0);
  EXPECT_EQ(c.calls["d"], 1);
  EXPECT_EQ(c.calls["c"] + c.calls["b"] + c.calls["a"], 0);
}

TEST(Execute, OverrideOfARequestedNodeIsReturned) {
  Counted c;
  auto dr = Builder().with_modules(c.module).build();
  auto r = dr.execute({"b"}, {}, {{"b", 7.0}});
  EXPECT_EQ(r.get<double>("b"), 7.0);
  EXPECT_EQ(c.calls["a"] + c.calls["b"], 0);
}

TEST(Execute, ChecksEverythingBeforeRunningAndReportsTogether) {
  Counted c;
  auto dr = Builder().with_modules(c.module).with_config({{"k", 1}}).build();
  auto e = input_error([&] {
    dr.execute({"d", "dd", "k"}, {{"y", std::string("text")}, {"signup", 1.0}, {"k", 2}, {"b", 3.0}});
  });
  EXPECT_EQ(c.calls["a"] + c.calls["b"] + c.calls["c"] + c.calls["d"], 0);
  const auto* missing = find(e, ErrorCode::missing_input);
  ASSERT_NE(missing, nullptr) << e.what();
  EXPECT_EQ(missing->node, "x");
  EXPECT_NE(missing->message.find("required input `x` is not given; needed by `a`"), std::string::npos)
      << missing->message;
  const auto* unknown = find(e, ErrorCode::unknown_output);
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->suggestion, "d");
  const auto* type = find(e, ErrorCode::input_type);
  ASSERT_NE(type, nullptr) << e.what();
  EXPECT_NE(type->message.find("input `y` has the wrong type: expected double, given std::string"),
            std::string::npos);
  const auto* unknown_input = find(e, ErrorCode::unknown_input);
  ASSERT_NE(unknown_input, nullptr);
  EXPECT_EQ(unknown_input->node, "signup");
  const auto* config = find(e, ErrorCode::input_is_config);
  ASSERT_NE(config, nullptr);
  EXPECT_NE(config->message.find("`k` is given both as config and as an input"), std::string::npos);
  const auto* function = find(e, ErrorCode::input_is_function);
  ASSERT_NE(function, nullptr);
  EXPECT_NE(function->message.find("pass it in overrides"), std::string::npos);
  std::string what = e.what();
  EXPECT_NE(what.find("cannot execute the request (6 problems)"), std::string::npos) << what;
}

TEST(Execute, MissingInputSuggestsAGivenName) {
  Module m("suggest_input");
  m.add("per_signup", {"spend", "signups"}, [](double s, double n) { return s / n; });
  auto dr = Builder().with_modules(m).build();
  auto e = input_error([&] { dr.validate_execution({"per_signup"}, {{"spend", 1.0}, {"signup", 2.0}}); });
  const auto* unknown = find(e, ErrorCode::unknown_input);
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->suggestion, "signups");
  EXPECT_NE(std::string(e.what()).find("did you mean `signups`?"), std::string::npos);
  const auto* missing = find(e, ErrorCode::missing_input);
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->suggestion, "signup");
}

TEST(Execute, NodeFailureNamesNodeModuleLocationAndOutputAndNestsTheOriginal) {
  Module m("failing");
  m.add("fine", {"x"}, [](double x) { return x; });
  m.add("broken", {"fine"}, [](double) -> double { throw std::invalid_argument("bad spend"); });
  m.add("top", {"broken"}, [](double b) { return b; });
  auto dr = Builder().with_modules(m).build();
  try {
    dr.execute({"top"}, {{"x", 1.0}});
    FAIL();
  } catch (const hamilton::ExecutionError& e) {
    EXPECT_EQ(e.node(), "broken");
    EXPECT_EQ(e.module(), "failing");
    EXPECT_NE(e.location().file.find("execute_test.cpp"), std::string::npos);
    EXPECT_EQ(e.outputs(), std::vector<std::string>{"top"});
    std::string what = e.what();
    EXPECT_NE(what.find("node `broken` (module failing, "), std::string::npos) << what;
    EXPECT_NE(what.find("failed: std::invalid_argument: bad spend"), std::string::npos) << what;
    EXPECT_NE(what.find("needed by requested output `top`"), std::string::npos) << what;
    try {
      std::rethrow_exception(e.original());
    } catch (const std::invalid_argument& original) {
      EXPECT_STREQ(original.what(), "bad spend");
    }
  }
  // the driver stays usable
  EXPECT_EQ(dr.execute({"fine"}, {{"x", 2.0}}).get<double>("fine"), 2.0);
}

TEST(Execute, TypedAccessErrors) {
  Module m("typed");
  m.add("n", {}, [] { return 3; });
  auto dr = Builder().with_modules(m).build();
  auto r = dr.execute({"n"});
  EXPECT_EQ(r.get<int>("n"), 3);
  try {
    r.get<double>("n");
    FAIL();
  } catch (const hamilton::ValueTypeError& e) {
    EXPECT_STREQ(e.what(), "output `n` is a int, not a double");
    EXPECT_EQ(e.expected(), "double");
    EXPECT_EQ(e.actual(), "int");
  }
  try {
    r.get<int>("m");
    FAIL();
  } catch (const hamilton::Error& e) {
    EXPECT_STREQ(e.what(), "no output named `m`; the outputs are: n");
  }
  try {
    r.as<std::vector<int>>();
    FAIL();
  } catch (const hamilton::ValueTypeError& e) {
    EXPECT_NE(std::string(e.what()).find("the result builder DictResult made a hamilton::Outputs, not a "
                                         "std::vector<int>"),
              std::string::npos)
        << e.what();
  }
}

TEST(Execute, CustomResultBuilder) {
  struct SumResult : hamilton::ResultBuilder {
    hamilton::Value build(const hamilton::Outputs& outputs) const override {
      double s = 0;
      for (auto [name, value] : outputs) s += value.get<double>();
      return s;
    }
    std::string name() const override { return "SumResult"; }
  };
  Module m("summed");
  m.add("a", {}, [] { return 1.5; });
  m.add("b", {}, [] { return 2.5; });
  auto dr = Builder().with_modules(m).with_result_builder(SumResult{}).build();
  EXPECT_EQ(dr.execute<double>({"a", "b"}), 4.0);
  EXPECT_EQ(dr.execute({"a"}).builder(), "SumResult");
}

TEST(Execute, PlansAreCachedPerRequestShape) {
  Counted c;
  auto dr = Builder().with_modules(c.module).build();
  EXPECT_EQ(dr.cached_plans(), 0u);
  dr.execute({"b"}, {{"x", 1.0}});
  dr.execute({"b"}, {{"x", 2.0}});
  EXPECT_EQ(dr.cached_plans(), 1u);
  EXPECT_EQ(dr.execute({"b"}, {{"x", 3.0}}).get<double>("b"), 8.0);
  dr.execute({"b"}, {}, {{"a", 1.0}});
  EXPECT_EQ(dr.cached_plans(), 2u);
}

TEST(Execute, OneDriverFromManyThreads) {
  Module m("threads");
  m.add("sq", {"x"}, [](double x) { return x * x; });
  m.add("plus", {"sq", "x"}, [](double sq, double x) { return sq + x; });
  auto dr = Builder().with_modules(m).build();
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        double x = t * 10000 + i;
        auto r = dr.execute({"plus"}, {{"x", x}});
        if (r.get<double>("plus") != x * x + x) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong, 0);
}

TEST(Execute, DuplicateAndUnknownOverrides) {
  Counted c;
  auto dr = Builder().with_modules(c.module).build();
  auto e = input_error([&] { dr.execute({"b", "b"}, {}, {{"aa", 1.0}}); });
  EXPECT_NE(find(e, ErrorCode::duplicate_output), nullptr);
  const auto* p = find(e, ErrorCode::unknown_override);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->suggestion, "a");
  auto e2 = input_error([&] { dr.execute({"b"}, {}, {{"a", std::string("x")}}); });
  const auto* t = find(e2, ErrorCode::override_type);
  ASSERT_NE(t, nullptr) << e2.what();
  EXPECT_NE(t->message.find("expected double, given std::string"), std::string::npos);
}
