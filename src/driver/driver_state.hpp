#pragma once
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "graph/graph_builder.hpp"
#include "hamilton/driver/driver.hpp"
#include "plan/planner.hpp"

namespace hamilton::detail {

struct DriverState {
  DriverState(Graph g, std::shared_ptr<const ResultBuilder> rb, std::shared_ptr<const Executor> ex,
              std::shared_ptr<const Hooks> h)
      : graph(std::move(g)),
        result_builder(std::move(rb)),
        executor(std::move(ex)),
        hooks(std::move(h)) {}
  Graph graph;
  std::shared_ptr<const ResultBuilder> result_builder;
  std::shared_ptr<const Executor> executor;
  std::shared_ptr<const Hooks> hooks;  ///< null when there are none
  /// What the graph was built from (for `materialize`, which builds it again with more nodes).
  std::vector<Module> modules;
  BuildOptions build_options;
  mutable std::shared_mutex mutex;
  std::unordered_map<std::string, std::shared_ptr<const PlanImpl>> plans;
};

}  // namespace hamilton::detail
