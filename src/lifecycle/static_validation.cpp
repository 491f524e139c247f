// Build-time extension points: read-only views of the graph being built, and the check that
// runs a team's StaticValidators over it.
#include "lifecycle/static_validation.hpp"

#include <fmt/format.h>

#include <exception>
#include <utility>

namespace hamilton {
namespace lifecycle {
namespace {
const detail::GraphNode& at(const detail::BuildView* g, std::uint32_t i) { return g->nodes[i]; }
}  // namespace

const std::string& NodeView::name() const { return at(graph_, index_).name; }
NodeRole NodeView::role() const { return at(graph_, index_).role; }
const TypeInfo& NodeView::type() const { return *at(graph_, index_).type; }
std::string NodeView::type_name() const {
  const auto& n = at(graph_, index_);
  return n.any_type ? std::string("hamilton::Value") : n.type->name();
}
const std::string& NodeView::documentation() const { return at(graph_, index_).doc; }
const Tags& NodeView::tags() const { return at(graph_, index_).tags; }
std::vector<std::string> NodeView::tag(std::string_view key) const {
  const auto& tags = at(graph_, index_).tags;
  auto it = tags.find(std::string(key));
  if (it == tags.end()) return {};
  return std::vector<std::string>(it->second.begin(), it->second.end());
}
const std::string& NodeView::module() const { return at(graph_, index_).module; }
const SourceLocation& NodeView::location() const { return at(graph_, index_).location; }
const std::string& NodeView::function_name() const { return at(graph_, index_).function_name; }
std::size_t NodeView::parameter_count() const { return at(graph_, index_).dependencies.size(); }
const std::string& NodeView::parameter_name(std::size_t i) const {
  return at(graph_, index_).dependencies.at(i).parameter.name;
}
std::string NodeView::parameter_type_name(std::size_t i) const {
  const auto& p = at(graph_, index_).dependencies.at(i).parameter;
  return p.any ? std::string("hamilton::Value") : p.type->name();
}
const TypeInfo& NodeView::parameter_type(std::size_t i) const {
  return *at(graph_, index_).dependencies.at(i).parameter.type;
}
bool NodeView::parameter_optional(std::size_t i) const {
  return at(graph_, index_).dependencies.at(i).parameter.optional;
}
std::optional<NodeView> NodeView::dependency(std::size_t i) const {
  const auto& d = at(graph_, index_).dependencies.at(i);
  if (d.node == detail::kNoNode) return std::nullopt;
  return NodeView(graph_, d.node);
}
std::vector<NodeView> NodeView::consumers() const {
  std::vector<NodeView> out;
  for (std::uint32_t c : at(graph_, index_).consumers) out.push_back(NodeView(graph_, c));
  return out;
}

std::size_t GraphView::size() const { return graph_->nodes.size(); }
NodeView GraphView::node(std::size_t i) const {
  if (i >= graph_->nodes.size())
    throw Error(
        fmt::format("GraphView::node({}): the graph has {} nodes", i, graph_->nodes.size()));
  return NodeView(graph_, static_cast<std::uint32_t>(i));
}
std::vector<NodeView> GraphView::nodes() const {
  std::vector<NodeView> out;
  out.reserve(graph_->nodes.size());
  for (std::uint32_t i = 0; i < graph_->nodes.size(); ++i) out.push_back(NodeView(graph_, i));
  return out;
}
std::optional<NodeView> GraphView::find(std::string_view name) const {
  std::uint32_t i = graph_->find(name);
  if (i == detail::NameIndex::npos) return std::nullopt;
  return NodeView(graph_, i);
}
const ValueMap& GraphView::config() const { return graph_->config; }

}  // namespace lifecycle

namespace detail {
namespace {

std::string what_of(std::exception_ptr e) {
  try {
    std::rethrow_exception(std::move(e));
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

Problem refusal(std::string node, std::string module, SourceLocation location,
                std::string message) {
  Problem p;
  p.code = ErrorCode::static_validation;
  p.node = std::move(node);
  p.module = std::move(module);
  p.location = std::move(location);
  p.message = std::move(message);
  return p;
}

}  // namespace

BuildCheck static_validation_check(
    std::vector<std::shared_ptr<lifecycle::StaticValidator>> validators) {
  return [validators = std::move(validators)](const BuildView& graph,
                                              std::vector<Problem>& problems) {
    lifecycle::GraphView view(graph);
    for (const auto& v : validators) {
      const std::string name = v->name();
      const std::string prefix = name.empty() ? std::string() : name + ": ";
      for (const auto& node : view.nodes()) {
        std::optional<std::string> error;
        try {
          error = v->validate_node(node);
        } catch (...) {
          error = fmt::format("the validator threw while checking this node: {}",
                              what_of(std::current_exception()));
        }
        if (error)
          problems.push_back(refusal(node.name(), node.module(), node.location(), prefix + *error));
      }
      std::optional<std::string> error;
      try {
        error = v->validate_graph(view);
      } catch (...) {
        error = fmt::format("the validator threw while checking the graph: {}",
                            what_of(std::current_exception()));
      }
      if (error) problems.push_back(refusal({}, {}, {}, prefix + *error));
    }
  };
}

}  // namespace detail
}  // namespace hamilton
