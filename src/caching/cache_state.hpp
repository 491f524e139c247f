#pragma once
// What a Driver's cache keeps: its options and stores, the behaviours they give, and the log of
// the runs it has seen. The run itself (keys, lookups, storing) is the driver's
// (src/driver/cache_run.cpp); this is the state it reads and writes.
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "hamilton/caching/cache.hpp"
#include "hamilton/caching/stores.hpp"
#include "hamilton/export.hpp"

namespace hamilton::caching::detail {

/// What one run did: its events and the versions and keys its nodes had (by node index of the
/// run's graph; empty: none). Guarded by CacheState::mutex.
struct RunRecord {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::string run_id;
  std::vector<Event> events;
  /// The index of node `name` in the run's graph, or npos (set by the driver).
  std::function<std::size_t(std::string_view)> index_of;
  std::vector<std::string> data_versions;
  std::vector<std::string> cache_keys;
  RunRequest request;
};

/// Makes the stores in a folder (`sqlite_metadata_store`, `file_result_store`); registered by
/// hamilton::io when it is loaded.
using FolderStores = std::pair<std::shared_ptr<MetadataStore>, std::shared_ptr<ResultStore>> (*)(
    const std::string& path);
/// Called by hamilton::io (exported for it).
HAMILTON_EXPORT void register_folder_stores(FolderStores make);
/// The registered factory, or null.
FolderStores folder_stores();

/// What a node is, as far as its behaviour goes.
struct NodeKind {
  bool expands = false;       ///< returns Parallelizable<T>: always recomputed (Hamilton's rule)
  bool data_quality = false;  ///< a data-quality result: ignored by what reads it
  bool loader = false;        ///< tag `hamilton.data_loader`
  bool saver = false;         ///< tag `hamilton.data_saver`
};

struct CacheState {
  /// Takes the options; stores left null are made by `folder_stores()` (the caller makes sure
  /// hamilton::io is loaded). Throws hamilton::Error if two lists are `Nodes::all()` or no
  /// folder-store factory is registered when one is needed.
  explicit CacheState(CacheOptions o);

  /// The behaviour of a node: the driver's lists, then the `cache.behavior` tag, then the
  /// loader/saver defaults, then `default_behavior`. A tag value that names no behaviour is
  /// refused when the graph is built (cache_problems), so here it counts as the default.
  Behavior behavior(std::string_view name, const std::vector<std::string>* tag,
                    NodeKind kind) const;
  /// The driver's behaviour for `name`, if one of its lists names it.
  std::optional<Behavior> listed(std::string_view name) const;

  /// Starts a run: a new UUID, initialized in the metadata store, kept (dropping the oldest
  /// beyond `max_logged_runs`).
  std::shared_ptr<RunRecord> start_run();
  /// True if events of type `t` are recorded (CacheOptions::log_level).
  bool records(EventType t) const noexcept {
    return options.log_level == LogLevel::debug || t == EventType::get_result ||
           t == EventType::execute_node || t == EventType::failed_retrieval ||
           t == EventType::missing_result || t == EventType::unhashable_data_version ||
           t == EventType::failed_execution;
  }
  /// Appends an event to the run's log if its type is recorded.
  void log(RunRecord& run, Actor actor, EventType type, std::string_view node,
           std::optional<std::size_t> item = std::nullopt, std::string msg = {},
           std::string value = {});
  /// Records node `index`'s data version or cache key.
  void set_data_version(RunRecord& run, std::size_t index, std::string dv);
  void set_cache_key(RunRecord& run, std::size_t index, std::string key);
  /// Node `index`'s data version recorded in this run (empty: none).
  std::string data_version(const RunRecord& run, std::size_t index) const;
  /// True the first time `node` is warned about for `what` (warnings are printed once).
  bool first_warning(std::string_view node, std::string_view what);
  /// The run `run_id`; throws hamilton::Error if it is not kept.
  std::shared_ptr<const RunRecord> find(std::string_view run_id) const;

  CacheOptions options;
  std::shared_ptr<MetadataStore> metadata;
  std::shared_ptr<ResultStore> results;
  std::optional<Behavior> all;  ///< the list that is `Nodes::all()`
  std::unordered_map<std::string, Behavior> lists;

  mutable std::mutex mutex;
  std::deque<std::shared_ptr<RunRecord>> runs;
  std::unordered_set<std::string> warned;
};

/// `caching::cache_key` on views (sorts `dependencies`).
std::string make_cache_key(
    std::string_view node_name, std::string_view code_version,
    std::vector<std::pair<std::string_view, std::string_view>>& dependencies);

/// A random UUID (version 4), as Hamilton's run ids.
std::string random_uuid();

}  // namespace hamilton::caching::detail
