// The cache's state and log (Cache, CacheState), the behaviours' and events' spellings, and
// cache keys. Running a graph with the cache is the driver's: src/driver/cache_run.cpp.
#include "hamilton/caching/cache.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <random>

#include "caching/cache_state.hpp"
#include "caching/codec_io.hpp"
#include "hamilton/errors.hpp"

namespace hamilton::caching {

std::string_view to_string(Behavior behavior) noexcept {
  switch (behavior) {
    case Behavior::default_:
      return "default";
    case Behavior::recompute:
      return "recompute";
    case Behavior::disable:
      return "disable";
    case Behavior::ignore:
      return "ignore";
  }
  return {};
}

std::optional<Behavior> behavior_from_string(std::string_view text) noexcept {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (Behavior b : {Behavior::default_, Behavior::recompute, Behavior::disable, Behavior::ignore})
    if (to_string(b) == lower) return b;
  return std::nullopt;
}

std::string_view to_string(EventType type) noexcept {
  static constexpr std::array<std::string_view, 16> kNames = {
      "get_data_version", "set_data_version", "get_cache_key",    "set_cache_key",
      "get_result",       "set_result",       "missing_result",   "failed_retrieval",
      "execute_node",     "failed_execution", "resolve_behavior", "unhashable_data_version",
      "is_override",      "is_input",         "is_final_var",     "is_default_parameter_value"};
  const auto i = static_cast<std::size_t>(type);
  return i < kNames.size() ? kNames[i] : std::string_view();
}

std::string_view to_string(Actor actor) noexcept {
  switch (actor) {
    case Actor::adapter:
      return "adapter";
    case Actor::metadata_store:
      return "metadata_store";
    case Actor::result_store:
      return "result_store";
  }
  return {};
}

std::string Event::to_string() const {
  std::string out = node_name;
  if (item) out += fmt::format("::{}", *item);
  out += fmt::format("::{}::{}", caching::to_string(actor), caching::to_string(type));
  if (!msg.empty()) out += "::" + msg;
  return out;
}

std::string cache_key(std::string_view node_name, std::string_view code_version,
                      std::vector<std::pair<std::string, std::string>> dependencies) {
  std::vector<std::pair<std::string_view, std::string_view>> views(dependencies.begin(),
                                                                   dependencies.end());
  return detail::make_cache_key(node_name, code_version, views);
}

namespace detail {
std::string make_cache_key(std::string_view node_name, std::string_view code_version,
                           std::vector<std::pair<std::string_view, std::string_view>>& deps) {
  std::string out;
  out.reserve(node_name.size() + code_version.size() + 34);
  for (char c : node_name)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') out += c;
  out += '-';
  out += code_version;
  out += '-';
  if (deps.empty()) {
    out += hash_hex("<none>");
    return out;
  }
  std::sort(deps.begin(), deps.end());
  std::string text;
  std::size_t size = 0;
  for (const auto& [name, version] : deps) size += name.size() + version.size() + 24;
  text.reserve(size);
  char digits[24];
  auto add = [&](std::string_view part) {
    // lengths first: no two lists of names and versions give the same text
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, part.size());
    (void)ec;
    text.append(digits, end);
    text += ':';
    text += part;
  };
  for (const auto& [name, version] : deps) {
    add(name);
    text += '=';
    add(version);
    text += ';';
  }
  out += hash_hex(text);
  return out;
}
}  // namespace detail

namespace {
bool keep(EventType t, LogLevel level) {
  return level == LogLevel::debug || t == EventType::get_result || t == EventType::execute_node;
}
}  // namespace

const std::string& Cache::path() const { return state_->options.path; }
MetadataStore& Cache::metadata_store() const { return *state_->metadata; }
ResultStore& Cache::result_store() const { return *state_->results; }

std::vector<std::string> Cache::run_ids() const {
  std::lock_guard lock(state_->mutex);
  std::vector<std::string> out;
  for (const auto& r : state_->runs) out.push_back(r->run_id);
  return out;
}

std::string Cache::last_run_id() const {
  std::lock_guard lock(state_->mutex);
  if (state_->runs.empty())
    throw Error("Cache::last_run_id: the driver has not run yet; call execute() first");
  return state_->runs.back()->run_id;
}

std::vector<Event> Cache::events(std::string_view run_id, LogLevel level) const {
  auto run = state_->find(run_id);
  std::lock_guard lock(state_->mutex);
  std::vector<Event> out;
  for (const auto& e : run->events)
    if (keep(e.type, level)) out.push_back(e);
  return out;
}

std::map<std::string, std::vector<Event>> Cache::logs(std::string_view run_id,
                                                      LogLevel level) const {
  std::map<std::string, std::vector<Event>> out;
  for (auto& e : events(run_id, level)) {
    std::string key = e.item ? fmt::format("{}::{}", e.node_name, *e.item) : e.node_name;
    out[key].push_back(std::move(e));
  }
  return out;
}

std::optional<std::string> Cache::data_version(std::string_view run_id,
                                               std::string_view node) const {
  auto run = state_->find(run_id);
  std::lock_guard lock(state_->mutex);
  const std::size_t i = run->index_of ? run->index_of(node) : detail::RunRecord::npos;
  if (i >= run->data_versions.size() || run->data_versions[i].empty()) return std::nullopt;
  return run->data_versions[i];
}

std::optional<std::string> Cache::cache_key(std::string_view run_id, std::string_view node) const {
  auto run = state_->find(run_id);
  std::lock_guard lock(state_->mutex);
  const std::size_t i = run->index_of ? run->index_of(node) : detail::RunRecord::npos;
  if (i >= run->cache_keys.size() || run->cache_keys[i].empty()) return std::nullopt;
  return run->cache_keys[i];
}

namespace {
std::vector<std::string> nodes_with(const std::vector<Event>& events, EventType type) {
  std::vector<std::string> out;
  for (const auto& e : events)
    if (e.type == type) out.push_back(e.node_name);
  return out;
}
}  // namespace

std::vector<std::string> Cache::retrieved(std::string_view run_id) const {
  return nodes_with(events(run_id, LogLevel::info), EventType::get_result);
}

std::vector<std::string> Cache::executed(std::string_view run_id) const {
  return nodes_with(events(run_id, LogLevel::info), EventType::execute_node);
}

RunRequest Cache::request(std::string_view run_id) const {
  auto run = state_->find(run_id);
  std::lock_guard lock(state_->mutex);
  return run->request;
}

namespace detail {

namespace {
FolderStores& factory() {
  static FolderStores f = nullptr;
  return f;
}
std::mutex& factory_mutex() {
  static std::mutex m;
  return m;
}
}  // namespace

void register_folder_stores(FolderStores make) {
  std::lock_guard lock(factory_mutex());
  factory() = make;
}

FolderStores folder_stores() {
  std::lock_guard lock(factory_mutex());
  return factory();
}

std::string random_uuid() {
  thread_local std::mt19937_64 gen([] {
    std::random_device rd;
    std::seed_seq seq{
        rd(), rd(), rd(), rd(),
        static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count())};
    return std::mt19937_64(seq);
  }());
  std::uint64_t hi = gen(), lo = gen();
  hi = (hi & ~0xf000ull) | 0x4000ull;                  // version 4
  lo = (lo & ~(0xc000ull << 48)) | (0x8000ull << 48);  // variant 10
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffff,
                     hi & 0xffff, lo >> 48, lo & 0xffffffffffffull);
}

CacheState::CacheState(CacheOptions o) : options(std::move(o)) {
  const std::pair<const Nodes*, Behavior> given[] = {{&options.default_, Behavior::default_},
                                                     {&options.recompute, Behavior::recompute},
                                                     {&options.disable, Behavior::disable},
                                                     {&options.ignore, Behavior::ignore}};
  for (const auto& [nodes, behavior] : given) {
    if (nodes->is_all()) {
      if (all)
        throw Error(fmt::format(
            "with_cache: both `{}` and `{}` are Nodes::all(); give all nodes one behaviour (or "
            "set default_behavior) and name the others",
            to_string(*all), to_string(behavior)));
      all = behavior;
    }
    for (const auto& name : nodes->names()) lists.emplace(name, behavior);
  }
  std::pair<std::shared_ptr<MetadataStore>, std::shared_ptr<ResultStore>> made;
  if (!options.metadata_store || !options.result_store) {
    FolderStores make = folder_stores();
    if (!make)
      throw Error(
          "with_cache: the default stores (SQLite metadata and result files in a folder) are in "
          "the hamilton::io library, which is not loaded; link hamilton::io (or "
          "hamilton::hamilton), or give CacheOptions::metadata_store and result_store (for "
          "example caching::in_memory_metadata_store() and in_memory_result_store())");
    made = make(options.path);
  }
  metadata = options.metadata_store ? options.metadata_store : made.first;
  results = options.result_store ? options.result_store : made.second;
}

std::optional<Behavior> CacheState::listed(std::string_view name) const {
  if (lists.empty()) return all;
  auto it = lists.find(std::string(name));
  if (it != lists.end()) return it->second;
  return all;
}

Behavior CacheState::behavior(std::string_view name, const std::vector<std::string>* tag,
                              NodeKind kind) const {
  if (kind.expands) return Behavior::recompute;
  if (auto b = listed(name)) return *b;
  if (tag && !tag->empty())
    if (auto b = behavior_from_string(tag->front())) return *b;
  if (kind.data_quality) return Behavior::ignore;
  if (kind.loader && options.default_loader_behavior) return *options.default_loader_behavior;
  if (kind.saver && options.default_saver_behavior) return *options.default_saver_behavior;
  return options.default_behavior;
}

std::shared_ptr<RunRecord> CacheState::start_run() {
  auto run = std::make_shared<RunRecord>();
  run->run_id = random_uuid();
  metadata->initialize(run->run_id);
  std::lock_guard lock(mutex);
  runs.push_back(run);
  while (runs.size() > std::max<std::size_t>(options.max_logged_runs, 1)) runs.pop_front();
  return run;
}

void CacheState::log(RunRecord& run, Actor actor, EventType type, std::string_view node,
                     std::optional<std::size_t> item, std::string msg, std::string value) {
  if (!records(type)) return;
  Event e;
  e.run_id = run.run_id;
  e.actor = actor;
  e.type = type;
  e.node_name = std::string(node);
  e.item = item;
  e.msg = std::move(msg);
  e.value = std::move(value);
  e.timestamp =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::lock_guard lock(mutex);
  run.events.push_back(std::move(e));
}

void CacheState::set_data_version(RunRecord& run, std::size_t index, std::string dv) {
  std::lock_guard lock(mutex);
  if (index >= run.data_versions.size()) run.data_versions.resize(index + 1);
  run.data_versions[index] = std::move(dv);
}

void CacheState::set_cache_key(RunRecord& run, std::size_t index, std::string key) {
  std::lock_guard lock(mutex);
  if (index >= run.cache_keys.size()) run.cache_keys.resize(index + 1);
  run.cache_keys[index] = std::move(key);
}

std::string CacheState::data_version(const RunRecord& run, std::size_t index) const {
  std::lock_guard lock(mutex);
  return index < run.data_versions.size() ? run.data_versions[index] : std::string();
}

bool CacheState::first_warning(std::string_view node, std::string_view what) {
  std::lock_guard lock(mutex);
  return warned.insert(fmt::format("{}\n{}", node, what)).second;
}

std::shared_ptr<const RunRecord> CacheState::find(std::string_view run_id) const {
  std::lock_guard lock(mutex);
  for (const auto& r : runs)
    if (r->run_id == run_id) return r;
  throw Error(fmt::format(
      "the cache keeps no run `{}`; its runs are Cache::run_ids() (the last {} are kept)", run_id,
      options.max_logged_runs));
}

}  // namespace detail
}  // namespace hamilton::caching
