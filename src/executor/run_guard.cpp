// Steps under a run's deadline, cancellation token and graceful failure (RunOptions).
#include "executor/run_guard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>

namespace hamilton::detail {

RunGuard::RunGuard(const RunOptions* options, const GracefulErrors* graceful)
    : graceful_(graceful), start_(Clock::now()) {
  if (!options) return;
  token_ = options->cancellation;
  deadline_ = options->deadline;
  if (options->timeout) {
    auto by_timeout = start_ + *options->timeout;
    if (!deadline_ || by_timeout < *deadline_) deadline_ = by_timeout;
  }
}

std::optional<NodeStatus> RunGuard::stopped() const noexcept {
  const int s = stopped_.load(std::memory_order_acquire);
  if (s >= 0) return static_cast<NodeStatus>(s);
  NodeStatus why;
  auto now = Clock::now();
  if (token_.cancelled()) {
    why = NodeStatus::cancelled;
  } else if (deadline_ && now >= *deadline_) {
    why = NodeStatus::deadline;
  } else {
    return std::nullopt;
  }
  int expected = -1;
  if (stopped_.compare_exchange_strong(expected, static_cast<int>(why),
                                       std::memory_order_acq_rel)) {
    stopped_after_.store(now - start_);
    return why;
  }
  return static_cast<NodeStatus>(expected);
}

bool RunGuard::catches(const std::exception_ptr& original) const {
  if (!graceful_) return false;
  return !graceful_->catches || graceful_->catches(original);
}

std::uint32_t RunGuard::record(NodeFailure failure, std::vector<std::uint32_t> order) {
  std::lock_guard lock(mutex_);
  failures_.emplace_back(std::move(order), std::move(failure));
  return static_cast<std::uint32_t>(failures_.size());
}

NodeFailure RunGuard::failure(std::uint32_t mark) const {
  std::lock_guard lock(mutex_);
  const NodeFailure& f = failures_.at(mark - 1).second;
  NodeFailure copy;
  copy.node = f.node;
  copy.status = f.status;
  copy.cause = f.cause;
  copy.message = f.message;
  return copy;
}

bool RunGuard::any_failure() const {
  std::lock_guard lock(mutex_);
  return !failures_.empty();
}

std::vector<NodeFailure> RunGuard::take_failures() {
  std::lock_guard lock(mutex_);
  std::stable_sort(failures_.begin(), failures_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<NodeFailure> out;
  out.reserve(failures_.size());
  for (auto& [order, f] : failures_) out.push_back(std::move(f));
  failures_.clear();
  return out;
}

std::vector<std::uint32_t> failure_order(const RunContext& context, std::size_t index) {
  std::vector<std::uint32_t> order;
  if (context.order_prefix) order = *context.order_prefix;
  order.push_back(static_cast<std::uint32_t>(index));
  return order;
}

namespace {

NodeFailure failure_of(const PlanImpl& plan, const Step& step, const RunContext& context,
                       NodeStatus status) {
  const GraphNode& node = plan.graph->nodes[step.node];
  NodeFailure f;
  f.node = node.name;
  f.module = node.module;
  f.location = node.location;
  f.status = status;
  f.item = context.item;
  return f;
}

void mark_outputs(const PlanImpl& plan, const Step& step, const RunContext& context,
                  std::uint32_t mark) {
  if (step.block == kNoNode) {
    context.marks[step.out] = mark;
    return;
  }
  for (const auto& g : plan.blocks[step.block].gathers) context.marks[g.out] = mark;
}

bool accepts_sentinels(const GraphNode& node) {
  auto it = node.tags.find(kErrorSentinelTag);
  return it != node.tags.end() &&
         std::find(it->second.begin(), it->second.end(), kInjectionAllowed) != it->second.end();
}

// The guard of the run whose node this thread is running (stop_requested), restored after the
// node: a node may run another driver.
thread_local const RunGuard* current_guard = nullptr;

struct CurrentGuard {
  explicit CurrentGuard(const RunGuard* g) : previous(current_guard) { current_guard = g; }
  ~CurrentGuard() { current_guard = previous; }
  CurrentGuard(const CurrentGuard&) = delete;
  CurrentGuard& operator=(const CurrentGuard&) = delete;
  const RunGuard* previous;
};

std::string ms(RunGuard::Clock::duration d) {
  return fmt::format("{:.3f} ms", std::chrono::duration<double, std::milli>(d).count());
}

}  // namespace

void run_guarded_step(const PlanImpl& plan, std::size_t index, Value* slots,
                      const RunContext& context) {
  RunGuard& guard = *context.guard;
  const Step& step = plan.steps[index];
  const GraphNode& node = plan.graph->nodes[step.node];

  if (auto why = guard.stopped()) {
    NodeFailure f = failure_of(plan, step, context, *why);
    f.message = *why == NodeStatus::cancelled
                    ? std::string("not started: the run was cancelled")
                    : fmt::format("not started: the run's deadline passed {} after it started",
                                  ms(guard.stopped_after()));
    if (step.block == kNoNode) {
      mark_outputs(plan, step, context, guard.record(std::move(f), failure_order(context, index)));
      return;
    }
    // a parallel block: reported by the nodes it gathers (its expander has run)
    for (const auto& g : plan.blocks[step.block].gathers) {
      const GraphNode& gathered = plan.graph->nodes[g.node];
      NodeFailure per = f;
      per.node = gathered.name;
      per.module = gathered.module;
      per.location = gathered.location;
      context.marks[g.out] = guard.record(std::move(per), failure_order(context, index));
    }
    return;
  }

  // an argument without a value: the node is skipped, unless it takes error sentinels there
  std::uint32_t missing = 0;
  const Parameter* refusing = nullptr;  // the first parameter without a value that cannot be empty
  for (std::uint32_t k = 0; k < step.arg_count; ++k) {
    const std::uint32_t mark = context.marks[plan.arg_slots[step.args + k]];
    if (mark == 0) continue;
    if (missing == 0) missing = mark;
    if (k < node.dependencies.size() && !refusing) {
      const Parameter& p = node.dependencies[k].parameter;
      if (!p.optional && !p.any) refusing = &p;
    }
  }
  // a parallel block whose expander has no value: its Collect values have none either, for the
  // same reason (the expander is reported already)
  if (missing != 0 && step.block != kNoNode) {
    mark_outputs(plan, step, context, missing);
    return;
  }
  if (missing != 0) {
    const bool inject = !refusing && guard.graceful() && guard.graceful()->allow_injection &&
                        accepts_sentinels(node);
    if (!inject) {
      NodeFailure upstream = guard.failure(missing);
      NodeFailure f = failure_of(plan, step, context, NodeStatus::skipped);
      f.cause = upstream.status == NodeStatus::failed ? upstream.node : upstream.cause;
      if (upstream.status == NodeStatus::failed) {
        f.message = fmt::format("needs `{}`, which failed: {}", upstream.node, upstream.message);
      } else if (upstream.status == NodeStatus::skipped) {
        f.message = fmt::format("needs `{}`, which was skipped because `{}` failed", upstream.node,
                                upstream.cause);
      } else {
        f.message = fmt::format("needs `{}`, which did not start ({})", upstream.node,
                                to_string(upstream.status));
      }
      if (accepts_sentinels(node) && refusing)
        f.message += fmt::format(
            "; it accepts error sentinels, but parameter `{}` cannot be empty: declare it "
            "std::optional<T> or hamilton::Value",
            refusing->name);
      mark_outputs(plan, step, context, guard.record(std::move(f), failure_order(context, index)));
      return;
    }
  }

  try {
    CurrentGuard current(&guard);
    run_step(plan, index, slots, context);
  } catch (const ExecutionError& e) {
    const std::exception_ptr original = e.original() ? e.original() : std::current_exception();
    if (!guard.catches(original)) throw;
    NodeFailure f = failure_of(plan, step, context, NodeStatus::failed);
    // a failure inside a block's item is reported by the node that failed
    if (e.node() != f.node) {
      f.node = e.node();
      f.module = e.module();
      f.location = e.location();
    }
    f.message = e.original_message();
    f.error = std::current_exception();
    mark_outputs(plan, step, context, guard.record(std::move(f), failure_order(context, index)));
  }
}

}  // namespace hamilton::detail

namespace hamilton {

bool stop_requested() noexcept {
  const detail::RunGuard* g = detail::current_guard;
  return g && g->stopped().has_value();
}

}  // namespace hamilton
