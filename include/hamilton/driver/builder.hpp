#pragma once
/// \file
/// `hamilton::Builder`: collects modules, config and options, then builds a Driver.

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "hamilton/caching/cache.hpp"
#include "hamilton/driver/driver.hpp"
#include "hamilton/executor/executor.hpp"
#include "hamilton/export.hpp"
#include "hamilton/lifecycle/hooks.hpp"
#include "hamilton/lifecycle/static_validation.hpp"
#include "hamilton/registry/module.hpp"
#include "hamilton/result/result_builder.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton {

/// Builds a Driver: `Builder().with_modules("my_functions").with_config({{"C", 3}}).build()`.
class HAMILTON_EXPORT Builder {
 public:
  Builder();

  /// Adds modules, by registered name (`"my_functions"`) or by handle (`Module`). May be
  /// called several times; later modules come after earlier ones.
  template <class... M>
  Builder& with_modules(M&&... modules) {
    (add_module(std::forward<M>(modules)), ...);
    return *this;
  }
  /// Adds the modules named in `names`.
  Builder& with_modules(const std::vector<std::string>& names);

  /// Loads a module library (a shared library built with `hamilton_add_module(name SHARED ...)`)
  /// when the graph is built, and adds the modules it registers.
  Builder& with_module_library(const std::string& path);

  /// Turns every data-quality check off: `check_output` adds no validator nodes
  /// (sets config `hamilton.data_quality.disable_checks` = true).
  Builder& with_data_quality_disabled();

  /// Merges config (a later call wins for the same key). A config key with the name of a
  /// function replaces that function (Hamilton's rule).
  Builder& with_config(const Config& config);

  /// Lets a later module's function replace an earlier module's function of the same name.
  Builder& allow_module_overrides(bool allow = true);

  /// Makes the `input-near-node` diagnostics (an external input named one or two edits from a
  /// node: `revenu` beside `revenue`) build errors, listed with every other problem. Off by
  /// default: they are then in `Graph::diagnostics()`.
  Builder& near_name_inputs_as_errors(bool as_errors = true);

  /// How `Driver::execute` combines outputs (default: DictResult).
  Builder& with_result_builder(std::shared_ptr<const ResultBuilder> builder);
  template <class R, std::enable_if_t<std::is_base_of_v<ResultBuilder, std::decay_t<R>>, int> = 0>
  Builder& with_result_builder(R&& builder) {
    return with_result_builder(std::make_shared<std::decay_t<R>>(std::forward<R>(builder)));
  }

  /// How plans are run (default: SequentialExecutor). `ParallelExecutor(threads)` runs
  /// independent nodes at once.
  Builder& with_executor(std::shared_ptr<const Executor> executor);

  /// Adds hooks, each called in the order added: lifecycle hooks (around the execution and
  /// every node), static validators (`lifecycle::StaticValidator`: checked by `build()`, each
  /// refusal one problem of its GraphError) and graph construction hooks
  /// (`lifecycle::GraphConstructionHook`: called with the built graph). An object may be
  /// several of these.
  template <class... H>
  Builder& with_hooks(std::shared_ptr<H>... hooks) {
    (add_any_hook(std::move(hooks)), ...);
    return *this;
  }
  /// Replaces how nodes are called. Only one may be set.
  Builder& with_node_execution_method(std::shared_ptr<NodeExecutionMethod> method);

  /// Graceful failure for every run (Python Hamilton's GracefulErrorAdapter): a node that throws
  /// an error `errors` catches has no value, what needs it is skipped, everything else runs,
  /// and `Result::failures()` lists what has no value. `RunOptions::graceful` overrides it for
  /// one run. docs/failures.md.
  Builder& with_graceful_errors(GracefulErrors errors = {});

  /// Reuses results across runs (Python Hamilton's `with_cache`): a node whose code version and
  /// inputs' data versions are unchanged is read from the cache instead of computed; the rest
  /// is computed and stored. By default the cache is the folder `.hamilton_cache` (SQLite
  /// metadata and one checksummed file per result; needs hamilton::io). `Driver::cache()` tells
  /// what each run read and computed. Applies to `execute`, `raw_execute` and `materialize`,
  /// not to compiled `Plan`s. docs/caching.md.
  Builder& with_cache(caching::CacheOptions options = {});
  /// Shares the cache of another Driver (`dr.cache()`): its options, its stores and its log, so
  /// that the runs of both drivers are in one `Cache`.
  Builder& with_cache(const caching::Cache& shared);

  /// Builds and validates the graph. Throws GraphError listing every problem found.
  Driver build() const;

 private:
  void add_module(std::string_view name) { modules_.emplace_back(std::string(name)); }
  void add_module(const char* name) { modules_.emplace_back(std::string(name)); }
  void add_module(const std::string& name) { modules_.emplace_back(name); }
  void add_module(const Module& module) { modules_.emplace_back(module); }
  void add_hook(std::shared_ptr<LifecycleHook> hook);
  void add_static_validator(std::shared_ptr<lifecycle::StaticValidator> validator);
  void add_construction_hook(std::shared_ptr<lifecycle::GraphConstructionHook> hook);
  template <class H>
  void add_any_hook(std::shared_ptr<H> hook) {
    static_assert(std::is_base_of_v<LifecycleHook, H> ||
                      std::is_base_of_v<lifecycle::StaticValidator, H> ||
                      std::is_base_of_v<lifecycle::GraphConstructionHook, H>,
                  "with_hooks: a hook derives from hamilton::LifecycleHook, "
                  "lifecycle::StaticValidator or lifecycle::GraphConstructionHook");
    if constexpr (std::is_base_of_v<LifecycleHook, H>) add_hook(hook);
    if constexpr (std::is_base_of_v<lifecycle::StaticValidator, H>) add_static_validator(hook);
    if constexpr (std::is_base_of_v<lifecycle::GraphConstructionHook, H>)
      add_construction_hook(hook);
  }

  struct LibraryPath {
    std::string path;
  };
  std::vector<std::variant<std::string, Module, LibraryPath>> modules_;
  Config config_;
  bool allow_overrides_ = false;
  bool near_names_as_errors_ = false;
  std::shared_ptr<const ResultBuilder> result_builder_;
  std::shared_ptr<const Executor> executor_;
  Hooks hooks_;
  std::shared_ptr<const GracefulErrors> graceful_;
  std::shared_ptr<const caching::CacheOptions> cache_;
  std::shared_ptr<caching::detail::CacheState> shared_cache_;
  std::vector<std::shared_ptr<lifecycle::StaticValidator>> validators_;
  std::vector<std::shared_ptr<lifecycle::GraphConstructionHook>> construction_hooks_;
};

}  // namespace hamilton
