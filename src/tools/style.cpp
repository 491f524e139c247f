// Hamilton's look of a drawing: colours and shapes per node class, labels, the legend, and the
// custom styles of VizOptions::style.
#include "tools/style.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "tools/tools_common.hpp"

namespace hamilton::tools::detail {
namespace {

constexpr const char* kFunctionColor = "#b4d8e4";
constexpr const char* kOutputColor = "#FFC857";
constexpr std::size_t kMaxTypeLength = 80;

// The base style of the class, then the custom style; the legend gets an entry for each.
void apply_style(Drawing& d, DNode& node, const GraphImpl& g, Index i,
                 const std::string& node_class, const VizOptions& o) {
  Attributes style = base_style(node_class);
  d.legend_entry(node_class, style);
  if (o.style) {
    CustomStyle custom = o.style(g.variable(i), node_class);
    for (auto& [k, v] : custom.attributes) {
      check_attribute_name(k, fmt::format("VizOptions::style for node `{}`", g.nodes[i].name));
      style[k] = v;
    }
    if (!custom.legend_name.empty()) d.legend_entry(custom.legend_name, style);
  }
  for (auto& [k, v] : style) node.attrs[k] = v;
}

}  // namespace

Attributes base_style(std::string_view node_class) {
  if (node_class == "config")
    return {{"shape", "note"}, {"style", "filled"}, {"fillcolor", "#ffffff"}};
  if (node_class == "input") return {{"shape", "rectangle"}, {"style", "dashed"}};
  if (node_class == "output")
    return {{"shape", "rectangle"}, {"style", "rounded,filled"}, {"fillcolor", kOutputColor}};
  if (node_class == "override")
    return {{"shape", "rectangle"}, {"style", "filled,diagonals"}, {"fillcolor", kFunctionColor}};
  if (node_class == "path")
    return {{"shape", "rectangle"},
            {"style", "rounded,filled"},
            {"fillcolor", kFunctionColor},
            {"color", "red"},
            {"penwidth", "2"}};
  if (node_class == "module")
    return {{"shape", "rectangle"},
            {"style", "rounded,filled"},
            {"fillcolor", "#d9ecf2"},
            {"peripheries", "2"}};
  if (node_class == "expand")  // returns Parallelizable<T>
    return {{"shape", "rectangle"},
            {"style", "rounded,filled"},
            {"fillcolor", kFunctionColor},
            {"peripheries", "2"},
            {"color", "#56E39F"}};
  if (node_class == "collect")  // takes a Collect<T>
    return {{"shape", "rectangle"},
            {"style", "rounded,filled"},
            {"fillcolor", kFunctionColor},
            {"peripheries", "2"},
            {"color", "#EA5556"}};
  return {{"shape", "rectangle"}, {"style", "rounded,filled"}, {"fillcolor", kFunctionColor}};
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

std::string type_label(const GraphNode& n) {
  std::string t = type_name_of(n);
  if (t.size() > kMaxTypeLength) t = t.substr(0, kMaxTypeLength) + "...";
  return t;
}

DNode titled_box(std::string id, std::string_view title, std::string_view subtitle) {
  DNode dn;
  dn.id = std::move(id);
  dn.label = fmt::format("<b>{}</b><br/><br/><i>{}</i>", html_escape(title), html_escape(subtitle));
  dn.est_w = 24 + std::max(text_width(title.size(), 8.5), text_width(subtitle.size(), 7));
  dn.est_h = 56;
  return dn;
}

DNode node_box(Drawing& d, const GraphImpl& g, const Marks& m, Index i, std::string_view subtitle,
               const VizOptions& o) {
  const GraphNode& node = g.nodes[i];
  // loaders and savers (Hamilton: a cylinder labelled with the materializer's class)
  auto tag = [&node](std::string_view key) -> const TagValues* {
    auto it = node.tags.find(key);
    return it == node.tags.end() ? nullptr : &it->second;
  };
  // "true" from C++ materializers, "True" from Python Hamilton's (a Python bool as text)
  auto is_true = [](const TagValues* v) {
    return v && v->size() == 1 && ((*v)[0] == "true" || (*v)[0] == "True");
  };
  const TagValues* saver = tag("hamilton.data_saver");
  const TagValues* loader = tag("hamilton.data_loader");
  const bool materializer =
      is_true(saver) ||
      (is_true(loader) && (node.name.find("load_data.") != std::string::npos ||
                           (tag("hamilton.data_loader.source") &&
                            *tag("hamilton.data_loader.source") == TagValues{"loader"})));
  std::string label(subtitle);
  if (materializer) {
    const TagValues* cls =
        tag(saver ? "hamilton.data_saver.classname" : "hamilton.data_loader.classname");
    if (cls && !cls->empty()) label = (*cls)[0];
  }
  DNode dn = titled_box(node.name, node.name, label);
  apply_style(d, dn, g, i, node_class_of(node, m, i), o);
  if (materializer) {
    dn.attrs["shape"] = "cylinder";
    Attributes legend = base_style("function");
    legend["shape"] = "cylinder";
    d.legend_entry("materializer", legend);
  }
  return dn;
}

DNode input_table(Drawing& d, std::string id, const std::string& rows) {
  DNode t;
  t.id = std::move(id);
  t.label = fmt::format("<table border=\"0\">{}</table>", rows);
  t.attrs = base_style("input");
  d.legend_entry("input", t.attrs);
  return t;
}

std::vector<std::size_t> add_legend_nodes(Drawing& d) {
  std::vector<std::size_t> legend_nodes;
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
  return legend_nodes;
}

}  // namespace hamilton::tools::detail
