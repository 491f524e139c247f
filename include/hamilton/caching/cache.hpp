#pragma once
/// \file
/// The result cache of a Driver, as Python Hamilton's `Builder().with_cache(...)`: what it is
/// given (`CacheOptions`), how each node uses it (`Behavior`), and what it did, run by run
/// (`Cache`, `Event`). `Builder::with_cache(options)` turns it on; `Driver::cache()` reads it.
///
/// A node's result is reused when its cache key is stored: the key is made of the node's name,
/// its code version (`Variable::version`) and the data versions (`caching::fingerprint`) of the
/// values it reads. docs/caching.md.

#include <cstddef>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hamilton/caching/stores.hpp"
#include "hamilton/export.hpp"

namespace hamilton::detail {
struct Access;
}  // namespace hamilton::detail

namespace hamilton::caching {

/// How a node uses the cache (Python Hamilton's `CachingBehavior`).
enum class Behavior {
  /// Read the result if its key is stored; else compute it and store it.
  default_,
  /// Always compute and store (a model trained with randomness, a read from a database).
  recompute,
  /// Compute as if there were no cache: nothing is read, stored or versioned, and the nodes
  /// that read this one are always computed.
  disable,
  /// As `disable`, but the nodes that read this one ignore it in their keys (a client, a
  /// connection: what it is does not change their results).
  ignore,
};

/// "default", "recompute", "disable", "ignore".
HAMILTON_EXPORT std::string_view to_string(Behavior behavior) noexcept;
/// The behaviour spelled `text` (any case, as Hamilton's `CachingBehavior.from_string`), or
/// nullopt.
HAMILTON_EXPORT std::optional<Behavior> behavior_from_string(std::string_view text) noexcept;

/// The tag the `cache(...)` modifier sets (Hamilton's `cache.BEHAVIOR_KEY`).
inline constexpr std::string_view kBehaviorTag = "cache.behavior";

/// What the cache logs (Python Hamilton's `CachingEventType`, same spellings).
enum class EventType {
  get_data_version,
  set_data_version,
  get_cache_key,
  set_cache_key,
  get_result,
  set_result,
  missing_result,
  failed_retrieval,
  execute_node,
  failed_execution,
  resolve_behavior,
  unhashable_data_version,
  is_override,
  is_input,
  is_final_var,
  is_default_parameter_value,
};
/// "get_data_version", "execute_node", ... (Hamilton's `CachingEventType.value`).
HAMILTON_EXPORT std::string_view to_string(EventType type) noexcept;

/// Who did what an Event records.
enum class Actor { adapter, metadata_store, result_store };
/// "adapter", "metadata_store", "result_store".
HAMILTON_EXPORT std::string_view to_string(Actor actor) noexcept;

/// One thing the cache did for one node (Python Hamilton's `CachingEvent`).
struct HAMILTON_EXPORT Event {
  std::string run_id;
  Actor actor = Actor::adapter;
  EventType type = EventType::execute_node;
  std::string node_name;
  /// Inside a parallel block: the item the node ran for (Hamilton's `task_id`).
  std::optional<std::size_t> item;
  /// Why, in words: "hit", "miss", or what went wrong.
  std::string msg;
  /// A data version or cache key, if the event has one.
  std::string value;
  /// Seconds since the Unix epoch.
  double timestamp = 0;
  /// `node::actor::event_type::msg`, as Hamilton prints an event (`node::item::...` in a block).
  std::string to_string() const;
};

/// Which events `Cache::logs` returns: `info` only what was read (`get_result`) and what was
/// computed (`execute_node`), `debug` everything.
enum class LogLevel { info, debug };

/// The nodes a behaviour applies to: some names, or all nodes (`Nodes::all()`, Hamilton's
/// `recompute=True`).
class HAMILTON_EXPORT Nodes {
 public:
  Nodes() = default;
  Nodes(std::initializer_list<std::string> names) : names_(names) {}
  Nodes(std::vector<std::string> names) : names_(std::move(names)) {}  // NOLINT: implicit
  /// Every node of the graph.
  static Nodes all() {
    Nodes n;
    n.all_ = true;
    return n;
  }
  bool is_all() const noexcept { return all_; }
  const std::vector<std::string>& names() const noexcept { return names_; }
  bool empty() const noexcept { return !all_ && names_.empty(); }

 private:
  std::vector<std::string> names_;
  bool all_ = false;
};

/// What `Builder::with_cache` is given (Python Hamilton's `HamiltonCacheAdapter` arguments).
struct HAMILTON_EXPORT CacheOptions {
  /// The folder of the default stores: `<path>/metadata_store.db` and one file per result.
  std::string path = ".hamilton_cache";
  /// Where cache keys go; null: `sqlite_metadata_store(path)` (in hamilton::io).
  std::shared_ptr<MetadataStore> metadata_store;
  /// Where results go; null: `file_result_store(path)` (in hamilton::io).
  std::shared_ptr<ResultStore> result_store;
  /// Nodes given a behaviour by the driver; this wins over a node's `cache(...)` modifier. A
  /// node may be in one list only, and at most one list may be `Nodes::all()`.
  Nodes default_, recompute, disable, ignore;
  /// The behaviour of the nodes named nowhere (Hamilton's `default_behavior`).
  Behavior default_behavior = Behavior::default_;
  /// The behaviour of loader nodes (`load_from`, `dataloader`, `from_`) named nowhere. Unlike
  /// Hamilton (which uses `default_behavior`), loaders are recomputed unless told otherwise: a
  /// loader's key does not see the file or table change, so reading its old result could serve
  /// stale data. Its data version is its content, so what reads it is still reused.
  std::optional<Behavior> default_loader_behavior = Behavior::recompute;
  /// The behaviour of saver nodes (`save_to`, `datasaver`, `to`) named nowhere; nullopt:
  /// `default_behavior`. A saver that runs always writes: its metadata is not stored.
  std::optional<Behavior> default_saver_behavior;
  /// How many runs' logs and versions `Cache` keeps in memory (older runs are dropped; the
  /// metadata store keeps every run).
  std::size_t max_logged_runs = 64;
  /// Which events are recorded: `info` keeps what was read and computed and what went wrong
  /// (`failed_retrieval`, `missing_result`, `unhashable_data_version`, `failed_execution`);
  /// `debug` keeps every event (Hamilton records every event; here the others cost time on
  /// graphs of thousands of nodes, so they are opt-in).
  LogLevel log_level = LogLevel::info;
};

/// What a run was asked for: its outputs and the names of its inputs and overrides.
struct HAMILTON_EXPORT RunRequest {
  std::vector<std::string> outputs;
  std::vector<std::string> inputs;
  std::vector<std::string> overrides;
};

namespace detail {
struct CacheState;
}  // namespace detail

/// The cache of a Driver (`Driver::cache()`, Python Hamilton's `dr.cache`): its stores and, for
/// the runs it has seen, what it did. Thread-safe; shared by copies of the Driver.
class HAMILTON_EXPORT Cache {
 public:
  /// The folder of the default stores (`CacheOptions::path`).
  const std::string& path() const;
  MetadataStore& metadata_store() const;
  ResultStore& result_store() const;
  /// The runs this cache has seen and still keeps, oldest first (run ids are UUIDs, as in
  /// Hamilton).
  std::vector<std::string> run_ids() const;
  /// The id of the last run started. Throws hamilton::Error before the first run.
  std::string last_run_id() const;
  /// The events of run `run_id`, in the order they happened. Throws hamilton::Error for a run
  /// this cache does not keep.
  std::vector<Event> events(std::string_view run_id, LogLevel level = LogLevel::info) const;
  /// The events of run `run_id` by node (Hamilton's `dr.cache.logs(run_id=...)`).
  std::map<std::string, std::vector<Event>> logs(std::string_view run_id,
                                                 LogLevel level = LogLevel::info) const;
  /// The data version node `node` had in run `run_id`, if it had one (Hamilton's
  /// `get_data_version`). Nodes inside a parallel block have one per item and are not listed.
  std::optional<std::string> data_version(std::string_view run_id, std::string_view node) const;
  /// The cache key node `node` had in run `run_id`, if it had one (Hamilton's `get_cache_key`).
  std::optional<std::string> cache_key(std::string_view run_id, std::string_view node) const;
  /// The nodes of run `run_id` that were read from the cache (`get_result`), in order.
  std::vector<std::string> retrieved(std::string_view run_id) const;
  /// The nodes of run `run_id` that were computed (`execute_node`), in order.
  std::vector<std::string> executed(std::string_view run_id) const;
  /// What run `run_id` was asked for (`hamilton::tools::view_run` draws it).
  RunRequest request(std::string_view run_id) const;

 private:
  friend struct hamilton::detail::Access;
  explicit Cache(std::shared_ptr<detail::CacheState> state) : state_(std::move(state)) {}
  std::shared_ptr<detail::CacheState> state_;
};

/// A cache key (Hamilton's `create_cache_key`): the node's name, its code version and a hash of
/// its dependencies' data versions by parameter name (their order does not matter).
HAMILTON_EXPORT std::string cache_key(
    std::string_view node_name, std::string_view code_version,
    std::vector<std::pair<std::string, std::string>> dependencies_data_versions);

}  // namespace hamilton::caching
