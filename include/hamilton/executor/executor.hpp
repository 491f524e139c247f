#pragma once
/// \file
/// Executors run a compiled plan: the `SequentialExecutor` (the default) runs nodes one after
/// the other on the calling thread.

#include <memory>
#include <string>

#include "hamilton/value.hpp"

namespace hamilton {

namespace detail {
struct PlanImpl;
struct RunContext;
}  // namespace detail

/// Runs the steps of a plan. `slots` holds one value per plan slot: the inputs, overrides
/// and constants are filled in; each step writes its node's slot. Implementations must be
/// safe to call from several threads at once (each call has its own `slots`).
class Executor {
 public:
  virtual ~Executor() = default;
  /// Name used in messages and listings, e.g. "sequential".
  virtual std::string name() const = 0;
  /// Runs every step; a node's exception becomes an ExecutionError naming the node.
  virtual void run(const detail::PlanImpl& plan, Value* slots,
                   const detail::RunContext& context) const = 0;
};

/// Runs nodes one after the other, in topological order, on the calling thread.
class SequentialExecutor final : public Executor {
 public:
  std::string name() const override { return "sequential"; }
  void run(const detail::PlanImpl& plan, Value* slots,
           const detail::RunContext& context) const override;
};

/// Runs independent nodes at once on a oneTBB thread pool. Results are identical to the
/// sequential executor's; the first node error stops what has not started and is reported
/// like a sequential error. `threads` = 0 uses every core.
class ParallelExecutor final : public Executor {
 public:
  explicit ParallelExecutor(int threads = 0);
  ~ParallelExecutor() override;
  std::string name() const override;
  int threads() const noexcept { return threads_; }
  void run(const detail::PlanImpl& plan, Value* slots,
           const detail::RunContext& context) const override;

 private:
  struct Pool;
  int threads_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace hamilton
