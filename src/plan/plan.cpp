// Planning a request: the needed subgraph in topological order, slots, releases.
#include "hamilton/plan/plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <typeinfo>
#include <unordered_map>
#include <vector>

#include "common/access.hpp"
#include "common/suggest.hpp"
#include "executor/run_guard.hpp"
#include "hamilton/executor/executor.hpp"
#include "plan/planner.hpp"

namespace hamilton::detail {
namespace {

Problem request_problem(ErrorCode code, std::string node, std::string message,
                        std::string suggestion = {}) {
  return Problem{code, std::move(node), {}, {}, std::move(message), std::move(suggestion)};
}

std::string role_description(const GraphNode& n) {
  switch (n.role) {
    case NodeRole::function:
      return fmt::format("computed by a function (module {}, {})", n.module,
                         n.location.to_string());
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

// Scheduling data for parallel executors: step dependencies and readers per slot.
void compute_schedule(PlanImpl& plan) {
  const std::size_t steps = plan.steps.size();
  std::vector<std::uint32_t> step_of_slot(plan.slot_count, kNoNode);
  for (std::uint32_t s = 0; s < steps; ++s) {
    const Step& st = plan.steps[s];
    if (st.block == kNoNode) {
      step_of_slot[st.out] = s;
    } else {
      for (const auto& gather : plan.blocks[st.block].gathers) step_of_slot[gather.out] = s;
    }
  }
  std::vector<std::vector<std::uint32_t>> deps_of(steps);
  plan.step_pending.assign(steps, 0);
  plan.slot_readers.assign(plan.slot_count, 0);
  std::vector<bool> releasable(plan.slot_count, false);
  for (auto slot : plan.release_slots) releasable[slot] = true;
  for (std::uint32_t s = 0; s < steps; ++s) {
    const Step& st = plan.steps[s];
    for (std::size_t k = 0; k < st.arg_count; ++k) {
      std::uint32_t slot = plan.arg_slots[st.args + k];
      if (releasable[slot]) ++plan.slot_readers[slot];
      std::uint32_t producer = step_of_slot[slot];
      if (producer == kNoNode) continue;
      deps_of[producer].push_back(s);
      ++plan.step_pending[s];
    }
  }
  plan.dependents_begin.assign(steps + 1, 0);
  for (std::uint32_t s = 0; s < steps; ++s) {
    plan.dependents_begin[s] = static_cast<std::uint32_t>(plan.dependents.size());
    plan.dependents.insert(plan.dependents.end(), deps_of[s].begin(), deps_of[s].end());
  }
  plan.dependents_begin[steps] = static_cast<std::uint32_t>(plan.dependents.size());
}

// Plans a request whose needed nodes include parallel blocks. Each block becomes one step of the
// plan that encloses it, running a nested plan (its body) once per item.
//
// A value is identified by a key: a node's value (a Parallelizable node's value is the whole
// list), the item of a Parallelizable node (inside its block), or the Collect gathering a node.
// Every key is produced at one level (the top or a block); a deeper level that reads it imports
// it: the block step passes it as an argument and its body gets a copy per item.
class BlockPlanner {
 public:
  enum Kind : std::uint8_t { kValue = 0, kCollect = 1, kItem = 2 };
  static std::uint64_t key(std::uint32_t node, Kind kind) {
    return (static_cast<std::uint64_t>(node) << 2) | kind;
  }

  BlockPlanner(const std::shared_ptr<const GraphImpl>& graph, const std::vector<bool>& needed,
               const std::vector<std::uint8_t>& given, const std::vector<bool>& requested,
               const std::vector<bool>& retained)
      : graph_(graph),
        g_(*graph),
        needed_(needed),
        given_(given),
        requested_(requested),
        retained_(retained) {
    const std::size_t n = g_.nodes.size();
    for (std::uint32_t v = 0; v < n; ++v) {
      if (!needed_[v] || given_[v] || g_.nodes[v].role != NodeRole::function) continue;
      members_[g_.nodes[v].block].push_back(v);
      for (const auto& d : g_.nodes[v].dependencies) {
        if (!d.parameter.collect_item || d.node == kNoNode) continue;
        auto& list = gathers_[value_block(g_, d.node)];
        bool seen = false;
        for (const auto& [u, make] : list) seen = seen || u == d.node;
        if (!seen) list.emplace_back(d.node, d.parameter.make_collect);
      }
    }
    // data-quality results inside a block directly under the top level: gathered per item and
    // kept to the end of the run, so that they are acted on and reported (`<name>[<item>]`)
    for (std::uint32_t v = 0; v < n; ++v) {
      const GraphNode& node = g_.nodes[v];
      if (!needed_[v] || given_[v] || node.block == kNoNode || node.expands() ||
          g_.nodes[node.block].block != kNoNode ||
          node.tags.find(kDataQualityResultTag) == node.tags.end())
        continue;
      auto& list = gathers_[node.block];
      bool seen = false;
      for (const auto& [u, make] : list) seen = seen || u == v;
      if (!seen) list.emplace_back(v, &gather_per_item);
      block_results_.push_back(v);
    }
    // the levels that run: those with members or gathers, and every level enclosing them
    std::vector<std::uint32_t> active;
    for (const auto& [level, list] : members_) active.push_back(level);
    for (const auto& [level, list] : gathers_) active.push_back(level);
    std::vector<bool> marked(n, false);
    for (std::uint32_t level : active) {
      for (std::uint32_t b = level; b != kNoNode && !marked[b]; b = g_.nodes[b].block) {
        marked[b] = true;
        children_[g_.nodes[b].block].push_back(b);
      }
    }
    for (auto& [level, list] : children_) std::sort(list.begin(), list.end());
  }

  std::shared_ptr<PlanImpl> build() {
    Level top;
    top.id = kNoNode;
    top.plan = std::make_shared<PlanImpl>();
    top.plan->graph = graph_;
    const std::size_t n = g_.nodes.size();
    // top-level values first, in graph order: inputs, config, overrides, top-level nodes
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!needed_[i] || level_of(key(i, kValue)) != kNoNode) continue;
      std::uint32_t slot = slot_of(top, key(i, kValue));
      const GraphNode& node = g_.nodes[i];
      if (node.role == NodeRole::config && !given_[i]) {
        top.plan->constants.emplace_back(slot, node.value);
        top.keep[slot] = true;
      }
      if (requested_[i] || retained_[i]) top.keep[slot] = true;
    }
    build_level(top);
    top.plan->node_slot.assign(n, kNoNode);
    for (const auto& [k, slot] : top.slots)
      if ((k & 3) == kValue) top.plan->node_slot[static_cast<std::uint32_t>(k >> 2)] = slot;
    return top.plan;
  }

  /// Makes the value of a gathered data-quality result: its per-item values in item order.
  static Value gather_per_item(std::vector<Value>&& values) { return Value(std::move(values)); }

  /// The data-quality result nodes of blocks whose per-item values the top level keeps, and
  /// their slots there (after build).
  const std::vector<std::uint32_t>& block_results() const { return block_results_; }
  std::uint32_t block_result_slot(std::uint32_t node) const {
    auto it = block_result_slots_.find(node);
    return it == block_result_slots_.end() ? kNoNode : it->second;
  }

  std::shared_ptr<const std::vector<std::string>> output_names(
      const std::vector<std::string>& outputs) {
    outputs_ = std::make_shared<const std::vector<std::string>>(outputs);
    return outputs_;
  }

  // Block bodies name the requested outputs in their error messages.
  void share_outputs(const PlanImpl& top) {
    for (PlanImpl* body : bodies_) {
      body->output_names = top.output_names;
      body->output_nodes = top.output_nodes;
    }
  }

 private:
  struct Level {
    std::uint32_t id = kNoNode;  // the Parallelizable node; kNoNode: the top level
    std::shared_ptr<PlanImpl> plan;
    std::unordered_map<std::uint64_t, std::uint32_t> slots;
    std::vector<std::uint64_t> imports;  // keys read from the enclosing level
    std::vector<std::uint32_t> import_slots;
    std::vector<std::uint32_t> last_use{kNoNode};  // per slot
    std::vector<bool> keep{true};                  // per slot: never released
    std::uint32_t item_slot = kEmptySlot;
  };

  // The level whose plan produces `k`.
  std::uint32_t level_of(std::uint64_t k) const {
    const auto node = static_cast<std::uint32_t>(k >> 2);
    switch (k & 3) {
      case kValue:
        if (given_[node] || g_.nodes[node].role != NodeRole::function) return kNoNode;
        return g_.nodes[node].block;
      case kCollect:
        return g_.nodes[value_block(g_, node)].block;
      default:
        return node;
    }
  }

  // What a dependency reads.
  std::uint64_t read_key(const Dependency& d) const {
    if (d.parameter.collect_item) return key(d.node, kCollect);
    if (g_.nodes[d.node].expands()) return key(d.node, kItem);
    return key(d.node, kValue);
  }

  static std::uint32_t new_slot(Level& level, bool keep) {
    std::uint32_t slot = level.plan->slot_count++;
    level.last_use.push_back(kNoNode);
    level.keep.push_back(keep);
    return slot;
  }

  std::uint32_t slot_of(Level& level, std::uint64_t k) {
    auto it = level.slots.find(k);
    if (it != level.slots.end()) return it->second;
    std::uint32_t slot = new_slot(level, false);
    level.slots.emplace(k, slot);
    if (level_of(k) != level.id) {
      level.imports.push_back(k);
      level.import_slots.push_back(slot);
    }
    return slot;
  }

  struct Unit {
    std::uint32_t node;
    std::size_t child = static_cast<std::size_t>(-1);  // a block: index into the children
    std::uint64_t order() const {
      return 2 * static_cast<std::uint64_t>(node) + (child != static_cast<std::size_t>(-1));
    }
  };

  void build_level(Level& level) {
    PlanImpl& plan = *level.plan;
    // nested blocks first: their imports are what their steps read
    std::vector<std::unique_ptr<Level>> children;
    for (std::uint32_t b : children_[level.id]) {
      auto child = std::make_unique<Level>();
      child->id = b;
      child->plan = std::make_shared<PlanImpl>();
      child->plan->graph = graph_;
      child->plan->retained_names = std::make_shared<const std::vector<std::string>>();
      bodies_.push_back(child->plan.get());
      child->item_slot = slot_of(*child, key(b, kItem));
      build_level(*child);
      for (const auto& [u, make] : gathers_[b]) {
        std::uint64_t k = g_.nodes[u].expands() && u == b ? key(u, kItem) : key(u, kValue);
        child->keep[slot_of(*child, k)] = true;
      }
      finish(*child);
      children.push_back(std::move(child));
    }

    std::vector<Unit> units;
    for (std::uint32_t v : members_[level.id]) units.push_back(Unit{v});
    for (std::size_t c = 0; c < children.size(); ++c) units.push_back(Unit{children[c]->id, c});
    order_units(units, children);

    for (const Unit& unit : units) {
      Step step{};
      step.node = unit.node;
      step.args = static_cast<std::uint32_t>(plan.arg_slots.size());
      step.block = kNoNode;
      step.check_types = false;
      const auto index = static_cast<std::uint32_t>(plan.steps.size());
      if (unit.child == static_cast<std::size_t>(-1)) {
        const GraphNode& node = g_.nodes[unit.node];
        step.out = slot_of(level, key(unit.node, kValue));
        step.invoke = node.callable.invoker();
        step.fn = node.callable.target();
        step.type = node.any_type ? nullptr : node.type;
        for (const auto& d : node.dependencies) {
          std::uint32_t slot;
          if (d.converted.has_value()) {
            slot = new_slot(level, true);
            plan.constants.emplace_back(slot, d.converted);
          } else if (d.node == kNoNode ||
                     (g_.nodes[d.node].role == NodeRole::input && !given_[d.node])) {
            slot = kEmptySlot;  // a bound literal, or an optional input that is not given
          } else {
            slot = slot_of(level, read_key(d));
            level.last_use[slot] = index;
          }
          if (d.check_at_run_time) step.check_types = true;
          plan.arg_slots.push_back(slot);
        }
        step.arg_count = static_cast<std::uint32_t>(node.dependencies.size());
      } else {
        Level& child = *children[unit.child];
        BlockPlan block;
        block.expander = child.id;
        block.body = child.plan;
        block.item_slot = child.item_slot;
        block.import_slots = child.import_slots;
        std::uint32_t source = slot_of(level, key(child.id, kValue));
        level.last_use[source] = index;
        plan.arg_slots.push_back(source);
        for (std::uint64_t k : child.imports) {
          std::uint32_t slot = slot_of(level, k);
          level.last_use[slot] = index;
          plan.arg_slots.push_back(slot);
        }
        for (const auto& [u, make] : gathers_[child.id]) {
          std::uint64_t k = g_.nodes[u].expands() && u == child.id ? key(u, kItem) : key(u, kValue);
          const std::uint32_t out = slot_of(level, key(u, kCollect));
          const bool per_item = make == &gather_per_item;
          if (per_item) {
            level.keep[out] = true;  // read by the driver after the run
            block_result_slots_[u] = out;
          }
          block.gathers.push_back(BlockPlan::Gather{u, child.slots.at(k), out, make, per_item});
        }
        step.out = block.gathers.empty() ? kEmptySlot : block.gathers.front().out;
        step.arg_count = static_cast<std::uint32_t>(1 + child.imports.size());
        step.block = static_cast<std::uint32_t>(plan.blocks.size());
        plan.blocks.push_back(std::move(block));
      }
      plan.steps.push_back(step);
    }
    if (level.id == kNoNode) finish(level);
  }

  // Orders the steps of a level (Kahn's algorithm). Among the steps that are ready, the one that
  // lets the most values be released (it is the last step left to read them) goes first; among
  // those, graph order. Deterministic: the same request gets the same order.
  void order_units(std::vector<Unit>& units, const std::vector<std::unique_ptr<Level>>& children) {
    constexpr std::uint32_t kNone = kNoNode;
    const auto m = static_cast<std::uint32_t>(units.size());
    // the unit producing each value read at this level: node values by node, Collects by key
    value_unit_.assign(g_.nodes.size(), kNone);
    std::unordered_map<std::uint64_t, std::uint32_t> collect_unit;
    for (std::uint32_t i = 0; i < m; ++i) {
      if (units[i].child == static_cast<std::size_t>(-1)) {
        value_unit_[units[i].node] = i;
      } else {
        for (const auto& [u, make] : gathers_[units[i].node]) collect_unit[key(u, kCollect)] = i;
      }
    }
    auto producer_of = [&](std::uint64_t k) -> std::uint32_t {
      const auto node = static_cast<std::uint32_t>(k >> 2);
      if ((k & 3) == kValue) return value_unit_[node];
      if ((k & 3) == kCollect) {
        auto it = collect_unit.find(k);
        return it == collect_unit.end() ? kNone : it->second;
      }
      return kNone;  // an item: the block's own input
    };
    // distinct producer units per unit (preds), and consumer units per unit (CSR)
    std::vector<std::uint32_t> pred_begin(m + 1, 0), preds;
    for (std::uint32_t i = 0; i < m; ++i) {
      pred_begin[i] = static_cast<std::uint32_t>(preds.size());
      auto add = [&](std::uint64_t k) {
        std::uint32_t p = producer_of(k);
        if (p == kNone || p == i) return;
        for (std::size_t j = pred_begin[i]; j < preds.size(); ++j)
          if (preds[j] == p) return;
        preds.push_back(p);
      };
      if (units[i].child == static_cast<std::size_t>(-1)) {
        for (const auto& d : g_.nodes[units[i].node].dependencies)
          if (d.node != kNoNode) add(read_key(d));
      } else {
        add(key(units[i].node, kValue));
        for (std::uint64_t k : children[units[i].child]->imports) add(k);
      }
    }
    pred_begin[m] = static_cast<std::uint32_t>(preds.size());
    std::vector<std::uint32_t> cons_begin(m + 1, 0), cons(preds.size());
    for (std::uint32_t p : preds) ++cons_begin[p + 1];
    for (std::uint32_t i = 0; i < m; ++i) cons_begin[i + 1] += cons_begin[i];
    {
      std::vector<std::uint32_t> fill(cons_begin.begin(), cons_begin.end() - 1);
      for (std::uint32_t i = 0; i < m; ++i)
        for (std::uint32_t j = pred_begin[i]; j < pred_begin[i + 1]; ++j)
          cons[fill[preds[j]]++] = i;
    }
    std::vector<std::uint32_t> pending(m), readers_left(m);
    std::vector<bool> releasable(m), scheduled(m, false);
    for (std::uint32_t i = 0; i < m; ++i) {
      pending[i] = pred_begin[i + 1] - pred_begin[i];
      readers_left[i] = cons_begin[i + 1] - cons_begin[i];
      const std::uint32_t v = units[i].node;
      releasable[i] =
          units[i].child != static_cast<std::size_t>(-1) || !(requested_[v] || retained_[v]);
    }
    // how many values running unit `u` now would release
    auto score = [&](std::uint32_t u) {
      std::uint32_t freed = 0;
      for (std::uint32_t j = pred_begin[u]; j < pred_begin[u + 1]; ++j)
        freed += releasable[preds[j]] && readers_left[preds[j]] == 1;
      return freed;
    };
    struct Entry {
      std::uint32_t score;
      std::uint64_t order;
      std::uint32_t unit;
      bool operator<(const Entry& o) const {  // the top is the best
        return score != o.score ? score < o.score : order > o.order;
      }
    };
    // a unit's score only grows while it waits; an entry whose score is stale is skipped
    std::priority_queue<Entry> ready;
    auto push = [&](std::uint32_t u) { ready.push(Entry{score(u), units[u].order(), u}); };
    for (std::uint32_t i = 0; i < m; ++i)
      if (pending[i] == 0) push(i);
    std::vector<Unit> ordered;
    ordered.reserve(m);
    while (!ready.empty()) {
      const Entry e = ready.top();
      ready.pop();
      if (scheduled[e.unit] || e.score != score(e.unit)) continue;
      scheduled[e.unit] = true;
      ordered.push_back(units[e.unit]);
      for (std::uint32_t j = pred_begin[e.unit]; j < pred_begin[e.unit + 1]; ++j) {
        const std::uint32_t p = preds[j];
        if (--readers_left[p] != 1 || !releasable[p]) continue;
        for (std::uint32_t c = cons_begin[p]; c < cons_begin[p + 1]; ++c)
          if (!scheduled[cons[c]] && pending[cons[c]] == 0) push(cons[c]);
      }
      for (std::uint32_t c = cons_begin[e.unit]; c < cons_begin[e.unit + 1]; ++c)
        if (--pending[cons[c]] == 0) push(cons[c]);
    }
    if (ordered.size() != units.size())
      throw Error("internal error: the steps of a plan cannot be ordered");
    units = std::move(ordered);
  }

  // Releases (each slot after its last reader) and scheduling data.
  static void finish(Level& level) {
    PlanImpl& plan = *level.plan;
    std::vector<std::vector<std::uint32_t>> release_at(plan.steps.size());
    for (std::uint32_t slot = 1; slot < plan.slot_count; ++slot)
      if (!level.keep[slot] && level.last_use[slot] != kNoNode)
        release_at[level.last_use[slot]].push_back(slot);
    for (std::size_t s = 0; s < plan.steps.size(); ++s) {
      plan.steps[s].releases = static_cast<std::uint32_t>(plan.release_slots.size());
      plan.steps[s].release_count = static_cast<std::uint32_t>(release_at[s].size());
      plan.release_slots.insert(plan.release_slots.end(), release_at[s].begin(),
                                release_at[s].end());
    }
    compute_schedule(plan);
  }

  std::shared_ptr<const GraphImpl> graph_;
  const GraphImpl& g_;
  const std::vector<bool>& needed_;
  const std::vector<std::uint8_t>& given_;
  const std::vector<bool>& requested_;
  const std::vector<bool>& retained_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> members_;   // level -> nodes
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> children_;  // level -> blocks
  std::unordered_map<std::uint32_t,
                     std::vector<std::pair<std::uint32_t, Value (*)(std::vector<Value>&&)>>>
      gathers_;  // block -> gathered nodes
  std::vector<PlanImpl*> bodies_;
  std::vector<std::uint32_t> block_results_;
  std::unordered_map<std::uint32_t, std::uint32_t> block_result_slots_;
  std::shared_ptr<const std::vector<std::string>> outputs_;
  std::vector<std::uint32_t> value_unit_;  // order_units: node -> unit producing its value
};

}  // namespace

namespace {

// A request resolved against the graph: what is given, requested and needed, by node.
struct Request {
  enum Given : std::uint8_t { none, given_input, given_override };
  std::vector<std::uint8_t> given;
  std::vector<std::uint32_t> input_nodes;     // per input name (kNoNode if unknown)
  std::vector<std::uint32_t> override_nodes;  // per override name
  std::vector<std::uint32_t> output_nodes;    // per (distinct, known) output
  std::vector<bool> requested;
  std::vector<bool> needed;  // upstream of the outputs, stopping at what is given
};

// Inputs and overrides: each names a node that it may replace, once.
void resolve_given(const GraphImpl& g, const std::vector<std::string>& inputs,
                   const std::vector<std::string>& overrides, Request& r,
                   std::vector<Problem>& problems) {
  using enum Request::Given;
  auto& given = r.given;
  auto& input_nodes = r.input_nodes;
  auto& override_nodes = r.override_nodes;
  input_nodes.assign(inputs.size(), kNoNode);
  override_nodes.assign(overrides.size(), kNoNode);
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    auto idx = g.find(overrides[i]);
    if (idx == kNoNode) {
      problems.push_back(request_problem(
          ErrorCode::unknown_override, overrides[i],
          fmt::format("override `{}` names no node of the graph; overrides replace existing nodes",
                      overrides[i]),
          g.suggest(overrides[i])));
      continue;
    }
    if (given[idx] == given_override) {
      problems.push_back(request_problem(ErrorCode::duplicate_override, overrides[i],
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
          ErrorCode::unknown_input, inputs[i],
          fmt::format("input `{}` is not a node of the graph: no function takes a parameter of "
                      "that name",
                      inputs[i]),
          g.suggest(inputs[i])));
      continue;
    }
    const GraphNode& node = g.nodes[idx];
    if (node.role == NodeRole::config) {
      problems.push_back(request_problem(
          ErrorCode::input_is_config, inputs[i],
          fmt::format("`{}` is given both as config and as an input; give it in one place only "
                      "(use overrides to replace a config value for one run)",
                      inputs[i])));
      continue;
    }
    if (node.role == NodeRole::function) {
      problems.push_back(request_problem(
          ErrorCode::input_is_function, inputs[i],
          fmt::format("input `{}` names a node that is {}; to replace its value for this run, "
                      "pass it in overrides instead of inputs",
                      inputs[i], role_description(node))));
      continue;
    }
    if (given[idx] == given_override) {
      problems.push_back(request_problem(
          ErrorCode::input_is_override, inputs[i],
          fmt::format("`{}` is given both as an input and as an override; give it once",
                      inputs[i])));
      continue;
    }
    if (given[idx] == given_input) {
      problems.push_back(request_problem(ErrorCode::duplicate_input, inputs[i],
                                         fmt::format("input `{}` is given twice", inputs[i])));
      continue;
    }
    given[idx] = given_input;
    input_nodes[i] = idx;
  }
}

// The requested outputs: each names a node, once.
void resolve_outputs(const GraphImpl& g, const std::vector<std::string>& outputs, Request& r,
                     std::vector<Problem>& problems) {
  auto& output_nodes = r.output_nodes;
  auto& requested = r.requested;
  for (const auto& name : outputs) {
    auto idx = g.find(name);
    if (idx == kNoNode) {
      problems.push_back(request_problem(
          ErrorCode::unknown_output, name,
          fmt::format("requested output `{}` is not a node of the graph", name), g.suggest(name)));
      continue;
    }
    if (requested[idx]) {
      problems.push_back(request_problem(ErrorCode::duplicate_output, name,
                                         fmt::format("output `{}` is requested twice", name)));
      continue;
    }
    requested[idx] = true;
    output_nodes.push_back(idx);
  }
}

// The needed subgraph (upstream of the outputs, stopping at what is given), every required
// input that is not given (with its consumers), and outputs inside parallel blocks.
void find_needed(const GraphImpl& g, const std::vector<std::string>& inputs, Request& r,
                 std::vector<Problem>& problems) {
  using enum Request::Given;
  const auto& given = r.given;
  const auto& output_nodes = r.output_nodes;
  auto& needed = r.needed;
  std::vector<std::uint32_t> stack(output_nodes);
  for (auto o : output_nodes) needed[o] = true;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> missing;  // input -> consumers
  std::vector<std::uint32_t> missing_order;
  while (!stack.empty()) {
    auto u = stack.back();
    stack.pop_back();
    const GraphNode& node = g.nodes[u];
    if (given[u] != none || node.role != NodeRole::function) continue;
    // a node inside a parallel block needs the Parallelizable node of the block (its items)
    if (node.block != kNoNode && !needed[node.block]) {
      needed[node.block] = true;
      stack.push_back(node.block);
    }
    for (const auto& d : node.dependencies) {
      if (d.node == kNoNode) continue;  // a bound literal
      if (d.parameter.collect_item) {   // gathering needs the block's items, even if overridden
        std::uint32_t b = value_block(g, d.node);
        if (b != kNoNode && !needed[b]) {
          needed[b] = true;
          stack.push_back(b);
        }
      }
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
    const GraphNode& input = g.nodes[in];
    if (!self && !input.near_node.empty()) {
      // most likely a misspelt parameter: say which node it was meant to read, and where
      std::string consumers;
      for (std::size_t i = 0; i < who.size(); ++i) {
        const GraphNode& c = g.nodes[who[i]];
        consumers += fmt::format("{}`{}` (module {}, {})", i ? ", " : "", c.name, c.module,
                                 c.location.to_string());
      }
      problems.push_back(request_problem(
          ErrorCode::missing_input, input.name,
          fmt::format("required input `{}` is not given; needed by {}; did you mean the node "
                      "`{}`? No node is named `{}`, so the parameter is an external input: "
                      "rename the parameter to `{}` to read that node (or pass `{}` in inputs)",
                      input.name, consumers, input.near_node, input.name, input.near_node,
                      input.name),
          input.near_node));
      continue;
    }
    problems.push_back(request_problem(
        ErrorCode::missing_input, g.nodes[in].name,
        self ? fmt::format("required input `{}` is requested as an output but not given",
                           g.nodes[in].name)
             : fmt::format("required input `{}` is not given; needed by {}; pass it in inputs",
                           g.nodes[in].name, names),
        s.best()));
  }
  for (auto o : output_nodes) {
    const GraphNode& node = g.nodes[o];
    if (given[o] != none || node.role != NodeRole::function || node.block == kNoNode) continue;
    problems.push_back(request_problem(
        ErrorCode::block_output, node.name,
        fmt::format("requested output `{}` is inside the parallel block of `{}`: it has one value "
                    "per item; request a node that gathers it with a hamilton::Collect<{}> "
                    "parameter instead (or `{}` itself for the items)",
                    node.name, g.nodes[node.block].name,
                    node.any_type ? std::string("T") : node.type->name(),
                    g.nodes[node.block].name)));
  }
}

// Data-quality results are kept to the end of the run and handed back beside the outputs
// (not those inside a parallel block: they have one value per item).
std::vector<bool> retained_nodes(const GraphImpl& g, const Request& r) {
  std::vector<bool> retained(g.nodes.size(), false);
  for (std::uint32_t i = 0; i < g.nodes.size(); ++i) {
    if (!r.needed[i] || g.nodes[i].tags.find(kDataQualityResultTag) == g.nodes[i].tags.end())
      continue;
    if (r.given[i] == Request::none && g.nodes[i].block != kNoNode) continue;
    retained[i] = true;
  }
  return retained;
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
  Request r;
  r.given.assign(n, Request::none);
  r.requested.assign(n, false);
  r.needed.assign(n, false);
  resolve_given(g, inputs, overrides, r, problems);
  resolve_outputs(g, outputs, r, problems);
  find_needed(g, inputs, r, problems);
  if (problems.size() != before) return nullptr;

  // one planner: a request without parallel blocks is its top level alone
  std::vector<bool> retained = retained_nodes(g, r);
  BlockPlanner planner(graph_ptr, r.needed, r.given, r.requested, retained);
  auto plan = planner.build();
  std::vector<std::string> retained_names;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!retained[i]) continue;
    retained_names.push_back(g.nodes[i].name);
    plan->retained_slots.push_back(plan->node_slot[i]);
  }
  plan->retained_per_item.assign(plan->retained_slots.size(), false);
  for (std::uint32_t v : planner.block_results()) {
    const std::uint32_t slot = planner.block_result_slot(v);
    if (slot == kNoNode) continue;
    retained_names.push_back(g.nodes[v].name);
    plan->retained_slots.push_back(slot);
    plan->retained_per_item.push_back(true);
  }
  plan->retained_names =
      std::make_shared<const std::vector<std::string>>(std::move(retained_names));
  plan->input_names = inputs;
  plan->input_nodes = r.input_nodes;
  for (auto idx : r.input_nodes) plan->input_slots.push_back(plan->node_slot[idx]);
  plan->override_names = overrides;
  plan->override_nodes = r.override_nodes;
  for (auto idx : r.override_nodes) plan->override_slots.push_back(plan->node_slot[idx]);
  plan->output_names = planner.output_names(outputs);
  plan->output_nodes = r.output_nodes;
  for (auto idx : r.output_nodes) plan->output_slots.push_back(plan->node_slot[idx]);
  planner.share_outputs(*plan);
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
          std::string_view(what) == "input" ? ErrorCode::input_type : ErrorCode::override_type,
          name,
          fmt::format("{} `{}` has the wrong type: expected {}, given {}", what, name, want->name(),
                      value.has_value() ? value.type().name() : "an empty value")));
    }
  };
  check(inputs, "input");
  check(overrides, "override");
}

namespace {

// The RunStoppedError of a run without graceful failure that a deadline or a token stopped.
[[noreturn]] void throw_stopped(const PlanImpl& plan, const RunGuard& guard,
                                const std::vector<NodeFailure>& failures, const Value* slots) {
  const bool cancelled = failures.front().status == NodeStatus::cancelled;
  std::vector<std::string> not_run;
  for (const auto& f : failures)
    if (!f.item && (not_run.empty() || not_run.back() != f.node)) not_run.push_back(f.node);
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < plan.output_slots.size(); ++i)
    if (!slots[plan.output_slots[i]].has_value()) missing.push_back((*plan.output_names)[i]);
  constexpr std::size_t kShown = 10;
  std::string names;
  for (std::size_t i = 0; i < not_run.size() && i < kShown; ++i)
    names += fmt::format("{}`{}`", i ? ", " : "", not_run[i]);
  if (not_run.size() > kShown) names += fmt::format(" and {} more", not_run.size() - kShown);
  std::string message = fmt::format(
      "{} before {} node{} of the run could start ({}); without a value: output{} {}. Nodes "
      "that had started finished. To get the outputs that were computed, run with graceful "
      "failure (RunOptions::graceful or Builder::with_graceful_errors)",
      cancelled
          ? std::string("the run was cancelled")
          : fmt::format("the run's deadline passed {:.3f} ms after it started",
                        std::chrono::duration<double, std::milli>(guard.stopped_after()).count()),
      not_run.size(), not_run.size() == 1 ? "" : "s", names, missing.size() == 1 ? "" : "s",
      missing.empty() ? std::string("(none)") : fmt::format("`{}`", fmt::join(missing, "`, `")));
  throw RunStoppedError(cancelled, std::move(not_run), std::move(missing), message);
}

}  // namespace

Outputs run_plan(const PlanImpl& plan, const Executor& executor, const Hooks* hooks,
                 std::span<const Value> inputs, std::span<const Value> overrides, Outputs* retained,
                 const RunOptions* options, const GracefulErrors* graceful) {
  if (inputs.size() != plan.input_names.size() || overrides.size() != plan.override_names.size())
    throw Error(fmt::format(
        "this plan takes {} input value(s) and {} override value(s), in the "
        "order of Plan::inputs() and Plan::overrides(); {} and {} were given",
        plan.input_names.size(), plan.override_names.size(), inputs.size(), overrides.size()));
  const GraphImpl& g = *plan.graph;
  std::vector<Problem> problems;
  auto check = [&](const Value& v, std::uint32_t node, const std::string& name, const char* what) {
    const TypeInfo* want = expected_type(g.nodes[node]);
    if (want && !(v.type() == *want))
      problems.push_back(request_problem(
          std::string_view(what) == "input" ? ErrorCode::input_type : ErrorCode::override_type,
          name,
          fmt::format("{} `{}` has the wrong type: expected {}, given {}", what, name, want->name(),
                      v.has_value() ? v.type().name() : "an empty value")));
  };
  for (std::size_t i = 0; i < inputs.size(); ++i)
    check(inputs[i], plan.input_nodes[i], plan.input_names[i], "input");
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
  context.executor = &executor;
  // a deadline, a token or graceful failure: the executors run each step under a guard
  if (options && options->graceful) graceful = &*options->graceful;
  std::optional<RunGuard> guard;
  std::vector<std::uint32_t> marks;
  std::shared_ptr<const std::vector<NodeFailure>> failures;
  if (graceful || (options && (options->deadline || options->timeout ||
                               options->cancellation.can_be_cancelled()))) {
    guard.emplace(options, graceful);
    marks.assign(plan.slot_count, 0);
    context.guard = &*guard;
    context.marks = marks.data();
  }
  auto execute = [&] {
    ExecutorAccess::run(executor, plan, slots, context);
    if (!guard || !guard->any_failure()) return;
    auto list = guard->take_failures();
    if (!graceful) throw_stopped(plan, *guard, list, slots);
    failures = std::make_shared<const std::vector<NodeFailure>>(std::move(list));
  };
  if (context.hooks && !context.hooks->hooks.empty()) {
    GraphRun run = Access::make<GraphRun>(context.run_id, plan);
    for (const auto& h : context.hooks->hooks) h->run_before_graph_execution(run);
    try {
      execute();
    } catch (...) {
      auto error = std::current_exception();
      for (const auto& h : context.hooks->hooks) h->run_after_graph_execution(run, false, error);
      throw;
    }
    for (const auto& h : context.hooks->hooks) h->run_after_graph_execution(run, true, nullptr);
  } else {
    execute();
  }
  if (retained) {
    // the data-quality results of checks that ran (after graceful failure, some may not have)
    std::vector<std::string> names;
    std::vector<Value> kept;
    kept.reserve(plan.retained_slots.size());
    bool renamed = failures != nullptr;
    for (std::size_t i = 0; i < plan.retained_slots.size(); ++i) {
      const Value& v = slots[plan.retained_slots[i]];
      const std::string& name = (*plan.retained_names)[i];
      if (plan.retained_per_item[i]) {
        // a check inside a parallel block: one result per item, `<name>[<item>]`
        renamed = true;
        const auto* items = v.get_if<std::vector<Value>>();
        if (!items) continue;
        for (std::size_t k = 0; k < items->size(); ++k) {
          if (!(*items)[k].has_value()) continue;
          kept.push_back((*items)[k]);
          names.push_back(fmt::format("{}[{}]", name, k));
        }
        continue;
      }
      if (failures && !v.has_value()) continue;
      kept.push_back(v);
      names.push_back(name);
    }
    *retained =
        renamed ? Outputs(std::make_shared<const std::vector<std::string>>(names), std::move(kept))
                : Outputs(plan.retained_names, std::move(kept));
  }
  std::vector<Value> values;
  values.reserve(plan.output_slots.size());
  for (auto slot : plan.output_slots) values.push_back(std::move(slots[slot]));
  return Outputs(plan.output_names, std::move(values), std::move(failures));
}

}  // namespace hamilton::detail

namespace hamilton {

const std::vector<std::string>& Plan::outputs() const { return *impl_->output_names; }
const std::vector<std::string>& Plan::inputs() const { return impl_->input_names; }
const std::vector<std::string>& Plan::overrides() const { return impl_->override_names; }

std::vector<std::string> Plan::nodes() const {
  std::vector<std::string> out;
  detail::append_node_names(*impl_, out);
  return out;
}

Outputs Plan::execute(std::span<const Value> inputs, std::span<const Value> overrides) const {
  return detail::run_plan(*impl_, *executor_, hooks_.get(), inputs, overrides, nullptr, nullptr,
                          graceful_.get());
}

Outputs Plan::execute(const RunOptions& options, std::span<const Value> inputs,
                      std::span<const Value> overrides) const {
  return detail::run_plan(*impl_, *executor_, hooks_.get(), inputs, overrides, nullptr, &options,
                          graceful_.get());
}

Outputs Plan::execute(const Inputs& inputs, const Overrides& overrides) const {
  return execute(RunOptions{}, inputs, overrides);
}

Outputs Plan::execute(const RunOptions& options, const Inputs& inputs,
                      const Overrides& overrides) const {
  auto gather = [](const ValueMap& values, const std::vector<std::string>& names,
                   const char* what) {
    std::vector<Value> out;
    out.reserve(names.size());
    for (const auto& name : names) {
      auto it = values.find(name);
      if (it == values.end())
        throw InputError({Problem{
            std::string_view(what) == "input" ? ErrorCode::missing_input
                                              : ErrorCode::missing_override,
            name,
            {},
            {},
            fmt::format("this plan was compiled with {} `{}`, which is not given", what, name),
            {}}});
      out.push_back(it->second);
    }
    if (values.size() != names.size()) {
      for (const auto& [name, v] : values)
        if (std::find(names.begin(), names.end(), name) == names.end())
          throw InputError({Problem{std::string_view(what) == "input" ? ErrorCode::unknown_input
                                                                      : ErrorCode::unknown_override,
                                    name,
                                    {},
                                    {},
                                    fmt::format("this plan was not compiled with {} `{}`; compile "
                                                "a plan that takes it",
                                                what, name),
                                    detail::suggest(name, names)}});
    }
    return out;
  };
  auto in = gather(inputs, impl_->input_names, "input");
  auto ov = gather(overrides, impl_->override_names, "override");
  return detail::run_plan(*impl_, *executor_, hooks_.get(), in, ov, nullptr, &options,
                          graceful_.get());
}

}  // namespace hamilton

namespace hamilton {

void validate_request(const Graph& graph, const std::vector<std::string>& outputs,
                      const std::vector<std::string>& input_names,
                      const std::vector<std::string>& override_names) {
  std::vector<Problem> problems;
  detail::make_plan(graph.shared_impl(), outputs, input_names, override_names, problems);
  if (!problems.empty()) throw InputError(std::move(problems));
}

}  // namespace hamilton
