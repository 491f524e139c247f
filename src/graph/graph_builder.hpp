#pragma once
#include <memory>
#include <vector>

#include "graph/graph_impl.hpp"
#include "hamilton/errors.hpp"
#include "hamilton/function_modifiers/modifier.hpp"
#include "hamilton/registry/module.hpp"

namespace hamilton::detail {

struct BuildOptions {
  bool allow_module_overrides = false;
};

/// Applies the modifiers of one declared function, stage by stage, and appends the nodes it
/// makes to `out` (none if a modifier such as config_when dropped it).
void apply_modifiers(const NodeSpec& spec, BuildContext& ctx, std::vector<NodeSpec>& out);

/// Builds and validates a graph; throws GraphError with `problems` plus every problem found.
std::shared_ptr<const GraphImpl> build_graph(const std::vector<Module>& modules,
                                             const ValueMap& config, const BuildOptions& options,
                                             std::vector<Problem> problems);

}  // namespace hamilton::detail
