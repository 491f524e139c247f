// Lineage queries with tag filters.
#include "hamilton/graph/lineage.hpp"

#include <unordered_set>

#include "graph/graph_impl.hpp"

namespace hamilton::lineage {
namespace {

using hamilton::detail::GraphImpl;
using Index = std::uint32_t;

// Names of the nodes matching `filter` (validates the filter like Graph::variables does).
std::unordered_set<std::string> matching(const Graph& graph, const TagFilter& filter) {
  std::unordered_set<std::string> out;
  for (auto& v : graph.variables(filter)) out.insert(std::move(v.name));
  return out;
}

std::vector<Variable> keep_matching(const Graph& graph, std::vector<Variable> vars,
                                    const TagFilter& keep) {
  if (keep.empty()) return vars;
  auto ok = matching(graph, keep);
  std::vector<Variable> out;
  for (auto& v : vars)
    if (ok.count(v.name)) out.push_back(std::move(v));
  return out;
}

std::vector<Variable> collect(const GraphImpl& g, const std::vector<bool>& mark) {
  std::vector<Variable> out;
  for (Index i = 0; i < g.nodes.size(); ++i)
    if (mark[i]) out.push_back(g.variable(i));
  return out;
}

std::vector<Index> roots_matching(const Graph& graph, const TagFilter& roots) {
  const GraphImpl& g = graph.impl();
  std::vector<Index> out;
  for (const auto& v : graph.variables(roots)) out.push_back(g.require(v.name));
  return out;
}

}  // namespace

std::vector<Variable> upstream_of(const Graph& graph, const std::vector<std::string>& names,
                                  const TagFilter& keep) {
  return keep_matching(graph, graph.upstream_of(names), keep);
}

std::vector<Variable> downstream_of(const Graph& graph, const std::vector<std::string>& names,
                                    const TagFilter& keep) {
  return keep_matching(graph, graph.downstream_of(names), keep);
}

std::vector<Variable> path_between(const Graph& graph, std::string_view upstream,
                                   std::string_view downstream, const TagFilter& keep) {
  return keep_matching(graph, graph.path_between(upstream, downstream), keep);
}

std::vector<Variable> upstream_of_tagged(const Graph& graph, const TagFilter& roots,
                                         const TagFilter& keep) {
  const GraphImpl& g = graph.impl();
  auto r = roots_matching(graph, roots);
  if (r.empty()) return {};
  return keep_matching(graph, collect(g, hamilton::detail::upstream_closure(g, r)), keep);
}

std::vector<Variable> downstream_of_tagged(const Graph& graph, const TagFilter& roots,
                                           const TagFilter& keep) {
  const GraphImpl& g = graph.impl();
  auto r = roots_matching(graph, roots);
  if (r.empty()) return {};
  return keep_matching(graph, collect(g, hamilton::detail::downstream_closure(g, r)), keep);
}

std::vector<std::string> outputs_affected_by(const Graph& graph,
                                             const std::vector<std::string>& changed,
                                             const std::vector<std::string>& outputs) {
  const GraphImpl& g = graph.impl();
  std::vector<Index> roots;
  for (const auto& c : changed) roots.push_back(g.require(c));
  auto below = hamilton::detail::downstream_closure(g, roots);
  std::vector<std::string> out;
  for (const auto& o : outputs)
    if (below[g.require(o)]) out.push_back(o);
  return out;
}

std::vector<Variable> sources_of(const Graph& graph, const std::vector<std::string>& names) {
  std::vector<Variable> out;
  for (auto& v : graph.upstream_of(names))
    if (v.role != NodeRole::function) out.push_back(std::move(v));
  return out;
}

std::vector<std::string> names_of(const std::vector<Variable>& variables) {
  std::vector<std::string> out;
  out.reserve(variables.size());
  for (const auto& v : variables) out.push_back(v.name);
  return out;
}

}  // namespace hamilton::lineage
