#pragma once
// Running a function's modifiers (used by the graph builder and by subdag).
#include <vector>

#include "hamilton/registry/modifier.hpp"
#include "hamilton/registry/node_spec.hpp"

namespace hamilton::detail {

/// Applies the modifiers of one declared function, stage by stage, and appends the nodes it
/// makes to `out` (none if a modifier such as config_when dropped it).
void apply_modifiers(const NodeSpec& spec, BuildContext& ctx, std::vector<NodeSpec>& out);

}  // namespace hamilton::detail
