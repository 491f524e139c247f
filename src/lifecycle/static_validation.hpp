#pragma once
// Running a team's static validators while a graph is built (graph_builder's BuildCheck).

#include <memory>
#include <vector>

#include "graph/graph_builder.hpp"
#include "hamilton/lifecycle/static_validation.hpp"

namespace hamilton::detail {

/// A check that calls every validator on every node, then on the graph; each refusal is a
/// `static-validation` problem.
BuildCheck static_validation_check(
    std::vector<std::shared_ptr<lifecycle::StaticValidator>> validators);

}  // namespace hamilton::detail
