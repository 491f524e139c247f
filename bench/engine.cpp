// Engine benchmarks: graph build, execute (dict result), big columns, row-based loops and the
// parallel executor, each beside a plain C++ baseline measured in the same run.
// bench/compare.py runs this binary and prints the table of ratios.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstdlib>
#include <hamilton/frame.hpp>
#include <hamilton/hamilton.hpp>
#include <hamilton/result/dataframe_result.hpp>
#include <new>
#include <string>
#include <vector>

#include "support/layered_graph.hpp"

namespace {

using workload::Column;

Column input_column(std::size_t rows, double seed) {
  Column c(rows);
  for (std::size_t i = 0; i < rows; ++i) c[i] = std::sin(seed + 0.001 * static_cast<double>(i));
  return c;
}

// ---- build ----
void BM_Build(benchmark::State& state) {
  auto shape = workload::make_shape(static_cast<int>(state.range(0)), 1);
  auto module = workload::make_module<Column>(shape);
  for (auto _ : state) {
    auto dr = hamilton::Builder().with_modules(module).build();
    benchmark::DoNotOptimize(dr);
  }
  state.counters["nodes"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_Build)->Arg(1000)->Arg(4000)->Arg(10000)->Unit(benchmark::kMillisecond);

// ---- execute every node, 1,000-row columns, dict result ----
void BM_ExecuteColumns(benchmark::State& state) {
  auto shape = workload::make_shape(static_cast<int>(state.range(0)), 1);
  auto dr = hamilton::Builder().with_modules(workload::make_module<Column>(shape)).build();
  auto outputs = workload::all_names(shape);
  hamilton::Inputs in{{"a", input_column(1000, 0.1)}, {"b", input_column(1000, 0.7)}};
  for (auto _ : state) {
    auto r = dr.execute(outputs, in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ExecuteColumns)->Arg(1000)->Arg(4000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_BaselineColumns(benchmark::State& state) {
  auto shape = workload::make_shape(static_cast<int>(state.range(0)), 1);
  Column a = input_column(1000, 0.1), b = input_column(1000, 0.7);
  for (auto _ : state) {
    auto vals = workload::run_baseline<Column>(shape, a, b);
    benchmark::DoNotOptimize(vals);
  }
}
BENCHMARK(BM_BaselineColumns)->Arg(1000)->Arg(4000)->Arg(10000)->Unit(benchmark::kMillisecond);

// ---- the same over hamilton::Series (pandas-like columns): dict and DataFrame results ----
hamilton::Series input_series(std::size_t rows, double seed) { return hamilton::Series(input_column(rows, seed)); }

template <bool kFrame>
void BM_ExecuteSeries(benchmark::State& state) {
  auto shape = workload::make_shape(static_cast<int>(state.range(0)), 1);
  auto b = hamilton::Builder().with_modules(workload::make_module<hamilton::Series>(shape));
  if (kFrame) b.with_result_builder(hamilton::DataFrameResult());
  auto dr = b.build();
  auto outputs = workload::all_names(shape);
  auto a = input_series(1000, 0.1);
  hamilton::Inputs in{{"a", a}, {"b", hamilton::Series(input_column(1000, 0.7), "", a.index())}};
  for (auto _ : state) {
    auto r = dr.execute(outputs, in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ExecuteSeries<false>)->Name("BM_ExecuteSeries")->Arg(1000)->Arg(4000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExecuteSeries<true>)->Name("BM_ExecuteSeriesFrame")->Arg(1000)->Arg(4000)->Arg(10000)->Unit(benchmark::kMillisecond);

template <bool kFrame>
void BM_BaselineSeries(benchmark::State& state) {
  auto shape = workload::make_shape(static_cast<int>(state.range(0)), 1);
  auto names = workload::all_names(shape);
  auto a = input_series(1000, 0.1);
  hamilton::Series b(input_column(1000, 0.7), "", a.index());
  for (auto _ : state) {
    auto vals = workload::run_baseline<hamilton::Series>(shape, a, b);
    if constexpr (kFrame) {
      std::vector<std::pair<std::string, hamilton::Series>> columns;
      columns.reserve(vals.size());
      for (std::size_t i = 0; i < vals.size(); ++i) columns.emplace_back(names[i], std::move(vals[i]));
      hamilton::DataFrame df(std::move(columns));
      benchmark::DoNotOptimize(df);
    } else {
      benchmark::DoNotOptimize(vals);
    }
  }
}
BENCHMARK(BM_BaselineSeries<false>)->Name("BM_BaselineSeries")->Arg(1000)->Arg(4000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BaselineSeries<true>)->Name("BM_BaselineSeriesFrame")->Arg(1000)->Arg(4000)->Arg(10000)->Unit(benchmark::kMillisecond);

// ---- 100 nodes over 1,000,000-row columns ----
void BM_BigAllRequested(benchmark::State& state) {
  auto shape = workload::make_shape(100, 3);
  auto dr = hamilton::Builder().with_modules(workload::make_module<hamilton::Series>(shape)).build();
  auto outputs = workload::all_names(shape);
  auto a = input_series(1000000, 0.1);
  hamilton::Inputs in{{"a", a}, {"b", hamilton::Series(input_column(1000000, 0.7), "", a.index())}};
  for (auto _ : state) {
    auto r = dr.execute(outputs, in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_BigAllRequested)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same with a DataFrame result (what a pandas user asks for; bench/python_package.py compares
// the Python package's run with this one).
void BM_BigAllFrame(benchmark::State& state) {
  auto shape = workload::make_shape(100, 3);
  auto dr = hamilton::Builder()
                .with_modules(workload::make_module<hamilton::Series>(shape))
                .with_result_builder(hamilton::DataFrameResult())
                .build();
  auto outputs = workload::all_names(shape);
  auto a = input_series(1000000, 0.1);
  hamilton::Inputs in{{"a", a}, {"b", hamilton::Series(input_column(1000000, 0.7), "", a.index())}};
  for (auto _ : state) {
    auto r = dr.execute(outputs, in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_BigAllFrame)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BigBaseline(benchmark::State& state) {
  auto shape = workload::make_shape(100, 3);
  auto a = input_series(1000000, 0.1);
  hamilton::Series b(input_column(1000000, 0.7), "", a.index());
  for (auto _ : state) {
    auto vals = workload::run_baseline<hamilton::Series>(shape, a, b);
    benchmark::DoNotOptimize(vals);
  }
}
BENCHMARK(BM_BigBaseline)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- row-based loop: a compiled plan over plain doubles, new inputs every call ----
void BM_RowBased(benchmark::State& state) {
  auto shape = workload::make_shape(static_cast<int>(state.range(0)), 9);
  auto dr = hamilton::Builder().with_modules(workload::make_module<double>(shape)).build();
  auto plan = dr.compile({workload::all_names(shape).back()}, {"a", "b"});
  double x = 0;
  for (auto _ : state) {
    x += 1e-6;
    hamilton::Value in[] = {x, 0.5 - x};
    auto out = plan.execute(in);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_RowBased)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

// ---- the same graph through the natural path: dr.execute(every name, inputs) in a loop ----
void BM_RowExecute(benchmark::State& state) {
  auto shape = workload::make_shape(static_cast<int>(state.range(0)), 9);
  auto dr = hamilton::Builder().with_modules(workload::make_module<double>(shape)).build();
  const auto names = workload::all_names(shape);
  double x = 0;
  double sum = 0;
  for (auto _ : state) {
    x += 1e-6;
    auto r = dr.execute(names, {{"a", x}, {"b", 0.5 - x}});
    sum += r.get<double>(names.size() - 1);  // by position: no lookup by name
  }
  benchmark::DoNotOptimize(sum);
}
BENCHMARK(BM_RowExecute)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_RowBaseline(benchmark::State& state) {
  auto shape = workload::make_shape(static_cast<int>(state.range(0)), 9);
  double x = 0;
  for (auto _ : state) {
    x += 1e-6;
    auto vals = workload::run_baseline<double>(shape, x, 0.5 - x);
    benchmark::DoNotOptimize(vals);
  }
}
BENCHMARK(BM_RowBaseline)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

// ---- 64 independent nodes of about 1 ms each ----
double busy_ms(double x) {
  auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(1);
  double acc = x;
  while (std::chrono::steady_clock::now() < end) acc = acc * 0.999999 + 1e-9;
  return acc;
}

hamilton::Module wide_module() {
  hamilton::Module m("wide");
  for (int i = 0; i < 64; ++i) m.add("w" + std::to_string(i), {"x"}, [](double x) { return busy_ms(x); });
  return m;
}

void BM_Wide(benchmark::State& state) {
  auto b = hamilton::Builder().with_modules(wide_module());
  if (state.range(0) > 0) b.with_executor(std::make_shared<hamilton::ParallelExecutor>(static_cast<int>(state.range(0))));
  auto dr = b.build();
  std::vector<std::string> outs;
  for (int i = 0; i < 64; ++i) outs.push_back("w" + std::to_string(i));
  for (auto _ : state) {
    auto r = dr.execute(outs, {{"x", 1.0}});
    benchmark::DoNotOptimize(r);
  }
}
// 0 = sequential executor, 2 = parallel executor on 2 threads
BENCHMARK(BM_Wide)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

// HAMILTON_BENCH_RETAIN_MEMORY=1 runs with hamilton::retain_freed_memory() (bench/compare.py
// prints both runs).
int main(int argc, char** argv) {
  const char* retain = std::getenv("HAMILTON_BENCH_RETAIN_MEMORY");
  if (retain && std::string(retain) == "1" && !hamilton::retain_freed_memory()) {
    std::fprintf(stderr, "retain_freed_memory is not supported here\n");
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

namespace {

// ---- the parallel executor on columns: 4,000 nodes of 10,000-row Series, every node requested,
// on 2 threads (BM_ParallelSeries) against the sequential executor (BM_SequentialSeries) ----
template <int kThreads>
void BM_ExecutorSeries(benchmark::State& state) {
  auto shape = workload::make_shape(4000, 1);
  auto b = hamilton::Builder().with_modules(workload::make_module<hamilton::Series>(shape));
  if (kThreads > 0) b.with_executor(std::make_shared<hamilton::ParallelExecutor>(kThreads));
  auto dr = b.build();
  auto outputs = workload::all_names(shape);
  auto a = input_series(10000, 0.1);
  hamilton::Inputs in{{"a", a}, {"b", hamilton::Series(input_column(10000, 0.7), "", a.index())}};
  for (auto _ : state) {
    auto r = dr.execute(outputs, in);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ExecutorSeries<0>)
    ->Name("BM_SequentialSeries")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_ExecutorSeries<2>)
    ->Name("BM_ParallelSeries")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
