// Parallel blocks (Parallelizable / Collect): a block step splits the Parallelizable value into
// items, runs the block's body once per item (through the executor's for_each: at once on the
// ParallelExecutor, a loop otherwise) and gathers the per-item values into Collect values, in item
// order.
#include <fmt/format.h>

#include <atomic>
#include <exception>
#include <string>
#include <vector>

#include "executor/plan_impl.hpp"

namespace hamilton::detail {
namespace {

// Rethrows the ExecutionError of a failed item with the item's index in its message; the
// original exception stays nested.
[[noreturn]] void rethrow_with_item(const ExecutionError& error, std::size_t item,
                                    const GraphNode& expander) {
  std::string message =
      fmt::format("on item {} of `{}`: {}", item, expander.name, error.original_message());
  std::exception_ptr original = error.original();
  if (original) {
    try {
      std::rethrow_exception(original);
    } catch (...) {
      throw ExecutionError(error.node(), error.module(), error.location(), error.outputs(),
                           std::move(message));
    }
  }
  throw ExecutionError(error.node(), error.module(), error.location(), error.outputs(),
                       std::move(message));
}

}  // namespace

void run_block_step(const PlanImpl& plan, std::size_t index, Value* slots,
                    const RunContext& context) {
  const Step& step = plan.steps[index];
  const BlockPlan& block = plan.blocks[step.block];
  const PlanImpl& body = *block.body;
  const GraphNode& expander = plan.graph->nodes[block.expander];
  const std::uint32_t* args = plan.arg_slots.data() + step.args;

  std::vector<Value> items;
  try {
    items = expander.split(slots[args[0]]);
  } catch (...) {
    rethrow_node_failure(plan, step);
  }
  const std::size_t count = items.size();
  std::vector<std::vector<Value>> gathered(block.gathers.size(), std::vector<Value>(count));

  // Each item's error is kept, items not started after a failure are skipped, and the error
  // of the lowest item is rethrown on this thread.
  std::vector<std::exception_ptr> errors(count);
  std::atomic<bool> failed{false};
  auto run_item = [&](std::size_t i) {
    if (!failed.load(std::memory_order_acquire)) {
      try {
        SlotLease lease(body.slot_count);
        Value* item_slots = lease.slots.data();
        for (const auto& [slot, value] : body.constants) item_slots[slot] = value;
        for (std::size_t k = 0; k < block.import_slots.size(); ++k)
          item_slots[block.import_slots[k]] = slots[args[1 + k]];
        item_slots[block.item_slot] = std::move(items[i]);
        try {
          ExecutorAccess::run(*context.executor, body, item_slots, context);
        } catch (const ExecutionError& error) {
          rethrow_with_item(error, i, expander);
        }
        for (std::size_t g = 0; g < block.gathers.size(); ++g)
          gathered[g][i] = std::move(item_slots[block.gathers[g].body_slot]);
      } catch (...) {
        errors[i] = std::current_exception();
        failed.store(true, std::memory_order_release);
      }
    }
  };

  if (count > 1) {
    ExecutorAccess::for_each(*context.executor, count, run_item);
  } else if (count == 1) {
    run_item(0);
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);

  for (std::size_t g = 0; g < block.gathers.size(); ++g) {
    const BlockPlan::Gather& gather = block.gathers[g];
    try {
      slots[gather.out] = gather.make(std::move(gathered[g]));
    } catch (...) {
      // a node typed only at run time (returning hamilton::Value) gave the wrong type
      Step named = step;
      named.node = gather.node;
      rethrow_node_failure(plan, named);
    }
  }
}

}  // namespace hamilton::detail
