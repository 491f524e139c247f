#pragma once
/// \file
/// Build-time extension points (Hamilton's `StaticValidator` and `GraphConstructionHook`): a
/// team's own rules checked when the graph is built — every node has an `owner` tag, names
/// follow a convention, parameter types follow a rule — and code that looks at the finished
/// graph. Register them with `Builder::with_hooks(...)`.
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/hamilton.hpp>
///
/// // refuses function nodes without an `owner` tag
/// struct OwnerRequired : hamilton::lifecycle::StaticValidator {
///   std::string name() const override { return "owner_required"; }
///   std::optional<std::string> validate_node(const hamilton::lifecycle::NodeView& node) override {
///     if (node.role() != hamilton::NodeRole::function || node.tags().count("owner")) return {};
///     return "has no `owner` tag; tag it with the owning team";
///   }
/// };
///
/// int main() {
///   auto dr = hamilton::Builder().with_modules("my_functions")
///                 .with_hooks(std::make_shared<OwnerRequired>()).build();
/// }
/// ```
///
/// Each refusal is one `static-validation` problem of the `GraphError` the Builder throws,
/// beside every other problem of the build, with the node's name, module and file:line.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/graph/graph.hpp"
#include "hamilton/registry/node_spec.hpp"
#include "hamilton/value.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton {

namespace detail {
struct BuildView;
}  // namespace detail

namespace lifecycle {

/// A read-only view of one node of the graph being built: a handle (cheap to copy), valid
/// only during the validator call that receives it.
class HAMILTON_EXPORT NodeView {
 public:
  const std::string& name() const;
  NodeRole role() const;
  bool is_external_input() const { return role() == NodeRole::input; }
  /// The declared type (`void` for an input only taken as `hamilton::Value`).
  const TypeInfo& type() const;
  /// Demangled type name; `hamilton::Value` for a node whose type is known only at run time.
  std::string type_name() const;
  const std::string& documentation() const;
  const Tags& tags() const;
  /// The values of tag `key` (empty if the node has no such tag).
  std::vector<std::string> tag(std::string_view key) const;
  const std::string& module() const;
  const SourceLocation& location() const;
  /// The C++ function the node comes from (empty for inputs and config).
  const std::string& function_name() const;

  /// Parameters, in declaration order.
  std::size_t parameter_count() const;
  const std::string& parameter_name(std::size_t i) const;
  /// The parameter's declared type name (`hamilton::Value` for a Value parameter).
  std::string parameter_type_name(std::size_t i) const;
  const TypeInfo& parameter_type(std::size_t i) const;
  bool parameter_optional(std::size_t i) const;
  /// The node parameter `i` reads; nullopt for a bound literal (`value(...)`).
  std::optional<NodeView> dependency(std::size_t i) const;
  /// The nodes that read this one.
  std::vector<NodeView> consumers() const;

 private:
  friend class GraphView;
  NodeView(const detail::BuildView* graph, std::uint32_t index) : graph_(graph), index_(index) {}
  const detail::BuildView* graph_;
  std::uint32_t index_;
};

/// A read-only view of the whole graph being built (every node: functions, config, inputs).
class HAMILTON_EXPORT GraphView {
 public:
  explicit GraphView(const detail::BuildView& graph) : graph_(&graph) {}
  std::size_t size() const;
  NodeView node(std::size_t i) const;
  /// Every node: the functions in declaration order, then config, then inputs.
  std::vector<NodeView> nodes() const;
  std::optional<NodeView> find(std::string_view name) const;
  const ValueMap& config() const;

 private:
  const detail::BuildView* graph_;
};

/// Hamilton's `StaticValidator`: rules checked while the graph is built. Override what you
/// need; by default everything is valid. Return nullopt for valid, or what is wrong and how to
/// fix it (the node's name, module and location are added).
class HAMILTON_EXPORT StaticValidator {
 public:
  virtual ~StaticValidator() = default;
  /// Shown before each message (`owner_required: ...`); may be empty.
  virtual std::string name() const { return {}; }
  /// Called for every node (functions, config values and external inputs).
  virtual std::optional<std::string> validate_node(const NodeView& /*node*/) {
    return std::nullopt;
  }
  /// Called once, after every node.
  virtual std::optional<std::string> validate_graph(const GraphView& /*graph*/) {
    return std::nullopt;
  }
};

/// Hamilton's `GraphConstructionHook`: called once a graph is built (and valid), e.g. to record
/// a hash of it or to register it somewhere.
class HAMILTON_EXPORT GraphConstructionHook {
 public:
  virtual ~GraphConstructionHook() = default;
  virtual void run_after_graph_construction(const Graph& graph, const ValueMap& config) = 0;
};

}  // namespace lifecycle
}  // namespace hamilton
