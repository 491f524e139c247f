#pragma once
/// \file
/// Where the result cache keeps what it knows, as in Python Hamilton's `hamilton.caching.stores`:
/// a metadata store maps a cache key (a node's name, code version and the data versions of its
/// inputs) to the data version of the result it produced, and a result store maps data versions
/// to results. `InMemoryMetadataStore` and `InMemoryResultStore` keep them in the process (a
/// feature service); `SQLiteMetadataStore` and `FileResultStore` (`hamilton/io/cache_stores.hpp`,
/// in `hamilton::io`) keep them in a folder, across runs and processes.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/value.hpp"

namespace hamilton::caching {

/// One row of a metadata store: the node run that `cache_key` names produced `data_version`.
struct HAMILTON_EXPORT MetadataEntry {
  std::string cache_key;
  std::string data_version;
  std::string node_name;
  std::string code_version;
  bool operator==(const MetadataEntry&) const = default;
};

/// cache key -> data version, with the history of runs. Implementations are thread-safe.
class HAMILTON_EXPORT MetadataStore {
 public:
  virtual ~MetadataStore();
  /// Records the start of run `run_id` (Python Hamilton's `initialize`).
  virtual void initialize(std::string_view run_id) = 0;
  /// The data version stored for `cache_key`; nullopt if there is none.
  virtual std::optional<std::string> get(std::string_view cache_key) = 0;
  /// Stores `entry` (a key already stored keeps its first data version, as in Hamilton) and
  /// records that run `run_id` produced it.
  virtual void set(const MetadataEntry& entry, std::string_view run_id) = 0;
  /// True if `get(cache_key)` finds a data version.
  virtual bool exists(std::string_view cache_key) = 0;
  /// Forgets `cache_key` (Python Hamilton's `delete`).
  virtual void remove(std::string_view cache_key) = 0;
  /// Forgets everything, runs included (Python Hamilton's `delete_all`).
  virtual void remove_all() = 0;
  /// The number of cache keys stored.
  virtual std::size_t size() = 0;
  /// The runs initialized, oldest first.
  virtual std::vector<std::string> run_ids() = 0;
  /// The entries that run `run_id` set, in the order it set them; throws hamilton::Error if no
  /// run `run_id` was initialized.
  virtual std::vector<MetadataEntry> run(std::string_view run_id) = 0;
};

/// data version -> result. Implementations are thread-safe.
class HAMILTON_EXPORT ResultStore {
 public:
  virtual ~ResultStore();
  /// The result stored for `data_version`; nullopt if there is none. A stored entry that cannot
  /// be read back (truncated, corrupted) throws CacheFormatError (`hamilton/caching/codec.hpp`):
  /// never a wrong value.
  virtual std::optional<Value> get(std::string_view data_version) = 0;
  /// Stores `result`; false (nothing stored) if this store cannot keep values of its type (a
  /// file store needs a codec: `register_codec`).
  virtual bool set(std::string_view data_version, const Value& result) = 0;
  /// True if an entry is stored for `data_version` (it is not read).
  virtual bool exists(std::string_view data_version) = 0;
  /// Forgets `data_version`'s entry (Python Hamilton's `delete`).
  virtual void remove(std::string_view data_version) = 0;
  /// Forgets every entry (Python Hamilton's `delete_all`).
  virtual void remove_all() = 0;
};

/// A MetadataStore in this process's memory (Python Hamilton's `InMemoryMetadataStore`).
HAMILTON_EXPORT std::shared_ptr<MetadataStore> in_memory_metadata_store();

/// A ResultStore in this process's memory that keeps any Value as it is, codec or not (Python
/// Hamilton's `InMemoryResultStore`). Results are shared, not copied (a Value is immutable).
HAMILTON_EXPORT std::shared_ptr<ResultStore> in_memory_result_store();

}  // namespace hamilton::caching
