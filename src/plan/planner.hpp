#pragma once
// Planning a request: the needed subgraph in order, slots, releases (see executor/plan_impl.hpp
// for the format).
#include <memory>
#include <string>
#include <vector>

#include "executor/plan_impl.hpp"
#include "hamilton/errors.hpp"
#include "hamilton/executor/run_options.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton::detail {

/// Plans a request. Problems (unknown names, missing inputs ...) are appended to `problems`;
/// the plan is null if there were any.
std::shared_ptr<const PlanImpl> make_plan(const std::shared_ptr<const GraphImpl>& graph,
                                          const std::vector<std::string>& outputs,
                                          const std::vector<std::string>& inputs,
                                          const std::vector<std::string>& overrides,
                                          std::vector<Problem>& problems);

/// Type-checks given input and override values against the graph (for any plan or none).
void check_value_types(const GraphImpl& graph, const ValueMap& inputs, const ValueMap& overrides,
                       std::vector<Problem>& problems);

/// Runs `plan` with the executor; values are given by position.
/// `retained`, if given, receives the values of the plan's data-quality result nodes.
/// `options` (a deadline, a token, graceful failure) and `graceful` (the driver's graceful
/// failure, used when `options` sets none) may be null.
Outputs run_plan(const PlanImpl& plan, const hamilton::Executor& executor, const Hooks* hooks,
                 std::span<const Value> inputs, std::span<const Value> overrides,
                 Outputs* retained = nullptr, const RunOptions* options = nullptr,
                 const GracefulErrors* graceful = nullptr);

}  // namespace hamilton::detail
