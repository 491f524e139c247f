#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "caching/cache_state.hpp"
#include "graph/graph_builder.hpp"
#include "hamilton/driver/driver.hpp"
#include "plan/planner.hpp"

namespace hamilton::detail {

/// A cached plan with the names of the request it was made for (compared by content).
struct CachedPlan {
  std::vector<std::string> outputs;
  std::vector<std::string> inputs;
  std::vector<std::string> overrides;
  std::shared_ptr<const PlanImpl> plan;
};

struct DriverState {
  DriverState(Graph g, std::shared_ptr<const ResultBuilder> rb, std::shared_ptr<const Executor> ex,
              std::shared_ptr<const Hooks> h)
      : graph(std::move(g)),
        result_builder(std::move(rb)),
        executor(std::move(ex)),
        hooks(std::move(h)),
        builder_name(result_builder->name()),
        dict_result(dynamic_cast<const DictResult*>(result_builder.get()) != nullptr) {}
  Graph graph;
  std::shared_ptr<const ResultBuilder> result_builder;
  std::shared_ptr<const Executor> executor;
  std::shared_ptr<const Hooks> hooks;  ///< null when there are none
  /// Builder::with_graceful_errors; null: a node's error stops the run.
  std::shared_ptr<const GracefulErrors> graceful;
  /// Builder::with_cache; null: no result cache.
  std::shared_ptr<caching::detail::CacheState> cache;
  /// With a cache: each node's behaviour (by node index).
  std::vector<caching::Behavior> cache_behaviors;
  std::string builder_name;            ///< result_builder->name()
  bool dict_result;  ///< the result builder is a DictResult: its product is the outputs
  /// What the graph was built from (for `materialize`, which builds it again with more nodes).
  std::vector<Module> modules;
  BuildOptions build_options;
  mutable std::shared_mutex mutex;
  /// Plans by a hash of the request's names; entries with the same hash are told apart by content.
  std::unordered_multimap<std::uint64_t, std::unique_ptr<CachedPlan>> plans;
  /// The plan found last (an entry of `plans`; read under the shared lock): a request repeated
  /// in a loop is compared with it first, without hashing.
  mutable std::atomic<const CachedPlan*> last{nullptr};
};

/// The cached plan for a request, or an InputError with every problem (driver.cpp).
std::shared_ptr<const PlanImpl> plan_for(const DriverState& s,
                                         const std::vector<std::string>& outputs,
                                         const ValueMap& inputs, const ValueMap& overrides);

}  // namespace hamilton::detail
