#pragma once
// A compiled plan as executors run it: steps over value slots. The plan layer makes it
// (src/plan/planner.hpp); this layer runs it.

#include <cstdint>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "graph/graph_impl.hpp"
#include "hamilton/errors.hpp"
#include "hamilton/executor/executor.hpp"
#include "hamilton/lifecycle/hooks.hpp"
#include "hamilton/result/outputs.hpp"
#include "hamilton/value.hpp"
#include "hamilton/value_map.hpp"
namespace hamilton::detail {

/// Slot 0 is always empty: an optional parameter whose input was not given reads it.
inline constexpr std::uint32_t kEmptySlot = 0;

struct Step {
  std::uint32_t node;       ///< graph node to run (block steps: the Parallelizable node)
  std::uint32_t out;        ///< slot its value goes to (block steps: the first gathered slot)
  std::uint32_t args;       ///< offset into PlanImpl::arg_slots
  std::uint32_t arg_count;  ///< slots read: one per parameter (block steps: source + imports)
  std::uint32_t releases;   ///< offset into PlanImpl::release_slots
  std::uint32_t release_count;
  std::uint32_t block;  ///< kNoNode, or index into PlanImpl::blocks: a parallel block step
  bool check_types;     ///< some argument comes from a node typed only at run time
  // The node's call, copied from the graph so that running a step reads the step alone:
  Invoker invoke = nullptr;        ///< the node's Callable::invoker() (null for block steps)
  const void* fn = nullptr;        ///< the node's Callable::target() (owned by the graph)
  const TypeInfo* type = nullptr;  ///< the type the value must have; null: any (or a block)
};

struct PlanImpl;

/// A parallel block, run by one step of the enclosing plan: the Parallelizable value (the
/// step's first argument) is split into items; `body` runs once per item, with the item in
/// `item_slot` and the step's other arguments copied into `import_slots`; each gathered body
/// slot becomes one `Collect<T>` value in the enclosing plan.
struct BlockPlan {
  struct Gather {
    std::uint32_t node;       ///< graph node whose per-item values are gathered
    std::uint32_t body_slot;  ///< its slot in the body
    std::uint32_t out;        ///< the Collect<T> slot in the enclosing plan
    Value (*make)(std::vector<Value>&&);
    /// Items keep their positions: an item without a value (graceful failure) stays an empty
    /// Value instead of being left out (data-quality results, named by item).
    bool per_item = false;
  };
  std::uint32_t expander = kNoNode;  ///< the Parallelizable node
  std::shared_ptr<const PlanImpl> body;
  std::uint32_t item_slot = kEmptySlot;
  std::vector<std::uint32_t> import_slots;  ///< body slot of step argument 1, 2, ...
  std::vector<Gather> gathers;
};

struct PlanImpl {
  std::shared_ptr<const GraphImpl> graph;
  std::vector<Step> steps;
  std::vector<std::uint32_t> arg_slots;
  std::vector<std::uint32_t> release_slots;
  std::vector<std::pair<std::uint32_t, Value>> constants;  ///< config values
  std::vector<BlockPlan> blocks;  ///< parallel blocks run by this plan's block steps
  std::vector<std::string> input_names;
  std::vector<std::uint32_t> input_slots;  ///< kNoNode where the input is not needed
  std::vector<std::uint32_t> input_nodes;
  std::vector<std::string> override_names;
  std::vector<std::uint32_t> override_slots;
  std::vector<std::uint32_t> override_nodes;
  /// The requested outputs (a block body shares those of the top-level plan, for messages).
  std::shared_ptr<const std::vector<std::string>> output_names;
  std::vector<std::uint32_t> output_slots;
  std::vector<std::uint32_t> output_nodes;
  /// Data-quality result nodes (tag `hamilton.data_quality.contains_dq_results`) in the plan:
  /// kept to the end of the run and handed back beside the outputs.
  std::shared_ptr<const std::vector<std::string>> retained_names;
  std::vector<std::uint32_t> retained_slots;
  /// Per retained slot: it holds a std::vector<Value> of per-item results of a parallel block.
  std::vector<bool> retained_per_item;
  std::vector<std::uint32_t> node_slot;  ///< graph node -> slot (kNoNode if not in the plan)
  std::uint32_t slot_count = 1;

  // For executors that run independent steps at once:
  std::vector<std::uint32_t> step_pending;      ///< producer steps each step waits for
  std::vector<std::uint32_t> dependents;        ///< consumer steps, grouped per step
  std::vector<std::uint32_t> dependents_begin;  ///< step s: dependents[begin[s], begin[s+1])
  /// Per slot: how many steps read it before it may be released (0: never released).
  std::vector<std::uint32_t> slot_readers;
};

class RunGuard;

/// Per-execution context handed to executors.
struct RunContext {
  std::uint64_t run_id = 0;
  const Hooks* hooks = nullptr;        ///< null when the driver has no hooks
  const Executor* executor = nullptr;  ///< runs the bodies of parallel blocks
  /// The run's deadline, cancellation and graceful failure (executor/run_guard.hpp); null for a
  /// run without RunOptions, whose steps then run without these checks.
  RunGuard* guard = nullptr;
  /// With a guard: per slot of the plan being run, 0 while it has (or will have) its value, else
  /// the mark of the failure that left it without one.
  std::uint32_t* marks = nullptr;
  /// With a guard: the failures' order key of the plan being run (empty for the top plan; the
  /// block step and item for a block's body).
  const std::vector<std::uint32_t>* order_prefix = nullptr;
  /// Inside a parallel block: the item being run.
  std::optional<std::size_t> item;
};

/// How the library calls an executor (its running interface is closed to users).
struct ExecutorAccess {
  static void run(const Executor& e, const PlanImpl& plan, Value* slots, const RunContext& c) {
    e.run(plan, slots, c);
  }
  static void for_each(const Executor& e, std::size_t count,
                       const std::function<void(std::size_t)>& f) {
    e.for_each(count, f);
  }
};

/// A vector of slots borrowed from a per-thread pool: no allocation per run once warm;
/// re-entrant (a node may itself execute a driver).
struct SlotLease {
  explicit SlotLease(std::size_t n);
  ~SlotLease();
  SlotLease(const SlotLease&) = delete;
  SlotLease& operator=(const SlotLease&) = delete;
  std::vector<Value> slots;
};

/// Throws the ExecutionError for `step` failing; call only inside a catch block.
[[noreturn]] void rethrow_node_failure(const PlanImpl& plan, const Step& step);
/// Checks arguments of `step` that come from nodes typed at run time; throws ExecutionError.
void check_argument_types(const PlanImpl& plan, const Step& step, const Value* slots);

/// Throws the ValueTypeError for function node `node` having returned `value`, which is not of
/// the type it declares.
[[noreturn]] void throw_result_type(const GraphNode& node, const Value& value);
/// Checks that the value a function node returned has the type it declares (one comparison;
/// nodes returning hamilton::Value pass). Throws ValueTypeError.
inline void check_result_type(const GraphNode& node, const Value& value) {
  if (!node.any_type && !value.is(*node.type)) throw_result_type(node, value);
}
/// Runs node step `step` without hooks: calls its function, checks the value's type, writes its
/// slot. Throws ExecutionError.
inline void call_step(const PlanImpl& plan, const Step& step, Value* slots) {
  Value& out = slots[step.out];
  bool made = false;
  try {
    // the function's value is made in the slot itself (no temporary, no move)
    out.reset();
    std::destroy_at(&out);
    ::new (static_cast<void*>(&out))
        Value(step.invoke(step.fn, slots, plan.arg_slots.data() + step.args));
    made = true;
    if (step.type && !out.is(*step.type)) throw_result_type(plan.graph->nodes[step.node], out);
  } catch (...) {
    if (!made) ::new (static_cast<void*>(&out)) Value();  // the slot stays a (empty) Value
    rethrow_node_failure(plan, step);
  }
}

/// Runs step `index` with the hooks of `context` (type checks, hooks, node execution method);
/// writes its slot. Throws ExecutionError. Executors call this when `context.hooks` is set.
void run_step_with_hooks(const PlanImpl& plan, std::size_t index, Value* slots,
                         const RunContext& context);

/// Runs step `index` whatever it is (node or parallel block, with or without hooks); writes its
/// slot(s). Throws ExecutionError. Exported for the ParallelExecutor (hamilton::parallel).
HAMILTON_EXPORT void run_step(const PlanImpl& plan, std::size_t index, Value* slots,
                              const RunContext& context);

/// Runs block step `index`: every item through the block's body (through the executor's
/// `for_each`: at once on the ParallelExecutor), then writes one Collect value per gathered node.
void run_block_step(const PlanImpl& plan, std::size_t index, Value* slots,
                    const RunContext& context);

/// Names of the nodes `plan` runs, block bodies included (once each), in order.
void append_node_names(const PlanImpl& plan, std::vector<std::string>& out);

/// Tag marking nodes whose values are data-quality results.
inline constexpr const char* kDataQualityResultTag = "hamilton.data_quality.contains_dq_results";

}  // namespace hamilton::detail
