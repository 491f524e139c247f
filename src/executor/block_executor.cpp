// Parallel blocks (Parallelizable / Collect): a block step splits the Parallelizable value into
// items, runs the block's body once per item (through the executor's for_each: at once on the
// ParallelExecutor, a loop otherwise) and gathers the per-item values into Collect values, in item
// order.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <string>
#include <vector>

#include "executor/plan_impl.hpp"
#include "executor/run_guard.hpp"

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
  // per gathered node and item: 1 if the item has no value (graceful failure)
  std::vector<std::vector<char>> dropped(block.gathers.size(), std::vector<char>(count, 0));

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
        // under a guard, the item's body has its own marks; a gathered node without a value
        // leaves its item out of the Collect
        std::vector<std::uint32_t> item_marks;
        std::vector<std::uint32_t> item_order;
        RunContext item_context = context;
        if (context.guard) {
          item_marks.assign(body.slot_count, 0);
          item_order = failure_order(context, index);
          item_order.push_back(static_cast<std::uint32_t>(i));
          item_context.marks = item_marks.data();
          item_context.order_prefix = &item_order;
          item_context.item = i;
        }
        try {
          ExecutorAccess::run(*context.executor, body, item_slots, item_context);
        } catch (const ExecutionError& error) {
          rethrow_with_item(error, i, expander);
        }
        for (std::size_t g = 0; g < block.gathers.size(); ++g) {
          const std::uint32_t slot = block.gathers[g].body_slot;
          if (!item_marks.empty() && item_marks[slot] != 0) {
            dropped[g][i] = 1;
          } else {
            gathered[g][i] = std::move(item_slots[slot]);
          }
        }
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
    if (!gather.per_item &&
        std::find(dropped[g].begin(), dropped[g].end(), 1) != dropped[g].end()) {
      std::vector<Value> kept;
      for (std::size_t i = 0; i < count; ++i)
        if (!dropped[g][i]) kept.push_back(std::move(gathered[g][i]));
      gathered[g] = std::move(kept);
    }
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
