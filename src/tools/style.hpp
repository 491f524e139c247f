#pragma once
// Hamilton's look of a drawing: the colours and shapes of each node class, labels, the legend,
// and the custom styles of VizOptions::style (style.cpp).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tools/drawing.hpp"

namespace hamilton::tools::detail {

/// The attributes of a node class: "function", "config", "input", "output", "override",
/// "path", "module", "expand" or "collect".
Attributes base_style(std::string_view node_class);

/// The class graph node `i` is drawn as.
std::string node_class_of(const GraphNode& n, const Marks& m, Index i);

/// The type of a node as its label shows it (long names cut).
std::string type_label(const GraphNode& n);

/// A node with `title` in bold over `subtitle` in italics.
DNode titled_box(std::string id, std::string_view title, std::string_view subtitle);

/// Graph node `i` as a titled box over `subtitle`, in the style of its class and of
/// `o.style`; the legend gets the styles used.
DNode node_box(Drawing& d, const GraphImpl& g, const Marks& m, Index i, std::string_view subtitle,
               const VizOptions& o);

/// A table of external inputs made of the HTML table rows `rows`, in the input style.
DNode input_table(Drawing& d, std::string id, const std::string& rows);

/// Adds one node per legend entry to the drawing; returns their indices.
std::vector<std::size_t> add_legend_nodes(Drawing& d);

}  // namespace hamilton::tools::detail
