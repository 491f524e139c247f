#include "hamilton/function_modifiers/configuration.hpp"

#include <fmt/format.h>

#include <algorithm>

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
bool comparable(const Value& v) {
  return v.type().is_arithmetic() || v.is<std::string>();
}
}  // namespace

std::string ConfigCondition::modifier_name() const {
  switch (kind_) {
    case Kind::when: return "config_when";
    case Kind::when_not: return "config_when_not";
    case Kind::when_in: return "config_when_in";
    case Kind::when_not_in: return "config_when_not_in";
    case Kind::predicate: return "config_when_fn";
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
        problems.push_back(fmt::format("requires config key `{}`, which the config does not have; "
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
    bool found = std::any_of(e.values.begin(), e.values.end(), [&](const Value& v) {
      return config_value_equals(it->second, v);
    });
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

std::vector<ConfigList> as_lists(std::initializer_list<ConfigEntry> entries) {
  std::vector<ConfigList> out;
  for (const auto& e : entries) out.push_back(ConfigList{e.key, {e.value}});
  return out;
}

}  // namespace

Modifier config_when(std::initializer_list<ConfigEntry> entries) {
  return detail::make<ConfigModifier>(ConfigCondition(ConfigCondition::Kind::when, as_lists(entries)));
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
  return detail::make<ConfigModifier>(ConfigCondition(std::move(predicate), std::move(required_keys)));
}

}  // namespace hamilton::modifiers
