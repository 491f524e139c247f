#pragma once
#include <memory>
#include <vector>

#include "graph/graph_impl.hpp"
#include "hamilton/errors.hpp"
#include "hamilton/registry/modifier.hpp"
#include "hamilton/registry/module.hpp"

namespace hamilton::detail {

struct BuildOptions {
  bool allow_module_overrides = false;
};

/// Builds and validates a graph; throws GraphError with `problems` plus every problem found.
std::shared_ptr<const GraphImpl> build_graph(const std::vector<Module>& modules,
                                             const ValueMap& config, const BuildOptions& options,
                                             std::vector<Problem> problems);

}  // namespace hamilton::detail
