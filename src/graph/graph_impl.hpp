#pragma once
// The graph's internal representation, shared by the graph, plan, executor and tools layers.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/name_index.hpp"
#include "hamilton/graph/graph.hpp"
#include "hamilton/registry/node_spec.hpp"
#include "hamilton/value.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton::detail {

inline constexpr std::uint32_t kNoNode = static_cast<std::uint32_t>(-1);

/// An edge: a parameter of a node bound to the node that provides its value.
struct Dependency {
  std::uint32_t node = kNoNode;  ///< index of the providing node
  Parameter parameter;           ///< the consumer's parameter
  /// The producer's type is only known at run time: check the value before calling.
  bool check_at_run_time = false;
  /// A config value converted to the parameter's arithmetic type (e.g. int 3 → double 3.0).
  Value converted;
};

struct GraphNode {
  std::string name;
  NodeRole role = NodeRole::function;
  const TypeInfo* type = &TypeInfo::of<void>();
  bool any_type = false;  ///< function returning hamilton::Value, or input only taken as Value
  std::string doc;
  std::string version;  ///< NodeSpec::version
  Tags tags;
  std::string module;
  SourceLocation location;
  std::string function_name;
  Callable callable;
  std::vector<Dependency> dependencies;  ///< in parameter order
  std::vector<std::uint32_t> consumers;  ///< nodes that take this one (each once)
  Value value;                           ///< config nodes: the config value
  bool required = false;                 ///< inputs: some consumer needs it non-optionally
  /// Inputs: the function node whose name is one or two edits from this one (a likely typo).
  std::string near_node;
  /// Returns `hamilton::Parallelizable<T>`: `T` (null otherwise). Such a node "expands": the
  /// nodes downstream of it, up to the Collect parameters, form its block.
  const TypeInfo* item_type = nullptr;
  std::vector<Value> (*split)(const Value&) = nullptr;  ///< with item_type: the items
  /// The innermost expanding node whose block this node belongs to (kNoNode: none). Blocks nest:
  /// the block of `nodes[block].block` encloses this one.
  std::uint32_t block = kNoNode;

  bool expands() const noexcept { return item_type != nullptr && role == NodeRole::function; }
};

// Exported (with the functions below) for hamilton::tools, which reads the graph directly.
struct HAMILTON_EXPORT GraphImpl {
  std::vector<GraphNode> nodes;  ///< topological order: dependencies first
  NameIndex index;               ///< name -> position in `nodes`
  ValueMap config;
  /// What the build found suspicious but not wrong (`input-near-node`).
  std::vector<Problem> diagnostics;

  std::uint32_t find(std::string_view name) const {
    return index.find(name, [this](std::uint32_t i) -> std::string_view { return nodes[i].name; });
  }
  /// The index of `name`; throws UnknownNodeError with a suggestion if absent.
  std::uint32_t require(std::string_view name) const;
  /// The node name nearest to `name`, or empty.
  std::string suggest(std::string_view name) const;
  Variable variable(std::uint32_t i) const;
};

/// The block a consumer reads `producer`'s value in: the producer's own block for an expanding
/// node (a plain parameter receives one item), its enclosing block otherwise.
inline std::uint32_t value_block(const GraphImpl& g, std::uint32_t producer) {
  const GraphNode& n = g.nodes[producer];
  return n.expands() ? producer : n.block;
}
/// True if block `outer` is `inner` or encloses it (kNoNode, the top level, encloses all).
inline bool block_encloses(const GraphImpl& g, std::uint32_t outer, std::uint32_t inner) {
  if (outer == kNoNode) return true;
  for (; inner != kNoNode; inner = g.nodes[inner].block)
    if (inner == outer) return true;
  return false;
}

/// Marks `roots` and every node they depend on (directly or not).
std::vector<bool> upstream_closure(const GraphImpl& g, const std::vector<std::uint32_t>& roots);
/// Marks `roots` and every node that depends on them (directly or not).
std::vector<bool> downstream_closure(const GraphImpl& g, const std::vector<std::uint32_t>& roots);

}  // namespace hamilton::detail
