// Running the steps of a compiled plan: type checks, hooks, the node execution method,
// failures named by node, slot leases, and a whole run (inputs in, outputs out).
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <string>
#include <typeinfo>
#include <vector>

#include "common/access.hpp"
#include "executor/plan_impl.hpp"
#include "hamilton/executor/executor.hpp"

namespace hamilton::detail {

namespace {

std::vector<std::string> outputs_needing(const PlanImpl& plan, std::uint32_t node) {
  const GraphImpl& g = *plan.graph;
  auto below = downstream_closure(g, {node});
  std::vector<std::string> out;
  for (std::size_t i = 0; i < plan.output_nodes.size(); ++i)
    if (below[plan.output_nodes[i]]) out.push_back((*plan.output_names)[i]);
  return out;
}

std::string describe_current_exception() {
  try {
    throw;
  } catch (const ForeignError& e) {
    return e.what();  // names its own type (`ValueError: ...`)
  } catch (const std::exception& e) {
    return fmt::format("{}: {}", demangle(typeid(e).name()), e.what());
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

}  // namespace

void rethrow_node_failure(const PlanImpl& plan, const Step& step) {
  const GraphNode& node = plan.graph->nodes[step.node];
  throw ExecutionError(node.name, node.module, node.location, outputs_needing(plan, step.node),
                       describe_current_exception());
}

namespace {

struct CallState {
  const Callable* callable;
  const Value* slots;
  const std::uint32_t* args;
};

Value call_node(const void* state) {
  const auto* s = static_cast<const CallState*>(state);
  return (*s->callable)(s->slots, s->args);
}

}  // namespace

void run_step_with_hooks(const PlanImpl& plan, std::size_t index, Value* slots,
                         const RunContext& context) {
  const Step& step = plan.steps[index];
  const GraphNode& node = plan.graph->nodes[step.node];
  if (step.check_types) check_argument_types(plan, step, slots);
  NodeRun run = Access::make<NodeRun>(context.run_id, plan, step, slots, index);
  const auto& hooks = context.hooks->hooks;
  for (const auto& h : hooks) h->run_before_node_execution(run);
  NodeOutcome outcome;
  outcome.start = std::chrono::steady_clock::now();
  try {
    CallState state{&node.callable, slots, plan.arg_slots.data() + step.args};
    if (context.hooks->method) {
      slots[step.out] =
          context.hooks->method->run_to_execute_node(run, NodeCall(&call_node, &state));
    } else {
      slots[step.out] = call_node(&state);
    }
    check_result_type(node, slots[step.out]);
  } catch (...) {
    outcome.duration = std::chrono::steady_clock::now() - outcome.start;
    outcome.success = false;
    outcome.error = std::current_exception();
    for (const auto& h : hooks) h->run_after_node_execution(run, outcome);
    rethrow_node_failure(plan, step);
  }
  outcome.duration = std::chrono::steady_clock::now() - outcome.start;
  outcome.result = &slots[step.out];
  for (const auto& h : hooks) h->run_after_node_execution(run, outcome);
}

void throw_result_type(const GraphNode& node, const Value& value) {
  const std::string actual = value.has_value() ? value.type().name() : std::string("empty value");
  throw ValueTypeError(
      node.type->name(), actual,
      fmt::format("node `{}` returned {} {} but it is declared to return a {}; its function must "
                  "return values of the declared type (NodeSpec::type), or the node must be "
                  "declared as returning hamilton::Value (NodeSpec::returns_any) to be checked "
                  "by its consumers instead",
                  node.name, value.has_value() ? "a" : "an", actual, node.type->name()));
}

void check_argument_types(const PlanImpl& plan, const Step& step, const Value* slots) {
  const GraphNode& node = plan.graph->nodes[step.node];
  for (std::size_t k = 0; k < node.dependencies.size(); ++k) {
    const Dependency& d = node.dependencies[k];
    if (!d.check_at_run_time) continue;
    const Value& v = slots[plan.arg_slots[step.args + k]];
    if (!v.has_value() && d.parameter.optional) continue;
    if (v.type() == *d.parameter.type) continue;
    try {
      throw ValueTypeError(
          d.parameter.type->name(), v.type().name(),
          fmt::format("node `{}` returned a {} (it is declared to return hamilton::Value) but "
                      "parameter `{}` takes a {}",
                      plan.graph->nodes[d.node].name,
                      v.has_value() ? v.type().name() : std::string("empty value"),
                      d.parameter.name, d.parameter.type->name()));
    } catch (...) {
      rethrow_node_failure(plan, step);
    }
  }
}

namespace {

// Per-thread pool of slot vectors: no allocation per run once warm; re-entrant (a node may
// itself execute a driver, a block runs its body per item).
struct SlotPool {
  std::vector<std::vector<Value>> free;
};
thread_local SlotPool slot_pool;

}  // namespace

SlotLease::SlotLease(std::size_t n) {
  if (!slot_pool.free.empty()) {
    slots = std::move(slot_pool.free.back());
    slot_pool.free.pop_back();
  }
  slots.resize(n);
}

SlotLease::~SlotLease() {
  for (auto& v : slots) v.reset();
  slot_pool.free.push_back(std::move(slots));
}

void run_step(const PlanImpl& plan, std::size_t index, Value* slots, const RunContext& context) {
  const Step& step = plan.steps[index];
  if (step.block != kNoNode) {
    run_block_step(plan, index, slots, context);
  } else if (context.hooks) {
    run_step_with_hooks(plan, index, slots, context);
  } else {
    if (step.check_types) check_argument_types(plan, step, slots);
    call_step(plan, step, slots);
  }
}

void append_node_names(const PlanImpl& plan, std::vector<std::string>& out) {
  for (const auto& s : plan.steps) {
    if (s.block == kNoNode) {
      out.push_back(plan.graph->nodes[s.node].name);
    } else {
      append_node_names(*plan.blocks[s.block].body, out);
    }
  }
}

}  // namespace hamilton::detail

namespace hamilton {

const std::vector<std::string>& GraphRun::outputs() const { return *plan_->output_names; }
const std::vector<std::string>& GraphRun::inputs() const { return plan_->input_names; }
const std::vector<std::string>& GraphRun::overrides() const { return plan_->override_names; }
std::size_t GraphRun::node_count() const {
  if (plan_->blocks.empty()) return plan_->steps.size();
  return execution_path().size();
}
std::vector<std::string> GraphRun::execution_path() const {
  std::vector<std::string> out;
  out.reserve(plan_->steps.size());
  detail::append_node_names(*plan_, out);
  return out;
}

const std::string& NodeRun::name() const { return plan_->graph->nodes[step_->node].name; }
const Tags& NodeRun::tags() const { return plan_->graph->nodes[step_->node].tags; }
const std::string& NodeRun::type_name() const {
  static const std::string any = "hamilton::Value";
  const auto& n = plan_->graph->nodes[step_->node];
  return n.any_type ? any : n.type->name();
}
const std::string& NodeRun::module() const { return plan_->graph->nodes[step_->node].module; }
const SourceLocation& NodeRun::location() const {
  return plan_->graph->nodes[step_->node].location;
}
std::size_t NodeRun::argument_count() const {
  return plan_->graph->nodes[step_->node].dependencies.size();
}
const std::string& NodeRun::argument_name(std::size_t i) const {
  return plan_->graph->nodes[step_->node].dependencies.at(i).parameter.name;
}
const Value& NodeRun::argument(std::size_t i) const {
  if (i >= argument_count()) throw Error("NodeRun::argument: index out of range");
  return slots_[plan_->arg_slots[step_->args + i]];
}

}  // namespace hamilton
