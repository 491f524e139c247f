// Drawing graphs: DOT text with Python Hamilton's conventions, rendered by Graphviz's C library.
#include "hamilton/tools/visualize.hpp"

#include <fmt/format.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "graph/graph_impl.hpp"
#include "hamilton/driver/driver.hpp"
#include "hamilton/plan/plan.hpp"
#include "tools/tools_common.hpp"

namespace hamilton::tools {
namespace {

using detail::html_escape;

using hamilton::detail::GraphImpl;
using hamilton::detail::GraphNode;
using hamilton::detail::kNoNode;
using Index = std::uint32_t;

constexpr const char* kFunctionColor = "#b4d8e4";
constexpr const char* kOutputColor = "#FFC857";
constexpr std::size_t kMaxTypeLength = 80;

// ---------------------------------------------------------------------------------------------
// What to draw, and how each drawn node is marked.

struct Marks {
  explicit Marks(std::size_t n) : draw(n), output(n), override_(n), path(n), standalone(n) {}
  std::vector<bool> draw;
  std::vector<bool> output;
  std::vector<bool> override_;
  std::vector<bool> path;
  std::vector<bool> standalone;  // an input drawn as its own node (requested or overridden)
  bool red_path_edges = false;
};

// ---------------------------------------------------------------------------------------------
// The drawing before it becomes text: nodes, edges, clusters.

struct DNode {
  std::string id;
  std::string label;  // HTML label body (without the outer <>), or plain text if !html
  bool html = true;
  Attributes attrs;
  std::string cluster;  // module cluster, empty for none
  double est_w = 60, est_h = 36;  // estimated size in points (fast layout)
};

struct DEdge {
  std::size_t from, to;  // indices into nodes
  Attributes attrs;
};

struct Drawing {
  std::vector<DNode> nodes;
  std::vector<DEdge> edges;
  std::unordered_map<std::string, std::size_t> by_id;
  std::vector<std::pair<std::string, Attributes>> legend;  // name -> style, in order
  std::set<std::string> legend_seen;

  std::size_t add(DNode n) {
    auto it = by_id.find(n.id);
    if (it != by_id.end()) return it->second;
    by_id.emplace(n.id, nodes.size());
    nodes.push_back(std::move(n));
    return nodes.size() - 1;
  }
  void legend_entry(const std::string& name, const Attributes& style) {
    if (legend_seen.insert(name).second) legend.emplace_back(name, style);
  }
};


std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string truncate_type(std::string t) {
  if (t.size() > kMaxTypeLength) t = t.substr(0, kMaxTypeLength) + "...";
  return t;
}

double text_width(std::size_t chars, double pt_per_char = 7.5) { return chars * pt_per_char; }

Attributes base_style(std::string_view node_class) {
  if (node_class == "config") return {{"shape", "note"}, {"style", "filled"}, {"fillcolor", "#ffffff"}};
  if (node_class == "input") return {{"shape", "rectangle"}, {"style", "dashed"}};
  if (node_class == "output")
    return {{"shape", "rectangle"}, {"style", "rounded,filled"}, {"fillcolor", kOutputColor}};
  if (node_class == "override")
    return {{"shape", "rectangle"}, {"style", "filled,diagonals"}, {"fillcolor", kFunctionColor}};
  if (node_class == "path")
    return {{"shape", "rectangle"}, {"style", "rounded,filled"}, {"fillcolor", kFunctionColor},
            {"color", "red"}, {"penwidth", "2"}};
  if (node_class == "module")
    return {{"shape", "rectangle"}, {"style", "rounded,filled"}, {"fillcolor", "#d9ecf2"},
            {"peripheries", "2"}};
  if (node_class == "expand")  // returns Parallelizable<T>
    return {{"shape", "rectangle"}, {"style", "rounded,filled"}, {"fillcolor", kFunctionColor},
            {"peripheries", "2"}, {"color", "#56E39F"}};
  if (node_class == "collect")  // takes a Collect<T>
    return {{"shape", "rectangle"}, {"style", "rounded,filled"}, {"fillcolor", kFunctionColor},
            {"peripheries", "2"}, {"color", "#EA5556"}};
  return {{"shape", "rectangle"}, {"style", "rounded,filled"}, {"fillcolor", kFunctionColor}};
}

std::string legend_label(std::string_view node_class) {
  if (node_class == "function") return "function";
  if (node_class == "config") return "config";
  if (node_class == "input") return "input";
  if (node_class == "output") return "output";
  if (node_class == "override") return "override";
  if (node_class == "path") return "path";
  if (node_class == "module") return "module";
  if (node_class == "expand") return "expand";
  if (node_class == "collect") return "collect";
  return std::string(node_class);
}

void apply_style(Drawing& d, DNode& node, const GraphImpl& g, Index i, const std::string& node_class,
                 const VizOptions& o) {
  Attributes style = base_style(node_class);
  d.legend_entry(legend_label(node_class), style);
  if (o.style) {
    CustomStyle custom = o.style(g.variable(i), node_class);
    for (auto& [k, v] : custom.attributes) style[k] = v;
    if (!custom.legend_name.empty()) d.legend_entry(custom.legend_name, style);
  }
  for (auto& [k, v] : style) node.attrs[k] = v;
}

std::string node_class_of(const GraphNode& n, const Marks& m, Index i) {
  if (m.override_[i]) return "override";
  if (m.output[i]) return "output";
  if (m.path[i]) return "path";
  if (n.role == NodeRole::config) return "config";
  if (n.role == NodeRole::input) return "input";
  if (n.expands()) return "expand";
  for (const auto& d : n.dependencies)
    if (d.parameter.collect_item) return "collect";
  return "function";
}

// Builds the drawing of the marked nodes, one node per graph node.
Drawing build_nodes(const GraphImpl& g, const Marks& m, const VizOptions& o) {
  Drawing d;
  const std::size_t n = g.nodes.size();
  std::vector<std::size_t> id_of(n, static_cast<std::size_t>(-1));
  for (Index i = 0; i < n; ++i) {
    if (!m.draw[i]) continue;
    const GraphNode& node = g.nodes[i];
    if (node.role == NodeRole::input && !m.standalone[i]) continue;  // drawn in input tables
    DNode dn;
    dn.id = node.name;
    std::string second;
    if (node.role == NodeRole::config) {
      second = o.show_config_values ? detail::value_to_string(node.value) : std::string("config");
    } else {
      second = truncate_type(detail::type_name_of(node));
    }
    dn.label = fmt::format("<b>{}</b><br/><br/><i>{}</i>", html_escape(node.name), html_escape(second));
    dn.est_w = 24 + std::max(text_width(node.name.size(), 8.5), text_width(second.size(), 7));
    dn.est_h = 56;
    if (o.cluster_modules && node.role == NodeRole::function) dn.cluster = node.module;
    apply_style(d, dn, g, i, node_class_of(node, m, i), o);
    id_of[i] = d.add(std::move(dn));
  }
  // edges between drawn nodes, and input tables
  std::map<std::vector<Index>, std::size_t> shared_tables;  // deduplicate_inputs
  for (Index i = 0; i < n; ++i) {
    if (id_of[i] == static_cast<std::size_t>(-1)) continue;
    const GraphNode& node = g.nodes[i];
    if (node.role != NodeRole::function || m.override_[i]) continue;  // nothing above an override
    std::vector<Index> inputs;
    std::vector<bool> optional_input;
    for (const auto& dep : node.dependencies) {
      if (dep.node == kNoNode || !m.draw[dep.node]) continue;
      const GraphNode& p = g.nodes[dep.node];
      if (p.role == NodeRole::input && !m.standalone[dep.node]) {
        if (std::find(inputs.begin(), inputs.end(), dep.node) == inputs.end()) {
          inputs.push_back(dep.node);
          optional_input.push_back(dep.parameter.optional);
        }
        continue;
      }
      DEdge e{id_of[dep.node], id_of[i], {}};
      if (dep.parameter.optional) e.attrs["style"] = "dashed";
      if (p.expands()) e.attrs["arrowhead"] = "crow";          // fans out, once per item
      if (dep.parameter.collect_item) e.attrs["arrowtail"] = "crow", e.attrs["dir"] = "both";
      if (m.red_path_edges && m.path[dep.node] && m.path[i]) e.attrs["color"] = "red";
      d.edges.push_back(std::move(e));
    }
    if (inputs.empty() || o.hide_inputs) continue;
    std::size_t table;
    auto found = o.deduplicate_inputs ? shared_tables.find(inputs) : shared_tables.end();
    if (found != shared_tables.end()) {
      table = found->second;
    } else {
      DNode t;
      t.id = o.deduplicate_inputs ? fmt::format("_inputs_{}", shared_tables.size())
                                  : fmt::format("_{}_inputs", node.name);
      std::string rows;
      std::size_t widest = 0;
      for (Index in : inputs) {
        std::string type = truncate_type(detail::type_name_of(g.nodes[in]));
        rows += fmt::format("<tr><td>{}</td><td><i>{}</i></td></tr>", html_escape(g.nodes[in].name),
                            html_escape(type));
        widest = std::max(widest, g.nodes[in].name.size() + type.size());
      }
      t.label = fmt::format("<table border=\"0\">{}</table>", rows);
      t.est_w = 30 + text_width(widest, 7.5);
      t.est_h = 16 + 20.0 * static_cast<double>(inputs.size());
      Attributes style = base_style("input");
      d.legend_entry("input", style);
      t.attrs = style;
      table = d.add(std::move(t));
      if (o.deduplicate_inputs) shared_tables.emplace(inputs, table);
    }
    DEdge e{table, id_of[i], {}};
    if (std::all_of(optional_input.begin(), optional_input.end(), [](bool b) { return b; }))
      e.attrs["style"] = "dashed";
    d.edges.push_back(std::move(e));
  }
  return d;
}

// Modules collapsed: one node per module, edges counting dependencies between modules.
Drawing build_collapsed(const GraphImpl& g, const Marks& m, const VizOptions& o) {
  Drawing d;
  const std::size_t n = g.nodes.size();
  std::vector<std::string> group(n);  // id of the drawn node standing for graph node i
  struct ModuleInfo {
    std::size_t nodes = 0, outputs = 0, overrides = 0;
    std::vector<std::string> inputs;  // external inputs its nodes take
  };
  std::map<std::string, ModuleInfo> modules;
  std::vector<std::string> module_order;
  for (Index i = 0; i < n; ++i) {
    if (!m.draw[i]) continue;
    const GraphNode& node = g.nodes[i];
    if (node.role == NodeRole::function) {
      std::string mod = node.module.empty() ? std::string("(no module)") : node.module;
      group[i] = "module:" + mod;
      auto [it, fresh] = modules.try_emplace(mod);
      if (fresh) module_order.push_back(mod);
      ++it->second.nodes;
      if (m.output[i]) ++it->second.outputs;
      if (m.override_[i]) ++it->second.overrides;
    }
  }
  for (const auto& mod : module_order) {
    const ModuleInfo& info = modules[mod];
    DNode dn;
    dn.id = "module:" + mod;
    std::string counts = fmt::format("{} node{}", info.nodes, info.nodes == 1 ? "" : "s");
    if (info.outputs) counts += fmt::format(", {} output{}", info.outputs, info.outputs == 1 ? "" : "s");
    if (info.overrides) counts += fmt::format(", {} overridden", info.overrides);
    dn.label = fmt::format("<b>{}</b><br/><br/><i>{}</i>", html_escape(mod), html_escape(counts));
    dn.est_w = 24 + std::max(text_width(mod.size(), 8.5), text_width(counts.size(), 7));
    dn.est_h = 56;
    Attributes style = base_style(info.outputs ? "output" : "module");
    style["peripheries"] = "2";
    d.legend_entry("module", base_style("module"));
    if (info.outputs) d.legend_entry("module with outputs", style);
    dn.attrs = style;
    d.add(std::move(dn));
  }
  // config nodes and standalone inputs stay themselves
  for (Index i = 0; i < n; ++i) {
    if (!m.draw[i]) continue;
    const GraphNode& node = g.nodes[i];
    if (node.role == NodeRole::function) continue;
    if (node.role == NodeRole::input && !m.standalone[i]) continue;
    DNode dn;
    dn.id = node.name;
    std::string second = node.role == NodeRole::config && o.show_config_values
                             ? detail::value_to_string(node.value)
                             : truncate_type(detail::type_name_of(node));
    dn.label = fmt::format("<b>{}</b><br/><br/><i>{}</i>", html_escape(node.name), html_escape(second));
    dn.est_w = 24 + std::max(text_width(node.name.size(), 8.5), text_width(second.size(), 7));
    dn.est_h = 56;
    apply_style(d, dn, g, i, node_class_of(node, m, i), o);
    group[i] = node.name;
    d.add(std::move(dn));
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
      if (it == module_inputs.end()) continue;
      DNode t;
      t.id = fmt::format("_{}_inputs", mod);
      std::string rows;
      std::size_t shown = 0, widest = 0;
      for (Index in : it->second) {
        if (++shown > 12) break;
        rows += fmt::format("<tr><td>{}</td></tr>", html_escape(g.nodes[in].name));
        widest = std::max(widest, g.nodes[in].name.size());
      }
      if (it->second.size() > 12)
        rows += fmt::format("<tr><td><i>... and {} more</i></td></tr>", it->second.size() - 12);
      t.label = fmt::format("<table border=\"0\">{}</table>", rows);
      t.est_w = 40 + text_width(widest);
      t.est_h = 16 + 20.0 * static_cast<double>(std::min<std::size_t>(shown, 13));
      t.attrs = base_style("input");
      d.legend_entry("input", t.attrs);
      std::size_t table = d.add(std::move(t));
      DEdge e{table, d.by_id.at(it->first), {}};
      e.attrs["label"] = std::to_string(it->second.size());
      d.edges.push_back(std::move(e));
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

// ---------------------------------------------------------------------------------------------
// Fast layered layout: ranks by longest path, order within a rank by the barycentre of the
// predecessors, positions fixed for Graphviz's `nop2` engine.

void fast_layout(Drawing& d, const std::string& orient) {
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
  std::vector<std::vector<std::size_t>> layers(ranks);
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
  const bool horizontal = orient == "LR" || orient == "RL";
  const double rank_gap = 60, node_gap = 18;
  double along = 0;
  for (std::size_t r = 0; r < ranks; ++r) {
    double thick = 0;
    for (auto u : layers[r]) thick = std::max(thick, horizontal ? d.nodes[u].est_w : d.nodes[u].est_h);
    double across = 0;
    for (auto u : layers[r]) {
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

// ---------------------------------------------------------------------------------------------
// Text.

void write_attrs(std::string& out, const Attributes& attrs, const std::string* html_label,
                 const std::string* text_label) {
  out += " [";
  bool first = true;
  auto sep = [&] {
    if (!first) out += ' ';
    first = false;
  };
  if (html_label) {
    sep();
    out += "label=<" + *html_label + ">";
  } else if (text_label) {
    sep();
    out += "label=" + quote(*text_label);
  }
  for (const auto& [k, v] : attrs) {
    if (k == "label" && (html_label || text_label)) continue;
    sep();
    out += k + "=" + quote(v);
  }
  out += "]";
}

void write_node(std::string& out, const DNode& n, const char* indent) {
  out += indent + quote(n.id);
  write_attrs(out, n.attrs, n.html ? &n.label : nullptr, n.html ? nullptr : &n.label);
  out += '\n';
}

std::string to_text(Drawing& d, const VizOptions& o) {
  Attributes graph{{"rankdir", o.orient}, {"ranksep", "0.4"}, {"compound", "true"},
                   {"concentrate", "true"}, {"fontname", "Helvetica"}};
  if (o.layout == Layout::fast) {
    graph.erase("concentrate");
    graph["layout"] = "nop2";
    graph["splines"] = "line";
    graph["outputorder"] = "edgesfirst";
  } else if (o.layout == Layout::sfdp) {
    graph.erase("concentrate");
    graph["layout"] = "sfdp";
    graph["splines"] = "line";
    graph["overlap"] = "prism";
    graph["outputorder"] = "edgesfirst";
  }
  for (const auto& [k, v] : o.graph_attributes) graph[k] = v;

  // legend nodes are part of the drawing for the fast layout
  std::vector<std::size_t> legend_nodes;
  if (o.show_legend && !d.legend.empty()) {
    for (const auto& [name, style] : d.legend) {
      DNode ln;
      ln.id = "_legend_" + name;
      ln.html = false;
      ln.label = name;
      ln.attrs = style;
      ln.est_w = 40 + text_width(name.size());
      ln.est_h = 36;
      legend_nodes.push_back(d.add(std::move(ln)));
    }
  }
  if (o.layout == Layout::fast) fast_layout(d, o.orient);

  std::string out = "digraph {\n";
  out += "  graph";
  write_attrs(out, graph, nullptr, nullptr);
  out += "\n  node [fontname=\"Helvetica\"]\n  edge [fontname=\"Helvetica\"]\n";
  std::set<std::size_t> is_legend(legend_nodes.begin(), legend_nodes.end());
  // clusters (modules), in order of first appearance
  std::vector<std::string> clusters;
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < d.nodes.size(); ++i) {
    if (is_legend.count(i)) continue;
    const auto& c = d.nodes[i].cluster;
    if (c.empty() || o.layout == Layout::fast) {
      write_node(out, d.nodes[i], "  ");
      continue;
    }
    if (!members.count(c)) clusters.push_back(c);
    members[c].push_back(i);
  }
  for (const auto& c : clusters) {
    out += "  subgraph " + quote("cluster_module_" + c) + " {\n";
    out += "    label=<<b>" + html_escape(c) + "</b>>\n";
    out += "    style=\"rounded,dashed\" color=\"#649fb3\" fontname=\"Helvetica\"\n";
    for (auto i : members[c]) write_node(out, d.nodes[i], "    ");
    out += "  }\n";
  }
  for (const auto& e : d.edges) {
    out += "  " + quote(d.nodes[e.from].id) + " -> " + quote(d.nodes[e.to].id);
    if (!e.attrs.empty()) write_attrs(out, e.attrs, nullptr, nullptr);
    out += '\n';
  }
  if (!legend_nodes.empty()) {
    if (o.layout == Layout::fast) {
      for (auto i : legend_nodes) write_node(out, d.nodes[i], "  ");
    } else {
      out += "  subgraph cluster__legend {\n";
      out += "    label=\"Legend\" rank=same fontname=\"Helvetica\" color=\"black\"\n";
      for (auto i : legend_nodes) write_node(out, d.nodes[i], "    ");
      out += "  }\n";
    }
  }
  out += "}\n";
  return out;
}

std::string draw(const GraphImpl& g, const Marks& m, const VizOptions& o) {
  static const std::set<std::string> orients{"LR", "TB", "BT", "RL"};
  if (!orients.count(o.orient))
    throw Error(fmt::format("orientation `{}` is not one of LR, TB, BT, RL", o.orient));
  Drawing d = o.collapse_modules ? build_collapsed(g, m, o) : build_nodes(g, m, o);
  return to_text(d, o);
}

// ---------------------------------------------------------------------------------------------
// Selections.

std::vector<Index> require_all(const GraphImpl& g, const std::vector<std::string>& names) {
  std::vector<Index> out;
  for (const auto& n : names) out.push_back(g.require(n));
  return out;
}

enum Direction : unsigned { up = 1, down = 2 };

// Nodes at most `hops` edges from `roots` (negative: any distance), in the given directions.
std::vector<bool> within(const GraphImpl& g, const std::vector<Index>& roots, unsigned dirs, int hops) {
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

void write_text_file(const std::string& text, const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    throw DrawingError(fmt::format("cannot write `{}`: {}; check that the folder exists and is "
                                   "writable",
                                   path.string(), std::strerror(errno)));
  out << text;
  out.close();
  if (!out) throw DrawingError(fmt::format("cannot write `{}`: write failed", path.string()));
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Graphviz's error messages, captured per call.
std::mutex& graphviz_mutex() {
  static std::mutex m;
  return m;
}
std::string& graphviz_errors() {
  static std::string s;
  return s;
}
int capture_graphviz_error(char* message) {
  graphviz_errors() += message;
  return 0;
}

}  // namespace

// ---- public API ---------------------------------------------------------------------------

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
  std::vector<bool> overridden(g.nodes.size());
  for (const auto& name : overrides) {
    auto i = g.require(name);
    overridden[i] = true;
    m.override_[i] = true;
  }
  std::vector<Index> stack;
  for (const auto& name : outputs) {
    auto i = g.require(name);
    m.output[i] = true;
    if (g.nodes[i].role == NodeRole::input) m.standalone[i] = true;
    if (!m.draw[i]) {
      m.draw[i] = true;
      stack.push_back(i);
    }
  }
  while (!stack.empty()) {
    Index u = stack.back();
    stack.pop_back();
    if (overridden[u]) continue;
    for (const auto& dep : g.nodes[u].dependencies) {
      if (dep.node == kNoNode || m.draw[dep.node]) continue;
      m.draw[dep.node] = true;
      stack.push_back(dep.node);
    }
  }
  for (Index i = 0; i < g.nodes.size(); ++i)
    if (overridden[i] && g.nodes[i].role == NodeRole::input) m.standalone[i] = true;
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
  for (Index i = 0; i < g.nodes.size(); ++i)
    if (below[i])
      for (const auto& dep : g.nodes[i].dependencies)
        if (dep.node != kNoNode) m.draw[dep.node] = true;
  standalone_roots(g, m, roots);
  return draw(g, m, options);
}

std::string dot_path_between(const Graph& graph, std::string_view upstream,
                             std::string_view downstream, const VizOptions& options, bool strict) {
  const GraphImpl& g = graph.impl();
  auto on_path = graph.path_between(upstream, downstream);
  if (on_path.empty())
    throw Error(fmt::format("there is no path from `{}` to `{}`: `{}` does not depend on `{}`, "
                            "directly or not; try the other direction",
                            upstream, downstream, downstream, upstream));
  Marks m(g.nodes.size());
  m.red_path_edges = true;
  for (const auto& v : on_path) {
    auto i = g.require(v.name);
    m.path[i] = true;
    m.draw[i] = true;
  }
  if (!strict)
    for (Index i = 0; i < g.nodes.size(); ++i)
      if (m.path[i])
        for (const auto& dep : g.nodes[i].dependencies)
          if (dep.node != kNoNode) m.draw[dep.node] = true;
  auto up_i = g.require(upstream);
  if (g.nodes[up_i].role == NodeRole::input) m.standalone[up_i] = true;
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

std::vector<std::string> drawing_suffixes() { return {".dot", ".gv", ".svg", ".png", ".pdf"}; }

std::string render_drawing(const std::string& dot, std::string_view format) {
  std::lock_guard lock(graphviz_mutex());  // Graphviz keeps global state
  graphviz_errors().clear();
  agseterrf(&capture_graphviz_error);
  agseterr(AGERR);
  // One Graphviz context for the process: Graphviz 2.42's text-layout plugin keeps pointers
  // into the first context's font cache, so freeing contexts leads to use-after-free inside
  // Graphviz on the next render.
  static GVC_t* const context = gvContext();
  struct Cleanup {
    GVC_t* gvc = nullptr;
    Agraph_t* g = nullptr;
    bool laid_out = false;
    ~Cleanup() {
      if (gvc && g && laid_out) gvFreeLayout(gvc, g);
      if (g) agclose(g);
      agseterrf(nullptr);
    }
  } c;
  c.gvc = context;
  if (!c.gvc) throw DrawingError("Graphviz: cannot create a context (is graphviz installed?)");
  c.g = agmemread(dot.c_str());
  if (!c.g)
    throw DrawingError(fmt::format("Graphviz cannot read the DOT text: {}", graphviz_errors()));
  if (gvLayout(c.gvc, c.g, "dot") != 0)
    throw DrawingError(fmt::format("Graphviz layout failed: {}", graphviz_errors()));
  c.laid_out = true;
  char* data = nullptr;
  unsigned int length = 0;
  std::string fmt_name(format);
  if (gvRenderData(c.gvc, c.g, fmt_name.c_str(), &data, &length) != 0 || !data) {
    if (data) gvFreeRenderData(data);
    throw DrawingError(fmt::format("Graphviz cannot render format `{}`: {}", fmt_name,
                                   graphviz_errors().empty() ? std::string("no renderer for it")
                                                             : graphviz_errors()));
  }
  std::string out(data, length);
  gvFreeRenderData(data);
  return out;
}

void write_drawing(const std::string& dot, const std::filesystem::path& path) {
  std::string suffix = lower(path.extension().string());
  if (suffix == ".dot" || suffix == ".gv") return write_text_file(dot, path);
  if (suffix != ".svg" && suffix != ".png" && suffix != ".pdf")
    throw DrawingError(fmt::format(
        "cannot draw to `{}`: {} ; give a file name ending in .svg, .png, .pdf or .dot",
        path.string(), suffix.empty() ? std::string("the file name has no suffix")
                                      : fmt::format("unknown suffix `{}`", suffix)));
  // fail on an unwritable path before spending time on the layout
  {
    std::error_code ec;
    auto parent = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    if (!std::filesystem::is_directory(parent, ec))
      throw DrawingError(fmt::format("cannot write `{}`: folder `{}` does not exist; create it "
                                     "first",
                                     path.string(), parent.string()));
  }
  std::string bytes = render_drawing(dot, suffix.substr(1));
  write_text_file(bytes, path);
}

std::string display_all_functions(const Driver& driver, const std::filesystem::path& path,
                                  const VizOptions& options) {
  auto dot = dot_all_functions(driver.graph(), options);
  if (!path.empty()) write_drawing(dot, path);
  return dot;
}

std::string visualize_execution(const Driver& driver, const std::vector<std::string>& outputs,
                                const std::filesystem::path& path,
                                const std::vector<std::string>& inputs,
                                const std::vector<std::string>& overrides, const VizOptions& options) {
  auto dot = dot_execution(driver.graph(), outputs, inputs, overrides, options);
  if (!path.empty()) write_drawing(dot, path);
  return dot;
}

std::string display_upstream_of(const Driver& driver, const std::vector<std::string>& names,
                                const std::filesystem::path& path, const VizOptions& options) {
  auto dot = dot_upstream_of(driver.graph(), names, options);
  if (!path.empty()) write_drawing(dot, path);
  return dot;
}

std::string display_downstream_of(const Driver& driver, const std::vector<std::string>& names,
                                  const std::filesystem::path& path, const VizOptions& options) {
  auto dot = dot_downstream_of(driver.graph(), names, options);
  if (!path.empty()) write_drawing(dot, path);
  return dot;
}

std::string visualize_path_between(const Driver& driver, std::string_view upstream,
                                   std::string_view downstream, const std::filesystem::path& path,
                                   const VizOptions& options, bool strict) {
  auto dot = dot_path_between(driver.graph(), upstream, downstream, options, strict);
  if (!path.empty()) write_drawing(dot, path);
  return dot;
}

}  // namespace hamilton::tools
