// The DOT text of a drawing: graph attributes by layout, module clusters, the legend.
#include <fmt/format.h>

#include <cctype>
#include <map>
#include <set>

#include "tools/drawing.hpp"
#include "tools/style.hpp"
#include "tools/tools_common.hpp"

namespace hamilton::tools::detail {
namespace {

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

void write_attrs(std::string& out, const Attributes& attrs, const std::string* html_label,
                 const std::string* text_label) {
  // keys come from VizOptions too: anything but an identifier could end the attribute list
  for (const auto& [k, v] : attrs) check_attribute_name(k, "a drawing attribute");
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
    out += k + "=" + quote(v);  // a checked name, a quoted value
  }
  out += "]";
}

void write_node(std::string& out, const DNode& n, const char* indent) {
  if (!n.fields.empty()) {
    // schema_output: the node and one node per field in a cluster (as Hamilton draws them)
    const std::string inner = std::string(indent) + "  ";
    out += indent + std::string("subgraph ") + quote("cluster_" + n.id) + " {\n";
    out += inner +
           "color=\"#649fb3\" style=\"rounded,filled,dashed\" fillcolor=\"#ffffff\" "
           "margin=\"10\"\n";
    for (const auto& f : n.fields) {
      Attributes field{{"shape", "rectangle"},
                       {"style", "filled"},
                       {"fillcolor", "#c8dae0"},
                       {"fontname", "Courier"},
                       {"fontsize", "10"}};
      out += inner + quote(n.id + ":" + f);
      write_attrs(out, field, nullptr, &f);
      out += '\n';
    }
    out += inner + quote(n.id);
    write_attrs(out, n.attrs, n.html ? &n.label : nullptr, n.html ? nullptr : &n.label);
    out += '\n' + std::string(indent) + "}\n";
    return;
  }
  out += indent + quote(n.id);
  write_attrs(out, n.attrs, n.html ? &n.label : nullptr, n.html ? nullptr : &n.label);
  out += '\n';
}

// The graph's attributes: the defaults of the layout, then the user's.
Attributes graph_attributes(const VizOptions& o) {
  Attributes graph{{"rankdir", o.orient},
                   {"ranksep", "0.4"},
                   {"compound", "true"},
                   {"concentrate", "true"},
                   {"fontname", "Helvetica"}};
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
  return graph;
}

// The nodes but the legend's; those of a module in its cluster, unless the layout is fast.
void write_nodes(std::string& out, const Drawing& d, const std::vector<std::size_t>& legend_nodes,
                 const VizOptions& o) {
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
}

std::string to_text(const Drawing& d, const std::vector<std::size_t>& legend_nodes,
                    const VizOptions& o) {
  std::string out = "digraph {\n";
  out += "  graph";
  write_attrs(out, graph_attributes(o), nullptr, nullptr);
  out += "\n  node [fontname=\"Helvetica\"]\n  edge [fontname=\"Helvetica\"]\n";
  write_nodes(out, d, legend_nodes, o);
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

}  // namespace

void check_attribute_name(std::string_view key, std::string_view where) {
  bool ok = !key.empty() && !std::isdigit(static_cast<unsigned char>(key[0]));
  for (char c : key) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!ok)
    throw Error(fmt::format(
        "{}: `{}` is not a Graphviz attribute name; attribute names are identifiers (ASCII "
        "letters, digits and _, not starting with a digit), e.g. fillcolor or penwidth",
        where, valid_utf8(key.substr(0, 60))));
}

std::string draw(const GraphImpl& g, const Marks& m, const VizOptions& o) {
  static const std::set<std::string> orients{"LR", "TB", "BT", "RL"};
  if (!orients.count(o.orient))
    throw Error(fmt::format("orientation `{}` is not one of LR, TB, BT, RL", o.orient));
  for (const auto& [k, v] : o.graph_attributes)
    check_attribute_name(k, "VizOptions::graph_attributes");
  Drawing d = o.collapse_modules ? build_collapsed(g, m, o) : build_nodes(g, m, o);
  // legend nodes are part of the drawing for the fast layout
  std::vector<std::size_t> legend_nodes;
  if (o.show_legend) legend_nodes = add_legend_nodes(d);
  if (o.layout == Layout::fast) fast_layout(d, o.orient);
  // names, docs, config values and styles may hold any bytes: the DOT text is UTF-8 (Graphviz's
  // default charset), without NUL bytes (the text is handed to Graphviz as a C string)
  std::string text = valid_utf8(to_text(d, legend_nodes, o));
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\0')
      out += "\xEF\xBF\xBD";
    else
      out += c;
  }
  return out;
}

}  // namespace hamilton::tools::detail
