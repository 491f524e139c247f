// The result cache (Builder::with_cache) on the 4,000-node column graph of 1,000-row Series:
// the first run into an empty cache, the second with nothing changed, and a run after one node's
// code version changed, for the in-memory stores and the folder stores (SQLite and files),
// beside the same graph without a cache, measured in the same run.
//
// `outputs`: 0 = every node requested (each result must be read back), 1 = the 40 last nodes.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <hamilton/frame.hpp>
#include <hamilton/hamilton.hpp>
#include <hamilton/io/cache_stores.hpp>
#include <memory>
#include <string>
#include <vector>

#include "support/layered_graph.hpp"

namespace {

namespace caching = hamilton::caching;
constexpr int kNodes = 4000;
constexpr int kChanged = 2000;  // the node whose version changes

const workload::Shape& shape() {
  static const workload::Shape s = workload::make_shape(kNodes, 1);
  return s;
}

hamilton::Inputs inputs() {
  auto column = [](double seed) {
    std::vector<double> c(1000);
    for (std::size_t i = 0; i < c.size(); ++i)
      c[i] = std::sin(seed + 0.001 * static_cast<double>(i));
    return hamilton::Series(std::move(c));
  };
  return {{"a", column(0.1)}, {"b", column(0.7)}};
}

std::vector<std::string> outputs(int which) {
  auto all = workload::all_names(shape());
  if (which == 0) return all;
  return std::vector<std::string>(all.end() - 40, all.end());
}

struct Folder {
  std::filesystem::path path;
  Folder() {
    char tmpl[] = "/tmp/hamilton-bench-cache-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~Folder() { std::filesystem::remove_all(path); }
};

caching::CacheOptions options(bool folder, const Folder& dir) {
  caching::CacheOptions o;
  if (folder) {
    o.path = dir.path.string();
  } else {
    o.metadata_store = caching::in_memory_metadata_store();
    o.result_store = caching::in_memory_result_store();
  }
  o.max_logged_runs = 4;
  return o;
}

hamilton::Driver driver(const caching::CacheOptions* o, int changed_version = 0) {
  hamilton::Builder b;
  b.with_modules(
      workload::make_module<hamilton::Series>(shape(), "layered", [changed_version](int i) {
        return i == kChanged ? "v" + std::to_string(changed_version) : std::string("v0");
      }));
  if (o) b.with_cache(*o);
  return b.build();
}

// ---- no cache ----
void BM_NoCache(benchmark::State& state) {
  auto dr = driver(nullptr);
  auto in = inputs();
  auto out = outputs(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(dr.execute(out, in));
}
BENCHMARK(BM_NoCache)->Arg(0)->Arg(1)->ArgName("outputs")->Unit(benchmark::kMillisecond);

// ---- the first run: an empty cache each time ----
void BM_FirstRun(benchmark::State& state) {
  const bool folder = state.range(0) == 1;
  auto in = inputs();
  auto out = outputs(static_cast<int>(state.range(1)));
  // the folders are removed at the end: removing thousands of files between runs would make
  // the file system's inode allocation, not the cache, the cost of the next run
  std::vector<std::unique_ptr<Folder>> folders;
  for (auto _ : state) {
    state.PauseTiming();
    folders.push_back(std::make_unique<Folder>());
    auto o = options(folder, *folders.back());
    auto dr = driver(&o);
    state.ResumeTiming();
    benchmark::DoNotOptimize(dr.execute(out, in));
  }
  folders.clear();
}
BENCHMARK(BM_FirstRun)
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->ArgNames({"folder", "outputs"})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);

// ---- nothing changed ----
void BM_SecondRun(benchmark::State& state) {
  const bool folder = state.range(0) == 1;
  Folder dir;
  auto o = options(folder, dir);
  auto dr = driver(&o);
  auto in = inputs();
  auto out = outputs(static_cast<int>(state.range(1)));
  dr.execute(out, in);
  for (auto _ : state) benchmark::DoNotOptimize(dr.execute(out, in));
  auto cache = dr.cache();
  const auto run = cache.last_run_id();
  state.counters["read"] = static_cast<double>(cache.retrieved(run).size());
  state.counters["computed"] = static_cast<double>(cache.executed(run).size());
}
BENCHMARK(BM_SecondRun)
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->ArgNames({"folder", "outputs"})
    ->Unit(benchmark::kMillisecond);

// ---- one node's code version changed: its downstream closure is computed ----
struct Counter final : hamilton::LifecycleHook {
  std::atomic<int> nodes{0};
  void run_before_node_execution(const hamilton::NodeRun&) override { ++nodes; }
};

void BM_OneChanged(benchmark::State& state) {
  const bool folder = state.range(0) == 1;
  Folder dir;
  auto o = options(folder, dir);
  auto in = inputs();
  auto out = outputs(0);
  driver(&o).execute(out, in);
  const auto closure = driver(nullptr).what_is_downstream_of({"n" + std::to_string(kChanged)});
  int version = 0;
  int ran = 0;
  std::size_t computed = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto counter = std::make_shared<Counter>();
    hamilton::Builder b;
    b.with_modules(workload::make_module<hamilton::Series>(shape(), "layered", [&](int i) {
      return i == kChanged ? "v" + std::to_string(++version) : std::string("v0");
    }));
    auto dr = b.with_cache(o).with_hooks(counter).build();
    state.ResumeTiming();
    benchmark::DoNotOptimize(dr.execute(out, in));
    state.PauseTiming();
    ran = counter->nodes;
    computed = dr.cache().executed(dr.cache().last_run_id()).size();
    state.ResumeTiming();
  }
  // what ran is the changed node and what reads it, directly or not; of those, only the changed
  // node is computed (its value is the same, so the others' keys are found)
  if (ran != static_cast<int>(closure.size()) || computed != 1)
    state.SkipWithError("the nodes that ran are not the changed node's downstream closure");
  state.counters["ran"] = ran;
  state.counters["computed"] = static_cast<double>(computed);
  state.counters["closure"] = static_cast<double>(closure.size());
}
BENCHMARK(BM_OneChanged)->Arg(0)->Arg(1)->ArgName("folder")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
