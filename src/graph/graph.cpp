// Graph queries: listing, tag filters, upstream/downstream/path.
#include "hamilton/graph/graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "common/suggest.hpp"
#include "graph/graph_impl.hpp"

namespace hamilton {
namespace detail {

std::uint32_t GraphImpl::require(std::string_view name) const {
  auto i = find(name);
  if (i == kNoNode) throw UnknownNodeError(std::string(name), suggest(name));
  return i;
}

std::string GraphImpl::suggest(std::string_view name) const {
  Suggester s(name);
  for (const auto& n : nodes) s.consider(n.name);
  return s.best();
}

Variable GraphImpl::variable(std::uint32_t i) const {
  const GraphNode& n = nodes[i];
  Variable v;
  v.name = n.name;
  v.type = n.type;
  v.type_name = n.any_type ? std::string("hamilton::Value") : n.type->name();
  v.documentation = n.doc;
  // Hamilton's HamiltonNode.version: an input or config value's version is its name
  v.version = n.role == NodeRole::function ? n.version : n.name;
  v.tags = n.tags;
  v.module = n.module;
  v.location = n.location;
  v.role = n.role;
  v.is_external_input = n.role == NodeRole::input;
  v.required = n.role != NodeRole::input || n.required;
  v.originating_function = n.function_name;
  for (const auto& d : n.dependencies)
    if (d.node != kNoNode)
      (d.parameter.optional ? v.optional_dependencies : v.required_dependencies)
          .push_back(nodes[d.node].name);
  return v;
}

namespace {

// Hamilton's tag_filter semantics; throws hamilton::Error for an empty list.
bool matches(const Tags& tags, const TagFilter& filter) {
  for (const auto& [key, match] : filter) {
    auto it = tags.find(key);
    if (it == tags.end()) return false;
    if (match.matches_any_value()) continue;
    bool any = false;
    for (const auto& wanted : match.values())
      for (const auto& have : it->second)
        if (have == wanted) any = true;
    if (!any) return false;
  }
  return true;
}

void check_filter(const TagFilter& filter) {
  for (const auto& [key, match] : filter)
    if (match.is_list() && match.values().empty())
      throw Error(
          fmt::format("tag filter `{}`: an empty list matches nothing; give at least one "
                      "value, or TagMatch::any() to match every node that has the tag",
                      key));
}

std::vector<Variable> collect(const GraphImpl& g, const std::vector<bool>& keep) {
  std::vector<Variable> out;
  for (std::uint32_t i = 0; i < g.nodes.size(); ++i)
    if (keep[i]) out.push_back(g.variable(i));
  return out;
}

}  // namespace

std::vector<bool> upstream_closure(const GraphImpl& g, const std::vector<std::uint32_t>& roots) {
  std::vector<bool> seen(g.nodes.size(), false);
  std::vector<std::uint32_t> stack(roots);
  for (auto r : roots) seen[r] = true;
  while (!stack.empty()) {
    auto u = stack.back();
    stack.pop_back();
    for (const auto& d : g.nodes[u].dependencies)
      if (d.node != kNoNode && !seen[d.node]) {
        seen[d.node] = true;
        stack.push_back(d.node);
      }
  }
  return seen;
}

std::vector<bool> downstream_closure(const GraphImpl& g, const std::vector<std::uint32_t>& roots) {
  std::vector<bool> seen(g.nodes.size(), false);
  std::vector<std::uint32_t> stack(roots);
  for (auto r : roots) seen[r] = true;
  while (!stack.empty()) {
    auto u = stack.back();
    stack.pop_back();
    for (auto c : g.nodes[u].consumers)
      if (!seen[c]) {
        seen[c] = true;
        stack.push_back(c);
      }
  }
  return seen;
}

}  // namespace detail

std::size_t Graph::size() const { return impl_->nodes.size(); }

bool Graph::contains(std::string_view name) const { return impl_->find(name) != detail::kNoNode; }

std::vector<Variable> Graph::variables(const TagFilter& filter) const {
  detail::check_filter(filter);
  std::vector<Variable> out;
  for (std::uint32_t i = 0; i < impl_->nodes.size(); ++i)
    if (detail::matches(impl_->nodes[i].tags, filter)) out.push_back(impl_->variable(i));
  return out;
}

Variable Graph::variable(std::string_view name) const {
  return impl_->variable(impl_->require(name));
}

const ValueMap& Graph::config() const { return impl_->config; }

const std::vector<Problem>& Graph::diagnostics() const { return impl_->diagnostics; }

std::vector<Variable> Graph::upstream_of(const std::vector<std::string>& names) const {
  std::vector<std::uint32_t> roots;
  for (const auto& n : names) roots.push_back(impl_->require(n));
  return detail::collect(*impl_, detail::upstream_closure(*impl_, roots));
}

std::vector<Variable> Graph::downstream_of(const std::vector<std::string>& names) const {
  std::vector<std::uint32_t> roots;
  for (const auto& n : names) roots.push_back(impl_->require(n));
  return detail::collect(*impl_, detail::downstream_closure(*impl_, roots));
}

std::vector<Variable> Graph::path_between(std::string_view upstream,
                                          std::string_view downstream) const {
  auto up = impl_->require(upstream);
  auto down = impl_->require(downstream);
  auto below = detail::downstream_closure(*impl_, {up});
  auto above = detail::upstream_closure(*impl_, {down});
  std::vector<bool> keep(impl_->nodes.size());
  bool any = false;
  for (std::size_t i = 0; i < keep.size(); ++i) {
    keep[i] = below[i] && above[i];
    any = any || keep[i];
  }
  if (!any || !keep[up] || !keep[down]) return {};
  return detail::collect(*impl_, keep);
}

}  // namespace hamilton
