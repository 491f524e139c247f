// Graceful failure (Python Hamilton's GracefulErrorAdapter): a node's error skips what needs it,
// everything else runs, and the result lists each node without a value; on both executors, on
// compiled plans and inside Parallelizable blocks.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using hamilton::Builder;
using hamilton::Collect;
using hamilton::Driver;
using hamilton::GracefulErrors;
using hamilton::Module;
using hamilton::NodeStatus;
using hamilton::Parallelizable;
using hamilton::RunOptions;

namespace graceful_test {
struct DoNotProceed : std::runtime_error {
  DoNotProceed() : std::runtime_error("do not proceed") {}
};
}  // namespace graceful_test
using graceful_test::DoNotProceed;

namespace {

// Both executors over the same module, with graceful failure set by the Builder.
std::vector<Driver> graceful_drivers(const Module& m, GracefulErrors errors = {}) {
  return {Builder().with_modules(m).with_graceful_errors(errors).build(),
          Builder()
              .with_modules(m)
              .with_graceful_errors(errors)
              .with_executor(std::make_shared<hamilton::ParallelExecutor>(2))
              .build()};
}

// Hamilton's own example (GracefulErrorAdapter's docstring).
Module hamilton_example() {
  Module m("graceful_example");
  m.add("wont_proceed", {}, []() -> int { throw DoNotProceed(); });
  m.add("will_proceed", {}, []() { return 1; });
  m.add("never_reached", {"wont_proceed"}, [](int) { return 1; });
  return m;
}

std::vector<std::string> failure_names(const hamilton::Result& r) {
  std::vector<std::string> out;
  for (const auto& f : r.failures()) out.push_back(f.node + ":" + std::string(to_string(f.status)));
  return out;
}

}  // namespace

TEST(Graceful, HamiltonsExampleComputesWhatDoesNotNeedTheFailedNode) {
  for (const auto& dr : graceful_drivers(hamilton_example())) {
    auto r = dr.execute({"will_proceed", "never_reached"});
    EXPECT_EQ(r.get<int>("will_proceed"), 1);
    EXPECT_FALSE(r.at("never_reached").has_value());
    EXPECT_FALSE(r.complete());
    EXPECT_EQ(failure_names(r),
              (std::vector<std::string>{"wont_proceed:failed", "never_reached:skipped"}));

    const auto* failed = r.failure("wont_proceed");
    ASSERT_NE(failed, nullptr);
    EXPECT_EQ(failed->module, "graceful_example");
    EXPECT_TRUE(failed->cause.empty());
    EXPECT_NE(failed->message.find("do not proceed"), std::string::npos) << failed->message;
    ASSERT_TRUE(failed->error);
    try {
      std::rethrow_exception(failed->error);
    } catch (const hamilton::ExecutionError& e) {
      EXPECT_EQ(e.node(), "wont_proceed");
      EXPECT_THROW(std::rethrow_exception(e.original()), DoNotProceed);
    }

    const auto* skipped = r.failure("never_reached");
    ASSERT_NE(skipped, nullptr);
    EXPECT_EQ(skipped->cause, "wont_proceed");
    EXPECT_FALSE(skipped->error);
    EXPECT_NE(skipped->message.find("needs `wont_proceed`, which failed"), std::string::npos)
        << skipped->message;
    EXPECT_EQ(r.failure("will_proceed"), nullptr);
  }
}

TEST(Graceful, ReadingAnOutputThatWasNotComputedSaysWhy) {
  auto dr = graceful_drivers(hamilton_example()).front();
  auto r = dr.execute({"will_proceed", "never_reached"});
  try {
    (void)r.get<int>("never_reached");
    FAIL() << "no error";
  } catch (const hamilton::ValueTypeError& e) {
    EXPECT_EQ(std::string(e.what()),
              "output `never_reached` was not computed (skipped): needs `wont_proceed`, which "
              "failed: graceful_test::DoNotProceed: do not proceed; Result::failures() lists every "
              "node of the "
              "run without a value");
  }
  // file:line of the node's declaration, then the node, its module and what happened
  const std::string line = r.failures().at(1).to_string();
  EXPECT_EQ(line.rfind(r.failures().at(1).location.to_string() + ": ", 0), 0u) << line;
  EXPECT_NE(line.find("graceful_test.cpp:"), std::string::npos) << line;
  EXPECT_NE(line.find(": node `never_reached` (module graceful_example) skipped: needs "
                      "`wont_proceed`, which failed"),
            std::string::npos)
      << line;
}

TEST(Graceful, SkipsTransitivelyAndNamesTheFirstFailure) {
  Module m("graceful_chain");
  m.add("a", {"x"}, [](int x) -> int {
    if (x < 0) throw std::invalid_argument("negative");
    return x;
  });
  m.add("b", {"a"}, [](int a) { return a + 1; });
  m.add("c", {"b"}, [](int b) { return b + 1; });
  m.add("d", {"x"}, [](int x) { return x * 10; });
  for (const auto& dr : graceful_drivers(m)) {
    auto r = dr.execute({"c", "d"}, {{"x", -1}});
    EXPECT_EQ(r.get<int>("d"), -10);
    EXPECT_EQ(failure_names(r), (std::vector<std::string>{"a:failed", "b:skipped", "c:skipped"}));
    EXPECT_EQ(r.failure("c")->cause, "a");
    EXPECT_EQ(r.failure("c")->message, "needs `b`, which was skipped because `a` failed");
    // the same driver, a good request: complete, nothing listed
    auto ok = dr.execute({"c", "d"}, {{"x", 1}});
    EXPECT_TRUE(ok.complete());
    EXPECT_EQ(ok.get<int>("c"), 3);
    EXPECT_TRUE(ok.failures().empty());
  }
}

TEST(Graceful, OnlyTheCaughtErrorIsGraceful) {
  Module m("graceful_other_error");
  m.add("bad", {}, []() -> int { throw std::logic_error("a bug"); });
  m.add("after", {"bad"}, [](int b) { return b; });
  m.add("stop", {}, []() -> int { throw DoNotProceed(); });
  m.add("after_stop", {"stop"}, [](int b) { return b; });
  for (const auto& dr : graceful_drivers(m, GracefulErrors::catching<DoNotProceed>())) {
    auto r = dr.execute({"after_stop"});
    EXPECT_EQ(failure_names(r), (std::vector<std::string>{"stop:failed", "after_stop:skipped"}));
    try {
      dr.execute({"after"});
      FAIL() << "no error";
    } catch (const hamilton::ExecutionError& e) {
      EXPECT_EQ(e.node(), "bad");
      EXPECT_NE(std::string(e.what()).find("a bug"), std::string::npos) << e.what();
    }
  }
}

TEST(Graceful, NodesThatAcceptErrorSentinelsRunWithAnEmptyValue) {
  Module m("graceful_sentinels");
  m.add("ok", {}, []() { return 2; });
  m.add("fails", {}, []() -> int { throw DoNotProceed(); });
  m.add("gather", {"ok", "fails"},
        [](std::optional<int> ok, std::optional<int> fails) {
          return std::to_string(ok.value_or(-1)) + "," +
                 (fails ? std::to_string(*fails) : std::string("failed"));
        },
        {hamilton::accept_error_sentinels()});
  m.add("any", {"fails"},
        [](const hamilton::Value& v) { return v.has_value() ? std::string("value") : "empty"; },
        {hamilton::accept_error_sentinels()});
  m.add("plain", {"ok", "fails"}, [](std::optional<int> ok, int f) { return *ok + f; },
        {hamilton::accept_error_sentinels()});
  for (const auto& dr : graceful_drivers(m)) {
    auto r = dr.execute({"gather", "any", "plain"});
    EXPECT_EQ(r.get<std::string>("gather"), "2,failed");
    EXPECT_EQ(r.get<std::string>("any"), "empty");
    EXPECT_EQ(failure_names(r), (std::vector<std::string>{"fails:failed", "plain:skipped"}));
    EXPECT_EQ(r.failure("plain")->message,
              "needs `fails`, which failed: graceful_test::DoNotProceed: do not proceed; it "
              "accepts error "
              "sentinels, but parameter `fails` cannot be empty: declare it std::optional<T> or "
              "hamilton::Value");
    EXPECT_EQ(dr.graph().variable("gather").tags.at("hamilton.error_sentinel"),
              std::vector<std::string>{"injection is requested"});
  }
  // allow_injection = false: they are skipped like every other node
  GracefulErrors no_injection;
  no_injection.allow_injection = false;
  for (const auto& dr : graceful_drivers(m, no_injection)) {
    auto r = dr.execute({"gather", "any"});
    EXPECT_EQ(failure_names(r),
              (std::vector<std::string>{"fails:failed", "gather:skipped", "any:skipped"}));
  }
}

TEST(Graceful, AcceptErrorSentinelsWithoutAParameterThatCanBeEmptyIsABuildError) {
  Module m("graceful_bad_sentinels");
  m.add("n", {"x"}, [](int x) { return x; }, {hamilton::accept_error_sentinels()});
  try {
    Builder().with_modules(m).build();
    FAIL() << "no error";
  } catch (const hamilton::GraphError& e) {
    ASSERT_TRUE(e.has(hamilton::ErrorCode::bad_modifier)) << e.what();
    EXPECT_NE(std::string(e.what()).find(
                  "accept_error_sentinels: no parameter can receive an error sentinel (an empty "
                  "value for an argument that failed): declare the parameters that may fail as "
                  "std::optional<T> or hamilton::Value"),
              std::string::npos)
        << e.what();
  }
}

TEST(Graceful, PerRunOptionsAndCompiledPlans) {
  auto dr = Builder().with_modules(hamilton_example()).build();  // not graceful by default
  EXPECT_THROW(dr.execute({"never_reached"}), hamilton::ExecutionError);
  RunOptions graceful;
  graceful.graceful = GracefulErrors{};
  auto r = dr.execute(graceful, {"will_proceed", "never_reached"});
  EXPECT_EQ(r.get<int>("will_proceed"), 1);
  EXPECT_EQ(failure_names(r),
            (std::vector<std::string>{"wont_proceed:failed", "never_reached:skipped"}));
  auto raw = dr.raw_execute(graceful, {"never_reached"});
  EXPECT_EQ(raw.failures().size(), 2u);

  // a plan compiled by a graceful driver is graceful; options make one graceful for a run
  auto plan =
      graceful_drivers(hamilton_example()).front().compile({"will_proceed", "never_reached"}, {});
  auto out = plan.execute(hamilton::Inputs{});
  EXPECT_EQ(out.get<int>("will_proceed"), 1);
  EXPECT_EQ(out.failures().size(), 2u);
  auto strict = dr.compile({"will_proceed", "never_reached"}, {});
  EXPECT_THROW(strict.execute(hamilton::Inputs{}), hamilton::ExecutionError);
  EXPECT_EQ(strict.execute(graceful, std::span<const hamilton::Value>{}).failures().size(), 2u);
}

TEST(Graceful, ResultBuildersGetTheOutputsThatWereComputed) {
  Module m("graceful_frame");
  m.add("a", {}, []() { return hamilton::Series(std::vector<double>{1, 2}); });
  m.add("b", {}, []() -> hamilton::Series { throw DoNotProceed(); });
  m.add("c", {"b"}, [](const hamilton::Series& b) { return b; });
  auto dr = Builder()
                .with_modules(m)
                .with_graceful_errors()
                .with_result_builder(hamilton::DataFrameResult())
                .build();
  auto r = dr.execute({"a", "c"});
  const auto& df = r.as<hamilton::DataFrame>();
  EXPECT_EQ(df.column_names(), std::vector<std::string>{"a"});
  EXPECT_EQ(r.names(), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(failure_names(r), (std::vector<std::string>{"b:failed", "c:skipped"}));
}

TEST(Graceful, AFailedItemOfAParallelBlockIsLeftOutOfItsCollect) {
  Module m("graceful_block");
  m.add("item", {"count"}, [](int count) {
    Parallelizable<int> p;
    for (int i = 0; i < count; ++i) p.push_back(i);
    return p;
  });
  m.add("inner", {"item"}, [](int i) -> int {
    if (i == 2) throw DoNotProceed();
    return i * 10;
  });
  m.add("gather", {"inner"}, [](const Collect<int>& c) { return c.to_vector(); });
  for (const auto& dr : graceful_drivers(m)) {
    auto r = dr.execute({"gather"}, {{"count", 5}});
    EXPECT_EQ(r.get<std::vector<int>>("gather"), (std::vector<int>{0, 10, 30, 40}));
    ASSERT_EQ(r.failures().size(), 1u);
    EXPECT_EQ(r.failures()[0].node, "inner");
    EXPECT_EQ(r.failures()[0].status, NodeStatus::failed);
    EXPECT_EQ(r.failures()[0].item, std::optional<std::size_t>(2));
    EXPECT_NE(r.failures()[0].to_string().find("node `inner` (module graceful_block) on item 2 "
                                               "failed: "),
              std::string::npos)
        << r.failures()[0].to_string();
  }
}

TEST(Graceful, AFailedExpanderSkipsItsBlockAndTheCollect) {
  Module m("graceful_expander");
  m.add("item", {"count"}, [](int count) -> Parallelizable<int> {
    if (count > 3) throw DoNotProceed();
    return Parallelizable<int>{1, 2};
  });
  m.add("inner", {"item"}, [](int i) { return i; });
  m.add("gather", {"inner"}, [](const Collect<int>& c) { return c.to_vector(); });
  m.add("after", {"gather"}, [](const std::vector<int>& v) { return v.size(); });
  m.add("other", {"count"}, [](int count) { return count; });
  for (const auto& dr : graceful_drivers(m)) {
    auto r = dr.execute({"after", "other"}, {{"count", 4}});
    EXPECT_EQ(r.get<int>("other"), 4);
    EXPECT_EQ(failure_names(r),
              (std::vector<std::string>{"item:failed", "gather:skipped", "after:skipped"}));
    EXPECT_EQ(r.failure("after")->cause, "item");
  }
}
