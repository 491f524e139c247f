// The parallel executor: identical results on random graphs, errors, concurrency.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <hamilton/hamilton.hpp>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "support/layered_graph.hpp"
#include "support/tracked.hpp"

using hamilton::Builder;
using hamilton::Module;

namespace {
std::shared_ptr<hamilton::ParallelExecutor> parallel(int threads = 2) {
  return std::make_shared<hamilton::ParallelExecutor>(threads);
}
}  // namespace

TEST(ParallelExecutor, SameResultsAsSequentialOnRandomGraphs) {
  for (unsigned seed : {1u, 7u, 42u, 2024u}) {
    auto shape = workload::make_shape(300, seed);
    auto module = workload::make_module<workload::Column>(shape);
    auto seq = Builder().with_modules(module).build();
    auto par = Builder().with_modules(module).with_executor(parallel(4)).build();
    auto outputs = workload::all_names(shape);
    hamilton::Inputs in{{"a", workload::Column{0.1, -0.5, 0.9}},
                        {"b", workload::Column{0.3, 0.2, -1.0}}};
    auto r1 = seq.execute(outputs, in);
    auto r2 = par.execute(outputs, in);
    auto base = workload::run_baseline<workload::Column>(shape, in.at("a").get<workload::Column>(),
                                                         in.at("b").get<workload::Column>());
    for (std::size_t i = 0; i < outputs.size(); ++i) {
      ASSERT_EQ(r1.get<workload::Column>(outputs[i]), r2.get<workload::Column>(outputs[i]))
          << "seed " << seed << " node " << outputs[i];
      ASSERT_EQ(r1.get<workload::Column>(outputs[i]), base[i]);
    }
    // only the last node requested: intermediates are released along the way
    auto last = par.execute({outputs.back()}, in);
    EXPECT_EQ(last.get<workload::Column>(outputs.back()), base.back());
  }
}

TEST(ParallelExecutor, RunsIndependentNodesAtOnce) {
  std::atomic<int> running{0}, peak{0};
  Module m("wide");
  std::vector<std::string> outs;
  for (int i = 0; i < 8; ++i) {
    outs.push_back("w" + std::to_string(i));
    m.add(outs.back(), {"x"}, [&](double x) {
      testing_support::raise_peak(peak, ++running);
      // give the second thread time to join (it may be waking up): up to 2 s, then go on
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
      while (peak.load() < 2 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      --running;
      return x;
    });
  }
  auto dr = Builder().with_modules(m).with_executor(parallel(2)).build();
  dr.execute(outs, {{"x", 1.0}});
  EXPECT_EQ(peak.load(), 2);
}

TEST(ParallelExecutor, FirstErrorStopsWhatHasNotStartedAndIsReportedLikeSequential) {
  std::atomic<int> after_failure{0};
  Module m("parallel_failure");
  m.add("root", {"x"}, [](double x) { return x; });
  m.add("bad", {"root"}, [](double) -> double { throw std::runtime_error("boom"); });
  m.add("downstream", {"bad"}, [&](double b) {
    ++after_failure;
    return b;
  });
  std::vector<std::string> outs{"downstream"};
  auto dr = Builder().with_modules(m).with_executor(parallel(2)).build();
  try {
    dr.execute(outs, {{"x", 1.0}});
    FAIL();
  } catch (const hamilton::ExecutionError& e) {
    EXPECT_EQ(e.node(), "bad");
    EXPECT_EQ(e.outputs(), std::vector<std::string>{"downstream"});
    EXPECT_NE(std::string(e.what()).find("failed: std::runtime_error: boom"), std::string::npos);
  }
  EXPECT_EQ(after_failure.load(), 0);
  // usable afterwards
  EXPECT_EQ(dr.execute({"root"}, {{"x", 3.0}}).get<double>("root"), 3.0);
}

TEST(ParallelExecutor, ConcurrentExecuteCallsOnOneDriver) {
  auto shape = workload::make_shape(100, 5);
  auto module = workload::make_module<double>(shape);
  auto dr = Builder().with_modules(module).with_executor(parallel(2)).build();
  auto outputs = workload::all_names(shape);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        double a = 0.01 * (t + 1), b = -0.002 * i;
        auto base = workload::run_baseline<double>(shape, a, b);
        auto r = dr.execute({outputs.back()}, {{"a", a}, {"b", b}});
        if (r.get<double>(outputs.back()) != base.back()) ++wrong;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(ParallelExecutor, NameAndThreads) {
  hamilton::ParallelExecutor ex(3);
  EXPECT_EQ(ex.threads(), 3);
  EXPECT_EQ(ex.name(), "parallel(3 threads)");
  EXPECT_GE(hamilton::ParallelExecutor().threads(), 1);
}

// Chains (each node the only reader of its producer, the only consumer of it) run on one
// thread without tasks or shared counts between their links: the same values as the sequential
// executor, every hook event once and in dependency order, each value released by its reader.
TEST(ParallelExecutor, ChainsGiveTheSameValuesHookEventsAndReleases) {
  using testing_support::Tracked;
  constexpr int kChains = 4, kLength = 50;
  Module m("chains");
  m.add("root", {"x"}, [](double x) { return Tracked(x); });
  std::vector<std::string> ends;
  for (int c = 0; c < kChains; ++c) {
    std::string previous = "root";
    for (int i = 0; i < kLength; ++i) {
      std::string name = "c" + std::to_string(c) + "_" + std::to_string(i);
      m.add(name, {previous},
            [c, i](const Tracked& t) { return Tracked(t.v * 0.5 + c + 0.01 * i); });
      previous = name;
    }
    ends.push_back(previous);
  }
  struct Order : hamilton::LifecycleHook {
    std::mutex mutex;
    std::map<std::string, int> before, after;
    int clock = 0;
    void run_before_node_execution(const hamilton::NodeRun& node) override {
      std::lock_guard lock(mutex);
      EXPECT_TRUE(before.emplace(node.name(), clock++).second) << node.name();
    }
    void run_after_node_execution(const hamilton::NodeRun& node,
                                  const hamilton::NodeOutcome& o) override {
      std::lock_guard lock(mutex);
      EXPECT_TRUE(o.success);
      EXPECT_TRUE(after.emplace(node.name(), clock++).second) << node.name();
    }
  };
  auto order = std::make_shared<Order>();
  auto seq = Builder().with_modules(m).build();
  auto par = Builder().with_modules(m).with_executor(parallel(2)).with_hooks(order).build();
  auto expected = seq.execute(ends, {{"x", 0.25}});
  Tracked::peak = Tracked::live.load();
  const int live_before = Tracked::live.load();
  auto r = par.execute(ends, {{"x", 0.25}});
  for (const auto& e : ends) EXPECT_EQ(r.get<Tracked>(e).v, expected.get<Tracked>(e).v) << e;
  // every intermediate was released by its one reader: a few values per chain at most were
  // alive at once, not all 201
  EXPECT_LE(Tracked::peak.load() - live_before, 3 * kChains);
  EXPECT_EQ(Tracked::live.load() - live_before, kChains);
  ASSERT_EQ(order->before.size(), 1u + kChains * kLength);
  ASSERT_EQ(order->after.size(), order->before.size());
  for (int c = 0; c < kChains; ++c) {
    std::string previous = "root";
    for (int i = 0; i < kLength; ++i) {
      std::string name = "c" + std::to_string(c) + "_" + std::to_string(i);
      EXPECT_LT(order->before[name], order->after[name]) << name;
      EXPECT_LT(order->after[previous], order->before[name]) << name;
      previous = name;
    }
  }
}
