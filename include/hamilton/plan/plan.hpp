#pragma once
/// \file
/// `hamilton::Plan`: what to run for a set of requested outputs and given input names, in
/// order, with each intermediate released after its last consumer. Made once by
/// `Driver::compile`, run many times with new input values (the seed's row-based execution).

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "hamilton/executor/executor.hpp"
#include "hamilton/executor/run_options.hpp"
#include "hamilton/export.hpp"
#include "hamilton/graph/graph.hpp"
#include "hamilton/lifecycle/hooks.hpp"
#include "hamilton/result/outputs.hpp"
#include "hamilton/value.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton {

namespace detail {
struct PlanImpl;
struct Access;
}  // namespace detail

/// A compiled execution plan. Cheap to copy; safe to run from several threads at once.
class HAMILTON_EXPORT Plan {
 public:
  /// The requested outputs, in the order `execute` returns them.
  const std::vector<std::string>& outputs() const;
  /// The input names, in the order the positional `execute` takes their values.
  const std::vector<std::string>& inputs() const;
  /// The override names, in the order the positional `execute` takes their values.
  const std::vector<std::string>& overrides() const;
  /// Names of the nodes the plan runs, in the order it runs them.
  std::vector<std::string> nodes() const;

  /// Runs the plan with input values given in the order of `inputs()` (and override values in
  /// the order of `overrides()`): no lookups by name. Throws InputError for a value of the
  /// wrong type, ExecutionError if a node throws.
  Outputs execute(std::span<const Value> inputs, std::span<const Value> overrides = {}) const;
  /// Runs the plan with named values; the names must be exactly the plan's.
  Outputs execute(const Inputs& inputs, const Overrides& overrides = {}) const;
  /// The same under `options`: a deadline, a cancellation token, graceful failure (then
  /// `Outputs::failures()` lists the nodes without a value). Throws RunStoppedError when the
  /// deadline or the token stops a run without graceful failure.
  Outputs execute(const RunOptions& options, std::span<const Value> inputs,
                  std::span<const Value> overrides = {}) const;
  Outputs execute(const RunOptions& options, const Inputs& inputs,
                  const Overrides& overrides = {}) const;

  /// Internal: the plan's representation, for the hamilton libraries.
  const detail::PlanImpl& impl() const noexcept { return *impl_; }

 private:
  friend struct detail::Access;
  Plan(std::shared_ptr<const detail::PlanImpl> impl, std::shared_ptr<const Executor> executor,
       std::shared_ptr<const Hooks> hooks = nullptr,
       std::shared_ptr<const GracefulErrors> graceful = nullptr)
      : impl_(std::move(impl)),
        executor_(std::move(executor)),
        hooks_(std::move(hooks)),
        graceful_(std::move(graceful)) {}
  std::shared_ptr<const detail::PlanImpl> impl_;
  std::shared_ptr<const Executor> executor_;
  std::shared_ptr<const Hooks> hooks_;
  std::shared_ptr<const GracefulErrors> graceful_;  ///< the driver's; null: none
};

/// Checks that `outputs` can be computed from inputs named `input_names` and overrides named
/// `override_names`, as `Driver::compile` and `execute` check a request (unknown names, missing
/// inputs, ...), without any value. Throws InputError listing every problem.
HAMILTON_EXPORT void validate_request(const Graph& graph, const std::vector<std::string>& outputs,
                                      const std::vector<std::string>& input_names,
                                      const std::vector<std::string>& override_names = {});

}  // namespace hamilton
