// Frame operations against hand-written loops over std::vector<double>, in the
// same binary. Targets: binary op on 1e6 rows <= 1.5x the plain loop;
// rolling(3).mean on 1e6 rows <= 2x a hand-written running-sum loop; binary op
// on 1e3 rows <= 2x the plain loop.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "hamilton/frame.hpp"

namespace {

std::vector<double> make(std::size_t n, double seed) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = std::sin(seed + static_cast<double>(i)) * 100.0 + 200.0;
  return v;
}

// Plain loop: allocate the output vector and add element-wise (what a user
// writes by hand).
void BM_PlainLoopAdd(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> a = make(n, 1), b = make(n, 2);
  for (auto _ : state) {
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = a[i] + b[i];
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_SeriesAdd(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const hamilton::Series a(make(n, 1), "a"), b(make(n, 2), "b");
  for (auto _ : state) {
    hamilton::Series out = a + b;
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// Hand-written rolling mean over 3 rows (no NaN handling, running sum).
void BM_PlainLoopRollingMean3(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> a = make(n, 1);
  for (auto _ : state) {
    std::vector<double> out(n);
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      sum += a[i];
      if (i >= 3) sum -= a[i - 3];
      out[i] = i >= 2 ? sum / 3.0 : NAN;
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_SeriesRollingMean3(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const hamilton::Series a(make(n, 1), "a");
  for (auto _ : state) {
    hamilton::Series out = a.rolling(3).mean();
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// round(2): numpy's formula by hand.
void BM_PlainLoopRound2(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> a = make(n, 1);
  for (auto _ : state) {
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = std::nearbyint(a[i] * 100.0) / 100.0;
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_SeriesRound2(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const hamilton::Series a(make(n, 1), "a");
  for (auto _ : state) {
    hamilton::Series out = a.round(2);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// isin against 8 integer codes: a sorted vector and binary search by hand.
std::vector<std::int64_t> codes(std::size_t n) {
  std::vector<std::int64_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int64_t>((i * 7919) % 100);
  return v;
}
const std::vector<std::int64_t> kWanted = {3, 11, 19, 27, 42, 58, 77, 93};

void BM_PlainLoopIsin(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<std::int64_t> a = codes(n);
  for (auto _ : state) {
    std::vector<char> out(n);
    for (std::size_t i = 0; i < n; ++i)
      out[i] = std::binary_search(kWanted.begin(), kWanted.end(), a[i]);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_SeriesIsin(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const hamilton::Series a(codes(n), "a");
  const hamilton::Series wanted(std::vector<std::int64_t>(kWanted), "w");
  for (auto _ : state) {
    hamilton::Series out = a.isin(wanted);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// rolling("7D").sum() over an hourly index (168 rows a window): a two-pointer running sum
// by hand (no NaN handling, no compensation).
std::vector<std::int64_t> hours(std::size_t n) {
  std::vector<std::int64_t> t(n);
  for (std::size_t i = 0; i < n; ++i) t[i] = static_cast<std::int64_t>(i) * 3'600'000'000'000;
  return t;
}
constexpr std::int64_t kWeekNs = 7 * 86'400'000'000'000;

void BM_PlainLoopTimeRollingSum7D(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> a = make(n, 1);
  const std::vector<std::int64_t> t = hours(n);
  for (auto _ : state) {
    std::vector<double> out(n);
    double sum = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < n; ++i) {
      sum += a[i];
      while (t[start] <= t[i] - kWeekNs) sum -= a[start++];
      out[i] = sum;
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_SeriesTimeRollingSum7D(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const hamilton::Series a(make(n, 1), "a", hamilton::Index::from_datetime(hours(n)));
  for (auto _ : state) {
    hamilton::Series out = a.rolling("7D").sum();
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// Keys 0 .. 999 in a scattered order, as a store id column would be.
std::vector<std::int64_t> keys(std::size_t n) {
  std::vector<std::int64_t> k(n);
  for (std::size_t i = 0; i < n; ++i) k[i] = static_cast<std::int64_t>((i * 7919) % 1000);
  return k;
}

// Hand-written group sum: the distinct keys sorted, then one pass with a
// lookup table (what a user writes knowing the keys are small integers).
void BM_PlainLoopGroupSum(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<std::int64_t> k = keys(n);
  const std::vector<double> v = make(n, 1);
  for (auto _ : state) {
    std::vector<std::int64_t> uniq(k);
    std::sort(uniq.begin(), uniq.end());
    uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
    std::vector<double> sums(uniq.size(), 0.0);
    for (std::size_t i = 0; i < n; ++i)
      sums[static_cast<std::size_t>(std::lower_bound(uniq.begin(), uniq.end(), k[i]) -
                                    uniq.begin())] += v[i];
    benchmark::DoNotOptimize(sums.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_FrameGroupBySum(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const hamilton::DataFrame df{{"k", hamilton::Series(keys(n))},
                               {"v", hamilton::Series(make(n, 1))}};
  for (auto _ : state) {
    hamilton::DataFrame out = df.groupby("k").sum();
    benchmark::DoNotOptimize(out["v"].data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// Hand-written sort of two columns by the first: a stable sort of row numbers,
// then both columns gathered.
void BM_PlainLoopSortValues(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> a = make(n, 1), b = make(n, 2);
  for (auto _ : state) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return a[x] < a[y]; });
    std::vector<double> oa(n), ob(n);
    for (std::size_t i = 0; i < n; ++i) oa[i] = a[order[i]], ob[i] = b[order[i]];
    benchmark::DoNotOptimize(oa.data());
    benchmark::DoNotOptimize(ob.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_FrameSortValues(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const hamilton::DataFrame df{{"a", hamilton::Series(make(n, 1))},
                               {"b", hamilton::Series(make(n, 2))}};
  for (auto _ : state) {
    hamilton::DataFrame out = df.sort_values("a");
    benchmark::DoNotOptimize(out["a"].data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

}  // namespace

BENCHMARK(BM_PlainLoopAdd)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesAdd)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopRollingMean3)->Arg(1000000);
BENCHMARK(BM_SeriesRollingMean3)->Arg(1000000);
BENCHMARK(BM_PlainLoopRound2)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesRound2)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopIsin)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesIsin)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopTimeRollingSum7D)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesTimeRollingSum7D)->Arg(1000)->Arg(1000000);

BENCHMARK(BM_PlainLoopGroupSum)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_FrameGroupBySum)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopSortValues)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_FrameSortValues)->Arg(1000)->Arg(1000000);

BENCHMARK_MAIN();
