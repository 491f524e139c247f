#include "executor/plan_impl.hpp"
#include "executor/run_guard.hpp"
#include "hamilton/executor/executor.hpp"

namespace hamilton {

Executor::~Executor() = default;

void Executor::for_each(std::size_t count, const std::function<void(std::size_t)>& f) const {
  for (std::size_t i = 0; i < count; ++i) f(i);
}

void SequentialExecutor::run(const detail::PlanImpl& plan, Value* slots,
                             const detail::RunContext& context) const {
  const std::uint32_t* releases = plan.release_slots.data();
  const std::size_t count = plan.steps.size();
  if (context.guard) {
    for (std::size_t i = 0; i < count; ++i) {
      const detail::Step& step = plan.steps[i];
      detail::run_guarded_step(plan, i, slots, context);
      for (std::uint32_t r = 0; r < step.release_count; ++r)
        slots[releases[step.releases + r]].reset();
    }
    return;
  }
  for (std::size_t i = 0; i < count; ++i) {
    const detail::Step& step = plan.steps[i];
    if (context.hooks || step.block != detail::kNoNode) {
      detail::run_step(plan, i, slots, context);
    } else {
      if (step.check_types) detail::check_argument_types(plan, step, slots);
      detail::call_step(plan, step, slots);
    }
    for (std::uint32_t r = 0; r < step.release_count; ++r)
      slots[releases[step.releases + r]].reset();
  }
}

}  // namespace hamilton
