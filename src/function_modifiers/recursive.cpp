#include "hamilton/function_modifiers/recursive.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include "function_modifiers/apply.hpp"
#include "function_modifiers/common.hpp"
#include "function_modifiers/subdag_nodes.hpp"

namespace hamilton::modifiers {
namespace detail {
namespace {

// The build context inside a sub-graph: its own config, errors go to the outer context.
class NestedContext final : public BuildContext {
 public:
  NestedContext(BuildContext& outer, Config config, std::string where)
      : outer_(outer), config_(std::move(config)), where_(std::move(where)) {}
  const ValueMap& config() const override { return config_; }
  void error(const NodeSpec& node, const std::string& modifier, const std::string& message,
             ErrorCode code) override {
    outer_.error(node, modifier, fmt::format("{} (inside {})", message, where_), code);
  }

 private:
  BuildContext& outer_;
  Config config_;
  std::string where_;
};

}  // namespace

bool subdag_nodes(BuildContext& ctx, const NodeSpec& f, const std::string& modifier,
                  const std::vector<ModuleRef>& refs, const Config& config,
                  const std::string& where, std::vector<NodeSpec>& out) {
  std::vector<Module> modules;
  for (const auto& ref : refs) {
    if (const auto* m = std::get_if<Module>(&ref)) {
      modules.push_back(*m);
    } else if (auto found = find_module(std::get<std::string>(ref))) {
      modules.push_back(*found);
    } else {
      ctx.error(f, modifier,
                fmt::format("module `{}` is not registered (registered: {})",
                            std::get<std::string>(ref), quoted_list(registered_modules())),
                ErrorCode::unknown_module);
    }
  }
  if (modules.empty()) {
    if (refs.empty())
      ctx.error(f, modifier, "names no module; give at least one", ErrorCode::bad_modifier);
    return false;
  }
  NestedContext inner_ctx(ctx, config, where);
  const std::size_t first = out.size();
  for (const Module& m : modules)
    m.visit_nodes([&](const NodeSpec& spec) {
      if (!spec.errors.empty()) {
        for (const auto& e : spec.errors) ctx.error(spec, modifier, e, ErrorCode::bad_node);
        return;
      }
      hamilton::detail::apply_modifiers(spec, inner_ctx, out);
    });
  // a config key replaces the function of the same name
  out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                           [&](const NodeSpec& n) { return config.count(n.name) != 0; }),
            out.end());
  return true;
}

}  // namespace detail

namespace {

using detail::ModuleRef;

class SubdagModifier final : public ModifierImpl {
 public:
  SubdagModifier(std::vector<ModuleRef> modules, SubdagOptions options)
      : modules_(std::move(modules)), options_(std::move(options)) {}
  std::string name() const override { return "subdag"; }
  ModifierStage stage() const override { return ModifierStage::generate; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    NodeSpec f = nodes.front();
    const std::string ns = options_.name_space.empty() ? f.name : options_.name_space;
    Config config = ctx.config();
    for (const auto& [k, v] : options_.config) config[k] = v;
    std::vector<NodeSpec> inner;
    if (!detail::subdag_nodes(ctx, f, "subdag", modules_, config, fmt::format("subdag `{}`", ns),
                              inner))
      return;
    std::set<std::string> inner_names;
    for (const auto& n : inner) inner_names.insert(n.name);

    // input nodes
    std::map<std::string, std::string> renamed;  // inner name -> namespaced name
    for (const auto& n : inner) renamed[n.name] = ns + "." + n.name;
    std::vector<NodeSpec> input_nodes;
    for (const auto& b : options_.inputs) {
      if (inner_names.count(b.parameter)) {
        ctx.error(f, "subdag",
                  fmt::format("input `{}` is also a node of the subdag; an input replaces only "
                              "free parameters",
                              b.parameter),
                  ErrorCode::bad_input);
        continue;
      }
      // the type the subdag's consumers expect
      const TypeInfo* want = nullptr;
      bool agree = true;
      for (const auto& n : inner)
        for (const auto& p : n.parameters)
          if (!p.is_bound() && p.node_name() == b.parameter && !p.any) {
            if (!want)
              want = p.type;
            else if (!(*want == *p.type))
              agree = false;
          }
      NodeSpec in;
      in.name = ns + "." + b.parameter;
      in.function_name = f.function_name;
      in.module = f.module;
      in.location = f.location;
      in.tags = f.tags;
      in.doc = fmt::format("Input `{}` of subdag `{}`: {}.", b.parameter, ns, b.spec.describe());
      if (b.spec.is_source()) {
        Parameter p;
        p.name = b.parameter;
        p.source = b.spec.name();
        if (want && agree) {
          p.type = want;
          in.type = want;
        } else {
          p.any = true;
          in.returns_any = true;
        }
        in.parameters.push_back(std::move(p));
        in.callable = detail::identity_callable();
      } else if (b.spec.is_value() || b.spec.is_configuration()) {
        Value v;
        if (b.spec.is_value()) {
          v = b.spec.literal();
        } else {
          auto it = config.find(b.spec.name());
          if (it == config.end()) {
            ctx.error(f, "subdag",
                      fmt::format("input `{}` is configuration(\"{}\"), which the config does not "
                                  "have",
                                  b.parameter, b.spec.name()),
                      ErrorCode::missing_config);
            continue;
          }
          v = it->second;
        }
        if (want && agree && !(v.type() == *want) && v.type().is_arithmetic() &&
            want->is_arithmetic()) {
          Value c = want->from_double(v.type().to_double(v.data()));
          if (c && want->to_double(c.data()) == v.type().to_double(v.data())) v = c;
        }
        in.type = &v.type();
        in.callable = detail::make_callable(0, [v](std::span<const Value>) { return v; });
      } else {
        ctx.error(f, "subdag",
                  fmt::format("input `{}` is a group; subdag inputs take source, value or "
                              "configuration",
                              b.parameter),
                  ErrorCode::bad_input);
        continue;
      }
      renamed[b.parameter] = in.name;
      input_nodes.push_back(std::move(in));
    }

    // namespace the subdag's nodes and wire their parameters
    for (auto& n : inner) {
      n.name = renamed[n.name];
      for (auto& p : n.parameters) {
        if (p.is_bound()) continue;
        const std::string target = p.node_name();
        if (auto it = renamed.find(target); it != renamed.end()) {
          p.source = it->second;
        } else if (options_.config.count(target)) {
          p.value = options_.config.at(target);  // subdag-only config: bound
          p.source.clear();
        }
      }
    }
    // the decorated function: reads subdag nodes by their plain names
    if (!options_.final_node_name.empty()) f.name = options_.final_node_name;
    for (auto& p : f.parameters) {
      if (p.is_bound()) continue;
      if (auto it = renamed.find(p.node_name()); it != renamed.end()) p.source = it->second;
    }
    nodes.clear();
    for (auto& n : inner) nodes.push_back(std::move(n));
    for (auto& n : input_nodes) nodes.push_back(std::move(n));
    nodes.push_back(std::move(f));
  }

 private:
  std::vector<ModuleRef> modules_;
  SubdagOptions options_;
};

// Hamilton's parameterized_subdag: one SubdagModifier per parameterization, each applied to
// the decorated function.
class ParameterizedSubdagModifier final : public ModifierImpl {
 public:
  ParameterizedSubdagModifier(std::vector<ModuleRef> modules,
                              std::vector<SubdagParameterization> parameterizations,
                              SubdagOptions shared)
      : modules_(std::move(modules)),
        parameterizations_(std::move(parameterizations)),
        shared_(std::move(shared)) {}
  std::string name() const override { return "parameterized_subdag"; }
  ModifierStage stage() const override { return ModifierStage::generate; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    const NodeSpec f = nodes.front();
    if (!shared_.name_space.empty() || !shared_.final_node_name.empty()) {
      ctx.error(f, name(),
                "sets name_space or final_node_name in the shared options; each "
                "parameterization's name is its namespace and its final node's name",
                ErrorCode::bad_modifier);
      return;
    }
    if (parameterizations_.empty()) {
      ctx.error(f, name(), "has no parameterizations; give at least one", ErrorCode::bad_modifier);
      return;
    }
    std::set<std::string> names;
    for (const auto& p : parameterizations_) {
      if (!detail::is_identifier(p.name)) {
        ctx.error(f, name(),
                  fmt::format("parameterization name `{}` is not an identifier; it names the "
                              "namespace and the final node",
                              p.name),
                  ErrorCode::bad_name);
        return;
      }
      if (!names.insert(p.name).second) {
        ctx.error(f, name(), fmt::format("names parameterization `{}` twice", p.name),
                  ErrorCode::bad_modifier);
        return;
      }
    }
    std::vector<NodeSpec> out;
    for (const auto& p : parameterizations_) {
      SubdagOptions options;
      options.inputs = shared_.inputs;
      for (const auto& b : p.inputs) {  // a parameterization's input replaces a shared one
        auto same = std::find_if(options.inputs.begin(), options.inputs.end(),
                                 [&](const ParamBinding& s) { return s.parameter == b.parameter; });
        if (same != options.inputs.end()) {
          *same = b;
        } else {
          options.inputs.push_back(b);
        }
      }
      options.config = shared_.config;
      for (const auto& [k, v] : p.config) options.config[k] = v;
      options.name_space = p.name;
      options.final_node_name = p.name;
      std::vector<NodeSpec> part{f};
      SubdagModifier(modules_, std::move(options)).apply(ctx, part);
      for (auto& n : part) out.push_back(std::move(n));
    }
    nodes = std::move(out);
  }

 private:
  std::vector<ModuleRef> modules_;
  std::vector<SubdagParameterization> parameterizations_;
  SubdagOptions shared_;
};

}  // namespace

Modifier parameterized_subdag(const std::vector<std::string>& modules,
                              std::vector<SubdagParameterization> parameterizations,
                              SubdagOptions shared) {
  std::vector<ModuleRef> refs(modules.begin(), modules.end());
  return detail::make<ParameterizedSubdagModifier>(std::move(refs), std::move(parameterizations),
                                                   std::move(shared));
}
Modifier parameterized_subdag(std::vector<Module> modules,
                              std::vector<SubdagParameterization> parameterizations,
                              SubdagOptions shared) {
  std::vector<ModuleRef> refs(modules.begin(), modules.end());
  return detail::make<ParameterizedSubdagModifier>(std::move(refs), std::move(parameterizations),
                                                   std::move(shared));
}

Modifier subdag(const std::vector<std::string>& modules, SubdagOptions options) {
  std::vector<ModuleRef> refs(modules.begin(), modules.end());
  return detail::make<SubdagModifier>(std::move(refs), std::move(options));
}
Modifier subdag(std::initializer_list<std::string> modules, SubdagOptions options) {
  return subdag(std::vector<std::string>(modules), std::move(options));
}
Modifier subdag(std::vector<Module> modules, SubdagOptions options) {
  std::vector<ModuleRef> refs(modules.begin(), modules.end());
  return detail::make<SubdagModifier>(std::move(refs), std::move(options));
}

}  // namespace hamilton::modifiers
