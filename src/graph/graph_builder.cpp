// Building a graph: modules + config -> modifiers applied, parameters resolved, edges
// type-checked, duplicates and cycles found, every problem reported together.
#include "graph/graph_builder.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <deque>
#include <iterator>
#include <queue>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/suggest.hpp"
#include "function_modifiers/apply.hpp"
#include "hamilton/registry/modifier.hpp"

namespace hamilton::detail {
namespace {

class Context final : public BuildContext {
 public:
  Context(const ValueMap& config, std::vector<Problem>& problems)
      : config_(config), problems_(problems) {}
  const ValueMap& config() const override { return config_; }
  void error(const NodeSpec& node, const std::string& modifier, const std::string& message,
             ErrorCode code) override {
    problems_.push_back(Problem{
        code, node.name, node.module, node.location, fmt::format("{}: {}", modifier, message), {}});
  }

 private:
  const ValueMap& config_;
  std::vector<Problem>& problems_;
};

Problem node_problem(ErrorCode code, const GraphNode& n, std::string message,
                     std::string suggestion = {}) {
  return Problem{code, n.name, n.module, n.location, std::move(message), std::move(suggestion)};
}

std::string where(const GraphNode& n) {
  if (n.role == NodeRole::config) return "config";
  if (n.role == NodeRole::input) return "external input";
  return fmt::format("module {}, {}", n.module, n.location.to_string());
}

// A Collect parameter whose producer is in no parallel block.
Problem collect_outside_block(const GraphNode& node, const Dependency& d,
                              const GraphNode& producer) {
  return node_problem(
      ErrorCode::collect_outside_block, node,
      fmt::format("parameter `{}` is a {} but `{}` ({}) is not inside a parallel block: no node "
                  "upstream of it returns hamilton::Parallelizable<T>; take it as a plain {}, or "
                  "make an upstream node return a Parallelizable",
                  d.parameter.name, d.parameter.type->name(), producer.name, where(producer),
                  d.parameter.collect_item->name()));
}

// Finds the dependency cycles among `remaining` nodes (those Kahn's algorithm could not order).
void report_cycles(const std::vector<GraphNode>& nodes, const std::vector<bool>& remaining,
                   std::vector<Problem>& problems) {
  enum : std::uint8_t { white, grey, black };
  std::vector<std::uint8_t> color(nodes.size(), white);
  for (std::uint32_t root = 0; root < nodes.size(); ++root) {
    if (!remaining[root] || color[root] != white) continue;
    // iterative DFS along dependency edges: (node, next dependency to visit)
    std::vector<std::pair<std::uint32_t, std::size_t>> stack{{root, 0}};
    color[root] = grey;
    while (!stack.empty()) {
      auto& [u, next] = stack.back();
      if (next < nodes[u].dependencies.size()) {
        std::uint32_t v = nodes[u].dependencies[next++].node;
        if (v == kNoNode || !remaining[v]) continue;
        if (color[v] == white) {
          color[v] = grey;
          stack.emplace_back(v, 0);
        } else if (color[v] == grey) {
          // the cycle is v ... u on the stack, then back to v
          std::vector<std::uint32_t> cycle;
          std::size_t k = stack.size();
          while (k > 0 && stack[k - 1].first != v) --k;
          for (std::size_t i = k - 1; i < stack.size(); ++i) cycle.push_back(stack[i].first);
          std::string path, locations;
          for (std::uint32_t c : cycle) {
            path += fmt::format("`{}` -> ", nodes[c].name);
            locations += fmt::format("\n       `{}` at {}", nodes[c].name, where(nodes[c]));
          }
          path += fmt::format("`{}`", nodes[v].name);
          problems.push_back(node_problem(
              ErrorCode::cycle, nodes[v],
              fmt::format("dependency cycle {} (each node takes the next one as a parameter); "
                          "a graph must be acyclic: rename a parameter or split a node to break "
                          "the cycle{}",
                          path, locations)));
        }
      } else {
        color[u] = black;
        stack.pop_back();
      }
    }
  }
}

// Parallel blocks. Every node reads its parameters in some block: a plain parameter reading a
// Parallelizable node reads an item (that node's block), one reading any other node reads it in
// that node's block, a Collect parameter reads in the block enclosing the gathered node's block.
// A node belongs to the innermost of these; they must nest (a node cannot mix two blocks).
void assign_blocks(std::vector<GraphNode>& nodes, const std::vector<std::uint32_t>& order,
                   std::vector<Problem>& problems) {
  bool any = false;
  for (const auto& node : nodes) any = any || node.expands();
  if (!any) {
    // without Parallelizable nodes, any Collect parameter gathers a node outside every block
    for (auto& node : nodes)
      for (const auto& d : node.dependencies)
        if (d.parameter.collect_item && d.node != kNoNode &&
            nodes[d.node].role == NodeRole::function)
          problems.push_back(collect_outside_block(node, d, nodes[d.node]));
    return;
  }
  auto value_block = [&](std::uint32_t u) { return nodes[u].expands() ? u : nodes[u].block; };
  auto encloses = [&](std::uint32_t outer, std::uint32_t inner) {
    if (outer == kNoNode) return true;
    for (; inner != kNoNode; inner = nodes[inner].block)
      if (inner == outer) return true;
    return false;
  };
  auto block_name = [&](std::uint32_t b) {
    return b == kNoNode ? std::string("the top level")
                        : fmt::format("the block of `{}`", nodes[b].name);
  };
  std::vector<std::pair<std::uint32_t, std::uint32_t>> collects;  // (collector, gathered block)
  for (std::uint32_t v : order) {
    GraphNode& node = nodes[v];
    if (node.role != NodeRole::function) continue;
    std::uint32_t best = kNoNode;
    std::size_t best_dep = 0;
    bool ok = true;
    for (std::size_t k = 0; k < node.dependencies.size() && ok; ++k) {
      const Dependency& d = node.dependencies[k];
      if (d.node == kNoNode || nodes[d.node].role != NodeRole::function) continue;
      std::uint32_t in = value_block(d.node);
      if (d.parameter.collect_item) {
        if (in == kNoNode) {
          problems.push_back(collect_outside_block(node, d, nodes[d.node]));
          ok = false;
          break;
        }
        collects.emplace_back(v, in);
        in = nodes[in].block;
      }
      if (encloses(in, best)) continue;
      if (encloses(best, in)) {
        best = in;
        best_dep = k;
        continue;
      }
      const Dependency& other = node.dependencies[best_dep];
      auto describe = [&](const Dependency& x) {
        return fmt::format(
            "`{}` through parameter `{}` ({})", nodes[x.node].name, x.parameter.name,
            x.parameter.collect_item
                ? fmt::format("collected in {}", block_name(nodes[value_block(x.node)].block))
                : "in " + block_name(value_block(x.node)));
      };
      problems.push_back(node_problem(
          ErrorCode::mixed_blocks, node,
          fmt::format("node `{}` reads {} and {}: values of two different parallel blocks can "
                      "only meet after each is gathered by a hamilton::Collect parameter",
                      node.name, describe(other), describe(d))));
      ok = false;
    }
    if (!ok) continue;
    node.block = best;
    // a node that gathers a block cannot also be inside it
    for (std::size_t k = 0; k < node.dependencies.size(); ++k) {
      const Dependency& d = node.dependencies[k];
      if (!d.parameter.collect_item || d.node == kNoNode) continue;
      std::uint32_t gathered = value_block(d.node);
      if (!encloses(gathered, best)) continue;
      const Dependency& direct = node.dependencies[best_dep];
      problems.push_back(node_problem(
          ErrorCode::collect_in_own_block, node,
          fmt::format("node `{}` gathers {} through its Collect parameter `{}`, but its parameter "
                      "`{}` reads `{}` directly, a node inside that block (it runs once per "
                      "item); read `{}` through a hamilton::Collect parameter too, or drop the "
                      "Collect to make `{}` part of the block",
                      node.name, block_name(gathered), d.parameter.name, direct.parameter.name,
                      nodes[direct.node].name, nodes[direct.node].name, node.name)));
      break;
    }
  }
  // a block cannot use the values gathered from itself
  std::sort(collects.begin(), collects.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  collects.erase(std::unique(collects.begin(), collects.end()), collects.end());
  std::vector<std::uint32_t> seen(nodes.size(), kNoNode);
  for (std::size_t i = 0; i < collects.size();) {
    const std::uint32_t block = collects[i].second;
    std::vector<std::uint32_t> stack;
    std::vector<std::uint32_t> via(nodes.size(), kNoNode);
    for (; i < collects.size() && collects[i].second == block; ++i) {
      std::uint32_t c = collects[i].first;
      if (seen[c] == block) continue;
      seen[c] = block;
      via[c] = c;
      stack.push_back(c);
    }
    while (!stack.empty()) {
      std::uint32_t u = stack.back();
      stack.pop_back();
      bool reported = false;
      for (std::uint32_t w : nodes[u].consumers) {
        if (seen[w] == block) continue;
        seen[w] = block;
        via[w] = via[u];
        if (encloses(block, nodes[w].block)) {
          problems.push_back(node_problem(
              ErrorCode::block_cycle, nodes[w],
              fmt::format("node `{}` is inside the block of `{}` but depends on `{}`, which "
                          "gathers that same block through a hamilton::Collect parameter: a "
                          "block cannot use its own collected values; move `{}` after the "
                          "collect, or fan out again from a new Parallelizable node",
                          nodes[w].name, nodes[block].name, nodes[via[w]].name, nodes[w].name)));
          reported = true;
          break;
        }
        stack.push_back(w);
      }
      if (reported) break;
    }
  }
}

// The state of one build, stage by stage (build_graph below runs the stages in order).
struct Assembly {
  Assembly(const ValueMap& c, const BuildOptions& o, std::vector<Problem>& p)
      : config(c), options(o), problems(p) {}
  const ValueMap& config;
  const BuildOptions& options;
  std::vector<Problem>& problems;
  std::vector<NodeSpec> specs;   // declared nodes, modifiers applied
  std::vector<bool> dropped;     // per spec: replaced by config, a duplicate, or overridden
  std::vector<GraphNode> nodes;  // functions, then config, then inputs
  NameIndex index;               // name -> position in `nodes`
  std::size_t function_count = 0;
  struct InputClaim {
    std::uint32_t consumer;
    std::size_t parameter;
  };
  std::unordered_map<std::uint32_t, std::vector<InputClaim>> input_claims;
  std::vector<std::uint32_t> order;  // topological

  std::string_view name_of(std::uint32_t i) const { return nodes[i].name; }
};

// The nodes the modifiers of `declared` made (specs[first...]) are usable: their names are valid,
// they have callables and types ... (what Module::add checks of a declared node, checked again
// for what modifiers, including a user's own, make). Those that are not are reported and dropped.
void check_made_specs(Assembly& a, const NodeSpec& declared, std::size_t first, bool as_added) {
  // without modifiers the node is the one Module::add checked (unless a module rewrite changed it)
  if (as_added && declared.modifiers.empty()) return;
  auto& specs = a.specs;
  std::size_t keep = first;
  for (std::size_t i = first; i < specs.size(); ++i) {
    NodeSpec& made = specs[i];
    auto found = node_spec_problems(made);
    if (found.empty()) {
      if (keep != i) specs[keep] = std::move(made);
      ++keep;
      continue;
    }
    std::string origin;
    if (!declared.modifiers.empty()) {
      std::vector<std::string> names;
      for (const auto& m : declared.modifiers)
        if (m) names.push_back(m->name());
      origin = fmt::format("made by the modifiers of function `{}` ({}): ", declared.function_name,
                           fmt::join(names, ", "));
    }
    for (auto& p : found)
      a.problems.push_back(Problem{
          p.code, made.name, made.module, made.location, origin + std::move(p.message), {}});
  }
  specs.erase(specs.begin() + static_cast<std::ptrdiff_t>(keep), specs.end());
}

// 1. nodes from every module, with modifiers applied
void expand_modules(Assembly& a, BuildContext& ctx, const std::vector<Module>& modules) {
  auto& specs = a.specs;
  auto& problems = a.problems;
  for (const Module& module : modules) {
    bool as_added = true;  // the specs are those Module::add checked
    auto expand = [&](const NodeSpec& spec) {
      if (!spec.errors.empty()) {
        for (const auto& e : spec.errors)
          problems.push_back(
              Problem{ErrorCode::bad_node, spec.name, spec.module, spec.location, e, {}});
        return;
      }
      const std::size_t first = specs.size();
      apply_modifiers(spec, ctx, specs);
      check_made_specs(a, spec, first, as_added);
    };
    // modifiers such as `mutate` first rewrite other functions of their module
    bool rewrites = false;
    module.visit_nodes([&](const NodeSpec& spec) {
      for (const auto& m : spec.modifiers)
        if (m && m->rewrites_module()) rewrites = true;
    });
    if (!rewrites) {
      module.visit_nodes(expand);
      continue;
    }
    as_added = false;
    std::vector<NodeSpec> declared = module.nodes();
    const std::vector<NodeSpec> owners = declared;
    for (const NodeSpec& owner : owners)
      for (const auto& m : owner.modifiers)
        if (m && m->rewrites_module()) m->rewrite_module(ctx, owner, declared);
    for (const NodeSpec& spec : declared) expand(spec);
  }
}

// 2. a config key replaces the function of the same name; duplicates are errors unless module
//    overrides are allowed (then the later module wins)
void drop_replaced_and_duplicates(Assembly& a) {
  auto& specs = a.specs;
  auto& problems = a.problems;
  const ValueMap& config = a.config;
  const BuildOptions& options = a.options;
  auto& dropped = a.dropped;
  dropped.assign(specs.size(), false);
  NameIndex by_name;
  by_name.reserve(specs.size());
  auto spec_name = [&specs](std::uint32_t i) -> std::string_view { return specs[i].name; };
  for (std::size_t i = 0; i < specs.size(); ++i) {
    NodeSpec& n = specs[i];
    if (config.find(n.name) != config.end()) {
      dropped[i] = true;
      continue;
    }
    const auto here = static_cast<std::uint32_t>(i);
    const std::uint32_t first = by_name.insert(n.name, here, spec_name);
    if (first == here) continue;
    NodeSpec& prev = specs[first];
    if (options.allow_module_overrides && prev.module != n.module) {
      dropped[first] = true;
      by_name.assign(n.name, here, spec_name);
      continue;
    }
    dropped[i] = true;
    if (prev.function_name != n.function_name && prev.tags.count("hamilton.config") &&
        n.tags.count("hamilton.config")) {
      // two config variants (config_when ...) of one node both apply
      problems.push_back(Problem{
          ErrorCode::config_conflict,
          n.name,
          n.module,
          n.location,
          fmt::format("two config variants of `{}` both apply for this config: `{}` (module {}, "
                      "{}) and `{}` (module {}, {}); make their config conditions mutually "
                      "exclusive (they read {})",
                      n.name, prev.function_name, prev.module, prev.location.to_string(),
                      n.function_name, n.module, n.location.to_string(),
                      fmt::join(n.tags.at("hamilton.config"), ", ")),
          {}});
      continue;
    }
    problems.push_back(Problem{
        ErrorCode::duplicate_node,
        n.name,
        n.module,
        n.location,
        fmt::format("`{}` is defined more than once: here and in module {} at {}; rename one of "
                    "them{}",
                    n.name, prev.module, prev.location.to_string(),
                    prev.module != n.module
                        ? ", or call Builder::allow_module_overrides() to let the later module win"
                        : ""),
        {}});
  }
}

// 3. function nodes, then config nodes
void make_nodes(Assembly& a) {
  auto& specs = a.specs;
  const ValueMap& config = a.config;
  auto& nodes = a.nodes;
  auto& index = a.index;
  const auto& dropped = a.dropped;
  // capacity for every node this can make (inputs included): references into `nodes` stay valid
  std::size_t capacity = specs.size() + config.size();
  for (const auto& s : specs) capacity += s.parameters.size();
  nodes.reserve(capacity);
  index.reserve(specs.size() + config.size());
  auto name_of = [&a](std::uint32_t i) { return a.name_of(i); };
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (dropped[i]) continue;
    NodeSpec& s = specs[i];
    GraphNode& g = nodes.emplace_back();  // made in place: `nodes` has the capacity
    g.name = std::move(s.name);
    g.role = NodeRole::function;
    g.type = s.type;
    g.any_type = s.returns_any;
    g.item_type = s.item_type;
    g.split = s.split;
    g.doc = std::move(s.doc);
    g.version = std::move(s.version);
    g.tags = std::move(s.tags);
    g.module = std::move(s.module);
    if (g.tags.find("module") == g.tags.end()) g.tags.emplace("module", TagValues{g.module});
    g.location = std::move(s.location);
    g.function_name = std::move(s.function_name);
    g.callable = std::move(s.callable);
    g.dependencies.reserve(s.parameters.size());
    for (auto& p : s.parameters) g.dependencies.emplace_back().parameter = std::move(p);
    index.insert(g.name, static_cast<std::uint32_t>(nodes.size() - 1), name_of);
  }
  a.function_count = nodes.size();
  for (const auto& [key, value] : config) {
    GraphNode g;
    g.name = key;
    g.role = NodeRole::config;
    g.type = &value.type();
    g.value = value;
    g.tags.emplace("module", TagValues{"config"});
    nodes.push_back(std::move(g));
    index.insert(nodes.back().name, static_cast<std::uint32_t>(nodes.size() - 1), name_of);
  }
}

// A literal bound to a parameter (`value(...)`): reads no node; converted losslessly to the
// parameter's type, or a problem.
void bind_literal(Assembly& a, const GraphNode& consumer, Dependency& d) {
  const Parameter& p = d.parameter;
  const TypeInfo& vt = p.value.type();
  if (p.any || vt == *p.type) {
    d.converted = p.value;
  } else if (Value c = vt.is_arithmetic() && p.type->is_arithmetic()
                           ? p.type->from_double(vt.to_double(p.value.data()))
                           : Value();
             c && p.type->to_double(c.data()) == vt.to_double(p.value.data())) {
    d.converted = std::move(c);
  } else {
    a.problems.push_back(
        node_problem(ErrorCode::bound_value_type, consumer,
                     fmt::format("parameter `{}` is a {} but the value bound to it is a {}", p.name,
                                 p.type->name(), vt.name())));
  }
}

// An edge from a function node: the types match (a Parallelizable node gives one item, a
// Collect parameter gathers items), or the value is checked at run time.
void check_function_edge(Assembly& a, const GraphNode& prod, const GraphNode& cons, Dependency& d) {
  const Parameter& p = d.parameter;
  // a plain parameter reading a Parallelizable<T> node takes one item, a T; a Collect<T>
  // parameter gathers values of type T
  const TypeInfo& produced = prod.item_type ? *prod.item_type : *prod.type;
  const TypeInfo& taken = p.collect_item ? *p.collect_item : *p.type;
  if (prod.any_type) {
    if (!p.collect_item) d.check_at_run_time = true;  // Collect<T> checks each item
  } else if (p.collect_item && !(produced == taken)) {
    a.problems.push_back(node_problem(
        ErrorCode::collect_type, cons,
        prod.item_type
            ? fmt::format("parameter `{}` is a {} but node `{}` ({}) returns a {}, whose "
                          "items are {}; declare the parameter as hamilton::Collect<{}>",
                          p.name, p.type->name(), prod.name, where(prod), prod.type->name(),
                          produced.name(), produced.name())
            : fmt::format("parameter `{}` is a {} (one {} per item) but node `{}` ({}) "
                          "produces a {}; declare the parameter as hamilton::Collect<{}>",
                          p.name, p.type->name(), taken.name(), prod.name, where(prod),
                          produced.name(), produced.name())));
  } else if (prod.item_type && !(produced == taken)) {
    a.problems.push_back(node_problem(
        ErrorCode::item_type, cons,
        fmt::format("parameter `{}` is a {} but node `{}` ({}) returns a {}: a parameter "
                    "reading it receives one item at a time, a {}; declare the parameter "
                    "as {} (or as hamilton::Collect<{}> to gather the items)",
                    p.name, p.type->name(), prod.name, where(prod), prod.type->name(),
                    produced.name(), produced.name(), produced.name())));
  } else if (!(produced == taken)) {
    a.problems.push_back(node_problem(
        ErrorCode::type_mismatch, cons,
        fmt::format("parameter `{}` is a {} but node `{}` ({}) produces a {}; change one of "
                    "the two types so that they match",
                    p.name, p.type->name(), prod.name, where(prod), prod.type->name())));
  }
}

// An edge from a config value: the same type, or an arithmetic value converted without loss.
void check_config_edge(Assembly& a, const GraphNode& prod, const GraphNode& cons, Dependency& d) {
  const Parameter& p = d.parameter;
  const TypeInfo& vt = prod.value.type();
  if (vt == *p.type) return;
  if (vt.is_arithmetic() && p.type->is_arithmetic()) {
    double x = vt.to_double(prod.value.data());
    Value converted = p.type->from_double(x);
    if (converted && p.type->to_double(converted.data()) == x) {
      d.converted = std::move(converted);
      return;
    }
    a.problems.push_back(node_problem(
        ErrorCode::config_type, cons,
        fmt::format("parameter `{}` is a {} but config `{}` = {} ({}) cannot be converted to "
                    "it without loss; give the config value as a {}",
                    p.name, p.type->name(), prod.name, x, vt.name(), p.type->name())));
    return;
  }
  a.problems.push_back(node_problem(
      ErrorCode::config_type, cons,
      fmt::format("parameter `{}` is a {} but config `{}` holds a {}; give the config value as "
                  "a {}",
                  p.name, p.type->name(), prod.name, vt.name(), p.type->name())));
}

// Every parameter resolved to its producer (a function, a config value, a bound literal, or a
// new input node), every edge type-checked.
void resolve_parameters(Assembly& a) {
  auto& nodes = a.nodes;
  auto& index = a.index;
  auto& problems = a.problems;
  auto& input_claims = a.input_claims;
  const std::size_t function_count = a.function_count;
  auto name_of = [&a](std::uint32_t i) { return a.name_of(i); };
  for (std::uint32_t c = 0; c < function_count; ++c) {
    for (std::size_t k = 0; k < nodes[c].dependencies.size(); ++k) {
      Dependency& d = nodes[c].dependencies[k];
      const Parameter& p = d.parameter;
      if (p.is_bound()) {  // a literal: no node to read
        d.node = kNoNode;
        bind_literal(a, nodes[c], d);
        continue;
      }
      std::uint32_t producer = index.find(p.node_name(), name_of);
      if (producer == NameIndex::npos) {
        GraphNode g;
        g.name = p.node_name();
        g.role = NodeRole::input;
        g.tags.emplace("module", TagValues{"inputs"});
        producer = static_cast<std::uint32_t>(nodes.size());
        nodes.push_back(std::move(g));
        index.insert(nodes.back().name, producer, name_of);
      }
      d.node = producer;
      GraphNode& prod = nodes[producer];
      GraphNode& cons = nodes[c];
      if (p.collect_item && prod.role != NodeRole::function) {
        problems.push_back(node_problem(
            ErrorCode::collect_outside_block, cons,
            fmt::format("parameter `{}` is a {} but `{}` is {}, not a node inside a parallel "
                        "block: a Collect gathers the per-item values of a node downstream of a "
                        "node returning hamilton::Parallelizable<T>; take it as a plain {}",
                        p.name, p.type->name(), prod.name,
                        prod.role == NodeRole::config ? "a config value" : "an external input",
                        p.collect_item->name())));
        continue;
      }
      if (prod.role == NodeRole::input) {
        input_claims[producer].push_back({c, k});
        continue;
      }
      if (p.any) continue;
      if (prod.role == NodeRole::function) {
        check_function_edge(a, prod, cons, d);
      } else {
        check_config_edge(a, prod, cons, d);
      }
    }
  }
}

// inputs: consumers must agree on the type
void check_input_types(Assembly& a) {
  auto& input_claims = a.input_claims;
  auto& nodes = a.nodes;
  auto& problems = a.problems;
  for (auto& [input, claims] : input_claims) {
    GraphNode& in = nodes[input];
    const Parameter* first_typed = nullptr;
    std::uint32_t first_consumer = 0;
    for (const auto& claim : claims) {
      const Parameter& p = nodes[claim.consumer].dependencies[claim.parameter].parameter;
      if (!p.optional) in.required = true;
      if (p.any) continue;
      if (!first_typed) {
        first_typed = &p;
        first_consumer = claim.consumer;
        in.type = p.type;
        continue;
      }
      if (!(*p.type == *first_typed->type)) {
        const GraphNode& a = nodes[first_consumer];
        const GraphNode& b = nodes[claim.consumer];
        problems.push_back(node_problem(
            ErrorCode::input_type_conflict, b,
            fmt::format("external input `{}` is taken as a {} here but as a {} by node `{}` ({}); "
                        "the consumers of one input must agree on its type",
                        in.name, p.type->name(), first_typed->type->name(), a.name, where(a))));
      }
    }
    if (!first_typed) in.any_type = true;
  }
}

// External inputs named one or two edits from a function node: most likely a misspelt parameter
// (`revenu` beside `revenue`). One diagnostic per consuming parameter, at the consumer.
std::vector<Problem> near_name_inputs(Assembly& a) {
  std::vector<Problem> found;
  auto& nodes = a.nodes;
  for (auto& [input, claims] : a.input_claims) {
    GraphNode& in = nodes[input];
    std::size_t best = 0;
    std::uint32_t near = kNoNode;
    for (std::uint32_t f = 0; f < a.function_count; ++f) {
      std::size_t d = near_name_distance(in.name, nodes[f].name);
      if (d != 0 && (near == kNoNode || d < best)) {
        best = d;
        near = f;
      }
    }
    if (near == kNoNode) continue;
    in.near_node = nodes[near].name;
    const GraphNode& target = nodes[near];
    for (const auto& claim : claims) {
      const GraphNode& consumer = nodes[claim.consumer];
      found.push_back(node_problem(
          ErrorCode::input_near_node, consumer,
          fmt::format("parameter `{}` of `{}` reads no node, so it is an external input, but its "
                      "name is {} from the node `{}` ({}): if `{}` should read that node, rename "
                      "the parameter to `{}`; if `{}` is meant to be an input, give it a name "
                      "further from `{}`",
                      in.name, consumer.name, best == 1 ? "one edit" : "two edits", target.name,
                      where(target), consumer.name, target.name, in.name, target.name),
          target.name));
    }
  }
  std::sort(found.begin(), found.end(), [](const Problem& x, const Problem& y) {
    return std::tie(x.location.file, x.location.line, x.node, x.message) <
           std::tie(y.location.file, y.location.line, y.node, y.message);
  });
  return found;
}

// 4. topological order (Kahn), cycles reported with their path. Inputs and config come first;
//    among the functions that are ready, the one declared first goes first, so a module written
//    in dependency order runs in the order it reads (which also keeps few intermediates alive at
//    once).
void order_nodes(Assembly& a) {
  auto& nodes = a.nodes;
  auto& order = a.order;
  const std::size_t function_count = a.function_count;
  const std::size_t n = nodes.size();
  std::vector<std::uint32_t> indegree(n, 0);
  for (std::uint32_t c = 0; c < n; ++c) {
    for (const auto& d : nodes[c].dependencies) {
      if (d.node == kNoNode) continue;
      nodes[d.node].consumers.push_back(c);
      ++indegree[c];
    }
  }
  order.reserve(n);
  std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> ready;
  auto release = [&](std::uint32_t u) {
    for (std::uint32_t c : nodes[u].consumers)
      if (--indegree[c] == 0) ready.push(c);
  };
  for (std::uint32_t i = 0; i < function_count; ++i)
    if (indegree[i] == 0) ready.push(i);
  for (std::uint32_t i = static_cast<std::uint32_t>(function_count); i < n; ++i) {
    order.push_back(i);
    release(i);
  }
  while (!ready.empty()) {
    std::uint32_t u = ready.top();
    ready.pop();
    order.push_back(u);
    release(u);
  }
  if (order.size() != n) {
    std::vector<bool> remaining(n, true);
    for (std::uint32_t i : order) remaining[i] = false;
    report_cycles(nodes, remaining, a.problems);
  }
}

// 5. the immutable graph, nodes renumbered in topological order
std::shared_ptr<GraphImpl> freeze(Assembly& a) {
  auto& nodes = a.nodes;
  const auto& order = a.order;
  const std::size_t n = nodes.size();
  auto graph = std::make_shared<GraphImpl>();
  graph->config = a.config;
  std::vector<std::uint32_t> position(n);
  for (std::uint32_t i = 0; i < n; ++i) position[order[i]] = i;
  graph->nodes.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) graph->nodes.push_back(std::move(nodes[order[i]]));
  graph->index.reserve(n);
  auto final_name = [&g = graph->nodes](std::uint32_t i) -> std::string_view { return g[i].name; };
  for (std::uint32_t i = 0; i < n; ++i) {
    GraphNode& g = graph->nodes[i];
    for (auto& d : g.dependencies)
      if (d.node != kNoNode) d.node = position[d.node];
    for (auto& c : g.consumers) c = position[c];
    if (g.block != kNoNode) g.block = position[g.block];
    graph->index.insert(g.name, i, final_name);
  }
  return graph;
}

}  // namespace

std::shared_ptr<const GraphImpl> build_graph(const std::vector<Module>& modules,
                                             const ValueMap& config, const BuildOptions& options,
                                             std::vector<Problem> problems) {
  Context ctx(config, problems);
  Assembly a(config, options, problems);
  expand_modules(a, ctx, modules);
  drop_replaced_and_duplicates(a);
  make_nodes(a);
  resolve_parameters(a);
  check_input_types(a);
  std::vector<Problem> diagnostics = near_name_inputs(a);
  if (options.near_name_inputs_as_errors)
    problems.insert(problems.end(), std::make_move_iterator(diagnostics.begin()),
                    std::make_move_iterator(diagnostics.end()));
  order_nodes(a);
  if (a.order.size() == a.nodes.size()) assign_blocks(a.nodes, a.order, problems);
  if (!options.checks.empty()) {
    const BuildView view{a.nodes, a.index, config};
    for (const auto& check : options.checks) check(view, problems);
  }
  if (!problems.empty()) throw GraphError(std::move(problems));
  auto graph = freeze(a);
  if (!options.near_name_inputs_as_errors) graph->diagnostics = std::move(diagnostics);
  return graph;
}

}  // namespace hamilton::detail
