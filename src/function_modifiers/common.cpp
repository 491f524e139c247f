#include "function_modifiers/common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "common/python_str.hpp"
#include "hamilton/function_modifiers/dependencies.hpp"

namespace hamilton::modifiers {

std::string ParamSpec::describe() const {
  switch (kind_) {
    case Kind::source:
      return fmt::format("source(\"{}\")", name_);
    case Kind::configuration:
      return fmt::format("configuration(\"{}\")", name_);
    case Kind::value:
      return fmt::format("value({})", detail::value_to_string(literal_));
    case Kind::group: {
      std::string out = "group(";
      for (std::size_t i = 0; i < items_.size(); ++i)
        out += (i ? ", " : "") + (i < keys_.size() ? keys_[i] + "=" : std::string()) +
               items_[i].describe();
      return out + ")";
    }
  }
  return {};
}

namespace detail {
namespace {

struct DynamicFn {
  std::size_t arity;
  Body body;
};

Value invoke_dynamic(const void* fn, const Value* slots, const std::uint32_t* args) {
  const auto& f = *static_cast<const DynamicFn*>(fn);
  constexpr std::size_t kLocal = 8;
  if (f.arity <= kLocal) {
    Value local[kLocal];
    for (std::size_t i = 0; i < f.arity; ++i) local[i] = slots[args[i]];
    return f.body(std::span<const Value>(local, f.arity));
  }
  std::vector<Value> local(f.arity);
  for (std::size_t i = 0; i < f.arity; ++i) local[i] = slots[args[i]];
  return f.body(local);
}

Value invoke_identity(const void*, const Value* slots, const std::uint32_t* args) {
  return slots[args[0]];
}

struct RemapFn {
  Callable inner;
  std::vector<std::uint32_t> mapping;
};

Value invoke_remap(const void* fn, const Value* slots, const std::uint32_t* args) {
  const auto& f = *static_cast<const RemapFn*>(fn);
  constexpr std::size_t kLocal = 16;
  const std::size_t n = f.mapping.size();
  if (n <= kLocal) {
    std::uint32_t local[kLocal];
    for (std::size_t i = 0; i < n; ++i) local[i] = args[f.mapping[i]];
    return f.inner(slots, local);
  }
  std::vector<std::uint32_t> local(n);
  for (std::size_t i = 0; i < n; ++i) local[i] = args[f.mapping[i]];
  return f.inner(slots, local.data());
}

}  // namespace

Callable make_callable(std::size_t arity, Body body) {
  return Callable(std::make_shared<const DynamicFn>(DynamicFn{arity, std::move(body)}),
                  &invoke_dynamic);
}

Callable identity_callable() {
  static const std::shared_ptr<const void> token = std::make_shared<const int>(0);
  return Callable(token, &invoke_identity);
}

Callable remap_callable(Callable inner, std::vector<std::uint32_t> mapping) {
  return Callable(std::make_shared<const RemapFn>(RemapFn{std::move(inner), std::move(mapping)}),
                  &invoke_remap);
}

std::vector<std::size_t> sinks(const std::vector<NodeSpec>& nodes) {
  std::unordered_set<std::string> read;
  for (const auto& n : nodes)
    for (const auto& p : n.parameters)
      if (!p.is_bound()) read.insert(p.node_name());
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (!read.count(nodes[i].name)) out.push_back(i);
  return out;
}

std::string value_to_string(const Value& v) {
  if (!v.has_value()) return "None";
  if (const auto* s = v.get_if<std::string>()) return *s;
  if (const auto* b = v.get_if<bool>()) return *b ? "true" : "false";
  if (v.type().is_arithmetic()) return fmt::format("{}", v.type().to_double(v.data()));
  return "<" + v.type().name() + ">";
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += fmt::format("{}`{}`", i ? ", " : "", names[i]);
  return out.empty() ? "(none)" : out;
}

std::string parameter_list(const NodeSpec& node) {
  std::vector<std::string> names;
  for (const auto& p : node.parameters) names.push_back(p.name);
  return quoted_list(names);
}

std::string node_type_name(const NodeSpec& node) {
  return node.returns_any ? std::string("hamilton::Value") : node.type->name();
}

bool is_dq_node(const NodeSpec& node) {
  return node.tags.count("hamilton.data_quality.contains_dq_results") != 0;
}

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  if (!(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace detail
NodeSpec detail::derived_node(const NodeSpec& owner, std::string name, std::string doc,
                              const TypeInfo* owner_type) {
  NodeSpec n;
  n.name = std::move(name);
  n.function_name = owner.function_name;
  n.module = owner.module;
  n.location = owner.location;
  n.tags = owner.tags;
  n.doc = std::move(doc);
  Parameter p;
  p.name = owner.name;
  if (owner.returns_any)
    p.any = true;
  else
    p.type = owner_type;
  n.parameters.push_back(std::move(p));
  return n;
}

}  // namespace hamilton::modifiers
