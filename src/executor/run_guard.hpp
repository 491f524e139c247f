#pragma once
// A run's deadline, cancellation token and graceful failure (RunOptions), as the executors see
// them: whether a step may still start, which slots have no value and why, and the failures of
// the run, in plan order whatever the executor.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "executor/plan_impl.hpp"
#include "hamilton/executor/run_options.hpp"
#include "hamilton/result/run_report.hpp"

namespace hamilton::detail {

/// Tag (and value) of a node that runs with empty values for failed arguments (Hamilton's
/// `accept_error_sentinels`).
inline constexpr const char* kErrorSentinelTag = "hamilton.error_sentinel";
inline constexpr const char* kInjectionAllowed = "injection is requested";

class RunGuard {
 public:
  using Clock = RunOptions::Clock;
  /// `graceful` null: errors stop the run, as without a guard.
  RunGuard(const RunOptions* options, const GracefulErrors* graceful);

  /// Why steps may no longer start (the deadline passed, the token was cancelled), or nullopt
  /// while they may. Once stopped, a run stays stopped.
  std::optional<NodeStatus> stopped() const noexcept;
  const GracefulErrors* graceful() const noexcept { return graceful_; }
  /// Whether graceful failure catches the exception a node threw.
  bool catches(const std::exception_ptr& original) const;

  /// Keeps `failure`; returns the mark of the slots it leaves without a value (never 0).
  /// `order`: its position in plan order (step indexes and item numbers from the top plan).
  std::uint32_t record(NodeFailure failure, std::vector<std::uint32_t> order);
  /// A copy of what the failure of `mark` says of its node (status, node, cause, message).
  NodeFailure failure(std::uint32_t mark) const;
  /// The failures, in plan order.
  std::vector<NodeFailure> take_failures();
  bool any_failure() const;
  /// The time from the start of the run until it was stopped.
  Clock::duration stopped_after() const noexcept { return stopped_after_.load(); }

 private:
  const GracefulErrors* graceful_;
  CancellationToken token_;
  std::optional<Clock::time_point> deadline_;
  Clock::time_point start_;
  mutable std::atomic<int> stopped_{-1};  ///< a NodeStatus, once stopped
  mutable std::atomic<Clock::duration> stopped_after_{Clock::duration::zero()};
  mutable std::mutex mutex_;
  std::vector<std::pair<std::vector<std::uint32_t>, NodeFailure>> failures_;
};

/// Runs step `index` of `plan` under `context.guard`: not at all when the run is stopped
/// (recorded as deadline or cancelled); skipped when an argument has no value (unless the node
/// accepts error sentinels and every such parameter can be empty); recorded as failed when it
/// throws an error graceful failure catches. The slots it leaves without a value are marked in
/// `context.marks`. Throws ExecutionError for an error not caught. Exported for the
/// ParallelExecutor (hamilton::parallel).
HAMILTON_EXPORT void run_guarded_step(const PlanImpl& plan, std::size_t index, Value* slots,
                                      const RunContext& context);

/// The failures' order key of step `index` in the plan the context runs.
std::vector<std::uint32_t> failure_order(const RunContext& context, std::size_t index);

}  // namespace hamilton::detail
