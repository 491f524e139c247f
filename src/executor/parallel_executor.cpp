// The parallel executor: runs every step whose producers are done, on a oneTBB arena.
#include <tbb/info.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <string>

#include "hamilton/executor/executor.hpp"
#include "plan/plan_impl.hpp"

namespace hamilton {

struct ParallelExecutor::Pool {
  tbb::task_arena arena;
};

ParallelExecutor::ParallelExecutor(int threads)
    : threads_(threads > 0 ? threads : tbb::info::default_concurrency()),
      pool_(std::make_unique<Pool>()) {
  pool_->arena.initialize(threads_);
}

ParallelExecutor::~ParallelExecutor() = default;

std::string ParallelExecutor::name() const {
  return "parallel(" + std::to_string(threads_) + " threads)";
}

namespace {

class ParallelRun {
 public:
  ParallelRun(const detail::PlanImpl& plan, Value* slots, const detail::RunContext& context,
              tbb::task_group& group)
      : plan_(plan),
        slots_(slots),
        context_(context),
        group_(group),
        pending_(new std::atomic<std::uint32_t>[plan.steps.size()]),
        readers_(new std::atomic<std::uint32_t>[plan.slot_count]) {
    for (std::size_t i = 0; i < plan.steps.size(); ++i)
      pending_[i].store(plan.step_pending[i], std::memory_order_relaxed);
    for (std::size_t i = 0; i < plan.slot_count; ++i)
      readers_[i].store(plan.slot_readers[i], std::memory_order_relaxed);
  }

  void start() {
    for (std::uint32_t s = 0; s < plan_.steps.size(); ++s)
      if (plan_.step_pending[s] == 0) group_.run([this, s] { run_chain(s); });
  }

  void rethrow_if_failed() {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  // Runs step s, then keeps going with one newly ready dependent on this thread and hands the
  // others to the pool.
  void run_chain(std::uint32_t s) {
    constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
    while (s != kNone) {
      if (failed_.load(std::memory_order_acquire)) return;  // stop what has not started
      if (!run_step(s)) return;
      std::uint32_t next = kNone;
      for (std::uint32_t k = plan_.dependents_begin[s]; k < plan_.dependents_begin[s + 1]; ++k) {
        std::uint32_t d = plan_.dependents[k];
        if (pending_[d].fetch_sub(1, std::memory_order_acq_rel) != 1) continue;
        if (next == kNone) {
          next = d;
        } else {
          group_.run([this, d] { run_chain(d); });
        }
      }
      s = next;
    }
  }

  bool run_step(std::uint32_t s) {
    const detail::Step& step = plan_.steps[s];
    try {
      if (context_.hooks) {
        detail::run_step_with_hooks(plan_, s, slots_, context_);
      } else {
        if (step.check_types) detail::check_argument_types(plan_, step, slots_);
        try {
          slots_[step.out] =
              plan_.graph->nodes[step.node].callable(slots_, plan_.arg_slots.data() + step.args);
        } catch (...) {
          detail::rethrow_node_failure(plan_, step);
        }
      }
    } catch (...) {
      std::lock_guard lock(error_mutex_);
      if (!error_) error_ = std::current_exception();
      failed_.store(true, std::memory_order_release);
      return false;
    }
    // release the arguments this step was the last reader of
    const std::size_t nargs = plan_.graph->nodes[step.node].dependencies.size();
    for (std::size_t k = 0; k < nargs; ++k) {
      std::uint32_t slot = plan_.arg_slots[step.args + k];
      if (plan_.slot_readers[slot] == 0) continue;
      if (readers_[slot].fetch_sub(1, std::memory_order_acq_rel) == 1) slots_[slot].reset();
    }
    return true;
  }

  const detail::PlanImpl& plan_;
  Value* slots_;
  const detail::RunContext& context_;
  tbb::task_group& group_;
  std::unique_ptr<std::atomic<std::uint32_t>[]> pending_;
  std::unique_ptr<std::atomic<std::uint32_t>[]> readers_;
  std::atomic<bool> failed_{false};
  std::mutex error_mutex_;
  std::exception_ptr error_;
};

}  // namespace

void ParallelExecutor::run(const detail::PlanImpl& plan, Value* slots,
                           const detail::RunContext& context) const {
  if (plan.steps.empty()) return;
  pool_->arena.execute([&] {
    tbb::task_group group;
    ParallelRun run(plan, slots, context, group);
    run.start();
    group.wait();
    run.rethrow_if_failed();
  });
}

}  // namespace hamilton
