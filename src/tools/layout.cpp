// The fast layout, for thousands of nodes: ranks by longest path, order within a rank by the
// barycentre of the predecessors, positions fixed for Graphviz's `nop2` engine. Linear time
// but for the sort within each rank; no crossing minimisation.
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <utility>

#include "tools/drawing.hpp"

namespace hamilton::tools::detail {
namespace {

using Layers = std::vector<std::vector<std::size_t>>;

// The nodes of each rank, in the order they are placed across it.
Layers layers_of(const Drawing& d) {
  const std::size_t n = d.nodes.size();
  std::vector<std::vector<std::size_t>> preds(n), succs(n);
  std::vector<std::size_t> indeg(n, 0);
  for (const auto& e : d.edges) {
    preds[e.to].push_back(e.from);
    succs[e.from].push_back(e.to);
    ++indeg[e.to];
  }
  std::vector<std::size_t> rank(n, 0), order;
  order.reserve(n);
  std::deque<std::size_t> ready;
  for (std::size_t i = 0; i < n; ++i)
    if (indeg[i] == 0) ready.push_back(i);
  while (!ready.empty()) {
    auto u = ready.front();
    ready.pop_front();
    order.push_back(u);
    for (auto v : succs[u]) {
      rank[v] = std::max(rank[v], rank[u] + 1);
      if (--indeg[v] == 0) ready.push_back(v);
    }
  }
  // input tables and other sources sit one rank before their first consumer
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    auto u = *it;
    if (!preds[u].empty() || succs[u].empty()) continue;
    std::size_t r = rank[succs[u][0]];
    for (auto v : succs[u]) r = std::min(r, rank[v]);
    rank[u] = r > 0 ? r - 1 : 0;
  }
  std::size_t ranks = 0;
  for (auto r : rank) ranks = std::max(ranks, r + 1);
  Layers layers(ranks);
  for (auto u : order) layers[rank[u]].push_back(u);
  std::vector<double> pos_in_layer(n, 0);
  for (auto& layer : layers) {
    std::vector<std::pair<double, std::size_t>> keyed;
    keyed.reserve(layer.size());
    for (std::size_t k = 0; k < layer.size(); ++k) {
      auto u = layer[k];
      double key = static_cast<double>(k);
      double sum = 0;
      std::size_t c = 0;
      for (auto p : preds[u])
        if (rank[p] < rank[u]) {
          sum += pos_in_layer[p];
          ++c;
        }
      if (c) key = sum / static_cast<double>(c);
      keyed.emplace_back(key, u);
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t k = 0; k < keyed.size(); ++k) {
      layer[k] = keyed[k].second;
      pos_in_layer[layer[k]] = static_cast<double>(k);
    }
  }
  return layers;
}

}  // namespace

void fast_layout(Drawing& d, const std::string& orient) {
  const Layers layers = layers_of(d);
  const bool horizontal = orient == "LR" || orient == "RL";
  const double rank_gap = 60, node_gap = 18;
  double along = 0;
  for (const auto& layer : layers) {
    double thick = 0;
    for (auto u : layer) thick = std::max(thick, horizontal ? d.nodes[u].est_w : d.nodes[u].est_h);
    double across = 0;
    for (auto u : layer) {
      DNode& node = d.nodes[u];
      double size = horizontal ? node.est_h : node.est_w;
      double a = along + thick / 2, c = across + size / 2;
      if (orient == "RL" || orient == "BT") a = -a;
      double x = horizontal ? a : c, y = horizontal ? -c : a;
      if (!horizontal) y = -y;
      node.attrs["pos"] = fmt::format("{:.0f},{:.0f}!", x, y);
      across += size + node_gap;
    }
    along += thick + rank_gap;
  }
}

}  // namespace hamilton::tools::detail
