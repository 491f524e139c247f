#pragma once
// A drawing before it becomes DOT text, and the steps that make one: which graph nodes are
// drawn (selection.cpp), the drawn nodes and edges (drawing.cpp, or collapse.cpp with modules
// collapsed), their look (style.hpp), the fast layout (layout.cpp) and the text (dot.cpp).

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "graph/graph_impl.hpp"
#include "hamilton/tools/visualize.hpp"

namespace hamilton::tools::detail {

using hamilton::detail::GraphImpl;
using hamilton::detail::GraphNode;
using hamilton::detail::kNoNode;
using Index = std::uint32_t;

/// What to draw, and how each drawn node is marked; one entry per graph node.
struct Marks {
  explicit Marks(std::size_t n) : draw(n), output(n), override_(n), path(n), standalone(n) {}
  std::vector<bool> draw;
  std::vector<bool> output;
  std::vector<bool> override_;
  std::vector<bool> path;
  std::vector<bool> standalone;  // an input drawn as its own node (requested or overridden)
  bool red_path_edges = false;
};

/// A drawn node.
struct DNode {
  std::string id;
  std::string label;  // HTML label body (without the outer <>), or plain text if !html
  bool html = true;
  Attributes attrs;
  std::string cluster;            // module cluster, empty for none
  std::vector<std::string> fields;  // schema_output fields, drawn around the node
  double est_w = 60, est_h = 36;  // estimated size in points (fast layout)
};

/// A drawn edge.
struct DEdge {
  std::size_t from, to;  // indices into nodes
  Attributes attrs;
};

/// The drawing: nodes, edges, and the legend of the styles used.
struct Drawing {
  std::vector<DNode> nodes;
  std::vector<DEdge> edges;
  std::unordered_map<std::string, std::size_t> by_id;
  std::vector<std::pair<std::string, Attributes>> legend;  // name -> style, in order
  std::set<std::string> legend_seen;

  /// Adds `n` unless a node of its id is drawn already; returns the index of the node.
  std::size_t add(DNode n) {
    auto it = by_id.find(n.id);
    if (it != by_id.end()) return it->second;
    by_id.emplace(n.id, nodes.size());
    nodes.push_back(std::move(n));
    return nodes.size() - 1;
  }
  /// Adds a legend entry, unless one of this name exists.
  void legend_entry(const std::string& name, const Attributes& style) {
    if (legend_seen.insert(name).second) legend.emplace_back(name, style);
  }
};

/// The estimated width in points of `chars` characters.
inline double text_width(std::size_t chars, double pt_per_char = 7.5) {
  return chars * pt_per_char;
}

/// One drawn node per marked graph node, external inputs in tables beside their consumers,
/// and the edges between them (drawing.cpp).
Drawing build_nodes(const GraphImpl& g, const Marks& m, const VizOptions& o);

/// One drawn node per module, edges counting the dependencies between modules (collapse.cpp).
Drawing build_collapsed(const GraphImpl& g, const Marks& m, const VizOptions& o);

/// Fixes the position of every node: layered ranks by longest path, no crossing minimisation
/// (layout.cpp).
void fast_layout(Drawing& d, const std::string& orient);

/// Throws Error unless `key` is an identifier (a Graphviz attribute name); `where` names
/// where it came from (dot.cpp).
void check_attribute_name(std::string_view key, std::string_view where);

/// The DOT text of the marked nodes of `g` (valid UTF-8, keys checked, values quoted); throws
/// Error for an unknown orientation or an attribute name that is not an identifier (dot.cpp).
std::string draw(const GraphImpl& g, const Marks& m, const VizOptions& o);

}  // namespace hamilton::tools::detail
