#pragma once
/// \file
/// `hamilton::Driver`: runs a built graph. `execute` runs only what the requested outputs need,
/// each node once, and hands back the outputs combined by the result builder.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hamilton/caching/cache.hpp"
#include "hamilton/driver/materialize.hpp"
#include "hamilton/executor/executor.hpp"
#include "hamilton/executor/run_options.hpp"
#include "hamilton/export.hpp"
#include "hamilton/graph/graph.hpp"
#include "hamilton/plan/plan.hpp"
#include "hamilton/result/result.hpp"
#include "hamilton/result/result_builder.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton {

namespace detail {
struct DriverState;
struct Access;
}  // namespace detail

/// Runs a validated graph. Made by `Builder::build()`. Cheap to copy (copies share the graph
/// and the plan cache); one Driver can be used from several threads at once.
class HAMILTON_EXPORT Driver {
 public:
  /// Computes `outputs` (node names; inputs may be requested too) from `inputs`, with
  /// `overrides` replacing nodes (nothing above an overridden node runs). Everything is checked
  /// before any node runs: unknown names, missing inputs, wrong input types are reported
  /// together in one InputError. A node that throws becomes an ExecutionError naming it.
  /// Plans are cached: a repeated request with the same names skips planning.
  Result execute(const std::vector<std::string>& outputs, const Inputs& inputs = {},
                 const Overrides& overrides = {}) const;

  /// `execute(...)` and return the result builder's product as a `T`
  /// (e.g. `dr.execute<DataFrame>(...)` with a DataFrameResult).
  template <class T>
  T execute(const std::vector<std::string>& outputs, const Inputs& inputs = {},
            const Overrides& overrides = {}) const {
    return execute(outputs, inputs, overrides).template as<T>();
  }

  /// The outputs alone, without the result builder (Hamilton's raw_execute).
  Outputs raw_execute(const std::vector<std::string>& outputs, const Inputs& inputs = {},
                      const Overrides& overrides = {}) const;

  /// `execute` under `options`: a deadline (nodes not started by then are not run), a
  /// cancellation token, graceful failure (a node's error skips what needs it, everything else
  /// runs, `Result::failures()` lists what has no value; the result builder gets the outputs
  /// that were computed). Without graceful failure, a run the deadline or the token stops
  /// throws RunStoppedError. docs/failures.md.
  Result execute(const RunOptions& options, const std::vector<std::string>& outputs,
                 const Inputs& inputs = {}, const Overrides& overrides = {}) const;
  template <class T>
  T execute(const RunOptions& options, const std::vector<std::string>& outputs,
            const Inputs& inputs = {}, const Overrides& overrides = {}) const {
    return execute(options, outputs, inputs, overrides).template as<T>();
  }
  Outputs raw_execute(const RunOptions& options, const std::vector<std::string>& outputs,
                      const Inputs& inputs = {}, const Overrides& overrides = {}) const;

  /// Compiles a plan for `outputs` given inputs named `input_names` (and overrides named
  /// `override_names`), to run many times with new values: `plan.execute({v1, v2})`.
  /// Throws InputError if the request cannot work (unknown names, missing inputs).
  Plan compile(const std::vector<std::string>& outputs, const std::vector<std::string>& input_names,
               const std::vector<std::string>& override_names = {}) const;

  /// A dry run of `execute`: the same checks, no node runs. Throws InputError.
  void validate_execution(const std::vector<std::string>& outputs, const Inputs& inputs = {},
                          const Overrides& overrides = {}) const;

  /// Every node (functions, inputs, config), filtered by tags like Hamilton's `tag_filter`:
  /// `{{"owner", "fed"}}` exact value, `{{"kind", {"a", "b"}}}` any of, `{{"pii",
  /// TagMatch::any()}}` has the tag. Keys are ANDed.
  std::vector<Variable> list_available_variables(const TagFilter& tag_filter = {}) const;
  /// The named nodes and everything upstream of them.
  std::vector<Variable> what_is_upstream_of(const std::vector<std::string>& names) const;
  /// The named nodes and everything downstream of them.
  std::vector<Variable> what_is_downstream_of(const std::vector<std::string>& names) const;
  /// Nodes on a path from `upstream` to `downstream`; empty if there is none.
  std::vector<Variable> what_is_the_path_between(std::string_view upstream,
                                                 std::string_view downstream) const;

  /// Hamilton's `materialize`: adds the loaders' and savers' nodes to the graph, runs the savers
  /// and `additional_vars`, and returns each saver's metadata and those variables. Everything is
  /// checked first (formats, arguments, targets, dependencies, types) and reported together in
  /// one InputError. Only the savers' and `additional_vars`' upstream runs.
  MaterializeResult materialize(const std::vector<Materializer>& materializers,
                                const std::vector<std::string>& additional_vars = {},
                                const Inputs& inputs = {}, const Overrides& overrides = {}) const;
  /// This driver's graph with the materializers' nodes added (to list or draw them, like
  /// Hamilton's `visualize_materialization`). Throws InputError like `materialize`.
  Driver with_materializers(const std::vector<Materializer>& materializers) const;

  const Graph& graph() const;
  const ValueMap& config() const;
  const ResultBuilder& result_builder() const;
  const Executor& executor() const;
  /// Number of plans in the cache (for tests and monitoring).
  std::size_t cached_plans() const;

  /// The result cache (`Builder::with_cache`): its stores and what each run read and computed.
  /// Throws hamilton::Error if the Driver was built without one.
  caching::Cache cache() const;
  /// True if the Driver was built with `with_cache`.
  bool has_cache() const noexcept;

 private:
  friend struct detail::Access;
  explicit Driver(std::shared_ptr<detail::DriverState> state) : state_(std::move(state)) {}
  static Result run(const detail::DriverState& state, const std::vector<std::string>& outputs,
                    const Inputs& inputs, const Overrides& overrides, const RunOptions* options);
  std::shared_ptr<detail::DriverState> state_;
};

}  // namespace hamilton
