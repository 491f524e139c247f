#include "hamilton/driver/builder.hpp"

#include <fmt/format.h>

#include "common/access.hpp"
#include "common/suggest.hpp"
#include "driver/cache_run.hpp"
#include "driver/driver_state.hpp"
#include "graph/graph_builder.hpp"
#include "lifecycle/static_validation.hpp"
#include "registry/module_library.hpp"

namespace hamilton {

Builder::Builder()
    : result_builder_(std::make_shared<DictResult>()),
      executor_(std::make_shared<SequentialExecutor>()) {}

Builder& Builder::with_modules(const std::vector<std::string>& names) {
  for (const auto& n : names) add_module(n);
  return *this;
}

Builder& Builder::with_module_library(const std::string& path) {
  modules_.emplace_back(LibraryPath{path});
  return *this;
}

Builder& Builder::with_data_quality_disabled() {
  config_["hamilton.data_quality.disable_checks"] = true;
  return *this;
}

Builder& Builder::with_config(const Config& config) {
  for (const auto& [k, v] : config) config_[k] = v;
  return *this;
}

Builder& Builder::allow_module_overrides(bool allow) {
  allow_overrides_ = allow;
  return *this;
}

Builder& Builder::near_name_inputs_as_errors(bool as_errors) {
  near_names_as_errors_ = as_errors;
  return *this;
}

Builder& Builder::with_result_builder(std::shared_ptr<const ResultBuilder> builder) {
  if (!builder) throw Error("with_result_builder: the result builder is null");
  result_builder_ = std::move(builder);
  return *this;
}

Builder& Builder::with_executor(std::shared_ptr<const Executor> executor) {
  if (!executor) throw Error("with_executor: the executor is null");
  executor_ = std::move(executor);
  return *this;
}

void Builder::add_hook(std::shared_ptr<LifecycleHook> hook) {
  if (!hook) throw Error("with_hooks: a hook is null");
  hooks_.hooks.push_back(std::move(hook));
}

void Builder::add_static_validator(std::shared_ptr<lifecycle::StaticValidator> validator) {
  if (!validator) throw Error("with_hooks: a static validator is null");
  validators_.push_back(std::move(validator));
}

void Builder::add_construction_hook(std::shared_ptr<lifecycle::GraphConstructionHook> hook) {
  if (!hook) throw Error("with_hooks: a graph construction hook is null");
  construction_hooks_.push_back(std::move(hook));
}

Builder& Builder::with_node_execution_method(std::shared_ptr<NodeExecutionMethod> method) {
  if (!method) throw Error("with_node_execution_method: the method is null");
  if (hooks_.method)
    throw Error(
        "with_node_execution_method: a node execution method is already set; only one "
        "can replace how nodes are called (combine them into one)");
  hooks_.method = std::move(method);
  return *this;
}

Builder& Builder::with_graceful_errors(GracefulErrors errors) {
  graceful_ = std::make_shared<const GracefulErrors>(std::move(errors));
  return *this;
}

Builder& Builder::with_cache(caching::CacheOptions options) {
  cache_ = std::make_shared<const caching::CacheOptions>(std::move(options));
  shared_cache_.reset();
  return *this;
}

Builder& Builder::with_cache(const caching::Cache& shared) {
  shared_cache_ = detail::Access::state_of(shared);
  cache_ = std::make_shared<const caching::CacheOptions>(shared_cache_->options);
  return *this;
}

Driver Builder::build() const {
  std::vector<Problem> problems;
  std::vector<Module> modules;
  detail::ModuleLibraries libraries;  // each library file once; a module's nodes merged
  for (const auto& m : modules_) {
    if (const Module* handle = std::get_if<Module>(&m)) {
      modules.push_back(*handle);
      continue;
    }
    if (const LibraryPath* lib = std::get_if<LibraryPath>(&m)) {
      for (auto& mod : libraries.load(lib->path, problems)) modules.push_back(mod);
      continue;
    }
    const auto& name = std::get<std::string>(m);
    if (auto found = find_module(name)) {
      modules.push_back(*found);
      continue;
    }
    auto known = registered_modules();
    problems.push_back(Problem{
        ErrorCode::unknown_module,
        {},
        name,
        {},
        fmt::format(
            "no module named `{}` is registered; registered modules: {}. A module's "
            "NODEs must be linked into the program (hamilton_add_module in CMake)",
            name,
            known.empty() ? std::string("(none)") : fmt::format("{}", fmt::join(known, ", "))),
        detail::suggest(name, known)});
  }
  if (modules.empty() && problems.empty())
    problems.push_back(Problem{ErrorCode::no_modules,
                               {},
                               {},
                               {},
                               "no modules given; call with_modules(...) before build()",
                               {}});
  detail::BuildOptions options;
  options.allow_module_overrides = allow_overrides_;
  options.near_name_inputs_as_errors = near_names_as_errors_;
  if (!validators_.empty()) options.checks.push_back(detail::static_validation_check(validators_));
  if (cache_) options.checks.push_back(detail::cache_options_check(cache_));
  auto graph = detail::Access::make<Graph>(
      detail::build_graph(modules, config_, options, std::move(problems)));
  for (const auto& hook : construction_hooks_) hook->run_after_graph_construction(graph, config_);
  auto hooks = hooks_.empty() ? nullptr : std::make_shared<const Hooks>(hooks_);
  auto state = std::make_shared<detail::DriverState>(std::move(graph), result_builder_, executor_,
                                                     std::move(hooks));
  state->graceful = graceful_;
  if (cache_) {
    state->cache = shared_cache_ ? shared_cache_ : detail::make_cache_state(*cache_);
    state->cache_behaviors = detail::cache_behaviors(*state->cache, state->graph.impl());
  }
  state->modules = std::move(modules);
  state->build_options = options;
  return detail::Access::make<Driver>(std::move(state));
}

}  // namespace hamilton
