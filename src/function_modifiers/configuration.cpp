#include "hamilton/function_modifiers/configuration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <memory>

#include "function_modifiers/common.hpp"

namespace hamilton::modifiers {

bool config_value_equals(const Value& a, const Value& b) {
  if (!a.has_value() || !b.has_value()) return a.has_value() == b.has_value();
  if (a.type().is_arithmetic() && b.type().is_arithmetic())
    return a.type().to_double(a.data()) == b.type().to_double(b.data());
  const auto* sa = a.get_if<std::string>();
  const auto* sb = b.get_if<std::string>();
  if (sa && sb) return *sa == *sb;
  return a.type() == b.type() && a.data() == b.data();
}

namespace {
bool comparable(const Value& v) { return v.type().is_arithmetic() || v.is<std::string>(); }
}  // namespace

std::string ConfigCondition::modifier_name() const {
  switch (kind_) {
    case Kind::when:
      return "config_when";
    case Kind::when_not:
      return "config_when_not";
    case Kind::when_in:
      return "config_when_in";
    case Kind::when_not_in:
      return "config_when_not_in";
    case Kind::predicate:
      return "config_when_fn";
  }
  return {};
}

std::vector<std::string> ConfigCondition::keys() const {
  if (kind_ == Kind::predicate) return keys_;
  std::vector<std::string> out;
  for (const auto& e : entries_) out.push_back(e.key);
  return out;
}

bool ConfigCondition::matches(const Config& config, std::vector<std::string>& problems) const {
  const std::size_t before = problems.size();
  if (kind_ == Kind::predicate) {
    for (const auto& k : keys_)
      if (config.find(k) == config.end())
        problems.push_back(
            fmt::format("requires config key `{}`, which the config does not have; "
                        "add it with Builder::with_config",
                        k));
    if (problems.size() != before) return false;
    if (!predicate_) {
      problems.push_back("the predicate is empty");
      return false;
    }
    return predicate_(config);
  }
  const bool positive = kind_ == Kind::when || kind_ == Kind::when_in;
  bool all = true;
  for (const auto& e : entries_) {
    if (e.key.empty()) {
      problems.push_back("a config key must not be empty");
      continue;
    }
    if (e.values.empty()) {
      problems.push_back(fmt::format("config key `{}` has an empty list of values", e.key));
      continue;
    }
    bool bad = false;
    for (const auto& v : e.values)
      if (!comparable(v)) {
        problems.push_back(fmt::format(
            "the value given for config key `{}` is a {}; config conditions compare strings, "
            "numbers and bools",
            e.key, v.has_value() ? v.type().name() : std::string("empty value")));
        bad = true;
        break;
      }
    if (bad) continue;
    auto it = config.find(e.key);
    if (it == config.end()) {
      if (positive) {
        std::vector<std::string> shown;
        for (const auto& v : e.values) shown.push_back(detail::value_to_string(v));
        problems.push_back(fmt::format(
            "requires config key `{}` (to compare it with {}), which the config does not have; "
            "add it with Builder::with_config",
            e.key, detail::quoted_list(shown)));
        continue;
      }
      continue;  // when_not / when_not_in: a missing key is "not equal"
    }
    bool found = std::any_of(e.values.begin(), e.values.end(),
                             [&](const Value& v) { return config_value_equals(it->second, v); });
    if (found != positive) all = false;
  }
  if (problems.size() != before) return false;
  return all;
}

namespace {

class ConfigModifier final : public ModifierImpl {
 public:
  explicit ConfigModifier(ConfigCondition cond) : cond_(std::move(cond)) {}
  std::string name() const override { return cond_.modifier_name(); }
  ModifierStage stage() const override { return ModifierStage::resolve; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    std::vector<std::string> problems;
    bool keep = cond_.matches(ctx.config(), problems);
    if (!problems.empty()) {
      for (const auto& p : problems) ctx.error(nodes.front(), name(), p, ErrorCode::config);
      nodes.clear();
      return;
    }
    if (!keep) {
      nodes.clear();
      return;
    }
    for (auto& n : nodes) {
      if (n.name == n.function_name) {
        auto pos = n.name.rfind("__");
        if (pos != std::string::npos) {
          if (pos + 2 == n.name.size() || pos == 0) {
            ctx.error(n, name(),
                      fmt::format("function name `{}` {}; a config variant is named "
                                  "`<node>__<variant>` (e.g. `total__v1`)",
                                  n.name, pos == 0 ? "starts with `__`" : "ends in `__`"),
                      ErrorCode::bad_name);
            nodes.clear();
            return;
          }
          n.name = n.name.substr(0, pos);
        }
      }
      auto& tag = n.tags["hamilton.config"];
      for (const auto& k : cond_.keys())
        if (std::find(tag.begin(), tag.end(), k) == tag.end()) tag.push_back(k);
    }
  }

 private:
  ConfigCondition cond_;
};

// Hamilton's resolve: asks `decorate_with` for the modifier, given the config values it reads.
class ResolveModifier final : public ModifierImpl {
 public:
  ResolveModifier(std::function<Modifier(const Config&)> fn, std::vector<std::string> required,
                  std::vector<std::string> optional)
      : fn_(std::move(fn)), required_(std::move(required)), optional_(std::move(optional)) {}
  std::string name() const override { return "resolve"; }
  ModifierStage stage() const override { return ModifierStage::resolve; }
  void apply(BuildContext&, std::vector<NodeSpec>&) const override {}
  bool resolves() const override { return true; }
  std::vector<std::shared_ptr<const ModifierImpl>> resolve(BuildContext& ctx,
                                                           const NodeSpec& node) const override {
    const ValueMap& config = ctx.config();
    auto power = config.find("hamilton.enable_power_user_mode");
    const bool* on = power == config.end() ? nullptr : power->second.get_if<bool>();
    if (!on || !*on) {
      ctx.error(node, name(),
                "dynamic modifiers are only allowed in power user mode: they can make a dataflow "
                "hard to read; add config `hamilton.enable_power_user_mode` = true to the Builder",
                ErrorCode::config);
      return {};
    }
    if (!fn_) {
      ctx.error(node, name(), "decorate_with is empty; give a function returning a modifier",
                ErrorCode::bad_modifier);
      return {};
    }
    Config given;
    std::vector<std::string> missing;
    for (const auto& k : required_) {
      auto it = config.find(k);
      if (it == config.end())
        missing.push_back(k);
      else
        given[k] = it->second;
    }
    if (!missing.empty()) {
      ctx.error(node, name(),
                fmt::format("config items {} are declared but not in the config; add them with "
                            "Builder::with_config (or list them as optional keys)",
                            detail::quoted_list(missing)),
                ErrorCode::missing_config);
      return {};
    }
    for (const auto& k : optional_) {
      auto it = config.find(k);
      if (it != config.end()) given[k] = it->second;
    }
    Modifier made;
    try {
      made = fn_(given);
    } catch (const std::exception& e) {
      ctx.error(node, name(), fmt::format("decorate_with threw: {}", e.what()));
      return {};
    }
    if (!made) {
      ctx.error(node, name(), "decorate_with returned no modifier", ErrorCode::bad_modifier);
      return {};
    }
    return {made.ptr()};
  }

 private:
  std::function<Modifier(const Config&)> fn_;
  std::vector<std::string> required_, optional_;
};

std::vector<ConfigList> as_lists(std::initializer_list<ConfigEntry> entries) {
  std::vector<ConfigList> out;
  for (const auto& e : entries) out.push_back(ConfigList{e.key, {e.value}});
  return out;
}

}  // namespace

Modifier config_when(std::initializer_list<ConfigEntry> entries) {
  return detail::make<ConfigModifier>(
      ConfigCondition(ConfigCondition::Kind::when, as_lists(entries)));
}
Modifier config_when_not(std::initializer_list<ConfigEntry> entries) {
  return detail::make<ConfigModifier>(
      ConfigCondition(ConfigCondition::Kind::when_not, as_lists(entries)));
}
Modifier config_when_in(std::initializer_list<ConfigList> entries) {
  return detail::make<ConfigModifier>(
      ConfigCondition(ConfigCondition::Kind::when_in, std::vector<ConfigList>(entries)));
}
Modifier config_when_not_in(std::initializer_list<ConfigList> entries) {
  return detail::make<ConfigModifier>(
      ConfigCondition(ConfigCondition::Kind::when_not_in, std::vector<ConfigList>(entries)));
}
Modifier config_when_fn(std::function<bool(const Config&)> predicate,
                        std::vector<std::string> required_keys) {
  return detail::make<ConfigModifier>(
      ConfigCondition(std::move(predicate), std::move(required_keys)));
}

Modifier resolve(ResolveAt /*when: config_available is the only time*/,
                 std::function<Modifier(const Config&)> decorate_with,
                 std::vector<std::string> required_keys, std::vector<std::string> optional_keys) {
  return detail::make<ResolveModifier>(std::move(decorate_with), std::move(required_keys),
                                       std::move(optional_keys));
}
Modifier resolve_from_config(std::function<Modifier(const Config&)> decorate_with,
                             std::vector<std::string> required_keys,
                             std::vector<std::string> optional_keys) {
  return resolve(ResolveAt::config_available, std::move(decorate_with), std::move(required_keys),
                 std::move(optional_keys));
}

}  // namespace hamilton::modifiers
