// The column-buffer pool's fast path (docs/memory.md): one Series result made and freed per
// iteration, with the pool on and off, on 1 and 2 threads at once (the threads share the size
// class, so 2 threads measure contention on its mutex). Args: rows, pool on (1) or off (0).
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "hamilton/frame.hpp"
#include "hamilton/memory.hpp"

namespace {

hamilton::Series make(std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = std::sin(static_cast<double>(i));
  return hamilton::Series(std::move(v), "a");
}

// `a + 1.0`: at 4 rows almost all of it is making and freeing the result.
void BM_PooledResult(benchmark::State &state) {
  if (state.thread_index() == 0) hamilton::memory_pool().set_enabled(state.range(1) != 0);
  const hamilton::Series a = make(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    hamilton::Series out = a + 1.0;
    benchmark::DoNotOptimize(out.data());
  }
  if (state.thread_index() == 0) hamilton::memory_pool().set_enabled(true);
}

}  // namespace

BENCHMARK(BM_PooledResult)
    ->ArgsProduct({{4, 1000, 1000000}, {0, 1}})
    ->ArgNames({"rows", "pool"})
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

BENCHMARK_MAIN();
