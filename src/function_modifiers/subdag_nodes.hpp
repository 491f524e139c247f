#pragma once
// The nodes of a sub-graph's modules, shared by subdag, parameterized_subdag and with_columns
// (not installed).

#include <string>
#include <variant>
#include <vector>

#include "hamilton/registry/modifier.hpp"
#include "hamilton/registry/module.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton::modifiers::detail {

/// A module given by its registered name or as a Module.
using ModuleRef = std::variant<std::string, Module>;

/// Appends to `out` the nodes of `modules`, each function's modifiers applied under `config`
/// (a config key replaces the function of its name). Problems are reported to `ctx` against
/// `f` (the decorated function) by `modifier`, those inside the modules followed by
/// "(inside <where>)". False, with a problem, if none of the modules could be found.
bool subdag_nodes(BuildContext& ctx, const NodeSpec& f, const std::string& modifier,
                  const std::vector<ModuleRef>& modules, const Config& config,
                  const std::string& where, std::vector<NodeSpec>& out);

}  // namespace hamilton::modifiers::detail
