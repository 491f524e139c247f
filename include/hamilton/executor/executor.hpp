#pragma once
/// \file
/// Executors run a compiled plan: the `SequentialExecutor` (the default) runs nodes one after
/// the other on the calling thread; the `ParallelExecutor`
/// (`hamilton/executor/parallel_executor.hpp`, library `hamilton::parallel`) runs independent nodes
/// at once. The set of executors is closed: to change how each node runs (on a pool, remotely, with
/// retries), give the Builder a `NodeExecutionMethod` or hooks (`hamilton/lifecycle/hooks.hpp`).

#include <cstddef>
#include <functional>
#include <string>

#include "hamilton/export.hpp"
#include "hamilton/value.hpp"

namespace hamilton {

namespace detail {
struct PlanImpl;
struct RunContext;
struct ExecutorAccess;
}  // namespace detail

/// Runs the steps of a plan. One executor may run many plans from several threads at once.
class HAMILTON_EXPORT Executor {
 public:
  virtual ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;
  /// Name used in messages and listings, e.g. "sequential".
  virtual std::string name() const = 0;

 private:
  friend class SequentialExecutor;
  friend class ParallelExecutor;
  friend struct detail::ExecutorAccess;
  Executor() = default;
  /// Runs every step; a node's exception becomes an ExecutionError naming the node.
  virtual void run(const detail::PlanImpl& plan, Value* slots,
                   const detail::RunContext& context) const = 0;
  /// Calls `f(0)` ... `f(count - 1)`, independent of each other (the items of a Parallelizable
  /// block); may run them at once. The default runs them in order on the calling thread.
  virtual void for_each(std::size_t count, const std::function<void(std::size_t)>& f) const;
};

/// Runs nodes one after the other, in topological order, on the calling thread.
class HAMILTON_EXPORT SequentialExecutor final : public Executor {
 public:
  SequentialExecutor() = default;
  std::string name() const override { return "sequential"; }

 private:
  void run(const detail::PlanImpl& plan, Value* slots,
           const detail::RunContext& context) const override;
};

}  // namespace hamilton
