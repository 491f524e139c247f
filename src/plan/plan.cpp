// Planning a request: the needed subgraph in topological order, slots, releases.
#include "plan/plan_impl.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <string>
#include <typeinfo>
#include <unordered_map>
#include <vector>

#include "common/suggest.hpp"
#include "hamilton/executor/executor.hpp"
#include "hamilton/plan/plan.hpp"

namespace hamilton::detail {
namespace {

Problem request_problem(std::string code, std::string node, std::string message,
                        std::string suggestion = {}) {
  return Problem{std::move(code), std::move(node), {}, {}, std::move(message),
                 std::move(suggestion)};
}

std::string role_description(const GraphNode& n) {
  switch (n.role) {
    case NodeRole::function:
      return fmt::format("computed by a function (module {}, {})", n.module, n.location.to_string());
    case NodeRole::config:
      return "a config value";
    case NodeRole::input:
      return "an external input";
  }
  return {};
}

const TypeInfo* expected_type(const GraphNode& n) {
  if (n.any_type) return nullptr;
  if (n.role == NodeRole::config) return &n.value.type();
  return n.type;
}

}  // namespace

std::shared_ptr<const PlanImpl> make_plan(const std::shared_ptr<const GraphImpl>& graph_ptr,
                                          const std::vector<std::string>& outputs,
                                          const std::vector<std::string>& inputs,
                                          const std::vector<std::string>& overrides,
                                          std::vector<Problem>& problems) {
  const GraphImpl& g = *graph_ptr;
  const std::size_t before = problems.size();
  const std::size_t n = g.nodes.size();

  // what is given, and by what name
  enum : std::uint8_t { none, given_input, given_override };
  std::vector<std::uint8_t> given(n, none);
  std::vector<std::uint32_t> input_nodes(inputs.size(), kNoNode), override_nodes(overrides.size(), kNoNode);
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    auto idx = g.find(overrides[i]);
    if (idx == kNoNode) {
      problems.push_back(request_problem(
          "unknown-override", overrides[i],
          fmt::format("override `{}` names no node of the graph; overrides replace existing nodes",
                      overrides[i]),
          g.suggest(overrides[i])));
      continue;
    }
    if (given[idx] == given_override) {
      problems.push_back(request_problem("duplicate-override", overrides[i],
                                         fmt::format("`{}` is overridden twice", overrides[i])));
      continue;
    }
    given[idx] = given_override;
    override_nodes[i] = idx;
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    auto idx = g.find(inputs[i]);
    if (idx == kNoNode) {
      problems.push_back(request_problem(
          "unknown-input", inputs[i],
          fmt::format("input `{}` is not a node of the graph: no function takes a parameter of "
                      "that name",
                      inputs[i]),
          g.suggest(inputs[i])));
      continue;
    }
    const GraphNode& node = g.nodes[idx];
    if (node.role == NodeRole::config) {
      problems.push_back(request_problem(
          "input-is-config", inputs[i],
          fmt::format("`{}` is given both as config and as an input; give it in one place only "
                      "(use overrides to replace a config value for one run)",
                      inputs[i])));
      continue;
    }
    if (node.role == NodeRole::function) {
      problems.push_back(request_problem(
          "input-is-function", inputs[i],
          fmt::format("input `{}` names a node that is {}; to replace its value for this run, "
                      "pass it in overrides instead of inputs",
                      inputs[i], role_description(node))));
      continue;
    }
    if (given[idx] == given_override) {
      problems.push_back(request_problem(
          "input-is-override", inputs[i],
          fmt::format("`{}` is given both as an input and as an override; give it once", inputs[i])));
      continue;
    }
    if (given[idx] == given_input) {
      problems.push_back(request_problem("duplicate-input", inputs[i],
                                         fmt::format("input `{}` is given twice", inputs[i])));
      continue;
    }
    given[idx] = given_input;
    input_nodes[i] = idx;
  }

  // requested outputs
  std::vector<std::uint32_t> output_nodes;
  std::vector<bool> requested(n, false);
  for (const auto& name : outputs) {
    auto idx = g.find(name);
    if (idx == kNoNode) {
      problems.push_back(request_problem(
          "unknown-output", name,
          fmt::format("requested output `{}` is not a node of the graph", name), g.suggest(name)));
      continue;
    }
    if (requested[idx]) {
      problems.push_back(request_problem("duplicate-output", name,
                                         fmt::format("output `{}` is requested twice", name)));
      continue;
    }
    requested[idx] = true;
    output_nodes.push_back(idx);
  }

  // the needed subgraph: upstream of the outputs, stopping at overrides
  std::vector<bool> needed(n, false);
  std::vector<std::uint32_t> stack(output_nodes);
  for (auto o : output_nodes) needed[o] = true;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> missing;  // input -> consumers
  std::vector<std::uint32_t> missing_order;
  while (!stack.empty()) {
    auto u = stack.back();
    stack.pop_back();
    const GraphNode& node = g.nodes[u];
    if (given[u] != none || node.role != NodeRole::function) continue;
    for (const auto& d : node.dependencies) {
      if (d.node == kNoNode) continue;  // a bound literal
      const GraphNode& dep = g.nodes[d.node];
      if (dep.role == NodeRole::input && given[d.node] == none) {
        if (!d.parameter.optional) {
          auto& who = missing[d.node];
          if (who.empty()) missing_order.push_back(d.node);
          who.push_back(u);
        }
        continue;  // an optional input not given: the parameter gets nullopt
      }
      if (!needed[d.node]) {
        needed[d.node] = true;
        stack.push_back(d.node);
      }
    }
  }
  for (auto o : output_nodes)
    if (g.nodes[o].role == NodeRole::input && given[o] == none) {
      if (missing[o].empty()) missing_order.push_back(o);
      missing[o].push_back(o);
    }
  std::sort(missing_order.begin(), missing_order.end());
  for (auto in : missing_order) {
    auto& who = missing[in];
    std::sort(who.begin(), who.end());
    std::string names;
    for (std::size_t i = 0; i < who.size(); ++i)
      names += fmt::format("{}`{}`", i ? ", " : "", g.nodes[who[i]].name);
    bool self = who.size() == 1 && who[0] == in;
    Suggester s(g.nodes[in].name);
    for (const auto& given_name : inputs) s.consider(given_name);
    problems.push_back(request_problem(
        "missing-input", g.nodes[in].name,
        self ? fmt::format("required input `{}` is requested as an output but not given",
                           g.nodes[in].name)
             : fmt::format("required input `{}` is not given; needed by {}; pass it in inputs",
                           g.nodes[in].name, names),
        s.best()));
  }
  if (problems.size() != before) return nullptr;

  // slots, steps and releases
  auto plan = std::make_shared<PlanImpl>();
  plan->graph = graph_ptr;
  plan->node_slot.assign(n, kNoNode);
  std::uint32_t slots = 1;  // slot 0 stays empty
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!needed[i]) continue;
    plan->node_slot[i] = slots++;
    const GraphNode& node = g.nodes[i];
    if (node.role == NodeRole::config && given[i] == none)
      plan->constants.emplace_back(plan->node_slot[i], node.value);
  }
  std::vector<std::uint32_t> last_use(slots, kNoNode);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!needed[i] || given[i] != none || g.nodes[i].role != NodeRole::function) continue;
    const GraphNode& node = g.nodes[i];
    Step step{};
    step.node = i;
    step.out = plan->node_slot[i];
    step.args = static_cast<std::uint32_t>(plan->arg_slots.size());
    step.check_types = false;
    const auto step_index = static_cast<std::uint32_t>(plan->steps.size());
    for (const auto& d : node.dependencies) {
      std::uint32_t slot = d.node == kNoNode ? kNoNode : plan->node_slot[d.node];
      if (slot == kNoNode) slot = kEmptySlot;  // optional input not given
      if (d.converted.has_value()) {
        plan->constants.emplace_back(slots, d.converted);
        slot = slots++;
        last_use.push_back(kNoNode);
      } else if (slot != kEmptySlot) {
        last_use[slot] = step_index;
      }
      if (d.check_at_run_time) step.check_types = true;
      plan->arg_slots.push_back(slot);
    }
    plan->steps.push_back(step);
  }
  plan->slot_count = slots;
  // data-quality results are kept to the end of the run
  std::vector<std::string> retained_names;
  std::vector<bool> retained(n, false);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!needed[i] || g.nodes[i].tags.find(kDataQualityResultTag) == g.nodes[i].tags.end()) continue;
    retained[i] = true;
    retained_names.push_back(g.nodes[i].name);
    plan->retained_slots.push_back(plan->node_slot[i]);
  }
  plan->retained_names = std::make_shared<const std::vector<std::string>>(std::move(retained_names));
  // release each value after its last consumer, unless it was requested
  std::vector<std::vector<std::uint32_t>> release_at(plan->steps.size());
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t slot = plan->node_slot[i];
    if (slot == kNoNode || requested[i] || retained[i] || last_use[slot] == kNoNode) continue;
    if (g.nodes[i].role == NodeRole::config && given[i] == none) continue;  // constants stay
    release_at[last_use[slot]].push_back(slot);
  }
  for (std::size_t s = 0; s < plan->steps.size(); ++s) {
    plan->steps[s].releases = static_cast<std::uint32_t>(plan->release_slots.size());
    plan->steps[s].release_count = static_cast<std::uint32_t>(release_at[s].size());
    plan->release_slots.insert(plan->release_slots.end(), release_at[s].begin(), release_at[s].end());
  }

  // scheduling data for parallel executors: step dependencies and readers per slot
  {
    const std::size_t steps = plan->steps.size();
    std::vector<std::uint32_t> step_of_slot(plan->slot_count, kNoNode);
    for (std::uint32_t s = 0; s < steps; ++s) step_of_slot[plan->steps[s].out] = s;
    std::vector<std::vector<std::uint32_t>> deps_of(steps);
    plan->step_pending.assign(steps, 0);
    plan->slot_readers.assign(plan->slot_count, 0);
    std::vector<bool> releasable(plan->slot_count, false);
    for (auto slot : plan->release_slots) releasable[slot] = true;
    for (std::uint32_t s = 0; s < steps; ++s) {
      const Step& st = plan->steps[s];
      const std::size_t nargs = g.nodes[st.node].dependencies.size();
      for (std::size_t k = 0; k < nargs; ++k) {
        std::uint32_t slot = plan->arg_slots[st.args + k];
        if (releasable[slot]) ++plan->slot_readers[slot];
        std::uint32_t producer = step_of_slot[slot];
        if (producer == kNoNode) continue;
        deps_of[producer].push_back(s);
        ++plan->step_pending[s];
      }
    }
    plan->dependents_begin.assign(steps + 1, 0);
    for (std::uint32_t s = 0; s < steps; ++s) {
      plan->dependents_begin[s] = static_cast<std::uint32_t>(plan->dependents.size());
      plan->dependents.insert(plan->dependents.end(), deps_of[s].begin(), deps_of[s].end());
    }
    plan->dependents_begin[steps] = static_cast<std::uint32_t>(plan->dependents.size());
  }

  plan->input_names = inputs;
  plan->input_nodes = input_nodes;
  for (auto idx : input_nodes) plan->input_slots.push_back(plan->node_slot[idx]);
  plan->override_names = overrides;
  plan->override_nodes = override_nodes;
  for (auto idx : override_nodes) plan->override_slots.push_back(plan->node_slot[idx]);
  plan->output_names = std::make_shared<const std::vector<std::string>>(outputs);
  plan->output_nodes = output_nodes;
  for (auto idx : output_nodes) plan->output_slots.push_back(plan->node_slot[idx]);
  return plan;
}

void check_value_types(const GraphImpl& g, const ValueMap& inputs, const ValueMap& overrides,
                       std::vector<Problem>& problems) {
  auto check = [&](const ValueMap& values, const char* what) {
    for (const auto& [name, value] : values) {
      auto idx = g.find(name);
      if (idx == kNoNode) continue;  // reported as unknown
      const GraphNode& node = g.nodes[idx];
      if (std::string_view(what) == "input" && node.role != NodeRole::input) continue;
      const TypeInfo* want = expected_type(node);
      if (!want || value.type() == *want) continue;
      problems.push_back(request_problem(
          std::string(what) + "-type", name,
          fmt::format("{} `{}` has the wrong type: expected {}, given {}", what, name,
                      want->name(), value.has_value() ? value.type().name() : "an empty value")));
    }
  };
  check(inputs, "input");
  check(overrides, "override");
}

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
  NodeRun run(context.run_id, plan, step, slots, index);
  const auto& hooks = context.hooks->hooks;
  for (const auto& h : hooks) h->run_before_node_execution(run);
  NodeOutcome outcome;
  outcome.start = std::chrono::steady_clock::now();
  try {
    CallState state{&node.callable, slots, plan.arg_slots.data() + step.args};
    if (context.hooks->method) {
      slots[step.out] = context.hooks->method->run_to_execute_node(run, NodeCall(&call_node, &state));
    } else {
      slots[step.out] = call_node(&state);
    }
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
                      v.has_value() ? v.type().name() : std::string("empty value"), d.parameter.name,
                      d.parameter.type->name()));
    } catch (...) {
      rethrow_node_failure(plan, step);
    }
  }
}

namespace {

// Per-thread pool of slot vectors: no allocation per run once warm; re-entrant (a node may
// itself execute a driver).
struct SlotPool {
  std::vector<std::vector<Value>> free;
};
thread_local SlotPool slot_pool;

struct SlotLease {
  explicit SlotLease(std::size_t n) {
    if (!slot_pool.free.empty()) {
      slots = std::move(slot_pool.free.back());
      slot_pool.free.pop_back();
    }
    slots.resize(n);
  }
  ~SlotLease() {
    for (auto& v : slots) v.reset();
    slot_pool.free.push_back(std::move(slots));
  }
  std::vector<Value> slots;
};

}  // namespace

Outputs run_plan(const PlanImpl& plan, const Executor& executor, const Hooks* hooks,
                 std::span<const Value> inputs, std::span<const Value> overrides,
                 Outputs* retained) {
  if (inputs.size() != plan.input_names.size() || overrides.size() != plan.override_names.size())
    throw Error(fmt::format("this plan takes {} input value(s) and {} override value(s), in the "
                            "order of Plan::inputs() and Plan::overrides(); {} and {} were given",
                            plan.input_names.size(), plan.override_names.size(), inputs.size(),
                            overrides.size()));
  const GraphImpl& g = *plan.graph;
  std::vector<Problem> problems;
  auto check = [&](const Value& v, std::uint32_t node, const std::string& name, const char* what) {
    const TypeInfo* want = expected_type(g.nodes[node]);
    if (want && !(v.type() == *want))
      problems.push_back(request_problem(
          std::string(what) + "-type", name,
          fmt::format("{} `{}` has the wrong type: expected {}, given {}", what, name, want->name(),
                      v.has_value() ? v.type().name() : "an empty value")));
  };
  for (std::size_t i = 0; i < inputs.size(); ++i) check(inputs[i], plan.input_nodes[i], plan.input_names[i], "input");
  for (std::size_t i = 0; i < overrides.size(); ++i)
    check(overrides[i], plan.override_nodes[i], plan.override_names[i], "override");
  if (!problems.empty()) throw InputError(std::move(problems));

  SlotLease lease(plan.slot_count);
  Value* slots = lease.slots.data();
  for (const auto& [slot, value] : plan.constants) slots[slot] = value;
  for (std::size_t i = 0; i < inputs.size(); ++i)
    if (plan.input_slots[i] != kNoNode) slots[plan.input_slots[i]] = inputs[i];
  for (std::size_t i = 0; i < overrides.size(); ++i)
    if (plan.override_slots[i] != kNoNode) slots[plan.override_slots[i]] = overrides[i];
  static std::atomic<std::uint64_t> next_run_id{1};
  RunContext context;
  context.run_id = next_run_id.fetch_add(1, std::memory_order_relaxed);
  context.hooks = hooks && !hooks->empty() ? hooks : nullptr;
  if (context.hooks && !context.hooks->hooks.empty()) {
    GraphRun run(context.run_id, plan);
    for (const auto& h : context.hooks->hooks) h->run_before_graph_execution(run);
    try {
      executor.run(plan, slots, context);
    } catch (...) {
      auto error = std::current_exception();
      for (const auto& h : context.hooks->hooks) h->run_after_graph_execution(run, false, error);
      throw;
    }
    for (const auto& h : context.hooks->hooks) h->run_after_graph_execution(run, true, nullptr);
  } else {
    executor.run(plan, slots, context);
  }
  if (retained) {
    std::vector<Value> kept;
    kept.reserve(plan.retained_slots.size());
    for (auto slot : plan.retained_slots) kept.push_back(slots[slot]);
    *retained = Outputs(plan.retained_names, std::move(kept));
  }
  std::vector<Value> values;
  values.reserve(plan.output_slots.size());
  for (auto slot : plan.output_slots) values.push_back(std::move(slots[slot]));
  return Outputs(plan.output_names, std::move(values));
}

}  // namespace hamilton::detail

namespace hamilton {

const std::vector<std::string>& Plan::outputs() const { return *impl_->output_names; }
const std::vector<std::string>& Plan::inputs() const { return impl_->input_names; }
const std::vector<std::string>& Plan::overrides() const { return impl_->override_names; }

std::vector<std::string> Plan::nodes() const {
  std::vector<std::string> out;
  for (const auto& s : impl_->steps) out.push_back(impl_->graph->nodes[s.node].name);
  return out;
}

Outputs Plan::execute(std::span<const Value> inputs, std::span<const Value> overrides) const {
  return detail::run_plan(*impl_, *executor_, hooks_.get(), inputs, overrides);
}

Outputs Plan::execute(const Inputs& inputs, const Overrides& overrides) const {
  auto gather = [](const ValueMap& values, const std::vector<std::string>& names, const char* what) {
    std::vector<Value> out;
    out.reserve(names.size());
    for (const auto& name : names) {
      auto it = values.find(name);
      if (it == values.end())
        throw InputError({Problem{std::string("missing-") + what, name, {}, {},
                                  fmt::format("this plan was compiled with {} `{}`, which is not given",
                                              what, name),
                                  {}}});
      out.push_back(it->second);
    }
    if (values.size() != names.size()) {
      for (const auto& [name, v] : values)
        if (std::find(names.begin(), names.end(), name) == names.end())
          throw InputError({Problem{std::string("unknown-") + what, name, {}, {},
                                    fmt::format("this plan was not compiled with {} `{}`; compile "
                                                "a plan that takes it",
                                                what, name),
                                    detail::suggest(name, names)}});
    }
    return out;
  };
  auto in = gather(inputs, impl_->input_names, "input");
  auto ov = gather(overrides, impl_->override_names, "override");
  return detail::run_plan(*impl_, *executor_, hooks_.get(), in, ov);
}

}  // namespace hamilton

namespace hamilton {

const std::vector<std::string>& GraphRun::outputs() const { return *plan_->output_names; }
const std::vector<std::string>& GraphRun::inputs() const { return plan_->input_names; }
const std::vector<std::string>& GraphRun::overrides() const { return plan_->override_names; }
std::size_t GraphRun::node_count() const { return plan_->steps.size(); }
std::vector<std::string> GraphRun::execution_path() const {
  std::vector<std::string> out;
  out.reserve(plan_->steps.size());
  for (const auto& s : plan_->steps) out.push_back(plan_->graph->nodes[s.node].name);
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
const SourceLocation& NodeRun::location() const { return plan_->graph->nodes[step_->node].location; }
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
