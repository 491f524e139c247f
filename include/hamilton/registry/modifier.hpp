#pragma once
/// \file
/// Function modifiers: the C++ counterparts of Python Hamilton's decorators. A modifier is
/// attached to a NODE and rewrites the nodes made from that function while the graph is
/// built, in Hamilton's order of stages: resolve (keep or drop the function, e.g.
/// `config_when`), expand (one function into several nodes, e.g. `parameterize`), transform
/// (e.g. `extract_columns`, `check_output`), decorate (metadata, e.g. `doc`, `tag`).

#include <memory>
#include <string>
#include <vector>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/registry/node_spec.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton {

/// When a modifier runs during the build. Lower stages run first (Hamilton's lifecycle:
/// resolve → generate → inject → expand → transform → decorate). Within one stage, modifiers
/// run in the order they are written.
enum class ModifierStage {
  resolve = 0,    ///< keep or drop the function (config_when ...)
  generate = 1,   ///< define the node itself (doc, does)
  inject = 2,     ///< rewire parameters (inject, pipe_input)
  expand = 3,     ///< one node into several (parameterize ...)
  transform = 4,  ///< rewrite the nodes made (extract_*, check_output, pipe_output ...)
  decorate = 5    ///< metadata (tag ...)
};

/// What a modifier sees while it rewrites nodes.
class HAMILTON_EXPORT BuildContext {
 public:
  virtual ~BuildContext() = default;
  /// The driver's config.
  virtual const ValueMap& config() const = 0;
  /// Records a problem with `node` caused by `modifier`; building continues and every problem
  /// is reported together in one GraphError.
  virtual void error(const NodeSpec& node, const std::string& modifier, const std::string& message,
                     ErrorCode code = ErrorCode::modifier) = 0;
};

/// Implementation interface of a modifier.
class HAMILTON_EXPORT ModifierImpl {
 public:
  virtual ~ModifierImpl() = default;
  /// The modifier's name as users write it, e.g. "doc", "config_when".
  virtual std::string name() const = 0;
  virtual ModifierStage stage() const = 0;
  /// Rewrites the nodes made from one function so far (at first, just the function's node).
  /// May add, remove or change nodes; report misuse with `ctx.error(...)`.
  virtual void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const = 0;

  /// True for modifiers decided by the config (`resolve`): `resolve()` gives the modifiers
  /// they stand for.
  virtual bool resolves() const { return false; }
  /// For `resolve`: the modifiers this one stands for under the build's config, applied in
  /// their own stages as if written in its place (problems go to `ctx`).
  virtual std::vector<std::shared_ptr<const ModifierImpl>> resolve(BuildContext& /*ctx*/,
                                                                   const NodeSpec& /*node*/) const {
    return {};
  }

  /// True for modifiers that rewrite *other* functions of their module (e.g. `mutate`).
  virtual bool rewrites_module() const { return false; }
  /// Called once per module, before any of its functions is expanded, when
  /// `rewrites_module()`: may change the declared nodes of the module (e.g. add a modifier to
  /// another function). `owner` is the function this modifier is attached to.
  virtual void rewrite_module(BuildContext& /*ctx*/, const NodeSpec& /*owner*/,
                              std::vector<NodeSpec>& /*module_nodes*/) const {}
};

/// A modifier attached to a node: a cheap, shareable handle.
class HAMILTON_EXPORT Modifier {
 public:
  Modifier() = default;
  explicit Modifier(std::shared_ptr<const ModifierImpl> impl) : impl_(std::move(impl)) {}
  const ModifierImpl* operator->() const noexcept { return impl_.get(); }
  const ModifierImpl& impl() const noexcept { return *impl_; }
  const std::shared_ptr<const ModifierImpl>& ptr() const noexcept { return impl_; }
  explicit operator bool() const noexcept { return impl_ != nullptr; }

 private:
  std::shared_ptr<const ModifierImpl> impl_;
};

}  // namespace hamilton
