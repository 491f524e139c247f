#pragma once
// Helpers shared by the modifier implementations (not installed).

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/python_str.hpp"
#include "hamilton/registry/modifier.hpp"
#include "hamilton/registry/node_spec.hpp"
#include "hamilton/value.hpp"

namespace hamilton::modifiers::detail {

/// A node body over its argument values, in parameter order.
using Body = std::function<Value(std::span<const Value>)>;

/// A Callable that gathers its `arity` arguments and calls `body`.
Callable make_callable(std::size_t arity, Body body);
/// A Callable returning its only argument unchanged (any type).
Callable identity_callable();
/// A Callable that calls `inner` with argument i taken from own argument `mapping[i]`.
Callable remap_callable(Callable inner, std::vector<std::uint32_t> mapping);

/// Indices of the nodes that no other node of `nodes` reads (Hamilton's "sinks").
std::vector<std::size_t> sinks(const std::vector<NodeSpec>& nodes);

/// A literal as text: strings as they are, numbers in shortest form, bools true/false.
std::string value_to_string(const Value& v);
using hamilton::detail::python_str;

/// `a, b, c` with backquotes.
std::string quoted_list(const std::vector<std::string>& names);

/// The parameters of `node`, for messages.
std::string parameter_list(const NodeSpec& node);

/// The type a node produces, for messages.
std::string node_type_name(const NodeSpec& node);

/// True if `node` is tagged as a data-quality result node.
bool is_dq_node(const NodeSpec& node);

/// A node that a modifier makes from `owner` (a column, field or element of its value): named
/// `name`, with the owner's function, module, location and tags, and one parameter reading the
/// owner's value as `owner_type` (any value when the owner returns hamilton::Value). The
/// caller sets the type and the callable.
NodeSpec derived_node(const NodeSpec& owner, std::string name, std::string doc,
                      const TypeInfo* owner_type);

/// True if s is an identifier ([A-Za-z_][A-Za-z0-9_]*).
bool is_identifier(std::string_view s);

/// Makes a Modifier from an implementation.
template <class Impl, class... A>
Modifier make(A&&... args) {
  return Modifier(std::make_shared<const Impl>(std::forward<A>(args)...));
}

}  // namespace hamilton::modifiers::detail
