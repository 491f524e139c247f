// Dynamic parallelism: Parallelizable<T> fans out, Collect<T> gathers in item order; several
// collects per block, nested blocks, collect-then-parallelize, build-time errors for misuse.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <hamilton/hamilton.hpp>

#include "support/tracked.hpp"
#include <map>
#include <mutex>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/layered_graph.hpp"

using hamilton::Builder;
using hamilton::Collect;
using hamilton::Driver;
using hamilton::ErrorCode;
using hamilton::Module;
using hamilton::Parallelizable;

namespace {

std::shared_ptr<hamilton::ParallelExecutor> parallel(int threads = 2) {
  return std::make_shared<hamilton::ParallelExecutor>(threads);
}

// Both executors over the same modules.
std::vector<Driver> drivers(const Module& m, hamilton::ValueMap config = {}) {
  return {Builder().with_modules(m).with_config(config).build(),
          Builder().with_modules(m).with_config(config).with_executor(parallel(3)).build()};
}

Module basic_module(const std::string& name = "par_basic") {
  Module m(name);
  m.add("item", {"count"}, [](int count) {
    Parallelizable<int> p;
    for (int i = 1; i <= count; ++i) p.push_back(i);
    return p;
  });
  m.add("square", {"item", "offset"}, [](int x, int offset) { return x * x + offset; });
  m.add("squares", {"square"}, [](const Collect<int>& s) { return s.to_vector(); });
  m.add("total", {"square"}, [](const Collect<int>& s) {
    return std::accumulate(s.begin(), s.end(), 0);
  });
  return m;
}

std::string graph_error(const Module& m, ErrorCode code) {
  try {
    Builder().with_modules(m).build();
  } catch (const hamilton::GraphError& e) {
    EXPECT_TRUE(e.has(code)) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "expected a GraphError " << hamilton::to_string(code);
  return {};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

using testing_support::Tracked;

}  // namespace

TEST(Parallelizable, TypesWrapVectors) {
  Parallelizable<std::string> p{"a", "b"};
  p.push_back("c");
  EXPECT_EQ(p.size(), 3u);
  EXPECT_EQ(p[2], "c");
  EXPECT_EQ(std::vector<std::string>(p.begin(), p.end()), (std::vector<std::string>{"a", "b", "c"}));
  Parallelizable<int> q(std::vector<int>{4, 5});
  EXPECT_EQ(q.to_vector(), (std::vector<int>{4, 5}));
  Collect<double> c(std::vector<double>{1.5, 2.5});
  EXPECT_EQ(c.size(), 2u);
  EXPECT_DOUBLE_EQ(c[1], 2.5);
  EXPECT_DOUBLE_EQ(std::accumulate(c.begin(), c.end(), 0.0), 4.0);
}

TEST(Parallelizable, FansOutAndCollectsInItemOrder) {
  for (const auto& dr : drivers(basic_module())) {
    auto r = dr.execute({"squares", "total"}, {{"count", 5}, {"offset", 1}});
    EXPECT_EQ(r.get<std::vector<int>>("squares"), (std::vector<int>{2, 5, 10, 17, 26}));
    EXPECT_EQ(r.get<int>("total"), 2 + 5 + 10 + 17 + 26);
    // no items: an empty Collect
    auto empty = dr.execute({"squares", "total"}, {{"count", 0}, {"offset", 1}});
    EXPECT_TRUE(empty.get<std::vector<int>>("squares").empty());
    EXPECT_EQ(empty.get<int>("total"), 0);
  }
}

TEST(Parallelizable, OrderIsKeptWhenItemsFinishOutOfOrder) {
  Module m("par_order");
  m.add("item", {"n"}, [](int n) {
    Parallelizable<int> p;
    for (int i = 0; i < n; ++i) p.push_back(i);
    return p;
  });
  m.add("slow", {"item"}, [](int i) {
    std::this_thread::sleep_for(std::chrono::milliseconds((7 * i) % 5));
    return std::to_string(i);
  });
  m.add("joined", {"slow"}, [](const Collect<std::string>& s) {
    std::string out;
    for (const auto& x : s) out += x + ",";
    return out;
  });
  auto dr = Builder().with_modules(m).with_executor(parallel(4)).build();
  EXPECT_EQ(dr.execute({"joined"}, {{"n", 12}}).get<std::string>("joined"),
            "0,1,2,3,4,5,6,7,8,9,10,11,");
}

TEST(Parallelizable, RunsItemsAtOnceOnTheParallelExecutor) {
  std::atomic<int> running{0}, peak{0};
  std::atomic<bool> wait_for_partner{true};
  Module m("par_concurrency");
  m.add("item", {"n"}, [](int n) { return Parallelizable<int>(std::vector<int>(n, 1)); });
  m.add("work", {"item"}, [&](int x) {
    testing_support::raise_peak(peak, ++running);
    // give the second thread time to join (it may be waking up): up to 2 s, then go on
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (wait_for_partner && peak.load() < 2 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    --running;
    return x;
  });
  m.add("sum", {"work"}, [](const Collect<int>& w) { return std::accumulate(w.begin(), w.end(), 0); });
  auto par = Builder().with_modules(m).with_executor(parallel(2)).build();
  EXPECT_EQ(par.execute({"sum"}, {{"n", 6}}).get<int>("sum"), 6);
  EXPECT_EQ(peak.load(), 2);
  peak = 0;
  wait_for_partner = false;
  auto seq = Builder().with_modules(m).build();
  EXPECT_EQ(seq.execute({"sum"}, {{"n", 6}}).get<int>("sum"), 6);
  EXPECT_EQ(peak.load(), 1);
}

// The layered workload inside a block: `a` fans out, every node downstream of it runs per item;
// the block's last nodes are gathered and summed. Sequential, parallel and a plain loop agree.
TEST(Parallelizable, SequentialEqualsParallelOnRandomBlocks) {
  for (unsigned seed : {3u, 11u, 99u}) {
    auto shape = workload::make_shape(80, seed, 10);
    Module m = workload::make_module<double>(shape, "par_random_" + std::to_string(seed));
    std::mt19937 rng(seed);
    std::vector<double> items;
    for (int i = 0; i < 9; ++i) items.push_back(std::uniform_real_distribution<double>(-1, 1)(rng));
    // nodes downstream of `a` are in the block
    std::vector<bool> in_block(shape.deps.size(), false);
    for (std::size_t i = 0; i < shape.deps.size(); ++i)
      for (int d : shape.deps[i]) in_block[i] = in_block[i] || d == -1 || (d >= 0 && in_block[d]);
    std::vector<int> gathered;
    for (int i = static_cast<int>(shape.deps.size()) - 1; i >= 0 && gathered.size() < 3; --i)
      if (in_block[i]) gathered.push_back(i);
    ASSERT_FALSE(gathered.empty());
    // the workload reads `a`: make `a` the Parallelizable node
    Module wrapper("par_random_wrap_" + std::to_string(seed));
    wrapper.add("a", {"seeds"}, [](const std::vector<double>& s) { return Parallelizable<double>(s); });
    std::vector<std::string> outs;
    for (int i : gathered) {
      outs.push_back("sum_n" + std::to_string(i));
      wrapper.add(outs.back(), {"n" + std::to_string(i)},
                  [](const Collect<double>& c) { return std::vector<double>(c.begin(), c.end()); });
    }
    auto seq = Builder().with_modules(m, wrapper).build();
    auto par = Builder().with_modules(m, wrapper).with_executor(parallel(4)).build();
    hamilton::Inputs in{{"seeds", items}, {"b", 0.25}};
    auto r1 = seq.execute(outs, in);
    auto r2 = par.execute(outs, in);
    for (std::size_t k = 0; k < gathered.size(); ++k) {
      auto v1 = r1.get<std::vector<double>>(outs[k]);
      ASSERT_EQ(v1, r2.get<std::vector<double>>(outs[k])) << "seed " << seed;
      ASSERT_EQ(v1.size(), items.size());
      for (std::size_t i = 0; i < items.size(); ++i)
        ASSERT_EQ(v1[i], workload::run_baseline<double>(shape, items[i], 0.25)[gathered[k]]);
    }
  }
}

TEST(Parallelizable, SeveralCollectsPerBlock) {
  Module m("par_two_collects");
  m.add("word", {"words"}, [](const std::vector<std::string>& w) { return Parallelizable<std::string>(w); });
  m.add("length", {"word"}, [](const std::string& w) { return static_cast<int>(w.size()); });
  m.add("upper", {"word"}, [](const std::string& w) {
    std::string u = w;
    for (auto& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
  });
  // two collect nodes, each gathering a different block node
  m.add("total_length", {"length"}, [](const Collect<int>& l) { return std::accumulate(l.begin(), l.end(), 0); });
  m.add("shout", {"upper"}, [](const Collect<std::string>& u) {
    std::string s;
    for (const auto& x : u) s += x;
    return s;
  });
  // one node with two Collect parameters over the same block, zipped
  m.add("report", {"upper", "length"}, [](const Collect<std::string>& u, const Collect<int>& l) {
    std::string s;
    for (std::size_t i = 0; i < u.size(); ++i) s += u[i] + "=" + std::to_string(l[i]) + ";";
    return s;
  });
  for (const auto& dr : drivers(m)) {
    auto r = dr.execute({"total_length", "shout", "report"},
                        {{"words", std::vector<std::string>{"ab", "cde", "f"}}});
    EXPECT_EQ(r.get<int>("total_length"), 6);
    EXPECT_EQ(r.get<std::string>("shout"), "ABCDEF");
    EXPECT_EQ(r.get<std::string>("report"), "AB=2;CDE=3;F=1;");
  }
}

TEST(Parallelizable, CollectsFromTwoBlocksInOneNode) {
  Module m("par_two_blocks");
  m.add("x", {"xs"}, [](const std::vector<int>& v) { return Parallelizable<int>(v); });
  m.add("y", {"ys"}, [](const std::vector<int>& v) { return Parallelizable<int>(v); });
  m.add("x2", {"x"}, [](int x) { return 2 * x; });
  m.add("y3", {"y"}, [](int y) { return 3 * y; });
  m.add("both", {"x2", "y3"}, [](const Collect<int>& a, const Collect<int>& b) {
    return std::to_string(a.size()) + ":" + std::to_string(std::accumulate(a.begin(), a.end(), 0)) +
           "/" + std::to_string(b.size()) + ":" + std::to_string(std::accumulate(b.begin(), b.end(), 0));
  });
  for (const auto& dr : drivers(m)) {
    auto r = dr.execute({"both"}, {{"xs", std::vector<int>{1, 2}}, {"ys", std::vector<int>{1, 1, 1}}});
    EXPECT_EQ(r.get<std::string>("both"), "2:6/3:9");
  }
}

TEST(Parallelizable, NestedBlocks) {
  Module m("par_nested");
  // rows, then each row's cells; inner collect inside the outer block
  m.add("row", {"rows"}, [](int rows) {
    Parallelizable<int> p;
    for (int r = 0; r < rows; ++r) p.push_back(r);
    return p;
  });
  m.add("cell", {"row", "cols"}, [](int row, int cols) {
    Parallelizable<int> p;
    for (int c = 0; c < cols; ++c) p.push_back(row * 10 + c);
    return p;
  });
  m.add("cell_value", {"cell", "scale"}, [](int cell, int scale) { return cell * scale; });
  m.add("row_sum", {"cell_value", "row"}, [](const Collect<int>& cells, int row) {
    return std::accumulate(cells.begin(), cells.end(), 0) + 1000 * row;
  });
  m.add("row_sums", {"row_sum"}, [](const Collect<int>& rs) { return rs.to_vector(); });
  for (const auto& dr : drivers(m, {{"scale", 2}})) {
    auto r = dr.execute({"row_sums"}, {{"rows", 3}, {"cols", 4}});
    // row r: 2 * (40r + 0+1+2+3) + 1000r
    EXPECT_EQ(r.get<std::vector<int>>("row_sums"), (std::vector<int>{12, 1092, 2172}));
  }
}

TEST(Parallelizable, CollectThenParallelizeAgain) {
  Module m("par_chain");
  m.add("n", {"ns"}, [](const std::vector<int>& v) { return Parallelizable<int>(v); });
  m.add("doubled", {"n"}, [](int n) { return 2 * n; });
  // a node that is both a Collect and a Parallelizable (apache/hamilton#652)
  m.add("pair", {"doubled"}, [](const Collect<int>& d) {
    Parallelizable<std::pair<int, int>> p;
    for (std::size_t i = 0; i + 1 < d.size(); ++i) p.push_back({d[i], d[i + 1]});
    return p;
  });
  m.add("pair_sum", {"pair"}, [](const std::pair<int, int>& p) { return p.first + p.second; });
  m.add("pair_sums", {"pair_sum"}, [](const Collect<int>& s) { return s.to_vector(); });
  for (const auto& dr : drivers(m)) {
    auto r = dr.execute({"pair_sums"}, {{"ns", std::vector<int>{1, 2, 3, 4}}});
    EXPECT_EQ(r.get<std::vector<int>>("pair_sums"), (std::vector<int>{6, 10, 14}));
  }
}

TEST(Parallelizable, CollectingTheItemsThemselves) {
  Module m("par_identity");
  m.add("item", {"n"}, [](int n) { return Parallelizable<int>(std::vector<int>(n, 7)); });
  m.add("items", {"item"}, [](const Collect<int>& c) { return c.to_vector(); });
  for (const auto& dr : drivers(m))
    EXPECT_EQ(dr.execute({"items"}, {{"n", 3}}).get<std::vector<int>>("items"), (std::vector<int>{7, 7, 7}));
}

TEST(Parallelizable, ErrorInAnItemNamesTheNodeAndTheItem) {
  std::atomic<int> collected{0};
  Module m("par_errors");
  m.add("item", {"n"}, [](int n) {
    Parallelizable<int> p;
    for (int i = 0; i < n; ++i) p.push_back(i);
    return p;
  });
  m.add("checked", {"item"}, [](int i) {
    if (i == 2) throw std::runtime_error("bad item");
    return i;
  });
  m.add("all", {"checked"}, [&](const Collect<int>& c) {
    ++collected;
    return static_cast<int>(c.size());
  });
  for (const auto& dr : drivers(m)) {
    try {
      dr.execute({"all"}, {{"n", 5}});
      FAIL();
    } catch (const hamilton::ExecutionError& e) {
      EXPECT_EQ(e.node(), "checked");
      EXPECT_EQ(e.outputs(), std::vector<std::string>{"all"});
      EXPECT_TRUE(contains(e.what(), "failed: on item 2 of `item`: std::runtime_error: bad item")) << e.what();
      try {
        std::rethrow_exception(e.original());
      } catch (const std::runtime_error& original) {
        EXPECT_STREQ(original.what(), "bad item");
      }
    }
    EXPECT_EQ(collected.load(), 0);
  }
}

TEST(Parallelizable, HooksSeeEveryNodeRunForEveryItem) {
  struct Counter : hamilton::LifecycleHook {
    std::mutex mutex;
    std::map<std::string, int> before, after;
    std::vector<std::string> path;
    void run_before_graph_execution(const hamilton::GraphRun& run) override { path = run.execution_path(); }
    void run_before_node_execution(const hamilton::NodeRun& node) override {
      std::lock_guard lock(mutex);
      ++before[node.name()];
    }
    void run_after_node_execution(const hamilton::NodeRun& node, const hamilton::NodeOutcome& o) override {
      std::lock_guard lock(mutex);
      if (o.success) ++after[node.name()];
    }
  };
  for (bool par : {false, true}) {
    auto hook = std::make_shared<Counter>();
    Builder b;
    b.with_modules(basic_module("par_hooks")).with_hooks(hook);
    if (par) b.with_executor(parallel(3));
    auto dr = b.build();
    EXPECT_EQ(dr.execute({"total"}, {{"count", 4}, {"offset", 0}}).get<int>("total"), 30);
    EXPECT_EQ(hook->before, (std::map<std::string, int>{{"item", 1}, {"square", 4}, {"total", 1}}));
    EXPECT_EQ(hook->after, hook->before);
    EXPECT_EQ(hook->path, (std::vector<std::string>{"item", "square", "total"}));
  }
}

TEST(Parallelizable, CompiledPlansRunWithChangingInputs) {
  for (const auto& dr : drivers(basic_module("par_plans"))) {
    auto plan = dr.compile({"squares"}, {"count", "offset"});
    EXPECT_EQ(plan.nodes(), (std::vector<std::string>{"item", "square", "squares"}));
    for (int count = 0; count < 6; ++count) {
      auto r = plan.execute(std::vector<hamilton::Value>{count, 10});
      std::vector<int> want;
      for (int i = 1; i <= count; ++i) want.push_back(i * i + 10);
      EXPECT_EQ(r.get<std::vector<int>>("squares"), want);
    }
  }
}

TEST(Parallelizable, InputsConfigAndOverridesReachTheBlock) {
  Module m("par_values");
  m.add("item", {"base"}, [](int base) { return Parallelizable<int>{base, base + 1}; });
  m.add("shifted", {"item", "shift"}, [](int i, int shift) { return i + shift; });
  m.add("scaled", {"shifted", "factor"}, [](int s, double f) { return s * f; });
  m.add("out", {"scaled"}, [](const Collect<double>& c) { return c.to_vector(); });
  for (const auto& dr : drivers(m, {{"factor", 2}})) {  // config int 2 converted to double
    EXPECT_EQ(dr.execute({"out"}, {{"base", 1}, {"shift", 10}}).get<std::vector<double>>("out"),
              (std::vector<double>{22, 24}));
    // override the Parallelizable node: its items fan out
    EXPECT_EQ(dr.execute({"out"}, {{"shift", 0}}, {{"item", Parallelizable<int>{5, 6, 7}}})
                  .get<std::vector<double>>("out"),
              (std::vector<double>{10, 12, 14}));
    // override a block node: its value is the same for every item
    EXPECT_EQ(dr.execute({"out"}, {{"base", 1}}, {{"shifted", 4}}).get<std::vector<double>>("out"),
              (std::vector<double>{8, 8}));
    // the Parallelizable node itself can be requested
    EXPECT_EQ(dr.execute({"item"}, {{"base", 3}}).get<Parallelizable<int>>("item").to_vector(),
              (std::vector<int>{3, 4}));
  }
}

TEST(Parallelizable, PerItemIntermediatesAreReleased) {
  Module m("par_memory");
  m.add("item", {"n"}, [](int n) {
    Parallelizable<double> p;
    for (int i = 0; i < n; ++i) p.push_back(i);
    return p;
  });
  m.add("t1", {"item"}, [](double x) { return Tracked(x); });
  m.add("t2", {"t1"}, [](const Tracked& t) { return Tracked(t.v + 1); });
  m.add("t3", {"t2"}, [](const Tracked& t) { return Tracked(t.v * 2); });
  m.add("small", {"t3"}, [](const Tracked& t) { return t.v; });
  m.add("sum", {"small"}, [](const Collect<double>& c) { return std::accumulate(c.begin(), c.end(), 0.0); });
  for (const auto& dr : drivers(m)) {
    Tracked::live = 0;
    Tracked::peak = 0;
    const int n = 200;
    EXPECT_DOUBLE_EQ(dr.execute({"sum"}, {{"n", n}}).get<double>("sum"), n * (n + 1.0));
    EXPECT_EQ(Tracked::live.load(), 0);
    // at most two Tracked per item being run (t1 -> t2, t2 -> t3), a few items at once
    EXPECT_LE(Tracked::peak.load(), 2 * 4);
  }
}

// ---- misuse: build-time and request-time errors ----

TEST(ParallelizableErrors, CollectOfANodeOutsideEveryBlock) {
  Module m("par_err_outside");
  m.add("x", {"a"}, [](int a) { return a; });
  m.add("c", {"x"}, [](const Collect<int>& x) { return static_cast<int>(x.size()); });
  auto msg = graph_error(m, ErrorCode::collect_outside_block);
  EXPECT_TRUE(contains(msg, "parameter `x` is a hamilton::Collect<int> but `x`")) << msg;
  EXPECT_TRUE(contains(msg, "is not inside a parallel block")) << msg;
  EXPECT_TRUE(contains(msg, "parallelizable_test.cpp:")) << msg;  // file:line of the node

  Module m2("par_err_outside_input");
  m2.add("c", {"a"}, [](const Collect<int>& a) { return static_cast<int>(a.size()); });
  auto msg2 = graph_error(m2, ErrorCode::collect_outside_block);
  EXPECT_TRUE(contains(msg2, "but `a` is an external input, not a node inside a parallel block")) << msg2;

  // with a block elsewhere in the graph
  Module m3 = basic_module("par_err_outside_mixed");
  m3.add("plain", {"offset"}, [](int o) { return o; });
  m3.add("bad", {"plain"}, [](const Collect<int>& p) { return static_cast<int>(p.size()); });
  auto msg3 = graph_error(m3, ErrorCode::collect_outside_block);
  EXPECT_TRUE(contains(msg3, "node `bad` (module par_err_outside_mixed")) << msg3;
}

TEST(ParallelizableErrors, BlockNodeReadDirectlyBesidesItsCollect) {
  Module m = basic_module("par_err_direct");
  m.add("mixed", {"square", "square_again"}, [](const Collect<int>& s, int direct) {
    return static_cast<int>(s.size()) + direct;
  });
  m.add("square_again", {"item"}, [](int x) { return x; });
  auto msg = graph_error(m, ErrorCode::collect_in_own_block);
  EXPECT_TRUE(contains(msg, "node `mixed` gathers the block of `item` through its Collect parameter "
                            "`square`, but its parameter `square_again` reads `square_again` "
                            "directly, a node inside that block")) << msg;
}

TEST(ParallelizableErrors, CollectTypeMustMatchTheGatheredNode) {
  Module m("par_err_collect_type");
  m.add("item", {"n"}, [](int n) { return Parallelizable<int>(std::vector<int>(n, 1)); });
  m.add("half", {"item"}, [](int i) { return i / 2.0; });
  m.add("bad", {"half"}, [](const Collect<int>& h) { return static_cast<int>(h.size()); });
  m.add("bad_items", {"item"}, [](const Collect<double>& i) { return static_cast<int>(i.size()); });
  auto msg = graph_error(m, ErrorCode::collect_type);
  EXPECT_TRUE(contains(msg, "parameter `half` is a hamilton::Collect<int> (one int per item) but node "
                            "`half`")) << msg;
  EXPECT_TRUE(contains(msg, "produces a double; declare the parameter as hamilton::Collect<double>")) << msg;
  EXPECT_TRUE(contains(msg, "returns a hamilton::Parallelizable<int>, whose items are int; declare the "
                            "parameter as hamilton::Collect<int>")) << msg;
}

TEST(ParallelizableErrors, ItemTypeMustMatchTheParallelizable) {
  Module m("par_err_item_type");
  m.add("item", {"n"}, [](int n) { return Parallelizable<int>(std::vector<int>(n, 1)); });
  m.add("wrong", {"item"}, [](double d) { return d; });
  m.add("whole", {"item"}, [](const Parallelizable<int>& p) { return static_cast<int>(p.size()); });
  auto msg = graph_error(m, ErrorCode::item_type);
  EXPECT_TRUE(contains(msg, "parameter `item` is a double but node `item`")) << msg;
  EXPECT_TRUE(contains(msg, "a parameter reading it receives one item at a time, a int; declare the "
                            "parameter as int")) << msg;
  EXPECT_TRUE(contains(msg, "parameter `item` is a hamilton::Parallelizable<int> but node `item`")) << msg;
}

TEST(ParallelizableErrors, NodesOfTwoBlocksCannotMeetWithoutACollect) {
  Module m("par_err_mixed");
  m.add("x", {"xs"}, [](const std::vector<int>& v) { return Parallelizable<int>(v); });
  m.add("y", {"ys"}, [](const std::vector<int>& v) { return Parallelizable<int>(v); });
  m.add("sum", {"x", "y"}, [](int x, int y) { return x + y; });
  auto msg = graph_error(m, ErrorCode::mixed_blocks);
  EXPECT_TRUE(contains(msg, "node `sum` reads `x` through parameter `x` (in the block of `x`) and "
                            "`y` through parameter `y` (in the block of `y`)")) << msg;
}

TEST(ParallelizableErrors, ABlockCannotUseItsOwnCollect) {
  Module m = basic_module("par_err_cycle");
  m.add("relative", {"square", "total"}, [](int s, int t) { return s * 1.0 / t; });
  m.add("relatives", {"relative"}, [](const Collect<double>& r) { return r.to_vector(); });
  auto msg = graph_error(m, ErrorCode::block_cycle);
  EXPECT_TRUE(contains(msg, "node `relative` is inside the block of `item` but depends on `total`, "
                            "which gathers that same block")) << msg;
}

TEST(ParallelizableErrors, ABlockNodeCannotBeRequestedDirectly) {
  auto dr = Builder().with_modules(basic_module("par_err_output")).build();
  try {
    dr.execute({"square"}, {{"count", 2}, {"offset", 0}});
    FAIL();
  } catch (const hamilton::InputError& e) {
    EXPECT_TRUE(e.has(ErrorCode::block_output));
    EXPECT_TRUE(contains(e.what(), "requested output `square` is inside the parallel block of `item`: it "
                                   "has one value per item; request a node that gathers it with a "
                                   "hamilton::Collect<int> parameter")) << e.what();
  }
  EXPECT_THROW(dr.compile({"square"}, {"count", "offset"}), hamilton::InputError);
}
