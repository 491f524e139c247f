// Drawing big graphs: DOT text and in-process Graphviz rendering of generated layered graphs
// (1,000 and 4,000 nodes, 10 modules), with the dot layout, the fast layered layout, sfdp,
// modules collapsed, and a 2-hop neighbourhood. Figures: docs/performance.md "Drawing big graphs".
//
//   bench_visualize --benchmark_filter=Fast       # quick
//   bench_visualize                               # includes dot on 1,000 nodes (~20 s)
#include <benchmark/benchmark.h>
#include <hamilton/hamilton.hpp>
#include <hamilton/tools/visualize.hpp>

#include <map>
#include <string>
#include <vector>

namespace {

// `n` nodes in layers of 20; node k of layer l takes one node of layer l-1 and one node of a
// pseudo-random earlier layer (long edges, as in feature graphs where many columns reuse a few
// base columns); layer 0 takes external inputs. Nodes are spread over 10 modules by layer band.
hamilton::Driver layered(int n) {
  constexpr int width = 20;
  const int layers = n / width;
  std::vector<hamilton::Module> modules;
  for (int m = 0; m < 10; ++m) modules.emplace_back("gen_module_" + std::to_string(m));
  auto name = [](int l, int k) { return "n_" + std::to_string(l) + "_" + std::to_string(k); };
  for (int l = 0; l < layers; ++l) {
    auto& mod = modules[static_cast<std::size_t>(l * 10 / layers)];
    for (int k = 0; k < width; ++k) {
      std::string a = l == 0 ? "input_" + std::to_string(k) : name(l - 1, k);
      unsigned h = static_cast<unsigned>(l * 131 + k * 17) * 2654435761u;
      int back = l == 0 ? 0 : static_cast<int>(h % static_cast<unsigned>(l));
      int kb = static_cast<int>((h >> 8) % width);
      if (back == l - 1 && kb == k) kb = (k + 1) % width;
      std::string b = l == 0 ? "input_" + std::to_string((k + 1) % width) : name(back, kb);
      mod.add(name(l, k), {a, b}, [](double x, double y) { return x + y; });
    }
  }
  hamilton::Builder builder;
  for (auto& m : modules) builder.with_modules(m);
  return builder.build();
}

const hamilton::Driver& driver(int n) {
  static std::map<int, hamilton::Driver> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, layered(n)).first;
  return it->second;
}

void DotText(benchmark::State& state) {
  const auto& dr = driver(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(hamilton::tools::dot_all_functions(dr.graph()));
}

void render(benchmark::State& state, hamilton::tools::VizOptions o, bool around = false) {
  const auto& dr = driver(static_cast<int>(state.range(0)));
  std::string dot = around ? hamilton::tools::dot_around(dr.graph(), {"n_25_5"}, o)
                           : hamilton::tools::dot_all_functions(dr.graph(), o);
  for (auto _ : state) benchmark::DoNotOptimize(hamilton::tools::render_drawing(dot, "svg"));
  state.counters["dot_bytes"] = static_cast<double>(dot.size());
}

void RenderDot(benchmark::State& state) { render(state, {}); }
void RenderFast(benchmark::State& state) {
  hamilton::tools::VizOptions o;
  o.layout = hamilton::tools::Layout::fast;
  render(state, o);
}
void RenderSfdp(benchmark::State& state) {
  hamilton::tools::VizOptions o;
  o.layout = hamilton::tools::Layout::sfdp;
  render(state, o);
}
void RenderCollapsed(benchmark::State& state) {
  hamilton::tools::VizOptions o;
  o.collapse_modules = true;
  render(state, o);
}
void RenderAround2Hops(benchmark::State& state) {
  hamilton::tools::VizOptions o;
  o.hops = 2;
  render(state, o, true);
}

}  // namespace

BENCHMARK(DotText)->Arg(1000)->Arg(4000)->Unit(benchmark::kMillisecond);
BENCHMARK(RenderFast)->Arg(1000)->Arg(4000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(RenderCollapsed)->Arg(1000)->Arg(4000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(RenderAround2Hops)->Arg(1000)->Arg(4000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(RenderSfdp)->Arg(1000)->Arg(4000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(RenderDot)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK_MAIN();
