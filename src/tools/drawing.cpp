// The drawing of the marked nodes of a graph: one drawn node per graph node, the external
// inputs of each consumer in a table beside it, and the edges of the dependencies.
#include "tools/drawing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "tools/style.hpp"
#include "tools/tools_common.hpp"

namespace hamilton::tools::detail {
namespace {

constexpr std::size_t kNotDrawn = static_cast<std::size_t>(-1);

// The edge of dependency `dep` of drawn node `i`, drawn as Hamilton does.
DEdge dependency_edge(const GraphImpl& g, const Marks& m, const std::vector<std::size_t>& id_of,
                      Index i, const hamilton::detail::Dependency& dep) {
  DEdge e{id_of[dep.node], id_of[i], {}};
  if (dep.parameter.optional) e.attrs["style"] = "dashed";
  if (g.nodes[dep.node].expands()) e.attrs["arrowhead"] = "crow";  // fans out, once per item
  if (dep.parameter.collect_item) e.attrs["arrowtail"] = "crow", e.attrs["dir"] = "both";
  if (m.red_path_edges && m.path[dep.node] && m.path[i]) e.attrs["color"] = "red";
  return e;
}

// A table of the names and types of `inputs`.
DNode typed_input_table(Drawing& d, const GraphImpl& g, const std::vector<Index>& inputs,
                        std::string id) {
  std::string rows;
  std::size_t widest = 0;
  for (Index in : inputs) {
    std::string type = type_label(g.nodes[in]);
    rows += fmt::format("<tr><td>{}</td><td><i>{}</i></td></tr>", html_escape(g.nodes[in].name),
                        html_escape(type));
    widest = std::max(widest, g.nodes[in].name.size() + type.size());
  }
  DNode t = input_table(d, std::move(id), rows);
  t.est_w = 30 + text_width(widest, 7.5);
  t.est_h = 16 + 20.0 * static_cast<double>(inputs.size());
  return t;
}

// The fields of a node's schema_output tag (`a=int,b=float`), padded to one width as Hamilton
// draws them.
std::vector<std::string> schema_fields(const GraphNode& node) {
  auto it = node.tags.find("hamilton.internal.schema_output");
  if (it == node.tags.end() || it->second.empty()) return {};
  std::vector<std::string> fields;
  const std::string& text = it->second.front();
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    fields.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  std::size_t width = 0;
  for (const auto& f : fields) width = std::max(width, f.size());
  for (auto& f : fields) f.resize(width, ' ');
  return fields;
}

}  // namespace

Drawing build_nodes(const GraphImpl& g, const Marks& m, const VizOptions& o) {
  Drawing d;
  const std::size_t n = g.nodes.size();
  std::vector<std::size_t> id_of(n, kNotDrawn);
  for (Index i = 0; i < n; ++i) {
    if (!m.draw[i]) continue;
    const GraphNode& node = g.nodes[i];
    if (node.role == NodeRole::input && !m.standalone[i]) continue;  // drawn in input tables
    std::string second;
    if (node.role == NodeRole::config) {
      second = o.show_config_values ? value_to_string(node.value) : std::string("config");
    } else {
      second = type_label(node);
    }
    DNode dn = node_box(d, g, m, i, second, o);
    if (o.cluster_modules && node.role == NodeRole::function) dn.cluster = node.module;
    if (o.show_schema && o.layout != Layout::fast) dn.fields = schema_fields(node);
    id_of[i] = d.add(std::move(dn));
  }
  // edges between drawn nodes, and input tables
  std::map<std::vector<Index>, std::size_t> shared_tables;  // deduplicate_inputs
  for (Index i = 0; i < n; ++i) {
    if (id_of[i] == kNotDrawn) continue;
    const GraphNode& node = g.nodes[i];
    if (node.role != NodeRole::function || m.override_[i]) continue;  // nothing above an override
    std::vector<Index> inputs;
    std::vector<bool> optional_input;
    for (const auto& dep : node.dependencies) {
      if (dep.node == kNoNode || !m.draw[dep.node]) continue;
      if (g.nodes[dep.node].role == NodeRole::input && !m.standalone[dep.node]) {
        if (std::find(inputs.begin(), inputs.end(), dep.node) == inputs.end()) {
          inputs.push_back(dep.node);
          optional_input.push_back(dep.parameter.optional);
        }
        continue;
      }
      d.edges.push_back(dependency_edge(g, m, id_of, i, dep));
    }
    if (inputs.empty() || o.hide_inputs) continue;
    std::size_t table;
    auto found = o.deduplicate_inputs ? shared_tables.find(inputs) : shared_tables.end();
    if (found != shared_tables.end()) {
      table = found->second;
    } else {
      std::string id = o.deduplicate_inputs ? fmt::format("_inputs_{}", shared_tables.size())
                                            : fmt::format("_{}_inputs", node.name);
      table = d.add(typed_input_table(d, g, inputs, std::move(id)));
      if (o.deduplicate_inputs) shared_tables.emplace(inputs, table);
    }
    DEdge e{table, id_of[i], {}};
    if (std::all_of(optional_input.begin(), optional_input.end(), [](bool b) { return b; }))
      e.attrs["style"] = "dashed";
    d.edges.push_back(std::move(e));
  }
  return d;
}

}  // namespace hamilton::tools::detail
