#pragma once
// Running a request with the result cache (Builder::with_cache). Before the run, the cache
// walks the request's nodes in order and looks up each node whose inputs' data versions are
// all known: what it finds becomes an override, so the planner leaves out everything only it
// needed, and what is found but not needed is not even read. The nodes left run through a node
// execution method that makes their keys from the data versions of this run, reads what another
// process may have stored meanwhile, and stores what it computes.
#include <memory>
#include <string>
#include <vector>

#include "caching/cache_state.hpp"
#include "graph/graph_builder.hpp"
#include "hamilton/caching/cache.hpp"
#include "hamilton/errors.hpp"
#include "hamilton/executor/run_options.hpp"
#include "hamilton/result/outputs.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton::detail {

struct DriverState;

/// The state of a cache made from `options`; loads hamilton::io first when a default store is
/// needed. Throws hamilton::Error (see CacheState).
std::shared_ptr<caching::detail::CacheState> make_cache_state(const caching::CacheOptions& options);

/// The behaviour of each node of `graph` (DriverState::cache_behaviors).
std::vector<caching::Behavior> cache_behaviors(const caching::detail::CacheState& cache,
                                               const GraphImpl& graph);

/// Runs `outputs` as Driver::run does (data-quality results into `retained`), with the cache.
Outputs run_with_cache(const DriverState& state, const std::vector<std::string>& outputs,
                       const ValueMap& inputs, const ValueMap& overrides, Outputs* retained,
                       const RunOptions* options);

/// The build check of `with_cache`'s options: every node its lists name exists, no node is in
/// two lists, and every `cache.behavior` tag names a behaviour (ErrorCode::cache_option).
BuildCheck cache_options_check(std::shared_ptr<const caching::CacheOptions> options);

}  // namespace hamilton::detail
