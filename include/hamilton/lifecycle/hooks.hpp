#pragma once
/// \file
/// Lifecycle hooks: code that runs before and after a whole execution and around every node
/// (Hamilton's `lifecycle` API). Several hooks can be installed at once; they are called in
/// the order given. One `NodeExecutionMethod` may replace how nodes are called.
///
/// Hooks may be called from several threads at once (parallel executor, concurrent
/// `execute` calls): implementations must be thread-safe.

#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/registry/node_spec.hpp"
#include "hamilton/value.hpp"

namespace hamilton {

namespace detail {
struct PlanImpl;
struct Step;
struct Access;
}  // namespace detail

/// What hooks see about one execution of a plan.
class HAMILTON_EXPORT GraphRun {
 public:
  /// Unique per execution within the process.
  std::uint64_t run_id() const noexcept { return run_id_; }
  const std::vector<std::string>& outputs() const;
  const std::vector<std::string>& inputs() const;
  const std::vector<std::string>& overrides() const;
  /// Names of the nodes this execution runs, in topological order.
  std::vector<std::string> execution_path() const;
  /// Number of nodes this execution runs.
  std::size_t node_count() const;

 private:
  friend struct detail::Access;
  GraphRun(std::uint64_t run_id, const detail::PlanImpl& plan) : run_id_(run_id), plan_(&plan) {}
  std::uint64_t run_id_;
  const detail::PlanImpl* plan_;
};

/// What hooks see about one node being run.
class HAMILTON_EXPORT NodeRun {
 public:
  std::uint64_t run_id() const noexcept { return run_id_; }
  const std::string& name() const;
  const Tags& tags() const;
  /// The declared type; `hamilton::Value` for nodes whose type is known only at run time.
  const std::string& type_name() const;
  const std::string& module() const;
  const SourceLocation& location() const;
  /// Position of this node in the execution path (0-based).
  std::size_t index() const noexcept { return index_; }
  std::size_t argument_count() const;
  /// Name of parameter `i`.
  const std::string& argument_name(std::size_t i) const;
  /// Value passed as parameter `i` (empty for an optional input that was not given).
  const Value& argument(std::size_t i) const;

 private:
  friend struct detail::Access;
  NodeRun(std::uint64_t run_id, const detail::PlanImpl& plan, const detail::Step& step,
          const Value* slots, std::size_t index)
      : run_id_(run_id), plan_(&plan), step_(&step), slots_(slots), index_(index) {}
  std::uint64_t run_id_;
  const detail::PlanImpl* plan_;
  const detail::Step* step_;
  const Value* slots_;
  std::size_t index_;
};

/// How a node run ended.
struct HAMILTON_EXPORT NodeOutcome {
  bool success = true;
  /// The node's value (null on failure).
  const Value* result = nullptr;
  /// The exception the node threw (null on success).
  std::exception_ptr error;
  std::chrono::steady_clock::time_point start;
  std::chrono::nanoseconds duration{0};
};

/// Observes executions. Override what you need; every method does nothing by default.
class HAMILTON_EXPORT LifecycleHook {
 public:
  virtual ~LifecycleHook() = default;
  virtual void run_before_graph_execution(const GraphRun& /*run*/) {}
  /// Called after every execution, also when it failed (`error` then holds the exception).
  virtual void run_after_graph_execution(const GraphRun& /*run*/, bool /*success*/,
                                         const std::exception_ptr& /*error*/) {}
  virtual void run_before_node_execution(const NodeRun& /*node*/) {}
  virtual void run_after_node_execution(const NodeRun& /*node*/, const NodeOutcome& /*outcome*/) {}
};

/// Calls a node's function with its arguments (given to a NodeExecutionMethod).
class HAMILTON_EXPORT NodeCall {
 public:
  using Fn = Value (*)(const void* state);
  NodeCall(Fn fn, const void* state) : fn_(fn), state_(state) {}
  Value operator()() const { return fn_(state_); }

 private:
  Fn fn_;
  const void* state_;
};

/// Replaces how nodes are called (Hamilton's `NodeExecutionMethod`): e.g. retry, cache, or run
/// elsewhere. Only one may be installed on a Builder.
class HAMILTON_EXPORT NodeExecutionMethod {
 public:
  virtual ~NodeExecutionMethod() = default;
  /// Runs the node; `call()` runs its function. Returns the node's value.
  virtual Value run_to_execute_node(const NodeRun& node, const NodeCall& call) = 0;
};

/// The hooks of a Driver (shared by its plans).
struct HAMILTON_EXPORT Hooks {
  std::vector<std::shared_ptr<LifecycleHook>> hooks;
  std::shared_ptr<NodeExecutionMethod> method;
  bool empty() const noexcept { return hooks.empty() && !method; }
};

}  // namespace hamilton
