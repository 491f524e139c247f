#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "graph/graph_impl.hpp"
#include "hamilton/errors.hpp"
#include "hamilton/registry/modifier.hpp"
#include "hamilton/registry/module.hpp"

namespace hamilton::detail {

/// The graph as built so far (every node resolved and ordered), for checks that run before the
/// build's problems are reported: nodes are the functions, then config, then inputs.
struct BuildView {
  const std::vector<GraphNode>& nodes;
  const NameIndex& index;
  const ValueMap& config;
  std::uint32_t find(std::string_view name) const {
    return index.find(name, [this](std::uint32_t i) -> std::string_view { return nodes[i].name; });
  }
};

/// A check of the built graph (a team's static validators): adds to `problems`.
using BuildCheck = std::function<void(const BuildView& graph, std::vector<Problem>& problems)>;

struct BuildOptions {
  bool allow_module_overrides = false;
  /// `input-near-node` diagnostics are build errors.
  bool near_name_inputs_as_errors = false;
  /// Run after the graph is resolved, before its problems are thrown.
  std::vector<BuildCheck> checks;
};

/// Builds and validates a graph; throws GraphError with `problems` plus every problem found.
std::shared_ptr<const GraphImpl> build_graph(const std::vector<Module>& modules,
                                             const ValueMap& config, const BuildOptions& options,
                                             std::vector<Problem> problems);

}  // namespace hamilton::detail
