#pragma once
/// \file
/// Dependency specs (Hamilton's `source`, `value`, `group`, `configuration`): how the
/// parameterize family, `inject`, `step` and `subdag` bind a parameter.
///
/// - `source("spend")`: read the node `spend`;
/// - `value(3.5)`: bind the literal 3.5 (reads no node);
/// - `configuration("region")`: bind the config value `region` (a build error if it is missing);
/// - `group(source("a"), value(2.0))`: a `std::vector<hamilton::Value>` of the items;
/// - `group<double>(source("a"), value(2.0))`: a `std::vector<double>` of the items;
/// - `group<double>({{"a", source("a")}, {"k", value(2.0)}})`: a `std::map<std::string, double>`
///   of the named items (Hamilton's `group(**kwargs)`).
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/node.hpp>
///
/// HAMILTON_MODULE(scaling);
/// NODE(double, scaled, (double x, double factor),
///      parameterize({{"spend_scaled", {{"x", source("spend")}, {"factor", value(2.0)}}},
///                    {"regional", {{"x", source("spend")}, {"factor", configuration("k")}}}})) {
///   return x * factor;
/// }
/// ```

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/value.hpp"

namespace hamilton::modifiers {

/// How one parameter is provided. Build with `source`, `value`, `group`, `configuration`.
class HAMILTON_EXPORT ParamSpec {
 public:
  enum class Kind { source, value, group, configuration };

  /// A bare literal is a `value(...)` (as in Python, where a non-spec argument is a value).
  template <class T>
    requires(!std::is_same_v<std::decay_t<T>, ParamSpec>)
  ParamSpec(T&& literal)  // NOLINT(google-explicit-constructor)
      : kind_(Kind::value), literal_(Value(std::forward<T>(literal))) {}

  Kind kind() const noexcept { return kind_; }
  bool is_source() const noexcept { return kind_ == Kind::source; }
  bool is_value() const noexcept { return kind_ == Kind::value; }
  bool is_group() const noexcept { return kind_ == Kind::group; }
  bool is_configuration() const noexcept { return kind_ == Kind::configuration; }
  /// source: the node read; configuration: the config key.
  const std::string& name() const noexcept { return name_; }
  /// value: the literal.
  const Value& literal() const noexcept { return literal_; }
  /// group: the items, in order.
  const std::vector<ParamSpec>& items() const noexcept { return items_; }
  /// group given as names → items (`group({{"a", ...}})`): the names, in order; empty for a
  /// list group.
  const std::vector<std::string>& keys() const noexcept { return keys_; }
  /// group: the element type of the vector the parameter takes (void for hamilton::Value).
  const TypeInfo& element_type() const noexcept { return *element_; }
  /// group: the type of the parameter (`std::vector<T>`, or `std::map<std::string, T>`).
  const TypeInfo& group_type() const noexcept { return *group_type_; }
  /// group: makes the parameter's vector (or map) from the item values.
  Value collect(std::span<const Value> items) const { return collect_(items); }
  /// How the spec reads in messages: `source("a")`, `value(3)`, `group(...)`.
  std::string describe() const;

  static ParamSpec make_source(std::string node) {
    ParamSpec s(Kind::source);
    s.name_ = std::move(node);
    return s;
  }
  static ParamSpec make_configuration(std::string key) {
    ParamSpec s(Kind::configuration);
    s.name_ = std::move(key);
    return s;
  }
  template <class T>
  static ParamSpec make_group(std::vector<ParamSpec> items) {
    ParamSpec s(Kind::group);
    s.items_ = std::move(items);
    if constexpr (std::is_same_v<T, Value>) {
      s.element_ = &TypeInfo::of<void>();
    } else {
      s.element_ = &TypeInfo::of<T>();
    }
    s.group_type_ = &TypeInfo::of<std::vector<T>>();
    s.collect_ = [](std::span<const Value> values) -> Value {
      std::vector<T> out;
      out.reserve(values.size());
      for (const Value& v : values) {
        if constexpr (std::is_same_v<T, Value>)
          out.push_back(v);
        else
          out.push_back(v.get<T>());
      }
      return Value(std::move(out));
    };
    return s;
  }
  template <class T>
  static ParamSpec make_group_dict(std::vector<std::pair<std::string, ParamSpec>> items) {
    std::vector<ParamSpec> specs;
    std::vector<std::string> keys;
    for (auto& [key, spec] : items) {
      keys.push_back(key);
      specs.push_back(std::move(spec));
    }
    ParamSpec s = make_group<T>(std::move(specs));
    s.keys_ = keys;
    s.group_type_ = &TypeInfo::of<std::map<std::string, T>>();
    s.collect_ = [keys](std::span<const Value> values) -> Value {
      std::map<std::string, T> out;
      for (std::size_t i = 0; i < values.size() && i < keys.size(); ++i) {
        if constexpr (std::is_same_v<T, Value>)
          out.emplace(keys[i], values[i]);
        else
          out.emplace(keys[i], values[i].get<T>());
      }
      return Value(std::move(out));
    };
    return s;
  }

 private:
  explicit ParamSpec(Kind kind) : kind_(kind) {}
  Kind kind_;
  std::string name_;
  Value literal_;
  std::vector<ParamSpec> items_;
  std::vector<std::string> keys_;
  const TypeInfo* element_ = &TypeInfo::of<void>();
  const TypeInfo* group_type_ = &TypeInfo::of<void>();
  std::function<Value(std::span<const Value>)> collect_;
};

/// The parameter reads node `node` (Hamilton's `source`).
inline ParamSpec source(std::string node) { return ParamSpec::make_source(std::move(node)); }
/// The parameter is bound to a literal (Hamilton's `value`). A string literal is a std::string.
inline ParamSpec value(Value literal) { return ParamSpec(std::move(literal)); }
/// The parameter is bound to config value `key` (Hamilton's `configuration`); the key must be
/// in the driver's config.
inline ParamSpec configuration(std::string key) {
  return ParamSpec::make_configuration(std::move(key));
}
/// The parameter (a `std::vector<T>`) receives the items, in order (Hamilton's `group`).
/// Items are `source(...)` or `value(...)`. Without `T` the parameter is a
/// `std::vector<hamilton::Value>`.
template <class T = Value, class... Items>
ParamSpec group(Items&&... items) {
  return ParamSpec::make_group<T>(std::vector<ParamSpec>{ParamSpec(std::forward<Items>(items))...});
}

/// The parameter (a `std::map<std::string, T>`) receives the named items (Hamilton's
/// `group(**kwargs)`): `group<double>({{"us", source("us_spend")}, {"floor", value(1.0)}})`.
/// Without `T` the parameter is a `std::map<std::string, hamilton::Value>`.
template <class T = Value>
ParamSpec group(std::initializer_list<std::pair<std::string, ParamSpec>> items) {
  return ParamSpec::make_group_dict<T>(
      std::vector<std::pair<std::string, ParamSpec>>(items.begin(), items.end()));
}

/// A parameter name bound to a spec: `{"x", source("a")}`.
struct HAMILTON_EXPORT ParamBinding {
  std::string parameter;
  ParamSpec spec;
};

}  // namespace hamilton::modifiers

namespace hamilton {
using modifiers::configuration;
using modifiers::group;
using modifiers::ParamSpec;
using modifiers::source;
using modifiers::value;
}  // namespace hamilton
