#pragma once
/// \file
/// `subdag` (Hamilton's `subdag`): reuse modules as a namespaced sub-graph with its own inputs
/// and config; `parameterized_subdag`: several such sub-graphs of the same modules. Every node `x`
/// of the modules becomes `<namespace>.x`; the decorated function takes sub-graph nodes by their
/// plain names and becomes the final node.
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/node.hpp>
///
/// HAMILTON_MODULE(regions);
/// NODE(double, us_total, (double total),
///      subdag({"totals"}, {.inputs = {{"spend", source("us_spend")}},
///                          .config = {{"region", "US"}}})) { return total; }
/// // nodes: us_total.spend (reads us_spend), us_total.total, ..., us_total
/// ```
///
/// `with_columns` (Hamilton's pandas `with_columns`): a group of column operations from modules,
/// run on a DataFrame parameter; the columns they make are appended to it before the decorated
/// function sees it.
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/frame.hpp>
/// #include <hamilton/node.hpp>
/// using hamilton::DataFrame;
/// using hamilton::Series;
///
/// // spend_ops, another file: NODE(Series, spend_k, (const Series& spend)) { ... }
/// HAMILTON_MODULE(report);
/// NODE(DataFrame, report_df, (const DataFrame& raw_df),
///      with_columns({"spend_ops"}, {.columns_to_pass = {"spend"}, .select = {"spend_k"}})) {
///   return raw_df;  // raw_df's columns and spend_k
/// }
/// // nodes: report_df.spend (raw_df's column), report_df.spend_k, report_df._append, report_df
/// ```

#include <initializer_list>
#include <string>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/function_modifiers/dependencies.hpp"
#include "hamilton/registry/modifier.hpp"
#include "hamilton/registry/module.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton::modifiers {

struct HAMILTON_EXPORT SubdagOptions {
  /// Sub-graph inputs: `{"spend", source("us_spend")}` or `{"k", value(2.0)}`; each becomes a
  /// node `<namespace>.<name>`. Other free parameters read the outer node of their name.
  std::vector<ParamBinding> inputs;
  /// Config for the sub-graph only (overrides the driver's config inside it).
  Config config;
  /// The namespace; default: the decorated function's name.
  std::string name_space;
  /// The final node's name; default: the decorated function's name.
  std::string final_node_name;
};

/// Builds registered modules (by name) as a namespaced sub-graph.
HAMILTON_EXPORT Modifier subdag(std::initializer_list<std::string> modules,
                                SubdagOptions options = {});
HAMILTON_EXPORT Modifier subdag(const std::vector<std::string>& modules,
                                SubdagOptions options = {});
/// Builds the given modules as a namespaced sub-graph.
HAMILTON_EXPORT Modifier subdag(std::vector<Module> modules, SubdagOptions options = {});

/// One sub-graph of `parameterized_subdag`: its name (the namespace and the final node's name)
/// and its own inputs and config, which override the shared ones of the same name.
struct HAMILTON_EXPORT SubdagParameterization {
  std::string name;
  std::vector<ParamBinding> inputs = {};
  Config config = {};
};

/// Hamilton's `parameterized_subdag`: one `subdag` of the same modules per parameterization,
/// each named after it (`<name>.x` for every node `x`, and the decorated function as the node
/// `<name>`), with `shared`'s inputs and config plus its own. `shared.name_space` and
/// `shared.final_node_name` must stay empty: each parameterization sets them.
HAMILTON_EXPORT Modifier parameterized_subdag(const std::vector<std::string>& modules,
                                              std::vector<SubdagParameterization> parameterizations,
                                              SubdagOptions shared = {});
HAMILTON_EXPORT Modifier parameterized_subdag(std::vector<Module> modules,
                                              std::vector<SubdagParameterization> parameterizations,
                                              SubdagOptions shared = {});

struct HAMILTON_EXPORT WithColumnsOptions {
  /// The columns of the DataFrame parameter (the function's first) that the operations read by
  /// name: each becomes a Series node `<namespace>.<column>`. Give this or `on_input`.
  std::vector<std::string> columns_to_pass;
  /// Instead of `columns_to_pass`: the DataFrame parameter to work on; the operations read it
  /// whole by its name (and take their columns out themselves), and selected columns of the
  /// same name replace its own.
  std::string on_input;
  /// The operations' nodes to append as columns, in this order (a column of the same name is
  /// replaced); only they and what they need are built. Default: every node that returns a
  /// Series.
  std::vector<std::string> select;
  /// The namespace of the generated nodes; default: the decorated function's name.
  std::string name_space;
};

/// Hamilton's pandas `with_columns`: builds the registered modules (by name) as column
/// operations on a DataFrame parameter, namespaced like `subdag`: `<namespace>.<column>` for
/// each passed column, `<namespace>.<node>` for each operation, and `<namespace>._append`, the
/// parameter's frame with the selected columns appended, which the decorated function receives.
HAMILTON_EXPORT Modifier with_columns(std::initializer_list<std::string> modules,
                                      WithColumnsOptions options);
HAMILTON_EXPORT Modifier with_columns(const std::vector<std::string>& modules,
                                      WithColumnsOptions options);
/// `with_columns` of the given modules.
HAMILTON_EXPORT Modifier with_columns(std::vector<Module> modules, WithColumnsOptions options);

}  // namespace hamilton::modifiers

namespace hamilton {
using modifiers::parameterized_subdag;
using modifiers::subdag;
using modifiers::SubdagOptions;
using modifiers::SubdagParameterization;
using modifiers::with_columns;
using modifiers::WithColumnsOptions;
}  // namespace hamilton
