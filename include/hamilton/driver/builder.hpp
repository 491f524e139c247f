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

#include "hamilton/driver/driver.hpp"
#include "hamilton/executor/executor.hpp"
#include "hamilton/export.hpp"
#include "hamilton/lifecycle/hooks.hpp"
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

  /// How `Driver::execute` combines outputs (default: DictResult).
  Builder& with_result_builder(std::shared_ptr<const ResultBuilder> builder);
  template <class R, std::enable_if_t<std::is_base_of_v<ResultBuilder, std::decay_t<R>>, int> = 0>
  Builder& with_result_builder(R&& builder) {
    return with_result_builder(std::make_shared<std::decay_t<R>>(std::forward<R>(builder)));
  }

  /// How plans are run (default: SequentialExecutor). `ParallelExecutor(threads)` runs
  /// independent nodes at once.
  Builder& with_executor(std::shared_ptr<const Executor> executor);

  /// Adds lifecycle hooks (called in the order added, around the execution and every node).
  template <class... H>
  Builder& with_hooks(std::shared_ptr<H>... hooks) {
    (add_hook(std::move(hooks)), ...);
    return *this;
  }
  /// Replaces how nodes are called. Only one may be set.
  Builder& with_node_execution_method(std::shared_ptr<NodeExecutionMethod> method);

  /// Builds and validates the graph. Throws GraphError listing every problem found.
  Driver build() const;

 private:
  void add_module(std::string_view name) { modules_.emplace_back(std::string(name)); }
  void add_module(const char* name) { modules_.emplace_back(std::string(name)); }
  void add_module(const std::string& name) { modules_.emplace_back(name); }
  void add_module(const Module& module) { modules_.emplace_back(module); }
  void add_hook(std::shared_ptr<LifecycleHook> hook);

  struct LibraryPath {
    std::string path;
  };
  std::vector<std::variant<std::string, Module, LibraryPath>> modules_;
  Config config_;
  bool allow_overrides_ = false;
  std::shared_ptr<const ResultBuilder> result_builder_;
  std::shared_ptr<const Executor> executor_;
  Hooks hooks_;
};

}  // namespace hamilton
