// Modules collapsed: one drawn node per module, edges counting the dependencies between
// modules, one table of external inputs per consuming module. Config nodes and standalone
// inputs stay themselves.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "tools/drawing.hpp"
#include "tools/style.hpp"
#include "tools/tools_common.hpp"

namespace hamilton::tools::detail {
namespace {

constexpr std::size_t kMaxTableRows = 12;

struct ModuleInfo {
  std::size_t nodes = 0, outputs = 0, overrides = 0;
};

// The node standing for module `mod`, with its counts; the legend gets the module styles.
DNode module_box(Drawing& d, const std::string& mod, const ModuleInfo& info) {
  std::string counts = fmt::format("{} node{}", info.nodes, info.nodes == 1 ? "" : "s");
  if (info.outputs)
    counts += fmt::format(", {} output{}", info.outputs, info.outputs == 1 ? "" : "s");
  if (info.overrides) counts += fmt::format(", {} overridden", info.overrides);
  Attributes style = base_style(info.outputs ? "output" : "module");
  style["peripheries"] = std::string("2");  // a literal trips a false -Wrestrict of GCC 12
  d.legend_entry("module", base_style("module"));
  if (info.outputs) d.legend_entry("module with outputs", style);
  DNode dn = titled_box("module:" + mod, mod, counts);
  dn.attrs = style;
  return dn;
}

// The table of the external inputs module `mod` takes (the first 12 named), with an edge
// to the module labelled with their number.
void add_module_inputs(Drawing& d, const GraphImpl& g, const std::string& mod,
                       const std::set<Index>& inputs) {
  std::string rows;
  std::size_t shown = 0, widest = 0;
  for (Index in : inputs) {
    if (++shown > kMaxTableRows) break;
    rows += fmt::format("<tr><td>{}</td></tr>", html_escape(g.nodes[in].name));
    widest = std::max(widest, g.nodes[in].name.size());
  }
  if (inputs.size() > kMaxTableRows)
    rows += fmt::format("<tr><td><i>... and {} more</i></td></tr>", inputs.size() - kMaxTableRows);
  DNode t = input_table(d, fmt::format("_{}_inputs", mod), rows);
  t.est_w = 40 + text_width(widest);
  t.est_h = 16 + 20.0 * static_cast<double>(std::min<std::size_t>(shown, kMaxTableRows + 1));
  std::size_t table = d.add(std::move(t));
  DEdge e{table, d.by_id.at("module:" + mod), {}};
  e.attrs["label"] = std::to_string(inputs.size());
  d.edges.push_back(std::move(e));
}

}  // namespace

Drawing build_collapsed(const GraphImpl& g, const Marks& m, const VizOptions& o) {
  Drawing d;
  const std::size_t n = g.nodes.size();
  std::vector<std::string> group(n);  // id of the drawn node standing for graph node i
  std::map<std::string, ModuleInfo> modules;
  std::vector<std::string> module_order;
  for (Index i = 0; i < n; ++i) {
    if (!m.draw[i] || g.nodes[i].role != NodeRole::function) continue;
    const GraphNode& node = g.nodes[i];
    std::string mod = node.module.empty() ? std::string("(no module)") : node.module;
    group[i] = "module:" + mod;
    auto [it, fresh] = modules.try_emplace(mod);
    if (fresh) module_order.push_back(mod);
    ++it->second.nodes;
    if (m.output[i]) ++it->second.outputs;
    if (m.override_[i]) ++it->second.overrides;
  }
  for (const auto& mod : module_order) d.add(module_box(d, mod, modules.at(mod)));
  // config nodes and standalone inputs stay themselves
  for (Index i = 0; i < n; ++i) {
    const GraphNode& node = g.nodes[i];
    if (!m.draw[i] || node.role == NodeRole::function) continue;
    if (node.role == NodeRole::input && !m.standalone[i]) continue;
    std::string second = node.role == NodeRole::config && o.show_config_values
                             ? value_to_string(node.value)
                             : type_label(node);
    group[i] = node.name;
    d.add(node_box(d, g, m, i, second, o));
  }
  // inputs: one table per consuming module, edge counts between groups
  std::map<std::pair<std::string, std::string>, std::size_t> counts;
  std::vector<std::pair<std::string, std::string>> count_order;
  std::map<std::string, std::set<Index>> module_inputs;
  for (Index i = 0; i < n; ++i) {
    if (!m.draw[i] || g.nodes[i].role != NodeRole::function || m.override_[i]) continue;
    for (const auto& dep : g.nodes[i].dependencies) {
      if (dep.node == kNoNode || !m.draw[dep.node]) continue;
      if (g.nodes[dep.node].role == NodeRole::input && !m.standalone[dep.node]) {
        module_inputs[group[i]].insert(dep.node);
        continue;
      }
      if (group[dep.node] == group[i]) continue;
      auto key = std::make_pair(group[dep.node], group[i]);
      if (counts[key]++ == 0) count_order.push_back(key);
    }
  }
  if (!o.hide_inputs) {
    for (const auto& mod : module_order) {
      auto it = module_inputs.find("module:" + mod);
      if (it != module_inputs.end()) add_module_inputs(d, g, mod, it->second);
    }
  }
  for (const auto& key : count_order) {
    std::size_t c = counts[key];
    DEdge e{d.by_id.at(key.first), d.by_id.at(key.second), {}};
    e.attrs["label"] = std::to_string(c);
    e.attrs["penwidth"] = fmt::format("{:.1f}", 1.0 + std::log2(static_cast<double>(c)));
    d.edges.push_back(std::move(e));
  }
  return d;
}

}  // namespace hamilton::tools::detail
