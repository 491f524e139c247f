#pragma once
/// \file
/// `hamilton::Graph`: the validated, immutable graph a Builder makes; `Variable`: what a
/// listing says about one node; `TagFilter`: Hamilton's tag filters.

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/registry/node_spec.hpp"
#include "hamilton/value.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton {

namespace detail {
struct GraphImpl;
struct Access;
}  // namespace detail

/// What a node is.
enum class NodeRole : std::uint8_t {
  function,  ///< computed by a function
  input,     ///< an external input, given to `execute`
  config,    ///< a config value, given to the Builder
};

/// Everything a listing knows about one node (Hamilton's `HamiltonNode` / `Variable`).
struct HAMILTON_EXPORT Variable {
  std::string name;
  const TypeInfo* type = &TypeInfo::of<void>();
  /// Demangled type name; `hamilton::Value` for a node whose type is only known at run time.
  std::string type_name;
  std::string documentation;
  /// Hamilton's `HamiltonNode.version`: a function node's code version (NodeSpec::version;
  /// empty if it has none), an input's or config value's name.
  std::string version;
  Tags tags;
  std::string module;
  SourceLocation location;
  NodeRole role = NodeRole::function;
  bool is_external_input = false;
  /// For inputs: true if some node needs it (not only through optional parameters).
  bool required = false;
  std::vector<std::string> required_dependencies;
  std::vector<std::string> optional_dependencies;
  /// The C++ function the node comes from (empty for inputs and config).
  std::string originating_function;
};

/// How one tag key is matched (Hamilton's `tag_filter` values).
class HAMILTON_EXPORT TagMatch {
 public:
  /// The node has the key, whatever its value (Hamilton's `None`).
  static TagMatch any() { return TagMatch(); }
  /// The node's value is `value` (or, for a list tag, contains it).
  TagMatch(std::string value) : values_{std::move(value)} {}    // NOLINT
  TagMatch(const char* value) : values_{std::string(value)} {}  // NOLINT
  /// The node's value is one of `values`. An empty list is refused when filtering.
  TagMatch(std::initializer_list<std::string> values) : values_(values), is_list_(true) {}
  TagMatch(std::vector<std::string> values)
      : values_(std::move(values)), is_list_(true) {}  // NOLINT

  bool matches_any_value() const { return !is_list_ && values_.empty(); }
  const std::vector<std::string>& values() const { return values_; }
  bool is_list() const { return is_list_; }

 private:
  TagMatch() = default;
  std::vector<std::string> values_;
  bool is_list_ = false;
};

/// Tag filters: every key must match (keys are ANDed).
using TagFilter = std::map<std::string, TagMatch, std::less<>>;

/// A validated, immutable graph of nodes. Cheap to copy (shared); safe to use from several
/// threads at once.
class HAMILTON_EXPORT Graph {
 public:
  /// Number of nodes (functions, inputs and config).
  std::size_t size() const;
  bool contains(std::string_view name) const;
  /// Every node, in topological order (dependencies before dependants).
  std::vector<Variable> variables(const TagFilter& filter = {}) const;
  /// One node; throws `UnknownNodeError` (with a did-you-mean) if there is none.
  Variable variable(std::string_view name) const;
  const ValueMap& config() const;
  /// What building found suspicious but not wrong, in source order: `input-near-node` (an
  /// external input named one or two edits from a node, e.g. a parameter `revenu` beside the
  /// node `revenue`). `Builder::near_name_inputs_as_errors()` makes them build errors instead.
  const std::vector<Problem>& diagnostics() const;

  /// The named nodes and everything they depend on (topological order).
  std::vector<Variable> upstream_of(const std::vector<std::string>& names) const;
  /// The named nodes and everything that depends on them (topological order).
  std::vector<Variable> downstream_of(const std::vector<std::string>& names) const;
  /// Nodes on some path from `upstream` to `downstream` (both included); empty if none.
  std::vector<Variable> path_between(std::string_view upstream, std::string_view downstream) const;

  /// Internal: the graph's representation, for the hamilton libraries.
  const detail::GraphImpl& impl() const noexcept { return *impl_; }
  const std::shared_ptr<const detail::GraphImpl>& shared_impl() const noexcept { return impl_; }

 private:
  friend struct detail::Access;
  explicit Graph(std::shared_ptr<const detail::GraphImpl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const detail::GraphImpl> impl_;
};

}  // namespace hamilton
