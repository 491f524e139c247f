#pragma once
/// \file
/// Drawing graphs, with Python Hamilton's conventions: DOT text for the whole graph, for one
/// execution, for what is upstream/downstream of nodes, for the path between two nodes and
/// for the neighbourhood of nodes; rendered in-process to SVG/PNG/PDF by Graphviz's C library.
///
/// <!-- compile: in-main -->
/// ```cpp
/// #include <hamilton/driver.hpp>
/// #include <hamilton/tools/visualize.hpp>
/// auto dr = hamilton::Builder().with_modules("my_functions").build();
/// auto dot = hamilton::tools::dot_execution(dr.graph(), {"spend_per_signup"},
///                                           {"spend", "signups"});
/// hamilton::tools::write_drawing(dot, "dag.svg");  // format from the suffix; .dot = text
/// ```
///
/// Big graphs (thousands of nodes): limit the drawing (`VizOptions::hops`, `dot_around`),
/// collapse modules into single nodes (`VizOptions::collapse_modules`), or pick a faster
/// layout (`VizOptions::layout = Layout::fast`). See docs/visualization.md.

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hamilton/driver/materialize.hpp"
#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/graph/graph.hpp"

namespace hamilton {
class Driver;
}

namespace hamilton::tools {

/// Graphviz attributes, e.g. {{"fillcolor", "red"}, {"style", "filled"}}.
using Attributes = std::map<std::string, std::string, std::less<>>;

/// What a user style callback returns for one node (Hamilton's `custom_style_function`).
struct HAMILTON_EXPORT CustomStyle {
  /// Attributes merged over the node's base style (empty: keep the base style). Names must be
  /// identifiers (else the drawing functions throw Error); values are quoted.
  Attributes attributes;
  /// If not empty, the legend gets an entry of this name drawn with this style.
  std::string legend_name;
};

/// Called for every function, config, output and override node drawn. `node_class` is the
/// base kind: "function", "config", "input", "output", "override", "path" or "module".
using StyleFunction = std::function<CustomStyle(const Variable& node, std::string_view node_class)>;

/// How nodes are placed.
enum class Layout {
  dot,   ///< Graphviz `dot`: layered, with crossing minimisation; best pictures, slow past ~500
         ///< nodes
  fast,  ///< layered left-to-right ranks computed here (no crossing minimisation), straight
         ///< edges, positions fixed for Graphviz (`nop2`): linear time, for thousands of nodes
  sfdp,  ///< Graphviz `sfdp` force-directed layout (multilevel), straight edges
};

/// Options shared by every drawing (Hamilton's visualization keyword arguments).
struct HAMILTON_EXPORT VizOptions {
  /// `rankdir`: "LR", "TB", "BT" or "RL".
  std::string orient = "LR";
  bool show_legend = true;
  /// Leave external inputs out.
  bool hide_inputs = false;
  /// Consumers with the same set of external inputs share one input table.
  bool deduplicate_inputs = false;
  /// Draw config values on config nodes.
  bool show_config_values = true;
  /// Draw each module as a cluster around its nodes.
  bool cluster_modules = false;
  /// Draw the fields of nodes with `schema_output` as a cluster around the node (Hamilton's
  /// `show_schema`); not with the fast layout.
  bool show_schema = true;
  /// Draw each module as one node; edges between modules carry the number of dependencies.
  bool collapse_modules = false;
  /// For upstream/downstream/around drawings: at most this many edges away from the named
  /// nodes (negative: no limit).
  int hops = -1;
  Layout layout = Layout::dot;
  /// Graph attributes merged over the defaults (Hamilton's `graphviz_kwargs`). Names must be
  /// identifiers (else the drawing functions throw Error); values are quoted.
  Attributes graph_attributes;
  /// Per-node style callback (Hamilton's `custom_style_function`).
  StyleFunction style;
};

/// A drawing could not be written: unknown suffix, unwritable path, Graphviz failure.
class HAMILTON_EXPORT DrawingError : public Error {
 public:
  using Error::Error;
};

/// The whole graph (Hamilton's `display_all_functions`).
HAMILTON_EXPORT std::string dot_all_functions(const Graph& graph, const VizOptions& options = {});

/// The nodes needed to compute `outputs` from inputs named `inputs`, with `overrides` replacing
/// nodes (Hamilton's `visualize_execution`). Requested outputs are filled #FFC857, overrides
/// drawn with diagonals. Unless `bypass_validation`, the request is checked first and an
/// InputError lists its problems (missing inputs, unknown names).
HAMILTON_EXPORT std::string dot_execution(const Graph& graph,
                                          const std::vector<std::string>& outputs,
                                          const std::vector<std::string>& inputs = {},
                                          const std::vector<std::string>& overrides = {},
                                          const VizOptions& options = {},
                                          bool bypass_validation = false);

/// The named nodes and everything upstream of them (Hamilton's `display_upstream_of`).
HAMILTON_EXPORT std::string dot_upstream_of(const Graph& graph,
                                            const std::vector<std::string>& names,
                                            const VizOptions& options = {});

/// The named nodes, everything downstream of them, and the direct parents of every drawn
/// node (Hamilton's `display_downstream_of`).
HAMILTON_EXPORT std::string dot_downstream_of(const Graph& graph,
                                              const std::vector<std::string>& names,
                                              const VizOptions& options = {});

/// The nodes on the paths from `upstream` to `downstream`, in red, plus their direct parents
/// unless `strict` (Hamilton's `visualize_path_between`). Throws UnknownNodeError for an
/// unknown name, Error if there is no path.
HAMILTON_EXPORT std::string dot_path_between(const Graph& graph, std::string_view upstream,
                                             std::string_view downstream,
                                             const VizOptions& options = {}, bool strict = false);

/// The named nodes and the nodes at most `options.hops` edges away from them, upstream and
/// downstream (1 if hops is negative). For looking at one corner of a big graph.
HAMILTON_EXPORT std::string dot_around(const Graph& graph, const std::vector<std::string>& names,
                                       const VizOptions& options = {});

/// File formats `write_drawing` knows, by suffix: ".dot"/".gv" (text, no Graphviz needed),
/// ".svg", ".png", ".pdf".
HAMILTON_EXPORT std::vector<std::string> drawing_suffixes();

/// Writes `dot` to `path` in the format of its suffix, laying it out with Graphviz's C
/// library for every format but .dot/.gv. Throws DrawingError (unknown suffix, unwritable
/// path, a failed write such as a full disk, Graphviz error) with a message naming the file
/// and saying what to do.
HAMILTON_EXPORT void write_drawing(const std::string& dot, const std::filesystem::path& path);

/// Lays `dot` out and renders it in memory to `format` ("svg", "png", "pdf", "dot"...).
/// Throws DrawingError.
HAMILTON_EXPORT std::string render_drawing(const std::string& dot, std::string_view format);

// ---- Hamilton's Driver picture methods, for a Driver: each writes `path` in the format of its
// suffix (see write_drawing) and returns the DOT text; an empty `path` only returns the text.
/// What run `run_id` of the driver's result cache did (Hamilton's `dr.cache.view_run`; empty
/// `run_id`: the last run): the run's request drawn as `visualize_execution` draws it, the nodes
/// read from the cache in Hamilton's "from cache" style (a thick #F06449 outline) and the nodes
/// that did not run because what reads them was read dashed. Throws Error if the driver has no
/// cache or the cache keeps no such run.
HAMILTON_EXPORT std::string view_run(const Driver& driver, std::string_view run_id = {},
                                     const std::filesystem::path& path = {},
                                     const VizOptions& options = {});

/// The whole graph (Hamilton's `dr.display_all_functions`).
HAMILTON_EXPORT std::string display_all_functions(const Driver& driver,
                                                  const std::filesystem::path& path = {},
                                                  const VizOptions& options = {});
/// Only what `outputs` need, with the outputs and the named inputs and overrides marked
/// (Hamilton's `dr.visualize_execution`). Throws InputError for a request that cannot run.
HAMILTON_EXPORT std::string visualize_execution(const Driver& driver,
                                                const std::vector<std::string>& outputs,
                                                const std::filesystem::path& path = {},
                                                const std::vector<std::string>& inputs = {},
                                                const std::vector<std::string>& overrides = {},
                                                const VizOptions& options = {});
/// What `driver.materialize(materializers, additional_vars)` runs, with the loaders and savers
/// drawn as Hamilton draws them (cylinders labelled `from_::csv`, `to::json`; Hamilton's
/// `dr.visualize_materialization`). Throws InputError like `materialize`.
HAMILTON_EXPORT std::string visualize_materialization(
    const Driver& driver, const std::vector<Materializer>& materializers,
    const std::filesystem::path& path = {}, const std::vector<std::string>& additional_vars = {},
    const std::vector<std::string>& inputs = {}, const std::vector<std::string>& overrides = {},
    const VizOptions& options = {});
/// The named nodes and everything upstream of them.
HAMILTON_EXPORT std::string display_upstream_of(const Driver& driver,
                                                const std::vector<std::string>& names,
                                                const std::filesystem::path& path = {},
                                                const VizOptions& options = {});
/// The named nodes, everything downstream of them, and the parents of what is drawn.
HAMILTON_EXPORT std::string display_downstream_of(const Driver& driver,
                                                  const std::vector<std::string>& names,
                                                  const std::filesystem::path& path = {},
                                                  const VizOptions& options = {});
/// The nodes on the paths from `upstream` to `downstream`, highlighted.
HAMILTON_EXPORT std::string visualize_path_between(const Driver& driver, std::string_view upstream,
                                                   std::string_view downstream,
                                                   const std::filesystem::path& path = {},
                                                   const VizOptions& options = {},
                                                   bool strict = false);

}  // namespace hamilton::tools
