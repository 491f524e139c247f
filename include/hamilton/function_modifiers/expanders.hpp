#pragma once
/// \file
/// Expanders: one function into several nodes (Hamilton's `parameterize*`, `inject`,
/// `extract_fields`, `unpack_fields`, `extract_columns`, `parameterize_extract_columns`).
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/node.hpp>
///
/// HAMILTON_MODULE(scaling);
/// NODE(double, scaled, (double x, double factor),
///      parameterize({{"spend_scaled", {{"x", source("spend")}, {"factor", value(2.0)}}},
///                    {"clicks_scaled", {{"x", source("clicks")}, {"factor", value(3.0)}}}}),
///      doc("{x} times {factor}")) { return x * factor; }
/// ```

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/function_modifiers/dependencies.hpp"
#include "hamilton/registry/modifier.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton {

/// A record of named values: what a function under `extract_fields` returns.
using Record = ValueMap;

namespace modifiers {

// ---------------------------------------------------------------- parameterize family

/// One output of `parameterize`: its node name, how each replaced parameter is bound, and
/// optionally its own doc (else the function's doc, formatted with `{parameter}` replaced by
/// the source name or the value).
struct HAMILTON_EXPORT Parameterization {
  std::string output;
  std::vector<ParamBinding> bindings;
  // Optional: `= {}` (here and below) lets `{...}` leave it out without a -Wextra warning.
  std::string doc = {};
};
/// One function → one node per entry (Hamilton's `parameterize`). Binding a parameter the
/// function does not take is a build error.
HAMILTON_EXPORT Modifier parameterize(std::initializer_list<Parameterization> outputs);
HAMILTON_EXPORT Modifier parameterize(std::vector<Parameterization> outputs);

/// One output of `parameterize_values`: node name, the literal, an optional doc.
struct HAMILTON_EXPORT ValueOutput {
  std::string output;
  Value value;
  std::string doc = {};
};
/// `parameterize` with only literals for one parameter (Hamilton's `parameterize_values`):
/// `parameterize_values("factor", {{"double_it", 2.0}, {"triple_it", 3.0}})`.
HAMILTON_EXPORT Modifier parameterize_values(std::string parameter,
                                             std::initializer_list<ValueOutput> outputs);

/// `{"x", "spend"}`: parameter x reads node spend.
struct HAMILTON_EXPORT SourceBinding {
  std::string parameter;
  std::string node;
};
/// One output of `parameterize_sources`.
struct HAMILTON_EXPORT SourceOutput {
  std::string output;
  std::vector<SourceBinding> bindings;
  std::string doc = {};
};
/// `parameterize` with only sources (Hamilton's `parameterize_sources`):
/// `parameterize_sources({{"spend_mean", {{"x", "spend"}}}, {"clicks_mean", {{"x", "clicks"}}}})`.
HAMILTON_EXPORT Modifier parameterize_sources(std::initializer_list<SourceOutput> outputs);

/// Binds parameters without renaming the node (Hamilton's `inject`):
/// `inject({{"values", group<double>(source("a"), source("b"), value(1.0))}})`.
HAMILTON_EXPORT Modifier inject(std::initializer_list<ParamBinding> bindings);

// ---------------------------------------------------------------- extract_fields / unpack

/// The declared type of a field: `type<double>()`; `type<hamilton::Value>()` accepts any.
struct HAMILTON_EXPORT FieldType {
  const TypeInfo* info = &TypeInfo::of<void>();
  bool any = false;
};
template <class T>
FieldType type() {
  if constexpr (std::is_same_v<T, Value>)
    return FieldType{&TypeInfo::of<void>(), true};
  else
    return FieldType{&TypeInfo::of<T>(), false};
}

/// `{"mean", type<double>()}` (optionally a doc as third member).
struct HAMILTON_EXPORT FieldSpec {
  std::string name;
  FieldType type;
  std::string doc = {};
};

/// A function returning a `hamilton::Record` (or a `hamilton::Value` holding one) yields its
/// own node plus one typed node per field (Hamilton's `extract_fields`). A missing field is a
/// run-time error naming it unless `fill_with` is given; a field of another type is a
/// run-time error naming both types.
HAMILTON_EXPORT Modifier extract_fields(std::initializer_list<FieldSpec> fields,
                                        std::optional<Value> fill_with = std::nullopt);

namespace detail {
struct HAMILTON_EXPORT UnpackField {
  std::string name;
  const TypeInfo* type;
  Value (*get)(const Value& tuple);
};
HAMILTON_EXPORT Modifier unpack_fields_impl(const TypeInfo& tuple_type,
                                            std::vector<UnpackField> fields);

template <class Tuple, std::size_t I>
Value tuple_element(const Value& v) {
  return Value(std::get<I>(v.get<Tuple>()));
}
template <class Tuple, class... Names, std::size_t... I>
std::vector<UnpackField> unpack_list(std::index_sequence<I...>, Names&&... names) {
  return {UnpackField{std::string(std::forward<Names>(names)),
                      &TypeInfo::of<std::tuple_element_t<I, Tuple>>(),
                      &tuple_element<Tuple, I>}...};
}
}  // namespace detail

/// A function returning `std::tuple<T...>` yields one node per element (Hamilton's
/// `unpack_fields`): `unpack_fields<double, std::string>("mean", "label")`. The element types
/// are spelled out (C++ cannot read them from the modifier's position); they must match the
/// function's return type, else the build fails naming both.
template <class... T, class... Names>
Modifier unpack_fields(Names&&... names) {
  static_assert(sizeof...(T) > 0, "unpack_fields<T...>(names...): give the tuple's element types");
  static_assert(sizeof...(T) == sizeof...(Names),
                "unpack_fields<T...>(names...): give one name per element type");
  using Tuple = std::tuple<T...>;
  return detail::unpack_fields_impl(
      TypeInfo::of<Tuple>(),
      detail::unpack_list<Tuple>(std::index_sequence_for<T...>{}, std::forward<Names>(names)...));
}

// ---------------------------------------------------------------- extract_columns

/// A column to extract: its name and optionally a doc.
struct HAMILTON_EXPORT ColumnSpec {
  ColumnSpec(const char* n) : name(n) {}             // NOLINT
  ColumnSpec(std::string n) : name(std::move(n)) {}  // NOLINT
  ColumnSpec(std::string n, std::string d) : name(std::move(n)), doc(std::move(d)) {}
  std::string name;
  std::string doc;
};
/// `fill_with(0.0)`: the value a missing column is filled with (extract_columns/extract_fields).
struct HAMILTON_EXPORT FillWith {
  Value value;
};
inline FillWith fill_with(Value v) { return FillWith{std::move(v)}; }

namespace detail {
struct HAMILTON_EXPORT ExtractColumnsArgs {
  std::vector<ColumnSpec> columns;
  std::optional<Value> fill;
  void add(ColumnSpec c) { columns.push_back(std::move(c)); }
  void add(FillWith f) { fill = std::move(f.value); }
  void add(const std::vector<std::string>& names) {
    for (const auto& n : names) columns.emplace_back(n);
  }
};
HAMILTON_EXPORT Modifier extract_columns_impl(ExtractColumnsArgs args);
}  // namespace detail

/// A function returning a `hamilton::DataFrame` yields its own node plus one `hamilton::Series`
/// node per column (Hamilton's `extract_columns`): `extract_columns("a", "b", fill_with(0.0))`; a
/// `std::vector<std::string>` of names and `ColumnSpec{"name", "doc"}` are accepted too.
/// A column missing at run time is an error naming it, unless `fill_with` is given.
template <class... A>
Modifier extract_columns(A&&... args) {
  detail::ExtractColumnsArgs out;
  (out.add(std::forward<A>(args)), ...);
  return detail::extract_columns_impl(std::move(out));
}

// ---------------------------------------------------------------- parameterize_extract_columns

/// One parameterization of `parameterize_extract_columns`: the output columns (by position, the
/// columns of the DataFrame the function returns) and how each replaced parameter is bound.
struct HAMILTON_EXPORT ParameterizedExtract {
  std::vector<std::string> outputs;
  std::vector<ParamBinding> bindings;
};
/// `parameterize` and `extract_columns` in one (Hamilton's `parameterize_extract_columns`): for
/// parameterization i, the function runs as node `<function>__<i>` with its bindings, and each
/// output is a `hamilton::Series` node. With `reassign_columns` (the default, as Hamilton's), the
/// DataFrame's columns are renamed to the outputs by position, and another number of columns
/// is an error naming both lists; without it, the outputs are taken by name.
/// `parameterize_extract_columns({{{"a1", "b1"}, {{"x", source("x1")}}},
///                                {{"a2", "b2"}, {{"x", source("x2")}}}})`
HAMILTON_EXPORT Modifier parameterize_extract_columns(std::vector<ParameterizedExtract> extracts,
                                                      bool reassign_columns = true);

}  // namespace modifiers

using modifiers::extract_columns;
using modifiers::extract_fields;
using modifiers::fill_with;
using modifiers::inject;
using modifiers::parameterize;
using modifiers::parameterize_extract_columns;
using modifiers::parameterize_sources;
using modifiers::parameterize_values;
using modifiers::ParameterizedExtract;
using modifiers::unpack_fields;

}  // namespace hamilton
