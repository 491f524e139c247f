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

}  // namespace hamilton::modifiers

namespace hamilton {
using modifiers::parameterized_subdag;
using modifiers::subdag;
using modifiers::SubdagOptions;
using modifiers::SubdagParameterization;
}  // namespace hamilton
