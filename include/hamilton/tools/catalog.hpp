#pragma once
/// \file
/// The catalog: the central definition store of every node (feature) of a graph, as JSON,
/// Markdown, or one self-contained HTML page (search, lineage links; works offline).
///
/// <!-- compile: in-main -->
/// ```cpp
/// #include <hamilton/driver.hpp>
/// #include <hamilton/tools/catalog.hpp>
/// auto dr = hamilton::Builder().with_modules("my_functions").build();
/// hamilton::tools::write_catalog(dr.graph(), "catalog.html");   // format from the suffix
/// ```

#include <filesystem>
#include <string>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/graph/graph.hpp"

namespace hamilton::tools {

/// Tag that marks a data-quality validator node; its value names the node it checks.
inline constexpr const char* kDataQualitySourceTag = "hamilton.data_quality.source_node";

/// One node of the catalog.
struct HAMILTON_EXPORT CatalogEntry {
  Variable node;
  /// Nodes that consume this one directly (downstream links).
  std::vector<std::string> consumers;
  /// Data-quality validator nodes checking this one (tag hamilton.data_quality.source_node).
  std::vector<std::string> data_quality_checks;
  /// For config nodes: the value, as text.
  std::string config_value;
};

/// Every node, sorted by name (like Hamilton's export_execution).
HAMILTON_EXPORT std::vector<CatalogEntry> catalog_entries(const Graph& graph);

/// `{"nodes": [...]}`, sorted by name. Each node: name, type, role, documentation, tags (a
/// string, or a list for several values), module, source {file, line}, required_dependencies,
/// optional_dependencies, consumers, data_quality_checks, is_external_input (and value for
/// config nodes). Bytes that are not valid UTF-8 are written as U+FFFD (also by the Markdown
/// and HTML catalogs).
HAMILTON_EXPORT std::string catalog_json(const Graph& graph, int indent = 2);
/// A Markdown document: a table of every node, then one section per node.
HAMILTON_EXPORT std::string catalog_markdown(const Graph& graph,
                                             const std::string& title = "Feature catalog");
/// One self-contained HTML page (inlined CSS and JS, no network): search by name, tag
/// (`key=value`) and doc text; each node links to its upstream and downstream nodes. The page
/// reads an initial search from `?q=...`.
HAMILTON_EXPORT std::string catalog_html(const Graph& graph,
                                         const std::string& title = "Feature catalog");

/// The catalog could not be written (unknown suffix, unwritable path, a failed write).
class HAMILTON_EXPORT CatalogError : public Error {
 public:
  using Error::Error;
};

/// Writes the catalog in the format of `path`'s suffix: .json, .md or .html/.htm.
/// Throws CatalogError for an unknown suffix, an unwritable path or a failed write (a full
/// disk ...), naming the file and the system's reason.
HAMILTON_EXPORT void write_catalog(const Graph& graph, const std::filesystem::path& path);

}  // namespace hamilton::tools
