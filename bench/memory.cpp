// Peak memory when only the last node of 100 nodes over 1,000,000-row columns is requested:
// intermediates are released after their last consumer. Counts live heap bytes with a
// replaced global operator new, so it lives apart from the timing benchmarks.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <hamilton/hamilton.hpp>
#include <new>

#include "support/layered_graph.hpp"

namespace {
std::atomic<long long> g_live{0};
std::atomic<long long> g_peak{0};
}  // namespace

void* operator new(std::size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (!p) throw std::bad_alloc();
  auto size = static_cast<long long>(malloc_usable_size(p));
  long long now = g_live.fetch_add(size) + size;
  long long peak = g_peak.load();
  while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
  }
  return p;
}
void operator delete(void* p) noexcept {
  if (p) g_live.fetch_sub(static_cast<long long>(malloc_usable_size(p)));
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

namespace {

using workload::Column;

Column input_column(std::size_t rows, double seed) {
  Column c(rows);
  for (std::size_t i = 0; i < rows; ++i) c[i] = std::sin(seed + 0.001 * static_cast<double>(i));
  return c;
}

// The fewest columns a run in `order` (node indices, the plan's order) must hold at once when
// only the last node is requested: values made before step i and read at or after step i,
// plus the one being made.
double minimum_live_columns(const workload::Shape& shape, const std::vector<int>& order) {
  const int n = static_cast<int>(shape.deps.size());
  std::vector<int> position(n, -1);
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = static_cast<int>(i);
  std::vector<int> last_use(n, -1);
  for (int v : order)
    for (int d : shape.deps[v])
      if (d >= 0) last_use[d] = std::max(last_use[d], position[v]);
  int best = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    int live = 1;  // the column being made
    for (std::size_t j = 0; j < i; ++j)
      if (last_use[order[j]] >= static_cast<int>(i)) ++live;
    best = std::max(best, live);
  }
  return best;
}

// The plan's order of the nodes that the last node needs, as node indices.
std::vector<int> plan_order(const hamilton::Driver& dr, const std::string& last) {
  std::vector<int> order;
  for (const auto& name : dr.compile({last}, {"a", "b"}).nodes()) order.push_back(std::stoi(name.substr(1)));
  return order;
}

template <bool kLastOnly>
void BM_Memory(benchmark::State& state) {
  auto shape = workload::make_shape(100, 3);
  auto dr = hamilton::Builder().with_modules(workload::make_module<Column>(shape)).build();
  auto outputs = workload::all_names(shape);
  std::vector<std::string> requested = kLastOnly ? std::vector<std::string>{outputs.back()} : outputs;
  hamilton::Inputs in{{"a", input_column(1000000, 0.1)}, {"b", input_column(1000000, 0.7)}};
  double peak_columns = 0;
  for (auto _ : state) {
    long long before = g_live.load();
    g_peak.store(before);
    auto r = dr.execute(requested, in);
    benchmark::DoNotOptimize(r);
    peak_columns = static_cast<double>(g_peak.load() - before) / (8.0 * 1000000);
  }
  state.counters["peak_columns_above_inputs"] = peak_columns;
  state.counters["minimum_for_this_order"] = minimum_live_columns(shape, plan_order(dr, outputs.back()));
}
BENCHMARK(BM_Memory<true>)->Name("BM_BigLastOnlyMemory")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Memory<false>)->Name("BM_BigAllRequestedMemory")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
