// The parallel executor: runs every step whose producers are done, on a oneTBB arena.
#include "hamilton/executor/parallel_executor.hpp"

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <string>

#include "executor/handoff.hpp"
#include "executor/plan_impl.hpp"
#include "executor/run_guard.hpp"

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
      pending_[i].store(plan.step_pending[i], std::memory_order_release);
    for (std::size_t i = 0; i < plan.slot_count; ++i)
      readers_[i].store(plan.slot_readers[i], std::memory_order_relaxed);
    constructed_.store(true, std::memory_order_release);
  }

  void start() {
    for (std::uint32_t s = 0; s < plan_.steps.size(); ++s)
      if (plan_.step_pending[s] == 0) group_.run(ChainTask(this, s));
  }

  // Called after the task group's wait(). The acquire pairs with every task's release in
  // run_chain: the caller then sees everything the tasks wrote (the slots, the error), in a
  // way ThreadSanitizer can see too (oneTBB's own synchronisation is not instrumented).
  void finish() {
    (void)tasks_done_.load(std::memory_order_acquire);
    std::lock_guard lock(error_mutex_);
    if (error_) std::rethrow_exception(error_);
  }

 private:
  // The task oneTBB runs for a ready step. oneTBB copies it into a task object of its own on
  // the spawning thread (memory it recycles between threads) and runs it on another, all
  // synchronised inside libtbb, which ThreadSanitizer cannot see: under ThreadSanitizer the
  // copy publishes a hand-over (handoff.hpp) that the run observes. Everything run_chain reads
  // next is ordered by the run's own acquire loads.
  struct ChainTask {
    ChainTask(ParallelRun* r, std::uint32_t s) : run(r), step(s) {}
    ChainTask(const ChainTask& o) : run(o.run), step(o.step) {
      if constexpr (detail::kThreadSanitizer) detail::publish_handoff();
    }
    void operator()() const {
      if constexpr (detail::kThreadSanitizer) detail::observe_handoff();
      run->run_chain(step);
    }
    ParallelRun* run;
    std::uint32_t step;
  };

  // Runs step s, then keeps going with one newly ready dependent on this thread and hands the
  // others to the pool.
  void run_chain(std::uint32_t s) {
    // Pairs with the release of whoever made step s ready (the last producer's fetch_sub, or
    // the constructor for the first steps): the task sees its inputs, and ThreadSanitizer can
    // tell, since the hand-over through oneTBB's queues is invisible to it.
    (void)constructed_.load(std::memory_order_acquire);
    (void)pending_[s].load(std::memory_order_acquire);
    run_steps(s);
    tasks_done_.fetch_add(1, std::memory_order_acq_rel);
  }

  void run_steps(std::uint32_t s) {
    constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
    while (s != kNone) {
      if (failed_.load(std::memory_order_acquire)) return;  // stop what has not started
      if (!run_step(s)) return;
      std::uint32_t next = kNone;
      for (std::uint32_t k = plan_.dependents_begin[s]; k < plan_.dependents_begin[s + 1]; ++k) {
        std::uint32_t d = plan_.dependents[k];
        if (plan_.step_pending[d] == 1) {
          // s is d's only producer: no count to share; the store is what run_chain acquires
          if (next != kNone) pending_[d].store(0, std::memory_order_release);
        } else if (pending_[d].fetch_sub(1, std::memory_order_acq_rel) != 1) {
          continue;
        }
        if (next == kNone) {
          next = d;  // a chain: the first ready dependent runs on this thread, no task
        } else {
          group_.run(ChainTask(this, d));
        }
      }
      s = next;
    }
  }

  bool run_step(std::uint32_t s) {
    const detail::Step& step = plan_.steps[s];
    try {
      if (context_.guard) {
        detail::run_guarded_step(plan_, s, slots_, context_);
      } else {
        detail::run_step(plan_, s, slots_, context_);
      }
    } catch (...) {
      std::lock_guard lock(error_mutex_);
      if (!error_) error_ = std::current_exception();
      failed_.store(true, std::memory_order_release);
      return false;
    }
    // release the arguments this step was the last reader of
    for (std::size_t k = 0; k < step.arg_count; ++k) {
      std::uint32_t slot = plan_.arg_slots[step.args + k];
      const std::uint32_t readers = plan_.slot_readers[slot];
      if (readers == 0) continue;
      // a value with one reader is released by it without a shared count
      if (readers == 1 || readers_[slot].fetch_sub(1, std::memory_order_acq_rel) == 1)
        slots_[slot].reset();
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
  std::atomic<bool> constructed_{false};  ///< released at the end of the constructor
  std::atomic<std::uint32_t> tasks_done_{0};
  std::mutex error_mutex_;
  std::exception_ptr error_;
};

}  // namespace

void ParallelExecutor::run(const detail::PlanImpl& plan, Value* slots,
                           const detail::RunContext& context) const {
  if (plan.steps.empty()) return;
  // When the arena has no free slot for this thread, oneTBB hands the work to one of its own
  // threads (see handoff.hpp); the error is rethrown on the calling thread.
  std::exception_ptr error;
  auto work = [&] {
    detail::observe_handoff();
    try {
      tbb::task_group group;
      ParallelRun run(plan, slots, context, group);
      run.start();
      group.wait();
      run.finish();
    } catch (...) {
      error = std::current_exception();
    }
    detail::publish_handoff();
  };
  detail::publish_handoff();  // after `work` is constructed
  pool_->arena.execute(work);
  detail::observe_handoff();
  if (error) std::rethrow_exception(error);
}

// Runs inside the executor's arena (the block step runs on one of its threads); see
// handoff.hpp for the publish/observe around work handed to oneTBB.
void ParallelExecutor::for_each(std::size_t count,
                                const std::function<void(std::size_t)>& f) const {
  auto item = [&f](std::size_t i) {
    detail::observe_handoff();
    f(i);
    detail::publish_handoff();
  };
  detail::publish_handoff();  // after `item` is constructed: parallel_for reads it by reference
  tbb::parallel_for(std::size_t{0}, count, item);
  detail::observe_handoff();
}

}  // namespace hamilton
