// Frame operations against hand-written loops over std::vector / std::string, in
// the same binary (bench_frame_ops: this file, frame_ops_text.cpp for string and
// datetime columns, frame_ops_frames.cpp for DataFrame operations; the data rules
// are in frame_ops_data.hpp; bench/frame_compare.py times pandas on the same
// data). Targets: binary op on 1e6 rows <= 1.5x the plain loop; rolling(3).mean
// on 1e6 rows <= 2x a hand-written running-sum loop; binary op on 1e3 rows <= 2x
// the plain loop.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "frame_ops_data.hpp"
#include "hamilton/frame.hpp"

namespace {

using namespace frame_bench;

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

// isin against 8 integer codes (codes()): a sorted vector and binary search by hand.
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

// rolling("7D").sum() over an hourly index (hours(), 168 rows a window): a two-pointer running sum
// by hand (no NaN handling, no compensation).
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

// Keys 0 .. 999 in a scattered order (keys()), as a store id column would be.

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

// ---- element-wise transforms (make(), with_missing(), codes()) ----

// where(a > 200): the condition computed once outside the loop, NaN elsewhere.
std::vector<char> above_200(const std::vector<double> &a) {
  std::vector<char> c(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) c[i] = a[i] > 200.0;
  return c;
}

hamilton::Series above_200(const hamilton::Series &a) { return a > 200.0; }

void BM_PlainLoopWhere(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<double> a = make(n, 1);
  const std::vector<char> c = above_200(a);
  run(state, [&] {
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = c[i] ? a[i] : NAN;
    return out;
  });
}

void BM_SeriesWhere(benchmark::State &state) {
  const hamilton::Series a(make(rows(state), 1), "a");
  const hamilton::Series c = above_200(a);
  run(state, [&] { return a.where(c); });
}

// mask(a > 200, 0.0).
void BM_PlainLoopMask(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<double> a = make(n, 1);
  const std::vector<char> c = above_200(a);
  run(state, [&] {
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = c[i] ? 0.0 : a[i];
    return out;
  });
}

void BM_SeriesMask(benchmark::State &state) {
  const hamilton::Series a(make(rows(state), 1), "a");
  const hamilton::Series c = above_200(a);
  run(state, [&] { return a.mask(c, 0.0); });
}

// between(150, 250), both ends included.
void BM_PlainLoopBetween(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<double> a = make(n, 1);
  run(state, [&] {
    std::vector<char> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = a[i] >= 150.0 && a[i] <= 250.0;
    return out;
  });
}

void BM_SeriesBetween(benchmark::State &state) {
  const hamilton::Series a(make(rows(state), 1), "a");
  run(state, [&] { return a.between(150.0, 250.0); });
}

// pct_change(1) on values without missing ones.
void BM_PlainLoopPctChange(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<double> a = make(n, 1);
  run(state, [&] {
    std::vector<double> out(n);
    if (n > 0) out[0] = NAN;
    for (std::size_t i = 1; i < n; ++i) out[i] = a[i] / a[i - 1] - 1.0;
    return out;
  });
}

void BM_SeriesPctChange(benchmark::State &state) {
  const hamilton::Series a(make(rows(state), 1), "a");
  run(state, [&] { return a.pct_change(); });
}

// rank() with ties averaged: a stable sort of row numbers, then runs of equal values.
void BM_PlainLoopRank(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<double> a = make(n, 1);
  run(state, [&] {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return a[x] < a[y]; });
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n;) {
      std::size_t j = i + 1;
      while (j < n && a[order[j]] == a[order[i]]) ++j;
      const double r = static_cast<double>(i + j + 1) / 2.0;
      for (std::size_t k = i; k < j; ++k) out[order[k]] = r;
      i = j;
    }
    return out;
  });
}

void BM_SeriesRank(benchmark::State &state) {
  const hamilton::Series a(make(rows(state), 1), "a");
  run(state, [&] { return a.rank(); });
}

// fillna(0.0) on with_missing().
void BM_PlainLoopFillnaValue(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<double> a = with_missing(n, 1);
  run(state, [&] {
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = std::isnan(a[i]) ? 0.0 : a[i];
    return out;
  });
}

void BM_SeriesFillnaValue(benchmark::State &state) {
  const hamilton::Series a(with_missing(rows(state), 1), "a");
  run(state, [&] { return a.fillna(0.0); });
}

// Forward fill (ffill() and fillna(FillMethod::ffill)) and backward fill on with_missing().
void BM_PlainLoopFfill(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<double> a = with_missing(n, 1);
  run(state, [&] {
    std::vector<double> out(n);
    double last = NAN;
    for (std::size_t i = 0; i < n; ++i) out[i] = std::isnan(a[i]) ? last : (last = a[i]);
    return out;
  });
}

void BM_SeriesFfill(benchmark::State &state) {
  const hamilton::Series a(with_missing(rows(state), 1), "a");
  run(state, [&] { return a.ffill(); });
}

void BM_SeriesFillnaFfill(benchmark::State &state) {
  const hamilton::Series a(with_missing(rows(state), 1), "a");
  run(state, [&] { return a.fillna(hamilton::FillMethod::ffill); });
}

void BM_PlainLoopBfill(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<double> a = with_missing(n, 1);
  run(state, [&] {
    std::vector<double> out(n);
    double next = NAN;
    for (std::size_t i = n; i-- > 0;) out[i] = std::isnan(a[i]) ? next : (next = a[i]);
    return out;
  });
}

void BM_SeriesBfill(benchmark::State &state) {
  const hamilton::Series a(with_missing(rows(state), 1), "a");
  run(state, [&] { return a.bfill(); });
}

void BM_SeriesFillnaBfill(benchmark::State &state) {
  const hamilton::Series a(with_missing(rows(state), 1), "a");
  run(state, [&] { return a.fillna(hamilton::FillMethod::bfill); });
}

// interpolate() (linear by position) on with_missing(): each run of missing values between
// two values filled on the line between them; trailing ones take the last value.
void BM_PlainLoopInterpolate(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<double> a = with_missing(n, 1);
  run(state, [&] {
    std::vector<double> out(a);
    std::size_t prev = n;  // last row with a value
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(a[i])) continue;
      if (prev != n && i > prev + 1) {
        const double step = (a[i] - a[prev]) / static_cast<double>(i - prev);
        for (std::size_t k = prev + 1; k < i; ++k)
          out[k] = a[prev] + step * static_cast<double>(k - prev);
      }
      prev = i;
    }
    if (prev != n)
      for (std::size_t k = prev + 1; k < n; ++k) out[k] = a[prev];
    return out;
  });
}

void BM_SeriesInterpolate(benchmark::State &state) {
  const hamilton::Series a(with_missing(rows(state), 1), "a");
  run(state, [&] { return a.interpolate(); });
}

// replace(3, -1) and replace({kWanted[j] -> -(j + 1)}) on codes().
void BM_PlainLoopReplace(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<std::int64_t> a = codes(n);
  run(state, [&] {
    std::vector<std::int64_t> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = a[i] == 3 ? -1 : a[i];
    return out;
  });
}

void BM_SeriesReplace(benchmark::State &state) {
  const hamilton::Series a(codes(rows(state)), "a");
  run(state, [&] { return a.replace(3, -1); });
}

std::vector<std::pair<std::int64_t, std::int64_t>> replacements() {
  std::vector<std::pair<std::int64_t, std::int64_t>> m;
  for (std::size_t j = 0; j < kWanted.size(); ++j)
    m.emplace_back(kWanted[j], -static_cast<std::int64_t>(j + 1));
  return m;
}

void BM_PlainLoopReplaceMap(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<std::int64_t> a = codes(n);
  const auto m = replacements();
  const std::unordered_map<std::int64_t, std::int64_t> lookup(m.begin(), m.end());
  run(state, [&] {
    std::vector<std::int64_t> out(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto it = lookup.find(a[i]);
      out[i] = it == lookup.end() ? a[i] : it->second;
    }
    return out;
  });
}

void BM_SeriesReplaceMap(benchmark::State &state) {
  const hamilton::Series a(codes(rows(state)), "a");
  const auto m = replacements();
  run(state, [&] { return a.replace(m); });
}

// ---- distinct values (codes(): 100 distinct int64 values) ----

void BM_PlainLoopUnique(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<std::int64_t> a = codes(n);
  run(state, [&] {
    std::unordered_set<std::int64_t> seen;
    std::vector<std::int64_t> out;
    for (std::int64_t x : a)
      if (seen.insert(x).second) out.push_back(x);
    return out;
  });
}

void BM_SeriesUnique(benchmark::State &state) {
  const hamilton::Series a(codes(rows(state)), "a");
  run(state, [&] { return a.unique(); });
}

void BM_PlainLoopNunique(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<std::int64_t> a = codes(n);
  run(state, [&] {
    std::unordered_set<std::int64_t> seen(a.begin(), a.end());
    return seen.size();
  });
}

void BM_SeriesNunique(benchmark::State &state) {
  const hamilton::Series a(codes(rows(state)), "a");
  run(state, [&] { return a.nunique(); });
}

// value_counts(): counts in a hash map, values in order of first appearance, then a stable
// sort by count, largest first.
void BM_PlainLoopValueCounts(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<std::int64_t> a = codes(n);
  run(state, [&] {
    std::unordered_map<std::int64_t, std::size_t> slot;
    std::vector<std::pair<std::int64_t, std::int64_t>> counts;
    for (std::int64_t x : a) {
      const auto [it, added] = slot.try_emplace(x, counts.size());
      if (added) counts.emplace_back(x, 0);
      ++counts[it->second].second;
    }
    std::stable_sort(counts.begin(), counts.end(),
                     [](const auto &x, const auto &y) { return x.second > y.second; });
    return counts;
  });
}

void BM_SeriesValueCounts(benchmark::State &state) {
  const hamilton::Series a(codes(rows(state)), "a");
  run(state, [&] { return a.value_counts(); });
}

// idxmin() / idxmax() over make() (range index: the label is the position).
void BM_PlainLoopIdxmin(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<double> a = make(n, 1);
  run(state, [&] {
    std::size_t best = n;  // NaN compares false, so missing values are skipped
    double value = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i)
      if (a[i] < value) value = a[i], best = i;
    return best;
  });
}

void BM_SeriesIdxmin(benchmark::State &state) {
  const hamilton::Series a(make(rows(state), 1), "a");
  run(state, [&] { return a.idxmin(); });
}

void BM_PlainLoopIdxmax(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<double> a = make(n, 1);
  run(state, [&] {
    std::size_t best = n;  // NaN compares false, so missing values are skipped
    double value = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i)
      if (a[i] > value) value = a[i], best = i;
    return best;
  });
}

void BM_SeriesIdxmax(benchmark::State &state) {
  const hamilton::Series a(make(rows(state), 1), "a");
  run(state, [&] { return a.idxmax(); });
}

}  // namespace

BENCHMARK(BM_PlainLoopAdd)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesAdd)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopRollingMean3)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesRollingMean3)->Arg(1000)->Arg(1000000);
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
BENCHMARK(BM_PlainLoopWhere)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesWhere)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopMask)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesMask)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopBetween)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesBetween)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopPctChange)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesPctChange)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopRank)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesRank)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopFillnaValue)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesFillnaValue)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopFfill)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesFfill)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesFillnaFfill)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopBfill)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesBfill)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesFillnaBfill)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopInterpolate)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesInterpolate)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopReplace)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesReplace)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopReplaceMap)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesReplaceMap)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopUnique)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesUnique)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopNunique)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesNunique)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopValueCounts)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesValueCounts)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopIdxmin)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesIdxmin)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopIdxmax)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_SeriesIdxmax)->Arg(1000)->Arg(1000000);

BENCHMARK_MAIN();
