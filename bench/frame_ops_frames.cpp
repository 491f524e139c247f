// bench_frame_ops, DataFrame operations: groupby agg / transform, merge and join on keys
// and on the index, concat, set_index / reset_index and weekly resample, each against a
// hand-written loop over std::vector (the data rules are in frame_ops_data.hpp).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "frame_ops_data.hpp"
#include "hamilton/frame.hpp"

namespace {

using namespace frame_bench;

// ---- groupby: keys() (1,000 distinct int64 keys in a scattered order), v = make(n, 1) ----

// The distinct keys sorted and each row's group number (a binary search per row), as in
// BM_PlainLoopGroupSum.
struct Groups {
  std::vector<std::int64_t> keys;
  std::vector<std::size_t> of_row;
};

Groups group_rows(const std::vector<std::int64_t> &k) {
  Groups g;
  g.keys = k;
  std::sort(g.keys.begin(), g.keys.end());
  g.keys.erase(std::unique(g.keys.begin(), g.keys.end()), g.keys.end());
  g.of_row.resize(k.size());
  for (std::size_t i = 0; i < k.size(); ++i)
    g.of_row[i] = static_cast<std::size_t>(std::lower_bound(g.keys.begin(), g.keys.end(), k[i]) -
                                           g.keys.begin());
  return g;
}

// One value per group: sum, mean, min, max, count or std (two passes: the mean, then the
// squared deviations).
std::vector<double> reduce_groups(const Groups &g, const std::vector<double> &v,
                                  std::string_view r) {
  const std::size_t m = g.keys.size();
  std::vector<double> acc(m, r == "min"   ? std::numeric_limits<double>::infinity()
                             : r == "max" ? -std::numeric_limits<double>::infinity()
                                          : 0.0);
  std::vector<double> count(m, 0.0);
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (std::isnan(v[i])) continue;
    const std::size_t j = g.of_row[i];
    count[j] += 1;
    if (r == "min")
      acc[j] = std::min(acc[j], v[i]);
    else if (r == "max")
      acc[j] = std::max(acc[j], v[i]);
    else
      acc[j] += v[i];
  }
  if (r == "count") return count;
  if (r == "mean" || r == "std")
    for (std::size_t j = 0; j < m; ++j) acc[j] /= count[j];
  if (r == "std") {
    std::vector<double> ss(m, 0.0);
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (std::isnan(v[i])) continue;
      const double d = v[i] - acc[g.of_row[i]];
      ss[g.of_row[i]] += d * d;
    }
    for (std::size_t j = 0; j < m; ++j) acc[j] = std::sqrt(ss[j] / (count[j] - 1));
  }
  return acc;
}

void BM_PlainLoopGroupByAgg(benchmark::State &state, std::string_view r) {
  const std::size_t n = rows(state);
  const std::vector<std::int64_t> k = keys(n);
  const std::vector<double> v = make(n, 1);
  run(state, [&] {
    const Groups g = group_rows(k);
    return reduce_groups(g, v, r);
  });
}

hamilton::DataFrame keyed(std::size_t n) {
  return hamilton::DataFrame{{"k", hamilton::Series(keys(n))}, {"v", hamilton::Series(make(n, 1))}};
}

void BM_FrameGroupByAgg(benchmark::State &state, std::string_view r) {
  const hamilton::DataFrame df = keyed(rows(state));
  const std::string reduction(r);
  run(state, [&] { return df.groupby("k").agg({{"v", reduction}}); });
}

// transform: the group's value on every row.
void BM_PlainLoopGroupByTransform(benchmark::State &state, std::string_view r) {
  const std::size_t n = rows(state);
  const std::vector<std::int64_t> k = keys(n);
  const std::vector<double> v = make(n, 1);
  run(state, [&] {
    const Groups g = group_rows(k);
    const std::vector<double> per_group = reduce_groups(g, v, r);
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = per_group[g.of_row[i]];
    return out;
  });
}

void BM_FrameGroupByTransform(benchmark::State &state, std::string_view r) {
  const hamilton::DataFrame df = keyed(rows(state));
  const std::string reduction(r);
  run(state, [&] { return df.groupby("k")["v"].transform(reduction); });
}

// ---- merge and join ----

// merge(left, right, on="k", how="left"): left = keyed(n); right has the 1,000 keys in
// reverse order (k = 999 - j) with w = make(1000, 3). By hand: a hash map from the right
// keys to their rows, then the left rows gathered with their match.
hamilton::DataFrame lookup_table() {
  std::vector<std::int64_t> k(1000);
  for (std::size_t j = 0; j < k.size(); ++j) k[j] = 999 - static_cast<std::int64_t>(j);
  return hamilton::DataFrame{{"k", hamilton::Series(k)}, {"w", hamilton::Series(make(1000, 3))}};
}

void BM_PlainLoopMerge(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<std::int64_t> k = keys(n);
  const std::vector<double> v = make(n, 1);
  const hamilton::DataFrame right = lookup_table();
  const auto rk = right["k"].values<std::int64_t>();
  const auto rw = right["w"].values<double>();
  const std::vector<std::int64_t> right_k(rk.begin(), rk.end());
  const std::vector<double> right_w(rw.begin(), rw.end());
  run(state, [&] {
    std::unordered_map<std::int64_t, std::size_t> row_of;
    for (std::size_t j = 0; j < right_k.size(); ++j) row_of.emplace(right_k[j], j);
    std::vector<std::int64_t> ok(n);
    std::vector<double> ov(n), ow(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto it = row_of.find(k[i]);
      ok[i] = k[i];
      ov[i] = v[i];
      ow[i] = it == row_of.end() ? NAN : right_w[it->second];
    }
    return std::make_tuple(std::move(ok), std::move(ov), std::move(ow));
  });
}

void BM_FrameMerge(benchmark::State &state) {
  const hamilton::DataFrame left = keyed(rows(state));
  const hamilton::DataFrame right = lookup_table();
  hamilton::MergeOptions on;
  on.on = {"k"};
  on.how = hamilton::MergeHow::left;
  run(state, [&] { return hamilton::merge(left, right, on); });
}

// On the index: left has the labels 0 .. n-1 (an int64 index) and v = make(n, 1); right
// the labels (i * 7919) % n (a permutation) and w = make(n, 3). join (how="left") and
// merge(left_index=True, right_index=True, how="left") give the left labels with both
// columns; by hand: a hash map from the right labels to their rows.
std::vector<std::int64_t> scattered_labels(std::size_t n) {
  std::vector<std::int64_t> l(n);
  for (std::size_t i = 0; i < n; ++i) l[i] = static_cast<std::int64_t>((i * 7919) % n);
  return l;
}

std::vector<std::int64_t> sequential_labels(std::size_t n) {
  std::vector<std::int64_t> l(n);
  std::iota(l.begin(), l.end(), std::int64_t{0});
  return l;
}

void BM_PlainLoopJoin(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<std::int64_t> ll = sequential_labels(n), rl = scattered_labels(n);
  const std::vector<double> v = make(n, 1), w = make(n, 3);
  run(state, [&] {
    std::unordered_map<std::int64_t, std::size_t> row_of;
    row_of.reserve(n);
    for (std::size_t j = 0; j < n; ++j) row_of.emplace(rl[j], j);
    std::vector<std::int64_t> labels(ll);
    std::vector<double> ov(v), ow(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto it = row_of.find(ll[i]);
      ow[i] = it == row_of.end() ? NAN : w[it->second];
    }
    return std::make_tuple(std::move(labels), std::move(ov), std::move(ow));
  });
}

hamilton::DataFrame left_indexed(std::size_t n) {
  return hamilton::DataFrame{
      {"v", hamilton::Series(make(n, 1), "v", hamilton::Index::from_int64(sequential_labels(n)))}};
}

hamilton::DataFrame right_indexed(std::size_t n) {
  return hamilton::DataFrame{
      {"w", hamilton::Series(make(n, 3), "w", hamilton::Index::from_int64(scattered_labels(n)))}};
}

void BM_FrameJoin(benchmark::State &state) {
  const hamilton::DataFrame left = left_indexed(rows(state)), right = right_indexed(rows(state));
  run(state, [&] { return left.join(right); });
}

void BM_FrameMergeIndex(benchmark::State &state) {
  const hamilton::DataFrame left = left_indexed(rows(state)), right = right_indexed(rows(state));
  hamilton::MergeOptions on;
  on.left_index = true;
  on.right_index = true;
  on.how = hamilton::MergeHow::left;
  run(state, [&] { return hamilton::merge(left, right, on); });
}

// ---- concat, set_index, reset_index, resample ----

// concat of two frames of n rows (a = make(n, 1), b = make(n, 2)) with ignore_index.
void BM_PlainLoopConcat(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<double> a = make(n, 1), b = make(n, 2);
  run(state, [&] {
    std::vector<double> oa(2 * n), ob(2 * n);
    std::copy(a.begin(), a.end(), oa.begin());
    std::copy(a.begin(), a.end(), oa.begin() + static_cast<std::ptrdiff_t>(n));
    std::copy(b.begin(), b.end(), ob.begin());
    std::copy(b.begin(), b.end(), ob.begin() + static_cast<std::ptrdiff_t>(n));
    return std::make_pair(std::move(oa), std::move(ob));
  });
}

void BM_FrameConcat(benchmark::State &state) {
  const std::size_t n = rows(state);
  const hamilton::DataFrame df{{"a", hamilton::Series(make(n, 1))},
                               {"b", hamilton::Series(make(n, 2))}};
  run(state, [&] { return hamilton::concat({df, df}, {.axis = 0, .ignore_index = true}); });
}

// set_index("t") of t = hours(n), v = make(n, 1), w = make(n, 2), and reset_index() back.
// By hand, both are copies of the three columns (the labels and the two value columns).
void BM_PlainLoopSetIndex(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<std::int64_t> t = hours(n);
  const std::vector<double> v = make(n, 1), w = make(n, 2);
  run(state, [&] { return std::make_tuple(t, v, w); });
}

hamilton::DataFrame timed_frame(std::size_t n) {
  return hamilton::DataFrame{{"t", hamilton::Series::datetime(hours(n))},
                             {"v", hamilton::Series(make(n, 1))},
                             {"w", hamilton::Series(make(n, 2))}};
}

void BM_FrameSetIndex(benchmark::State &state) {
  const hamilton::DataFrame df = timed_frame(rows(state));
  run(state, [&] { return df.set_index("t"); });
}

void BM_FrameResetIndex(benchmark::State &state) {
  const hamilton::DataFrame df = timed_frame(rows(state)).set_index("t");
  run(state, [&] { return df.reset_index(); });
}

// resample("W").sum() / .mean() of v = make(n, 1) over the hourly index hours(n): weeks
// ending on Sunday, labelled by that Sunday. By hand: the week number of each row's day
// ((days + 3) / 7, 1970-01-01 being a Thursday), then one pass of sums and counts.
template <bool Mean>
void plain_resample(benchmark::State &state) {
  const std::size_t n = rows(state);
  const std::vector<std::int64_t> t = hours(n);
  const std::vector<double> v = make(n, 1);
  run(state, [&] {
    const auto week = [](std::int64_t ns) { return floor_div(floor_div(ns, kDayNs) + 3, 7); };
    const std::int64_t first = week(t.front()), last = week(t.back());
    const auto bins = static_cast<std::size_t>(last - first + 1);
    std::vector<std::int64_t> labels(bins);
    std::vector<double> sum(bins, 0.0), count(bins, 0.0);
    for (std::size_t b = 0; b < bins; ++b)
      labels[b] = ((first + static_cast<std::int64_t>(b)) * 7 + 3) * kDayNs;
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(v[i])) continue;
      const auto b = static_cast<std::size_t>(week(t[i]) - first);
      sum[b] += v[i];
      count[b] += 1;
    }
    if constexpr (Mean)
      for (std::size_t b = 0; b < bins; ++b) sum[b] = count[b] > 0 ? sum[b] / count[b] : NAN;
    return std::make_pair(std::move(labels), std::move(sum));
  });
}

void BM_PlainLoopResampleWeekSum(benchmark::State &state) { plain_resample<false>(state); }
void BM_PlainLoopResampleWeekMean(benchmark::State &state) { plain_resample<true>(state); }

hamilton::DataFrame hourly(std::size_t n) {
  return hamilton::DataFrame{
      {"v", hamilton::Series(make(n, 1), "v", hamilton::Index::from_datetime(hours(n)))}};
}

void BM_FrameResampleWeekSum(benchmark::State &state) {
  const hamilton::DataFrame df = hourly(rows(state));
  run(state, [&] { return df.resample("W").sum(); });
}

void BM_FrameResampleWeekMean(benchmark::State &state) {
  const hamilton::DataFrame df = hourly(rows(state));
  run(state, [&] { return df.resample("W").mean(); });
}

}  // namespace

#define FRAME_BENCH_REDUCTION(BM, R) BENCHMARK_CAPTURE(BM, R, #R)->Arg(1000)->Arg(1000000)
FRAME_BENCH_REDUCTION(BM_PlainLoopGroupByAgg, mean);
FRAME_BENCH_REDUCTION(BM_FrameGroupByAgg, mean);
FRAME_BENCH_REDUCTION(BM_PlainLoopGroupByAgg, min);
FRAME_BENCH_REDUCTION(BM_FrameGroupByAgg, min);
FRAME_BENCH_REDUCTION(BM_PlainLoopGroupByAgg, max);
FRAME_BENCH_REDUCTION(BM_FrameGroupByAgg, max);
FRAME_BENCH_REDUCTION(BM_PlainLoopGroupByAgg, count);
FRAME_BENCH_REDUCTION(BM_FrameGroupByAgg, count);
FRAME_BENCH_REDUCTION(BM_PlainLoopGroupByAgg, std);
FRAME_BENCH_REDUCTION(BM_FrameGroupByAgg, std);
FRAME_BENCH_REDUCTION(BM_PlainLoopGroupByTransform, sum);
FRAME_BENCH_REDUCTION(BM_FrameGroupByTransform, sum);
FRAME_BENCH_REDUCTION(BM_PlainLoopGroupByTransform, mean);
FRAME_BENCH_REDUCTION(BM_FrameGroupByTransform, mean);
#undef FRAME_BENCH_REDUCTION

BENCHMARK(BM_PlainLoopMerge)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_FrameMerge)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopJoin)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_FrameJoin)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_FrameMergeIndex)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopConcat)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_FrameConcat)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopSetIndex)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_FrameSetIndex)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_FrameResetIndex)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopResampleWeekSum)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_FrameResampleWeekSum)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_PlainLoopResampleWeekMean)->Arg(1000)->Arg(1000000);
BENCHMARK(BM_FrameResampleWeekMean)->Arg(1000)->Arg(1000000);
