// CSV and SQLite load and save of a 1,000,000-row x 10-column DataFrame (bench/io_compare.py
// runs it and pandas on the same table in the same run and prints the ratios).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "hamilton/hamilton.hpp"

namespace {
using hamilton::DataFrame;
using hamilton::Series;

constexpr std::size_t kRows = 1'000'000;

// 4 float64, 4 int64, 2 string columns; the same rule as io_compare.py's frame.
DataFrame table() {
  std::vector<std::pair<std::string, Series>> cols;
  for (int k = 0; k < 4; ++k) {
    std::vector<double> v(kRows);
    for (std::size_t i = 0; i < kRows; ++i) v[i] = static_cast<double>(i % 1000) * 0.25 + k;
    cols.emplace_back("f" + std::to_string(k), Series(std::move(v)));
  }
  for (int k = 0; k < 4; ++k) {
    std::vector<std::int64_t> v(kRows);
    for (std::size_t i = 0; i < kRows; ++i) v[i] = static_cast<std::int64_t>(i) * (k + 1);
    cols.emplace_back("i" + std::to_string(k), Series(std::move(v)));
  }
  for (int k = 0; k < 2; ++k) {
    std::vector<std::string> v(kRows);
    for (std::size_t i = 0; i < kRows; ++i) v[i] = "s" + std::to_string((i * (k + 7)) % 5000);
    cols.emplace_back("s" + std::to_string(k), Series(std::move(v)));
  }
  return DataFrame(std::move(cols));
}

const DataFrame& frame() {
  static const DataFrame df = table();
  return df;
}

std::string path(const char* name) {
  return (std::filesystem::temp_directory_path() /
          ("hamilton_bench_io_" + std::to_string(::getpid()) + name))
      .string();
}

void BM_CsvSave(benchmark::State& state) {
  const auto p = path(".csv");
  for (auto _ : state) hamilton::io::save("csv", frame(), {{"path", p}, {"index", false}});
  std::filesystem::remove(p);
}
void BM_CsvLoad(benchmark::State& state) {
  const auto p = path("_load.csv");
  hamilton::io::save("csv", frame(), {{"path", p}, {"index", false}});
  for (auto _ : state) benchmark::DoNotOptimize(hamilton::io::load("csv", {{"path", p}}));
  std::filesystem::remove(p);
}
void BM_SqliteSave(benchmark::State& state) {
  const auto p = path(".db");
  for (auto _ : state)
    hamilton::io::save("sqlite", frame(),
                       {{"path", p}, {"table", "t"}, {"if_exists", "replace"}, {"index", false}});
  std::filesystem::remove(p);
}
void BM_SqliteLoad(benchmark::State& state) {
  const auto p = path("_load.db");
  hamilton::io::save("sqlite", frame(), {{"path", p}, {"table", "t"}, {"index", false}});
  for (auto _ : state)
    benchmark::DoNotOptimize(hamilton::io::load("sqlite", {{"path", p}, {"table", "t"}}));
  std::filesystem::remove(p);
}
BENCHMARK(BM_CsvSave)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_CsvLoad)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_SqliteSave)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_SqliteLoad)->Unit(benchmark::kMillisecond)->Iterations(1);
}  // namespace

BENCHMARK_MAIN();
