// Lifecycle hooks: order, every node exactly once, failures, node execution method, shipped hooks.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <hamilton/hamilton.hpp>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "support/layered_graph.hpp"

using hamilton::Builder;
using hamilton::Module;

namespace {

struct Recorder : hamilton::LifecycleHook {
  std::mutex mutex;
  std::vector<std::string> events;
  std::multiset<std::string> after_nodes;
  void add(std::string e) {
    std::lock_guard lock(mutex);
    events.push_back(std::move(e));
  }
  void run_before_graph_execution(const hamilton::GraphRun& run) override {
    add("before graph " + std::to_string(run.node_count()));
  }
  void run_after_graph_execution(const hamilton::GraphRun&, bool success,
                                 const std::exception_ptr& error) override {
    add(std::string("after graph ") + (success ? "ok" : "failed") + (error ? " with error" : ""));
  }
  void run_before_node_execution(const hamilton::NodeRun& node) override {
    std::string args;
    for (std::size_t i = 0; i < node.argument_count(); ++i)
      args += node.argument_name(i) + "=" + std::to_string(node.argument(i).get<double>()) + " ";
    add("before " + node.name() + " " + args);
  }
  void run_after_node_execution(const hamilton::NodeRun& node,
                                const hamilton::NodeOutcome& outcome) override {
    add("after " + node.name() + (outcome.success ? " ok" : " failed"));
    std::lock_guard lock(mutex);
    after_nodes.insert(node.name());
  }
};

Module small_module() {
  Module m("hooked");
  m.add("a", {"x"}, [](double x) { return x + 1; }, {hamilton::tag("team", "fed")});
  m.add("b", {"a"}, [](double a) { return a * 2; });
  return m;
}

}  // namespace

TEST(Hooks, CalledAroundGraphAndNodesInOrder) {
  auto rec = std::make_shared<Recorder>();
  auto dr = Builder().with_modules(small_module()).with_hooks(rec).build();
  EXPECT_EQ(dr.execute({"b"}, {{"x", 1.0}}).get<double>("b"), 4.0);
  EXPECT_EQ(rec->events, (std::vector<std::string>{"before graph 2", "before a x=1.000000 ",
                                                   "after a ok", "before b a=2.000000 ", "after b ok",
                                                   "after graph ok"}));
}

TEST(Hooks, FailuresReachHooksAndTheCaller) {
  auto rec = std::make_shared<Recorder>();
  Module m("hook_failure");
  m.add("bad", {"x"}, [](double) -> double { throw std::logic_error("nope"); });
  auto dr = Builder().with_modules(m).with_hooks(rec).build();
  EXPECT_THROW(dr.execute({"bad"}, {{"x", 1.0}}), hamilton::ExecutionError);
  EXPECT_EQ(rec->events, (std::vector<std::string>{"before graph 1", "before bad x=1.000000 ",
                                                   "after bad failed", "after graph failed with error"}));
}

TEST(Hooks, EveryNodeExactlyOnceWithTheParallelExecutor) {
  auto shape = workload::make_shape(200, 11);
  auto rec = std::make_shared<Recorder>();
  auto timing = std::make_shared<hamilton::TimingReport>();
  auto dr = Builder()
                .with_modules(workload::make_module<double>(shape))
                .with_executor(std::make_shared<hamilton::ParallelExecutor>(2))
                .with_hooks(rec, timing)
                .build();
  auto names = workload::all_names(shape);
  dr.execute(names, {{"a", 0.5}, {"b", 0.25}});
  ASSERT_EQ(rec->after_nodes.size(), 200u);
  for (const auto& n : names) EXPECT_EQ(rec->after_nodes.count(n), 1u) << n;
  auto timings = timing->timings();
  ASSERT_EQ(timings.size(), 200u);
  for (const auto& t : timings) EXPECT_EQ(t.calls, 1u);
}

TEST(Hooks, NodeExecutionMethodReplacesTheCall) {
  struct Doubling : hamilton::NodeExecutionMethod {
    hamilton::Value run_to_execute_node(const hamilton::NodeRun& node,
                                        const hamilton::NodeCall& call) override {
      if (node.tags().count("team")) return call().get<double>() * 10;
      return call();
    }
  };
  auto dr = Builder()
                .with_modules(small_module())
                .with_node_execution_method(std::make_shared<Doubling>())
                .build();
  // a = (1 + 1) * 10 = 20; b = 40
  EXPECT_EQ(dr.execute({"b"}, {{"x", 1.0}}).get<double>("b"), 40.0);
  try {
    Builder().with_node_execution_method(std::make_shared<Doubling>())
        .with_node_execution_method(std::make_shared<Doubling>());
    FAIL();
  } catch (const hamilton::Error& e) {
    EXPECT_NE(std::string(e.what()).find("only one can replace how nodes are called"), std::string::npos);
  }
}

TEST(Hooks, CompiledPlansUseTheHooksToo) {
  auto rec = std::make_shared<Recorder>();
  auto dr = Builder().with_modules(small_module()).with_hooks(rec).build();
  auto plan = dr.compile({"a"}, {"x"});
  hamilton::Value in[] = {2.0};
  EXPECT_EQ(plan.execute(in).get<double>("a"), 3.0);
  EXPECT_EQ(rec->events.size(), 4u);
}

TEST(ShippedHooks, TimingReportTable) {
  auto timing = std::make_shared<hamilton::TimingReport>();
  auto dr = Builder().with_modules(small_module()).with_hooks(timing).build();
  for (int i = 0; i < 3; ++i) dr.execute({"b"}, {{"x", 1.0}});
  auto t = timing->timings();
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].calls, 3u);
  std::string table = timing->to_string();
  EXPECT_EQ(table.rfind("node  module", 0), 0u) << table;
  EXPECT_NE(table.find("hooked"), std::string::npos);
  timing->reset();
  EXPECT_TRUE(timing->timings().empty());
}

TEST(ShippedHooks, PerfettoTraceWritesChromeTraceJson) {
  std::string path = ::testing::TempDir() + "trace.json";
  auto trace = std::make_shared<hamilton::PerfettoTrace>(path);
  auto dr = Builder()
                .with_modules(small_module())
                .with_executor(std::make_shared<hamilton::ParallelExecutor>(2))
                .with_hooks(trace)
                .build();
  dr.execute({"b"}, {{"x", 1.0}});
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string json = ss.str();
  EXPECT_EQ(json.rfind("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[", 0), 0u) << json;
  EXPECT_NE(json.find("\"name\":\"a\""), std::string::npos);
  EXPECT_NE(json.find("\"name\":\"b\""), std::string::npos);
  EXPECT_NE(json.find("\"ph\":\"X\""), std::string::npos);
  EXPECT_NE(json.find("\"cat\":\"hooked\""), std::string::npos);
  EXPECT_NE(json.find("execute (run "), std::string::npos);
  EXPECT_THROW(trace->write("/nonexistent-dir/trace.json"), hamilton::Error);
}

TEST(ShippedHooks, LoggingHookAndProgressBar) {
  std::vector<std::string> lines;
  auto logging = std::make_shared<hamilton::LoggingHook>([&](const std::string& l) { lines.push_back(l); });
  std::FILE* tmp = std::tmpfile();
  auto forced = std::make_shared<hamilton::ProgressBar>(tmp, true);
  auto silent = std::make_shared<hamilton::ProgressBar>(tmp, false);  // a file is not a terminal
  auto dr = Builder().with_modules(small_module()).with_hooks(logging, forced, silent).build();
  dr.execute({"b"}, {{"x", 1.0}});
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_NE(lines[0].find("executing 2 node(s) for b"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("node `a` started"), std::string::npos);
  EXPECT_NE(lines[2].find("node `a` finished in"), std::string::npos);
  EXPECT_NE(lines[5].find("finished in"), std::string::npos);
  std::rewind(tmp);
  char buf[4096] = {};
  std::size_t n = std::fread(buf, 1, sizeof buf - 1, tmp);
  std::string drawn(buf, n);
  std::fclose(tmp);
  EXPECT_NE(drawn.find("[##############################] 2/2 done"), std::string::npos) << drawn;
  // drawn once by the forced bar only: the silent one wrote nothing
  EXPECT_EQ(drawn.find("2/2 done"), drawn.rfind("2/2 done"));
}
