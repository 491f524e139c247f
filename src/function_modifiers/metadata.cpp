#include "hamilton/function_modifiers/metadata.hpp"

#include <fmt/format.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "function_modifiers/common.hpp"

namespace hamilton::modifiers {

const std::vector<std::string>& reserved_tag_namespaces() {
  static const std::vector<std::string> names{"hamilton", "data_quality", "gdpr", "ccpa",
                                              "dag",      "module",       "ray_remote"};
  return names;
}

std::string tag_key_problem(const std::string& key) {
  if (key.empty()) return "a tag key must not be empty";
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    auto dot = key.find('.', start);
    parts.push_back(key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  for (const auto& p : parts)
    if (!detail::is_identifier(p))
      return fmt::format("tag key `{}` is not a dot-separated list of identifiers (`{}` is not an "
                         "identifier); use keys like `owner` or `team.name`",
                         key, p);
  for (const auto& ns : reserved_tag_namespaces())
    if (parts[0] == ns)
      return fmt::format("tag key `{}` is in the reserved namespace `{}` (reserved: {}); the "
                         "framework sets these tags: choose another key",
                         key, ns, detail::quoted_list(reserved_tag_namespaces()));
  return {};
}

namespace {

class DocModifier final : public ModifierImpl {
 public:
  explicit DocModifier(std::string text) : text_(std::move(text)) {}
  std::string name() const override { return "doc"; }
  // The docstring belongs to the function itself: set it before expanders (parameterize
  // formats it as a template) and transformers (which derive their nodes' docs from it).
  ModifierStage stage() const override { return ModifierStage::generate; }
  void apply(BuildContext&, std::vector<NodeSpec>& nodes) const override {
    for (auto& n : nodes)
      if (n.doc.empty() || n.name == n.function_name) n.doc = text_;
  }

 private:
  std::string text_;
};

bool check_tags(BuildContext& ctx, const NodeSpec& n, const char* modifier,
                const std::vector<TagEntry>& tags) {
  bool ok = true;
  for (const auto& t : tags) {
    if (auto problem = tag_key_problem(t.key); !problem.empty()) {
      ctx.error(n, modifier, problem, ErrorCode::bad_tag);
      ok = false;
      continue;
    }
    if (t.values.empty()) {
      ctx.error(n, modifier, fmt::format("tag `{}` has an empty list of values", t.key),
                ErrorCode::bad_tag);
      ok = false;
    }
  }
  return ok;
}

class TagModifier final : public ModifierImpl {
 public:
  explicit TagModifier(std::vector<TagEntry> tags) : tags_(std::move(tags)) {}
  std::string name() const override { return "tag"; }
  ModifierStage stage() const override { return ModifierStage::decorate; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    if (!check_tags(ctx, nodes.front(), "tag", tags_)) return;
    for (auto& n : nodes)
      for (const auto& t : tags_) n.tags[t.key] = t.values;
  }

 private:
  std::vector<TagEntry> tags_;
};

class TagOutputsModifier final : public ModifierImpl {
 public:
  explicit TagOutputsModifier(std::vector<OutputTags> outputs) : outputs_(std::move(outputs)) {}
  std::string name() const override { return "tag_outputs"; }
  ModifierStage stage() const override { return ModifierStage::decorate; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    for (const auto& out : outputs_) {
      if (!check_tags(ctx, nodes.front(), "tag_outputs", out.tags)) continue;
      NodeSpec* target = nullptr;
      for (auto& n : nodes)
        if (n.name == out.node) target = &n;
      if (!target) {
        std::vector<std::string> names;
        for (const auto& n : nodes) names.push_back(n.name);
        ctx.error(nodes.front(), "tag_outputs",
                  fmt::format("names node `{}`, which this function does not make; it makes {}",
                              out.node, detail::quoted_list(names)),
                  ErrorCode::unknown_output);
        continue;
      }
      for (const auto& t : out.tags) target->tags[t.key] = t.values;
    }
  }

 private:
  std::vector<OutputTags> outputs_;
};

// Hamilton's accept_error_sentinels: the tag `hamilton.error_sentinel` the executors read
// (executor/run_guard.hpp), on a node that has a parameter that can be empty.
class AcceptErrorSentinelsModifier final : public ModifierImpl {
 public:
  std::string name() const override { return "accept_error_sentinels"; }
  ModifierStage stage() const override { return ModifierStage::decorate; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    for (auto& n : nodes) {
      bool can_be_empty = false;
      for (const auto& p : n.parameters) can_be_empty |= !p.is_bound() && (p.optional || p.any);
      if (!can_be_empty) {
        ctx.error(n, "accept_error_sentinels",
                  "no parameter can receive an error sentinel (an empty value for an argument "
                  "that failed): declare the parameters that may fail as std::optional<T> or "
                  "hamilton::Value",
                  ErrorCode::bad_modifier);
        continue;
      }
      n.tags["hamilton.error_sentinel"] = {"injection is requested"};
    }
  }
};

// The code version of the function's nodes (NodeSpec::version), read by the result cache.
class VersionModifier final : public ModifierImpl {
 public:
  explicit VersionModifier(std::string v) : version_(std::move(v)) {}
  std::string name() const override { return "version"; }
  ModifierStage stage() const override { return ModifierStage::decorate; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    for (auto& n : nodes) {
      if (version_.empty()) {
        ctx.error(n, "version",
                  "the code version is empty: give a non-empty string that changes when what "
                  "the node computes changes, e.g. version(\"2\")",
                  ErrorCode::bad_modifier);
        continue;
      }
      n.version = version_;
    }
  }

 private:
  std::string version_;
};

// Hamilton's @cache(behavior=...): the tag `cache.behavior` on the function's nodes.
class CacheModifier final : public ModifierImpl {
 public:
  explicit CacheModifier(std::string behavior) : behavior_(std::move(behavior)) {}
  std::string name() const override { return "cache"; }
  ModifierStage stage() const override { return ModifierStage::decorate; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    auto b = caching::behavior_from_string(behavior_);
    for (auto& n : nodes) {
      if (!b) {
        ctx.error(n, "cache",
                  fmt::format("`{}` is not a caching behaviour; use \"default\", \"recompute\", "
                              "\"disable\" or \"ignore\" (caching::Behavior)",
                              behavior_),
                  ErrorCode::bad_modifier);
        continue;
      }
      n.tags[std::string(caching::kBehaviorTag)] = {std::string(caching::to_string(*b))};
    }
  }

 private:
  std::string behavior_;
};

// Hamilton's schema.output: the tag `hamilton.internal.schema_output` on a DataFrame node.
class SchemaOutputModifier final : public ModifierImpl {
 public:
  SchemaOutputModifier(std::vector<SchemaField> fields, std::string target)
      : fields_(std::move(fields)), target_(std::move(target)) {}
  std::string name() const override { return "schema_output"; }
  ModifierStage stage() const override { return ModifierStage::decorate; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    if (fields_.empty()) {
      ctx.error(nodes.front(), name(), "lists no fields; give at least one (name, type)",
                ErrorCode::bad_modifier);
      return;
    }
    std::string text;
    for (const auto& f : fields_) {
      if (f.name.empty() || f.type.empty() || f.name.find_first_of("=,") != std::string::npos ||
          f.type.find(',') != std::string::npos) {
        ctx.error(nodes.front(), name(),
                  fmt::format("field (`{}`, `{}`) needs a name without `=` or `,` and a type "
                              "without `,`",
                              f.name, f.type),
                  ErrorCode::bad_modifier);
        return;
      }
      text += (text.empty() ? "" : ",") + f.name + "=" + f.type;
    }
    std::vector<std::size_t> targets;
    if (target_.empty()) {
      targets = detail::sinks(nodes);
    } else {
      for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].name == target_) targets.push_back(i);
      if (targets.empty()) {
        std::vector<std::string> names;
        for (const auto& n : nodes) names.push_back(n.name);
        ctx.error(nodes.front(), name(),
                  fmt::format("targets `{}`, which this function does not make; it makes {}",
                              target_, detail::quoted_list(names)),
                  ErrorCode::unknown_output);
        return;
      }
    }
    for (auto t : targets) {
      NodeSpec& n = nodes[t];
      if (!n.returns_any && n.type->name() != "hamilton::DataFrame") {
        ctx.error(n, name(),
                  fmt::format("`{}` returns a {}; schema_output describes the fields of a "
                              "hamilton::DataFrame",
                              n.name, n.type->name()),
                  ErrorCode::bad_return_type);
        continue;
      }
      n.tags["hamilton.internal.schema_output"] = {text};
    }
  }

 private:
  std::vector<SchemaField> fields_;
  std::string target_;
};

}  // namespace

Modifier schema_output(std::vector<SchemaField> fields, std::string target) {
  return Modifier(std::make_shared<SchemaOutputModifier>(std::move(fields), std::move(target)));
}

Modifier version(std::string code_version) {
  return Modifier(std::make_shared<VersionModifier>(std::move(code_version)));
}

Modifier cache(caching::Behavior behavior) {
  return Modifier(std::make_shared<CacheModifier>(std::string(caching::to_string(behavior))));
}

Modifier cache(std::string behavior) {
  return Modifier(std::make_shared<CacheModifier>(std::move(behavior)));
}

Modifier accept_error_sentinels() {
  return Modifier(std::make_shared<AcceptErrorSentinelsModifier>());
}

Modifier doc(std::string text) { return Modifier(std::make_shared<DocModifier>(std::move(text))); }

Modifier tag(std::initializer_list<TagEntry> tags) {
  return Modifier(std::make_shared<TagModifier>(std::vector<TagEntry>(tags)));
}
Modifier tag(std::string key, std::string value) {
  return tag({TagEntry(std::move(key), std::move(value))});
}
Modifier tag(std::string key, std::vector<std::string> values) {
  return tag({TagEntry(std::move(key), std::move(values))});
}
Modifier tag_outputs(std::initializer_list<OutputTags> outputs) {
  return Modifier(std::make_shared<TagOutputsModifier>(std::vector<OutputTags>(outputs)));
}

}  // namespace hamilton::modifiers
