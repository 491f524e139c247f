// Running a request with the result cache: the look-up before the run, the node execution
// method of the run, and the build check of the options (src/driver/cache_run.hpp).
#include "driver/cache_run.hpp"

#include <fmt/format.h>

#include <iostream>
#include <mutex>
#include <optional>
#include <span>
#include <unordered_set>
#include <utility>

#include "caching/codec_io.hpp"
#include "common/access.hpp"
#include "common/suggest.hpp"
#include "driver/driver_state.hpp"
#include "executor/plan_impl.hpp"
#include "hamilton/caching/codec.hpp"
#include "io/load_library.hpp"

namespace hamilton::detail {

std::shared_ptr<caching::detail::CacheState> make_cache_state(const caching::CacheOptions& o) {
  if (!o.metadata_store || !o.result_store) io::detail::load_io_library();
  return std::make_shared<caching::detail::CacheState>(o);
}

namespace {

using caching::Actor;
using caching::Behavior;
using caching::EventType;
using caching::detail::CacheState;
using caching::detail::RunRecord;

constexpr std::string_view kUnhashable = "<unhashable>";

caching::detail::NodeKind kind_of(const GraphNode& n) {
  caching::detail::NodeKind k;
  k.expands = n.expands();
  k.data_quality = n.tags.count(kDataQualityResultTag) > 0;
  k.loader = n.tags.count("hamilton.data_loader") > 0;
  k.saver = n.tags.count("hamilton.data_saver") > 0;
  return k;
}

Behavior behavior_of(const CacheState& c, const GraphNode& n) {
  auto tag = n.tags.find(caching::kBehaviorTag);
  return c.behavior(n.name, tag == n.tags.end() ? nullptr : &tag->second, kind_of(n));
}

// A value's data version: "<none>" for an optional input that was not given, nullopt for a
// type with no codec or fingerprint (a loader's io::Loaded has one: io/formats.cpp).
std::optional<std::string> version_of_value(const Value& v) {
  if (!v.has_value()) return std::string("<none>");
  return caching::fingerprint(v);
}

std::string type_of(const Value& v) {
  return v.has_value() ? v.type().name() : std::string("empty value");
}

// What a node reads, versioned; `uncacheable` says why its key cannot be trusted (then the node
// is computed and not stored).
struct DependencyVersions {
  std::vector<std::pair<std::string, std::string>> versions;
  std::optional<std::string> uncacheable;
};

// ---- the node execution method of a cached run ----

class CacheMethod final : public NodeExecutionMethod {
 public:
  CacheMethod(std::shared_ptr<CacheState> cache, std::shared_ptr<RunRecord> run,
              const std::vector<Behavior>* behaviors, std::shared_ptr<NodeExecutionMethod> inner,
              std::unordered_set<std::string> user_overrides,
              std::unordered_set<std::string> compute_directly)
      : cache_(std::move(cache)),
        run_(std::move(run)),
        behaviors_(behaviors),
        inner_(std::move(inner)),
        user_overrides_(std::move(user_overrides)),
        compute_directly_(std::move(compute_directly)) {}

  Value run_to_execute_node(const NodeRun& node, const NodeCall& call) override {
    const PlanImpl& plan = Access::plan_of(node);
    const Step& step = Access::step_of(node);
    const GraphImpl& g = *plan.graph;
    const GraphNode& n = g.nodes[step.node];
    const bool in_block = n.block != kNoNode;
    const Behavior b = (*behaviors_)[step.node];

    if (n.expands() || b == Behavior::ignore || b == Behavior::disable)
      return execute(node, call, n, {});
    if (n.version.empty()) {
      Value v = execute(node, call, n,
                        "not cached: the node has no code version (give it one with "
                        "version(\"...\"), or build its module with hamilton_add_module)");
      if (!in_block) record(step.node, version_or_marker(v));
      return v;
    }
    DependencyVersions deps = dependency_versions(node, g, n);
    if (deps.uncacheable) {
      Value v = execute(node, call, n, *deps.uncacheable);
      if (!in_block) record(step.node, version_or_marker(v));
      return v;
    }
    std::vector<std::pair<std::string_view, std::string_view>> views(deps.versions.begin(),
                                                                     deps.versions.end());
    const std::string key = caching::detail::make_cache_key(n.name, n.version, views);
    if (!in_block) cache_->set_cache_key(*run_, step.node, key);
    cache_->log(*run_, Actor::adapter, EventType::set_cache_key, n.name, std::nullopt, {}, key);

    if (b == Behavior::default_ && !compute_directly_.count(n.name)) {
      if (auto found = lookup(n, key)) {
        if (!in_block) record(step.node, found->first);
        return std::move(found->second);
      }
    }
    Value v = execute(node, call, n, {});
    store(step.node, n, key, v, in_block);
    return v;
  }

 private:
  Value execute(const NodeRun& node, const NodeCall& call, const GraphNode& n, std::string why) {
    Value v;
    try {
      v = inner_ ? inner_->run_to_execute_node(node, call) : call();
    } catch (const std::exception& e) {
      cache_->log(*run_, Actor::adapter, EventType::failed_execution, n.name, std::nullopt,
                  e.what());
      throw;
    } catch (...) {
      cache_->log(*run_, Actor::adapter, EventType::failed_execution, n.name);
      throw;
    }
    cache_->log(*run_, Actor::adapter, EventType::execute_node, n.name, std::nullopt,
                std::move(why));
    return v;
  }

  void record(std::size_t index, std::string dv) {
    cache_->set_data_version(*run_, index, std::move(dv));
  }

  // A computed value's version for what reads it: its data version, or a marker that makes
  // them uncacheable (a type with no codec or fingerprint).
  std::string version_or_marker(const Value& v) {
    auto dv = version_of_value(v);
    return dv ? *dv : std::string(kUnhashable);
  }

  DependencyVersions dependency_versions(const NodeRun& run, const GraphImpl& g,
                                         const GraphNode& n) {
    DependencyVersions out;
    for (std::size_t i = 0; i < n.dependencies.size(); ++i) {
      const Dependency& d = n.dependencies[i];
      const GraphNode& p = g.nodes[d.node];
      const Value& arg = run.argument(i);
      std::optional<std::string> dv;
      if (p.role == NodeRole::function && !user_overrides_.count(p.name)) {
        const Behavior bp = (*behaviors_)[d.node];
        if (bp == Behavior::ignore) {
          out.versions.emplace_back(d.parameter.name, "<ignore>");
          continue;
        }
        if (bp == Behavior::disable) {
          out.uncacheable = fmt::format(
              "not cached: it reads `{}`, whose caching behaviour is disable (set it to ignore "
              "if what it is does not change this node's result)",
              p.name);
          return out;
        }
      }
      if (d.parameter.collect_item) {
        dv = collected_version(d, arg);
      } else if (d.converted.has_value()) {
        dv = version_of_value(d.converted);
      } else {
        // a value of this run's top level has its version recorded; an item of a block, or a
        // value inside one, is versioned by its content
        std::string recorded;
        if (!p.expands() && p.block == kNoNode) recorded = cache_->data_version(*run_, d.node);
        if (!recorded.empty())
          dv = std::move(recorded);
        else
          dv = version_of_value(arg);
      }
      if (!dv || *dv == kUnhashable) {
        out.uncacheable = fmt::format(
            "not cached: `{}` (a {}) has no data version; register a codec or a fingerprint for "
            "its type (caching::register_codec, register_fingerprint)",
            p.name, type_of(arg));
        cache_->log(*run_, Actor::adapter, EventType::unhashable_data_version, p.name, std::nullopt,
                    fmt::format("unhashable type {}", type_of(arg)));
        return out;
      }
      out.versions.emplace_back(d.parameter.name, std::move(*dv));
    }
    return out;
  }

  std::optional<std::string> collected_version(const Dependency& d, const Value& arg) {
    if (!d.parameter.collect_items || !arg.has_value()) return std::nullopt;
    std::string joined = "collect:";
    for (const Value& item : d.parameter.collect_items(arg)) {
      auto dv = version_of_value(item);
      if (!dv) return std::nullopt;
      joined += *dv;
      joined += ';';
    }
    return caching::detail::hash_hex(joined);
  }

  // The stored result of `key`, or nullopt (what went wrong is logged, and a bad entry removed).
  std::optional<std::pair<std::string, Value>> lookup(const GraphNode& n, const std::string& key) {
    auto dv = cache_->metadata->get(key);
    cache_->log(*run_, Actor::metadata_store, EventType::get_data_version, n.name, std::nullopt,
                dv ? "hit" : "miss", dv ? *dv : std::string());
    if (!dv) return std::nullopt;
    auto value = read_result(*cache_, *run_, n, key, *dv);
    if (!value) return std::nullopt;
    return std::make_pair(std::move(*dv), std::move(*value));
  }

  void store(std::uint32_t index, const GraphNode& n, const std::string& key, const Value& v,
             bool in_block) {
    std::string dv;
    const bool saver = n.tags.count("hamilton.data_saver") > 0;
    if (saver) {
      dv = n.name + "__metadata";  // Hamilton's: a save's metadata holds a time
    } else if (auto version = version_of_value(v)) {
      dv = std::move(*version);
    } else {
      cache_->log(*run_, Actor::adapter, EventType::unhashable_data_version, n.name, std::nullopt,
                  fmt::format("unhashable type {}; set Behavior::ignore to silence this warning",
                              type_of(v)));
      if (cache_->first_warning(n.name, "unhashable"))
        std::cerr << fmt::format(
            "hamilton cache warning: node `{}` returned a {}, which has no data "
            "version: it is recomputed on every run, and what reads it is not "
            "cached. Register a codec or a fingerprint for the type "
            "(caching::register_codec, register_fingerprint), or give the node "
            "the behaviour ignore.\n",
            n.name, type_of(v));
      if (!in_block) record(index, std::string(kUnhashable));
      return;
    }
    try {
      std::string msg;
      if (!saver) {
        if (cache_->results->exists(dv)) {
          msg = "already stored";
        } else if (!cache_->results->set(dv, v)) {
          msg = fmt::format("not stored: no codec is registered for {} (caching::register_codec)",
                            type_of(v));
        }
      } else {
        msg = "not stored: a saver runs each time it is needed";
      }
      cache_->log(*run_, Actor::result_store, EventType::set_result, n.name, std::nullopt,
                  std::move(msg), dv);
      cache_->metadata->set({key, dv, n.name, n.version}, run_->run_id);
      cache_->log(*run_, Actor::metadata_store, EventType::set_data_version, n.name, std::nullopt,
                  {}, dv);
    } catch (const std::exception& e) {
      // the value is computed: a cache that cannot keep it does not fail the run
      cache_->log(*run_, Actor::result_store, EventType::set_result, n.name, std::nullopt,
                  fmt::format("failed: {}", e.what()), dv);
      if (cache_->first_warning(n.name, "store"))
        std::cerr << fmt::format("hamilton cache warning: node `{}` could not be stored: {}\n",
                                 n.name, e.what());
    }
    if (!in_block) record(index, dv);
  }

 public:
  // Reads the result `dv` of node `n` (key `key`): nullopt if it is missing, and also if it
  // cannot be read back or has another type (then the entry is removed and the failure logged).
  static std::optional<Value> read_result(CacheState& cache, RunRecord& run, const GraphNode& n,
                                          const std::string& key, const std::string& dv) {
    std::optional<Value> value;
    std::string failure;
    try {
      value = cache.results->get(dv);
    } catch (const caching::CacheFormatError& e) {
      failure = e.what();
    }
    if (value && !n.any_type && value->type() != *n.type) {
      failure = fmt::format("the stored value is a {} but node `{}` returns a {}", type_of(*value),
                            n.name, n.type->name());
      value.reset();
    }
    if (!failure.empty()) {
      cache.log(run, Actor::result_store, EventType::failed_retrieval, n.name, std::nullopt,
                failure, dv);
      if (cache.first_warning(n.name + "\n" + dv, "retrieval"))
        std::cerr << fmt::format(
            "hamilton cache warning: the stored result of node `{}` cannot be read ({}); it is "
            "recomputed and stored again\n",
            n.name, failure);
      cache.metadata->remove(key);
      cache.results->remove(dv);
      return std::nullopt;
    }
    if (!value) {
      cache.log(run, Actor::result_store, EventType::missing_result, n.name, std::nullopt, {}, dv);
      return std::nullopt;
    }
    cache.log(run, Actor::result_store, EventType::get_result, n.name, std::nullopt, "hit", dv);
    return value;
  }

 private:
  std::shared_ptr<CacheState> cache_;
  std::shared_ptr<RunRecord> run_;
  const std::vector<Behavior>* behaviors_;  ///< by node of the run's graph (DriverState's)
  std::shared_ptr<NodeExecutionMethod> inner_;
  std::unordered_set<std::string> user_overrides_;
  std::unordered_set<std::string> compute_directly_;
};

// ---- the look-up before the run ----

// The nodes a request needs: the outputs and what they read, up to the overrides.
std::vector<bool> request_nodes(const GraphImpl& g, const std::vector<std::uint32_t>& outputs,
                                const std::vector<bool>& overridden) {
  std::vector<bool> in(g.nodes.size(), false);
  for (auto o : outputs) in[o] = true;
  for (std::size_t i = g.nodes.size(); i-- > 0;) {
    if (!in[i] || overridden[i] || g.nodes[i].role != NodeRole::function) continue;
    for (const auto& d : g.nodes[i].dependencies) in[d.node] = true;
  }
  return in;
}

}  // namespace

Outputs run_with_cache(const DriverState& state, const std::vector<std::string>& outputs,
                       const ValueMap& inputs, const ValueMap& overrides, Outputs* retained,
                       const RunOptions* options) {
  CacheState& cache = *state.cache;
  const GraphImpl& g = state.graph.impl();
  auto run = cache.start_run();
  const std::uint32_t n = static_cast<std::uint32_t>(g.nodes.size());
  const bool debug = cache.options.log_level == caching::LogLevel::debug;
  const std::vector<Behavior>& behaviors = state.cache_behaviors;
  std::vector<std::string> keys(n);
  {
    std::lock_guard lock(cache.mutex);
    run->index_of = [graph = state.graph.shared_impl()](std::string_view name) {
      const std::uint32_t i = graph->find(name);
      return i == kNoNode ? RunRecord::npos : static_cast<std::size_t>(i);
    };
    run->data_versions.resize(n);
    run->cache_keys.resize(n);
    run->request.outputs = outputs;
    for (const auto& [name, v] : inputs) run->request.inputs.push_back(name);
    for (const auto& [name, v] : overrides) run->request.overrides.push_back(name);
  }

  std::vector<std::uint32_t> output_nodes;
  bool known_request = true;
  for (const auto& o : outputs) {
    std::uint32_t i = g.find(o);
    if (i == kNoNode)
      known_request = false;
    else
      output_nodes.push_back(i);
    if (debug) cache.log(*run, Actor::adapter, EventType::is_final_var, o);
  }
  std::vector<bool> overridden(n, false);
  std::unordered_set<std::string> user_overrides;
  for (const auto& [name, v] : overrides) {
    user_overrides.insert(name);
    std::uint32_t i = g.find(name);
    if (i != kNoNode) overridden[i] = true;
  }

  ValueMap run_overrides = overrides;
  std::unordered_set<std::string> compute_directly;
  if (known_request) {
    const std::vector<bool> in = request_nodes(g, output_nodes, overridden);
    std::vector<std::optional<std::string>> known(n);  // data versions known before the run
    std::vector<bool> hit(n, false);
    auto record = [&](std::uint32_t i, std::string dv) { known[i] = std::move(dv); };
    static const std::string kIgnored = "<ignore>", kNone = "<none>";
    std::vector<std::pair<std::string_view, std::string_view>> deps;
    std::vector<std::string> converted;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!in[i]) continue;
      const GraphNode& node = g.nodes[i];
      if (overridden[i]) {
        auto dv = version_of_value(overrides.find(node.name)->second);
        if (dv) record(i, *dv);
        if (debug)
          cache.log(*run, Actor::adapter, EventType::is_override, node.name, std::nullopt, {},
                    dv.value_or(""));
        continue;
      }
      if (node.role == NodeRole::input) {
        auto it = inputs.find(node.name);
        if (it == inputs.end()) continue;  // an optional input not given reads as "<none>"
        auto dv = version_of_value(it->second);
        if (dv) record(i, *dv);
        if (debug)
          cache.log(*run, Actor::adapter, EventType::is_input, node.name, std::nullopt, {},
                    dv.value_or(""));
        continue;
      }
      if (node.role == NodeRole::config) {
        if (auto dv = version_of_value(node.value)) record(i, *dv);
        continue;
      }
      const Behavior b = behaviors[i];
      if (debug)
        cache.log(*run, Actor::adapter, EventType::resolve_behavior, node.name, std::nullopt, {},
                  std::string(caching::to_string(b)));
      if (node.block != kNoNode || node.expands() || b != Behavior::default_ ||
          node.version.empty())
        continue;  // decided when it runs
      deps.clear();
      converted.clear();
      converted.reserve(node.dependencies.size());  // `deps` views them: no reallocation
      bool all_known = true;
      for (const auto& d : node.dependencies) {
        const GraphNode& p = g.nodes[d.node];
        const std::string* dv = nullptr;
        if (p.role == NodeRole::function && !overridden[d.node]) {
          const Behavior bp = behaviors[d.node];
          if (bp == Behavior::ignore)
            dv = &kIgnored;
          else if (bp != Behavior::disable && known[d.node])
            dv = &*known[d.node];
        } else if (d.converted.has_value()) {
          if (auto v = version_of_value(d.converted)) dv = &converted.emplace_back(std::move(*v));
        } else if (p.role == NodeRole::input && !inputs.count(p.name)) {
          dv = &kNone;
        } else if (known[d.node]) {
          dv = &*known[d.node];
        }
        if (!dv || d.parameter.collect_item) {
          all_known = false;
          break;
        }
        deps.emplace_back(d.parameter.name, *dv);
      }
      if (!all_known) continue;
      keys[i] = caching::detail::make_cache_key(node.name, node.version, deps);
      auto dv = cache.metadata->get(keys[i]);
      if (debug)
        cache.log(*run, Actor::metadata_store, EventType::get_data_version, node.name, std::nullopt,
                  dv ? "hit" : "miss", dv.value_or(""));
      if (!dv) {
        compute_directly.insert(node.name);  // looked up already
        continue;
      }
      record(i, std::move(*dv));
      hit[i] = true;
    }

    // Which hits are read: walking back from the outputs, a hit is read and ends the walk, a
    // node that runs goes on to what it reads. A hit that cannot be read runs instead.
    std::vector<bool> reach(n, false);
    for (auto o : output_nodes) reach[o] = true;
    for (std::uint32_t i = n; i-- > 0;) {
      const GraphNode& node = g.nodes[i];
      if (!reach[i] || overridden[i] || node.role != NodeRole::function) continue;
      if (hit[i]) {
        if (auto v = CacheMethod::read_result(cache, *run, node, keys[i], *known[i])) {
          run_overrides[node.name] = std::move(*v);
          continue;
        }
        compute_directly.insert(node.name);
      }
      for (const auto& d : node.dependencies) reach[d.node] = true;
    }
    // what the run knows so far, for the node execution method and the log's readers (moved:
    // the walk above was their last use here)
    std::lock_guard lock(cache.mutex);
    for (std::uint32_t i = 0; i < n; ++i)
      if (known[i]) run->data_versions[i] = std::move(*known[i]);
    run->cache_keys = std::move(keys);
  }

  auto plan = plan_for(state, outputs, inputs, run_overrides);
  Hooks hooks = state.hooks ? *state.hooks : Hooks{};
  hooks.method =
      std::make_shared<CacheMethod>(state.cache, run, &state.cache_behaviors, hooks.method,
                                    std::move(user_overrides), std::move(compute_directly));
  std::vector<Value> input_values, override_values;
  for (const auto& [k, v] : inputs) input_values.push_back(v);
  for (const auto& [k, v] : run_overrides) override_values.push_back(v);
  return run_plan(*plan, *state.executor, &hooks, input_values, override_values, retained, options,
                  state.graceful.get());
}

std::vector<Behavior> cache_behaviors(const CacheState& cache, const GraphImpl& g) {
  std::vector<Behavior> out;
  out.reserve(g.nodes.size());
  for (const auto& node : g.nodes) out.push_back(behavior_of(cache, node));
  return out;
}

BuildCheck cache_options_check(std::shared_ptr<const caching::CacheOptions> options) {
  return [options = std::move(options)](const BuildView& graph, std::vector<Problem>& problems) {
    std::vector<std::string> names;
    names.reserve(graph.nodes.size());
    for (const auto& node : graph.nodes) names.push_back(node.name);
    const std::pair<const caching::Nodes*, Behavior> lists[] = {
        {&options->default_, Behavior::default_},
        {&options->recompute, Behavior::recompute},
        {&options->disable, Behavior::disable},
        {&options->ignore, Behavior::ignore}};
    std::unordered_map<std::string, Behavior> seen;
    for (const auto& [nodes, behavior] : lists) {
      for (const auto& name : nodes->names()) {
        if (graph.find(name) == kNoNode) {
          problems.push_back(Problem{
              ErrorCode::cache_option,
              name,
              {},
              {},
              fmt::format("with_cache: `{}` (given the behaviour {}) is not a node of the graph",
                          name, caching::to_string(behavior)),
              suggest(name, names)});
          continue;
        }
        auto [it, inserted] = seen.emplace(name, behavior);
        if (!inserted && it->second != behavior)
          problems.push_back(Problem{
              ErrorCode::cache_option,
              name,
              {},
              {},
              fmt::format("with_cache: node `{}` is given two behaviours, {} and {}; name it in "
                          "one list",
                          name, caching::to_string(it->second), caching::to_string(behavior)),
              {}});
      }
    }
    for (const auto& node : graph.nodes) {
      auto tag = node.tags.find(caching::kBehaviorTag);
      if (tag == node.tags.end()) continue;
      if (tag->second.size() == 1 && caching::behavior_from_string(tag->second.front())) continue;
      problems.push_back(
          Problem{ErrorCode::cache_option,
                  node.name,
                  node.module,
                  node.location,
                  fmt::format("the tag `{}` is \"{}\", which is no caching behaviour; use default, "
                              "recompute, disable or ignore (the cache(...) modifier)",
                              caching::kBehaviorTag, fmt::join(tag->second, ", ")),
                  {}});
    }
  };
}

}  // namespace hamilton::detail
