// Deadlines and cancellation: nodes not started when the deadline passes (or the token is
// cancelled) are not run and are reported; without graceful failure the run throws
// RunStoppedError, with it the partial result comes back. Slow nodes sleep.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <hamilton/hamilton.hpp>
#include <string>
#include <thread>
#include <vector>

using hamilton::Builder;
using hamilton::CancellationToken;
using hamilton::Driver;
using hamilton::GracefulErrors;
using hamilton::Module;
using hamilton::NodeStatus;
using hamilton::RunOptions;
using namespace std::chrono_literals;

namespace {

std::vector<Driver> drivers(const Module& m) {
  return {Builder().with_modules(m).build(),
          Builder()
              .with_modules(m)
              .with_executor(std::make_shared<hamilton::ParallelExecutor>(2))
              .build()};
}

RunOptions within(std::chrono::milliseconds timeout, bool graceful = false) {
  RunOptions o;
  o.timeout = timeout;
  if (graceful) o.graceful = GracefulErrors{};
  return o;
}

// first -> slow (sleeps) -> after -> last: the deadline passes while `slow` runs
Module slow_chain(std::atomic<int>& ran) {
  Module m("deadline_chain");
  m.add("first", {"x"}, [&ran](int x) {
    ++ran;
    return x + 1;
  });
  m.add("slow", {"first"}, [&ran](int f) {
    ++ran;
    std::this_thread::sleep_for(150ms);
    return f + 1;
  });
  m.add("after", {"slow"}, [&ran](int s) {
    ++ran;
    return s + 1;
  });
  m.add("last", {"after"}, [&ran](int a) {
    ++ran;
    return a + 1;
  });
  return m;
}

}  // namespace

TEST(Deadline, WithoutGracefulFailureTheRunThrowsWhatDidNotRun) {
  std::atomic<int> ran{0};
  for (const auto& dr : drivers(slow_chain(ran))) {
    ran = 0;
    try {
      dr.execute(within(50ms), {"slow", "last"}, {{"x", 1}});
      FAIL() << "no error";
    } catch (const hamilton::RunStoppedError& e) {
      EXPECT_FALSE(e.cancelled());
      EXPECT_EQ(e.not_run(), (std::vector<std::string>{"after", "last"}));
      EXPECT_EQ(e.outputs(), std::vector<std::string>{"last"});
      const std::string what = e.what();
      EXPECT_EQ(what.rfind("the run's deadline passed ", 0), 0u) << what;
      EXPECT_NE(what.find("ms after it started before 2 nodes of the run could start (`after`, "
                          "`last`); without a value: output `last`. Nodes that had started "
                          "finished. To get the outputs that were computed, run with graceful "
                          "failure (RunOptions::graceful or Builder::with_graceful_errors)"),
                std::string::npos)
          << what;
    }
    EXPECT_EQ(ran.load(), 2);  // `slow` had started: it finished; nothing after it ran
    // the driver stays usable: without a deadline everything runs
    EXPECT_EQ(dr.execute({"last"}, {{"x", 1}}).get<int>("last"), 5);
  }
}

TEST(Deadline, WithGracefulFailureThePartialResultComesBack) {
  std::atomic<int> ran{0};
  for (const auto& dr : drivers(slow_chain(ran))) {
    auto r = dr.execute(within(50ms, true), {"first", "slow", "last"}, {{"x", 1}});
    EXPECT_EQ(r.get<int>("first"), 2);
    EXPECT_EQ(r.get<int>("slow"), 3);
    EXPECT_FALSE(r.at("last").has_value());
    ASSERT_EQ(r.failures().size(), 2u);
    EXPECT_EQ(r.failures()[0].node, "after");
    EXPECT_EQ(r.failures()[0].status, NodeStatus::deadline);
    EXPECT_EQ(r.failures()[0].message.rfind("not started: the run's deadline passed ", 0), 0u)
        << r.failures()[0].message;
    EXPECT_EQ(r.failures()[1].node, "last");
    EXPECT_EQ(r.failures()[1].status, NodeStatus::deadline);
  }
}

TEST(Deadline, ADeadlineAlreadyPassedRunsNothing) {
  std::atomic<int> ran{0};
  for (const auto& dr : drivers(slow_chain(ran))) {
    ran = 0;
    RunOptions o;
    o.deadline = RunOptions::Clock::now() - 1ms;
    o.graceful = GracefulErrors{};
    auto r = dr.execute(o, {"last"}, {{"x", 1}});
    EXPECT_EQ(ran.load(), 0);
    EXPECT_EQ(r.failures().size(), 4u);
    for (const auto& f : r.failures()) EXPECT_EQ(f.status, NodeStatus::deadline) << f.node;
  }
}

TEST(Deadline, TheEarlierOfDeadlineAndTimeoutApplies) {
  std::atomic<int> ran{0};
  for (const auto& dr : drivers(slow_chain(ran))) {
    RunOptions o = within(10s, true);
    o.deadline = RunOptions::Clock::now() + 50ms;
    EXPECT_EQ(dr.execute(o, {"last"}, {{"x", 1}}).failures().size(), 2u);
    RunOptions late = within(50ms, true);
    late.deadline = RunOptions::Clock::now() + 10s;
    EXPECT_EQ(dr.execute(late, {"last"}, {{"x", 1}}).failures().size(), 2u);
    // far away: everything runs and the result is complete
    auto r = dr.execute(within(10s, true), {"last"}, {{"x", 1}});
    EXPECT_TRUE(r.complete());
    EXPECT_EQ(r.get<int>("last"), 5);
  }
}

TEST(Deadline, IndependentSlowNodesOnTheParallelExecutor) {
  Module m("deadline_parallel");
  std::atomic<int> ran{0};
  std::vector<std::string> names;
  for (int i = 0; i < 8; ++i) {
    names.push_back("slow_" + std::to_string(i));
    m.add(names.back(), {"x"}, [&ran](int x) {
      ++ran;
      std::this_thread::sleep_for(60ms);
      return x;
    });
  }
  auto dr = Builder()
                .with_modules(m)
                .with_executor(std::make_shared<hamilton::ParallelExecutor>(2))
                .build();
  auto start = std::chrono::steady_clock::now();
  auto r = dr.execute(within(100ms, true), names, {{"x", 1}});
  auto took = std::chrono::steady_clock::now() - start;
  std::size_t computed = 0;
  for (const auto& n : names) computed += r.at(n).has_value();
  EXPECT_GE(computed, 1u);
  EXPECT_LT(computed, names.size());
  EXPECT_EQ(computed, static_cast<std::size_t>(ran.load()));
  EXPECT_EQ(r.failures().size(), names.size() - computed);
  for (const auto& f : r.failures()) EXPECT_EQ(f.status, NodeStatus::deadline) << f.node;
  EXPECT_LT(took, 8 * 60ms);  // not every node ran one after the other
}

TEST(Cancellation, ATokenCancelledDuringTheRunStopsWhatHasNotStarted) {
  auto current = std::make_shared<CancellationToken>();  // the token of the run going on
  Module m("cancel_chain");
  m.add("a", {"x"}, [current](int x) {
    current->cancel();  // as another thread of the service would
    return x + 1;
  });
  m.add("b", {"a"}, [](int a) { return a + 1; });
  for (const auto& dr : drivers(m)) {
    RunOptions o;
    *current = CancellationToken::make();
    EXPECT_FALSE(current->cancelled());
    o.cancellation = *current;
    try {
      dr.execute(o, {"b"}, {{"x", 1}});
      FAIL() << "no error";
    } catch (const hamilton::RunStoppedError& e) {
      EXPECT_TRUE(e.cancelled());
      EXPECT_EQ(e.not_run(), std::vector<std::string>{"b"});
      EXPECT_EQ(std::string(e.what()).rfind("the run was cancelled before 1 node of the run could "
                                            "start (`b`); without a value: output `b`.",
                                            0),
                0u)
          << e.what();
    }
    *current = CancellationToken::make();
    o.cancellation = *current;
    o.graceful = GracefulErrors{};
    auto r = dr.execute(o, {"a", "b"}, {{"x", 1}});
    EXPECT_EQ(r.get<int>("a"), 2);
    ASSERT_EQ(r.failures().size(), 1u);
    EXPECT_EQ(r.failures()[0].status, NodeStatus::cancelled);
    EXPECT_EQ(r.failures()[0].message, "not started: the run was cancelled");
    // a cancelled token stops every later run at once
    EXPECT_EQ(dr.execute(o, {"a"}, {{"x", 1}}).failures().size(), 1u);
  }
}

TEST(Cancellation, TokensShareTheirFlagAndADefaultOneCannotBeCancelled) {
  CancellationToken none;
  EXPECT_FALSE(none.can_be_cancelled());
  none.cancel();
  EXPECT_FALSE(none.cancelled());
  auto token = CancellationToken::make();
  auto copy = token;
  EXPECT_TRUE(copy.can_be_cancelled());
  copy.cancel();
  EXPECT_TRUE(token.cancelled());
}

TEST(Deadline, CompiledPlansTakeOptions) {
  std::atomic<int> ran{0};
  auto dr = Builder().with_modules(slow_chain(ran)).build();
  auto plan = dr.compile({"last"}, {"x"});
  hamilton::Value x = 1;
  ran = 0;
  EXPECT_THROW(plan.execute(within(50ms), std::span<const hamilton::Value>(&x, 1)),
               hamilton::RunStoppedError);
  EXPECT_EQ(ran.load(), 2);
  auto out = plan.execute(within(50ms, true), hamilton::Inputs{{"x", 1}});
  EXPECT_EQ(out.failures().size(), 2u);
  EXPECT_EQ(plan.execute(hamilton::Inputs{{"x", 1}}).get<int>("last"), 5);
}

TEST(Deadline, ALongNodeCanAskWhetherToStop) {
  EXPECT_FALSE(hamilton::stop_requested());  // outside any run
  Module m("deadline_polling");
  m.add("work", {"x"}, [](int x) {
    int rounds = 0;
    while (!hamilton::stop_requested() && rounds < 10000) {
      std::this_thread::sleep_for(1ms);
      ++rounds;
    }
    return x + rounds;
  });
  m.add("after", {"work"}, [](int w) { return w; });
  m.add("plain", {"x"}, [](int x) { return hamilton::stop_requested() ? -1 : x; });
  for (const auto& dr : drivers(m)) {
    auto start = std::chrono::steady_clock::now();
    auto r = dr.execute(within(40ms, true), {"work", "after"}, {{"x", 0}});
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);  // it stopped, not after 10,000 ms
    const int rounds = r.get<int>("work");
    EXPECT_GT(rounds, 0);
    EXPECT_LT(rounds, 10000);
    ASSERT_EQ(r.failures().size(), 1u);
    EXPECT_EQ(r.failures()[0].node, "after");
    EXPECT_EQ(r.failures()[0].status, NodeStatus::deadline);
    // without a deadline, nothing asks a node to stop
    EXPECT_EQ(dr.execute({"plain"}, {{"x", 3}}).get<int>("plain"), 3);
    EXPECT_EQ(dr.execute(within(10s), {"plain"}, {{"x", 3}}).get<int>("plain"), 3);
  }
  EXPECT_FALSE(hamilton::stop_requested());
}
