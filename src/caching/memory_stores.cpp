// The in-memory metadata and result stores.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "hamilton/caching/stores.hpp"
#include "hamilton/errors.hpp"

namespace hamilton::caching {

MetadataStore::~MetadataStore() = default;
ResultStore::~ResultStore() = default;

namespace {

// Finds keys by std::string_view without making a std::string of each (C++20's heterogeneous
// lookup in unordered containers).
struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
template <class V>
using ByKey = std::unordered_map<std::string, V, KeyHash, std::equal_to<>>;

class MemoryMetadata final : public MetadataStore {
 public:
  void initialize(std::string_view run_id) override {
    std::lock_guard lock(mutex_);
    runs_.emplace_back(run_id);
    history_.try_emplace(std::string(run_id));
  }
  std::optional<std::string> get(std::string_view cache_key) override {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(cache_key);
    if (it == entries_.end()) return std::nullopt;
    return it->second.data_version;
  }
  void set(const MetadataEntry& entry, std::string_view run_id) override {
    std::lock_guard lock(mutex_);
    entries_.try_emplace(entry.cache_key, entry);
    history_[std::string(run_id)].push_back(entry.cache_key);
  }
  bool exists(std::string_view cache_key) override {
    std::lock_guard lock(mutex_);
    return entries_.count(cache_key) != 0;
  }
  void remove(std::string_view cache_key) override {
    std::lock_guard lock(mutex_);
    entries_.erase(std::string(cache_key));
  }
  void remove_all() override {
    std::lock_guard lock(mutex_);
    entries_.clear();
    runs_.clear();
    history_.clear();
  }
  std::size_t size() override {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }
  std::vector<std::string> run_ids() override {
    std::lock_guard lock(mutex_);
    return runs_;
  }
  std::vector<MetadataEntry> run(std::string_view run_id) override {
    std::lock_guard lock(mutex_);
    auto it = history_.find(std::string(run_id));
    if (it == history_.end())
      throw Error(
          fmt::format("no run `{}` was initialized in this metadata store (its runs are "
                      "listed by run_ids())",
                      run_id));
    std::vector<MetadataEntry> out;
    for (const auto& key : it->second) {
      auto e = entries_.find(key);
      if (e != entries_.end()) out.push_back(e->second);
    }
    return out;
  }

 private:
  std::mutex mutex_;
  ByKey<MetadataEntry> entries_;
  std::vector<std::string> runs_;
  std::map<std::string, std::vector<std::string>, std::less<>> history_;
};

class MemoryResults final : public ResultStore {
 public:
  std::optional<Value> get(std::string_view data_version) override {
    std::lock_guard lock(mutex_);
    auto it = results_.find(data_version);
    if (it == results_.end()) return std::nullopt;
    return it->second;
  }
  bool set(std::string_view data_version, const Value& result) override {
    std::lock_guard lock(mutex_);
    results_.insert_or_assign(std::string(data_version), result);
    return true;
  }
  bool exists(std::string_view data_version) override {
    std::lock_guard lock(mutex_);
    return results_.count(data_version) != 0;
  }
  void remove(std::string_view data_version) override {
    std::lock_guard lock(mutex_);
    results_.erase(std::string(data_version));
  }
  void remove_all() override {
    std::lock_guard lock(mutex_);
    results_.clear();
  }

 private:
  std::mutex mutex_;
  ByKey<Value> results_;
};

}  // namespace

std::shared_ptr<MetadataStore> in_memory_metadata_store() {
  return std::make_shared<MemoryMetadata>();
}
std::shared_ptr<ResultStore> in_memory_result_store() { return std::make_shared<MemoryResults>(); }

}  // namespace hamilton::caching
