#pragma once
/// \file
/// Config modifiers (Hamilton's `config.when*`): keep a function only when the driver's
/// config matches. The node is named after the function without its last `__suffix`, so
/// several variants can define one node:
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/frame.hpp>
/// #include <hamilton/node.hpp>
/// using hamilton::Series;
///
/// HAMILTON_MODULE(totals);
/// NODE(Series, total__us, (const Series& a), config_when({{"region", "US"}})) { return a; }
/// NODE(Series, total__eu, (const Series& b), config_when({{"region", "EU"}})) { return b * 2.0; }
/// ```
///
/// Values compare by value for strings, numbers and bools (an int 2 equals a double 2.0).
/// `config_when` and `config_when_in` need their keys in the config (a missing key is a build
/// error naming it); `config_when_not` and `config_when_not_in` treat a missing key as "not
/// equal" (the function is kept). Kept nodes are tagged `hamilton.config` with the keys used.

#include <functional>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/registry/modifier.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton::modifiers {

/// `{"region", "US"}`: config key and the value it must (or must not) have.
struct HAMILTON_EXPORT ConfigEntry {
  std::string key;
  Value value;
};
/// `{"region", {"US", "CA"}}`: config key and a list of values.
struct HAMILTON_EXPORT ConfigList {
  std::string key;
  std::vector<Value> values;
};

/// A condition on the config (also used by `step(...).when(...)`).
class HAMILTON_EXPORT ConfigCondition {
 public:
  enum class Kind { when, when_not, when_in, when_not_in, predicate };
  ConfigCondition(Kind kind, std::vector<ConfigList> entries)
      : kind_(kind), entries_(std::move(entries)) {}
  ConfigCondition(std::function<bool(const Config&)> predicate, std::vector<std::string> keys)
      : kind_(Kind::predicate), predicate_(std::move(predicate)), keys_(std::move(keys)) {}

  Kind kind() const noexcept { return kind_; }
  /// The modifier name: "config_when", "config_when_not", ... .
  std::string modifier_name() const;
  /// The config keys the condition reads.
  std::vector<std::string> keys() const;
  /// Whether `config` satisfies the condition. Problems (a required key missing, a value
  /// that cannot be compared) are appended to `problems` (the result is then false).
  bool matches(const Config& config, std::vector<std::string>& problems) const;

 private:
  Kind kind_;
  std::vector<ConfigList> entries_;
  std::function<bool(const Config&)> predicate_;
  std::vector<std::string> keys_;
};

/// Keeps the function iff `config[k] == v` for every pair (Hamilton's `config.when`).
HAMILTON_EXPORT Modifier config_when(std::initializer_list<ConfigEntry> entries);
/// Keeps the function iff `config[k] != v` for every pair (Hamilton's `config.when_not`).
HAMILTON_EXPORT Modifier config_when_not(std::initializer_list<ConfigEntry> entries);
/// Keeps the function iff each `config[k]` is one of its values (`config.when_in`).
HAMILTON_EXPORT Modifier config_when_in(std::initializer_list<ConfigList> entries);
/// Keeps the function iff no `config[k]` is one of its values (`config.when_not_in`).
HAMILTON_EXPORT Modifier config_when_not_in(std::initializer_list<ConfigList> entries);
/// Keeps the function iff `predicate(config)` (Hamilton's `config(resolver_fn)`).
/// `required_keys` must be in the config (a missing one is a build error); they are also the
/// keys recorded in the `hamilton.config` tag.
HAMILTON_EXPORT Modifier config_when_fn(std::function<bool(const Config&)> predicate,
                                        std::vector<std::string> required_keys = {});

/// When `resolve` decides its modifiers (Hamilton's `ResolveAt`): once the config is known.
enum class ResolveAt { config_available };

/// Hamilton's `resolve`: the modifier to apply is chosen from the config when the graph is
/// built. `decorate_with` receives the config values of `required_keys` (each must be in the
/// config: a build error otherwise) and of those `optional_keys` that are, and returns the
/// modifier (any one, e.g. `extract_columns`, `parameterize`). As in Hamilton this is a power
/// user feature: it needs config `hamilton.enable_power_user_mode` = true.
HAMILTON_EXPORT Modifier resolve(ResolveAt when,
                                 std::function<Modifier(const Config&)> decorate_with,
                                 std::vector<std::string> required_keys,
                                 std::vector<std::string> optional_keys = {});
/// `resolve(ResolveAt::config_available, ...)` (Hamilton's `resolve_from_config`).
HAMILTON_EXPORT Modifier resolve_from_config(std::function<Modifier(const Config&)> decorate_with,
                                             std::vector<std::string> required_keys,
                                             std::vector<std::string> optional_keys = {});

/// Compares a config value with a literal: strings by content, numbers and bools by value.
HAMILTON_EXPORT bool config_value_equals(const Value& config_value, const Value& literal);

}  // namespace hamilton::modifiers

namespace hamilton {
using modifiers::config_when;
using modifiers::config_when_fn;
using modifiers::config_when_in;
using modifiers::config_when_not;
using modifiers::config_when_not_in;
using modifiers::resolve;
using modifiers::resolve_from_config;
using modifiers::ResolveAt;
}  // namespace hamilton
