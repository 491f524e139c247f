// Driver::materialize: the graph built again with the materializers' nodes, then the savers run
// (Python Hamilton's Driver.materialize and visualize_materialization's graph).
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "common/access.hpp"
#include "common/suggest.hpp"
#include "driver/cache_run.hpp"
#include "driver/driver_state.hpp"
#include "function_modifiers/io_nodes.hpp"
#include "graph/graph_impl.hpp"
#include "hamilton/driver/driver.hpp"

namespace hamilton {
namespace {

struct Prepared {
  Driver driver;
  std::vector<std::string> saver_ids;
};

const TypeInfo* node_type(const detail::GraphImpl& g, std::uint32_t i) {
  const auto& n = g.nodes[i];
  if (n.any_type) return nullptr;
  return n.type;
}

std::string nearest(const detail::GraphImpl& g, std::string_view name) { return g.suggest(name); }

std::string with_suggestion(std::string message, const std::string& suggestion) {
  if (!suggestion.empty()) message += fmt::format(" (did you mean `{}`?)", suggestion);
  return message;
}

}  // namespace

namespace detail {
// Checks the materializers against the graph of `state`, then builds the graph with their nodes.
// Every problem is reported at once in an InputError.
Driver materialization_driver(const DriverState& state,
                              const std::vector<Materializer>& materializers,
                              std::vector<std::string>* saver_ids) {
  const GraphImpl& g = state.graph.impl();
  std::vector<Problem> problems;
  auto problem = [&](ErrorCode code, const std::string& node, std::string message,
                     std::string suggestion = {}) {
    problems.push_back(Problem{code, node, {}, {}, std::move(message), std::move(suggestion)});
  };
  Module extra("materializers");
  std::set<std::string> added;  // node names the materializers add
  for (const auto& m : materializers) {
    if (const auto* e = std::get_if<Extract>(&m)) {
      const std::string origin = "from_::" + e->format;
      std::optional<io::Loader> loader;
      try {
        loader = io::find_loader(e->format);
      } catch (const io::IoError& err) {
        problem(ErrorCode::bad_input, e->target,
                fmt::format("{} for node `{}`: {}", origin, e->target, err.what()));
      }
      const std::uint32_t i = g.find(e->target);
      if (i == kNoNode) {
        std::string s = nearest(g, e->target);
        problem(
            ErrorCode::unknown_target, e->target,
            with_suggestion(
                fmt::format("{}: the graph has no node `{}` to load into", origin, e->target), s),
            s);
        continue;
      }
      if (g.nodes[i].role == NodeRole::config)
        problem(ErrorCode::bad_input, e->target,
                fmt::format("{}: `{}` is a config value; a loader replaces an input or a function",
                            origin, e->target));
      if (!added.insert(e->target).second)
        problem(ErrorCode::duplicate_node, e->target,
                fmt::format("{}: node `{}` is loaded twice; keep one loader per node", origin,
                            e->target));
      const TypeInfo* type = node_type(g, i);
      if (loader) {
        for (auto& p : io::argument_problems(origin + " for node `" + e->target + "`", e->args,
                                             loader->required, loader->optional))
          problem(ErrorCode::bad_input, e->target, std::move(p));
        if (type && loader->type && !(*type == *loader->type))
          problem(ErrorCode::type_mismatch, e->target,
                  fmt::format("{} for node `{}`: the {} loader makes a {}, but `{}` is a {} "
                              "(load it into a node of type {}, or register a loader of {})",
                              origin, e->target, e->format, loader->type->name(), e->target,
                              type->name(), loader->type->name(), type->name()));
      }
      for (auto& spec : detail::loader_nodes(e->format, e->args, e->target, type,
                                             "load_data." + e->target, e->target, origin))
        extra.add(std::move(spec));
      continue;
    }
    const auto& s = std::get<Materialize>(m);
    const std::string origin = "to::" + s.format;
    std::optional<io::Saver> saver;
    try {
      saver = io::find_saver(s.format);
    } catch (const io::IoError& err) {
      problem(ErrorCode::bad_input, s.id, fmt::format("{} `{}`: {}", origin, s.id, err.what()));
    }
    if (!is_valid_node_name(s.id)) {
      problem(ErrorCode::bad_name, s.id,
              fmt::format("{}: `{}` cannot name the saver's node ({})", origin, s.id,
                          node_name_rule()));
      continue;
    }
    if (g.find(s.id) != kNoNode || !added.insert(s.id).second)
      problem(ErrorCode::duplicate_node, s.id,
              fmt::format("{}: the id `{}` is already a node of the graph; give the saver another "
                          "id",
                          origin, s.id));
    bool deps_ok = !s.dependencies.empty();
    if (s.dependencies.empty())
      problem(ErrorCode::bad_input, s.id,
              fmt::format("{} `{}`: no dependencies; name the nodes to save", origin, s.id));
    for (const auto& d : s.dependencies) {
      if (g.find(d) != kNoNode || added.contains(d)) continue;
      deps_ok = false;
      std::string sug = nearest(g, d);
      problem(ErrorCode::unknown_output, s.id,
              with_suggestion(fmt::format("{} `{}` has a dependency that is not in the graph: `{}`",
                                          origin, s.id, d),
                              sug),
              sug);
    }
    if (!s.combine && s.dependencies.size() > 1)
      problem(ErrorCode::bad_input, s.id,
              fmt::format("{} `{}` saves {} nodes; give a result builder (combine) to join them "
                          "(e.g. a DataFrameResult), or save one node",
                          origin, s.id, s.dependencies.size()));
    if (saver) {
      for (auto& p : io::argument_problems(origin + " `" + s.id + "`", s.args, saver->required,
                                           saver->optional))
        problem(ErrorCode::bad_input, s.id, std::move(p));
      if (!s.combine && s.dependencies.size() == 1 && deps_ok && saver->type) {
        const std::uint32_t i = g.find(s.dependencies[0]);
        const TypeInfo* type = i == kNoNode ? nullptr : node_type(g, i);
        if (type && !(*type == *saver->type))
          problem(ErrorCode::type_mismatch, s.id,
                  fmt::format("{} `{}`: the {} saver writes a {}, but `{}` is a {} (save a node "
                              "of type {}, or combine nodes into one with a result builder)",
                              origin, s.id, s.format, saver->type->name(), s.dependencies[0],
                              type->name(), saver->type->name()));
      }
    }
    if (!deps_ok) continue;
    std::string saved = s.dependencies[0];
    if (s.combine) {
      saved = s.id + "_build_result";
      extra.add(detail::join_node(saved, s.dependencies, s.combine));
    }
    extra.add(detail::saver_node(s.format, s.args, s.id, saved, origin));
    if (saver_ids) saver_ids->push_back(s.id);
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  std::vector<Module> modules = state.modules;
  modules.push_back(extra);
  BuildOptions options = state.build_options;
  options.allow_module_overrides = true;  // `from_` replaces the node it loads
  auto graph = build_graph(modules, g.config, options, {});
  auto next = std::make_shared<DriverState>(Access::make<Graph>(std::move(graph)),
                                            state.result_builder, state.executor, state.hooks);
  next->graceful = state.graceful;
  next->cache = state.cache;
  if (next->cache) next->cache_behaviors = cache_behaviors(*next->cache, next->graph.impl());
  next->modules = std::move(modules);
  next->build_options = state.build_options;
  return Access::make<Driver>(std::move(next));
}
}  // namespace detail

Driver Driver::with_materializers(const std::vector<Materializer>& materializers) const {
  return detail::materialization_driver(*state_, materializers, nullptr);
}

MaterializeResult Driver::materialize(const std::vector<Materializer>& materializers,
                                      const std::vector<std::string>& additional_vars,
                                      const Inputs& inputs, const Overrides& overrides) const {
  std::vector<std::string> ids;
  Driver dr = detail::materialization_driver(*state_, materializers, &ids);
  std::vector<std::string> outputs = ids;
  for (const auto& v : additional_vars)
    if (std::find(outputs.begin(), outputs.end(), v) == outputs.end()) outputs.push_back(v);
  Outputs out = dr.raw_execute(outputs, inputs, overrides);
  MaterializeResult result;
  for (const auto& id : ids) result.metadata[id] = out.get<io::Metadata>(id);
  std::vector<Value> values;
  for (const auto& v : additional_vars) values.push_back(out.at(v));
  result.additional_vars =
      Outputs(std::make_shared<const std::vector<std::string>>(additional_vars), std::move(values));
  return result;
}

}  // namespace hamilton
