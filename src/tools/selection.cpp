// Which nodes a drawing shows: the whole graph, one execution, what is upstream or downstream
// of nodes (at most so many hops away), the paths between two nodes, the neighbourhood of
// nodes. Each marks the nodes and draws them.
#include <fmt/format.h>

#include <algorithm>
#include <deque>

#include "hamilton/plan/plan.hpp"
#include "hamilton/tools/visualize.hpp"
#include "tools/drawing.hpp"

namespace hamilton::tools {
namespace {

using detail::draw;
using detail::GraphImpl;
using detail::Index;
using detail::kNoNode;
using detail::Marks;

std::vector<Index> require_all(const GraphImpl& g, const std::vector<std::string>& names) {
  std::vector<Index> out;
  for (const auto& n : names) out.push_back(g.require(n));
  return out;
}

enum Direction : unsigned { up = 1, down = 2 };

// Nodes at most `hops` edges from `roots` (negative: any distance), in the given directions.
std::vector<bool> within(const GraphImpl& g, const std::vector<Index>& roots, unsigned dirs,
                         int hops) {
  std::vector<int> dist(g.nodes.size(), -1);
  std::deque<Index> queue;
  for (auto r : roots) {
    if (dist[r] == 0) continue;
    dist[r] = 0;
    queue.push_back(r);
  }
  auto visit = [&](Index v, int dv) {
    if (dist[v] >= 0) return;
    dist[v] = dv;
    queue.push_back(v);
  };
  while (!queue.empty()) {
    Index u = queue.front();
    queue.pop_front();
    if (hops >= 0 && dist[u] >= hops) continue;
    if (dirs & up)
      for (const auto& dep : g.nodes[u].dependencies)
        if (dep.node != kNoNode) visit(dep.node, dist[u] + 1);
    if (dirs & down)
      for (auto c : g.nodes[u].consumers) visit(c, dist[u] + 1);
  }
  std::vector<bool> out(g.nodes.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = dist[i] >= 0;
  return out;
}

// Requested or named inputs are drawn on their own.
void standalone_roots(const GraphImpl& g, Marks& m, const std::vector<Index>& roots) {
  for (auto r : roots)
    if (g.nodes[r].role == NodeRole::input) m.standalone[r] = true;
}

// The direct parents of the nodes in `of` are drawn too.
void draw_parents(const GraphImpl& g, const std::vector<bool>& of, Marks& m) {
  for (Index i = 0; i < g.nodes.size(); ++i)
    if (of[i])
      for (const auto& dep : g.nodes[i].dependencies)
        if (dep.node != kNoNode) m.draw[dep.node] = true;
}

}  // namespace

std::string dot_all_functions(const Graph& graph, const VizOptions& options) {
  const GraphImpl& g = graph.impl();
  Marks m(g.nodes.size());
  std::fill(m.draw.begin(), m.draw.end(), true);
  return draw(g, m, options);
}

std::string dot_execution(const Graph& graph, const std::vector<std::string>& outputs,
                          const std::vector<std::string>& inputs,
                          const std::vector<std::string>& overrides, const VizOptions& options,
                          bool bypass_validation) {
  const GraphImpl& g = graph.impl();
  if (!bypass_validation) {
    validate_request(graph, outputs, inputs, overrides);
  }
  Marks m(g.nodes.size());
  auto overridden = require_all(g, overrides);
  for (auto i : overridden) m.override_[i] = true;
  auto requested = require_all(g, outputs);
  std::vector<Index> stack;
  for (auto i : requested) {
    m.output[i] = true;
    if (!m.draw[i]) {
      m.draw[i] = true;
      stack.push_back(i);
    }
  }
  while (!stack.empty()) {
    Index u = stack.back();
    stack.pop_back();
    if (m.override_[u]) continue;
    for (const auto& dep : g.nodes[u].dependencies) {
      if (dep.node == kNoNode || m.draw[dep.node]) continue;
      m.draw[dep.node] = true;
      stack.push_back(dep.node);
    }
  }
  standalone_roots(g, m, requested);
  standalone_roots(g, m, overridden);
  return draw(g, m, options);
}

std::string dot_upstream_of(const Graph& graph, const std::vector<std::string>& names,
                            const VizOptions& options) {
  const GraphImpl& g = graph.impl();
  auto roots = require_all(g, names);
  Marks m(g.nodes.size());
  m.draw = within(g, roots, up, options.hops);
  standalone_roots(g, m, roots);
  return draw(g, m, options);
}

std::string dot_downstream_of(const Graph& graph, const std::vector<std::string>& names,
                              const VizOptions& options) {
  const GraphImpl& g = graph.impl();
  auto roots = require_all(g, names);
  Marks m(g.nodes.size());
  auto below = within(g, roots, down, options.hops);
  m.draw = below;
  draw_parents(g, below, m);
  standalone_roots(g, m, roots);
  return draw(g, m, options);
}

std::string dot_path_between(const Graph& graph, std::string_view upstream,
                             std::string_view downstream, const VizOptions& options, bool strict) {
  const GraphImpl& g = graph.impl();
  auto on_path = graph.path_between(upstream, downstream);
  if (on_path.empty())
    throw Error(
        fmt::format("there is no path from `{}` to `{}`: `{}` does not depend on `{}`, "
                    "directly or not; try the other direction",
                    upstream, downstream, downstream, upstream));
  Marks m(g.nodes.size());
  m.red_path_edges = true;
  for (const auto& v : on_path) {
    auto i = g.require(v.name);
    m.path[i] = true;
    m.draw[i] = true;
  }
  if (!strict) draw_parents(g, m.path, m);
  standalone_roots(g, m, {g.require(upstream)});
  return draw(g, m, options);
}

std::string dot_around(const Graph& graph, const std::vector<std::string>& names,
                       const VizOptions& options) {
  const GraphImpl& g = graph.impl();
  auto roots = require_all(g, names);
  Marks m(g.nodes.size());
  m.draw = within(g, roots, up | down, options.hops < 0 ? 1 : options.hops);
  standalone_roots(g, m, roots);
  return draw(g, m, options);
}

}  // namespace hamilton::tools
