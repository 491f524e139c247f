#include "hamilton/function_modifiers/macros.hpp"

#include <fmt/format.h>

#include <map>

#include "function_modifiers/binding.hpp"
#include "function_modifiers/common.hpp"

namespace hamilton::modifiers {
namespace {

// ---------------------------------------------------------------- does

class DoesModifier final : public ModifierImpl {
 public:
  DoesModifier(detail::DoesBody body, std::vector<std::string> arguments)
      : body_(std::move(body)), arguments_(std::move(arguments)) {}
  std::string name() const override { return "does"; }
  ModifierStage stage() const override { return ModifierStage::generate; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    for (auto& n : nodes) replace(ctx, n);
  }

 private:
  void replace(BuildContext& ctx, NodeSpec& n) const {
    std::vector<std::uint32_t> mapping;
    if (arguments_.empty()) {
      for (std::uint32_t i = 0; i < n.parameters.size(); ++i) mapping.push_back(i);
    } else {
      for (const auto& a : arguments_) {
        std::uint32_t i = 0;
        while (i < n.parameters.size() && n.parameters[i].name != a) ++i;
        if (i == n.parameters.size()) {
          ctx.error(n, "does",
                    fmt::format("maps argument `{}`, which function `{}` does not take (its "
                                "parameters: {})",
                                a, n.function_name, detail::parameter_list(n)),
                    ErrorCode::unknown_parameter);
          return;
        }
        mapping.push_back(i);
      }
    }
    const NodeSpec& b = body_.spec;
    const std::string body_return = detail::node_type_name(b);
    if (b.returns_any != n.returns_any || (!b.returns_any && !(*b.type == *n.type))) {
      ctx.error(n, "does",
                fmt::format("the replacing function returns a {} but `{}` returns a {}", body_return,
                            n.function_name, detail::node_type_name(n)),
                ErrorCode::type_mismatch);
      return;
    }
    auto type_of = [](const Parameter& p) {
      return p.any ? std::string("hamilton::Value") : p.type->name();
    };
    bool direct = b.parameters.size() == mapping.size();
    if (direct) {
      for (std::size_t k = 0; k < mapping.size(); ++k) {
        const Parameter& want = b.parameters[k];
        const Parameter& have = n.parameters[mapping[k]];
        if (want.any == have.any && (want.any || *want.type == *have.type) &&
            want.optional == have.optional)
          continue;
        direct = false;
        break;
      }
    }
    if (direct) {
      n.callable = detail::remap_callable(b.callable, std::move(mapping));
      return;
    }
    if (body_.collect) {  // fn(std::vector<T>) over every mapped parameter
      for (auto k : mapping) {
        const Parameter& have = n.parameters[k];
        if (have.any || !(*have.type == *body_.element)) {
          ctx.error(n, "does",
                    fmt::format("the replacing function takes a std::vector<{}> of the parameters, "
                                "but parameter `{}` is a {}",
                                body_.element->name(), have.name, type_of(have)),
                    ErrorCode::type_mismatch);
          return;
        }
      }
      auto collect = body_.collect;
      Callable inner = b.callable;
      n.callable = detail::make_callable(
          n.parameters.size(), [collect, inner, mapping](std::span<const Value> args) {
            std::vector<Value> picked;
            picked.reserve(mapping.size());
            for (auto k : mapping) picked.push_back(args[k]);
            Value all = collect(picked);
            return inner.call(std::span<const Value>(&all, 1));
          });
      return;
    }
    if (b.parameters.size() != mapping.size()) {
      ctx.error(n, "does",
                fmt::format("the replacing function takes {} argument(s) but {} parameter(s) of `{}` "
                            "are passed to it; list the parameters to pass with does(fn, {{...}})",
                            b.parameters.size(), mapping.size(), n.function_name),
                ErrorCode::arity_mismatch);
      return;
    }
    for (std::size_t k = 0; k < mapping.size(); ++k) {
      const Parameter& want = b.parameters[k];
      const Parameter& have = n.parameters[mapping[k]];
      if (!(want.any == have.any && (want.any || *want.type == *have.type)))
        ctx.error(n, "does",
                  fmt::format("argument {} of the replacing function is a {} but parameter `{}` "
                              "of `{}` is a {}",
                              k, type_of(want), have.name, n.function_name, type_of(have)),
                  ErrorCode::type_mismatch);
      else
        ctx.error(n, "does",
                  fmt::format("argument {} of the replacing function and parameter `{}` differ in "
                              "optionality",
                              k, have.name),
                  ErrorCode::type_mismatch);
    }
  }

  detail::DoesBody body_;
  std::vector<std::string> arguments_;
};

// ---------------------------------------------------------------- pipes

std::string step_base_name(const Step& s) {
  if (s.name()) return *s.name();
  const auto& fn = s.function_name();
  return fn.starts_with("_") ? "with" + fn : "with_" + fn;
}

bool step_applies(BuildContext& ctx, const NodeSpec& owner, const char* modifier, const Step& s) {
  bool all = true;
  for (const auto& c : s.conditions()) {
    std::vector<std::string> problems;
    bool ok = c.matches(ctx.config(), problems);
    for (const auto& p : problems)
      ctx.error(owner, modifier, fmt::format("step `{}`: {}: {}", s.function_name(), c.modifier_name(), p),
                ErrorCode::config);
    if (!problems.empty() || !ok) all = false;
  }
  return all;
}

// Builds the node of one step, reading `upstream` (a node name or, when `bound` has a value, a
// literal) as its first parameter. Returns false (after reporting) on misuse.
bool make_step_node(BuildContext& ctx, const NodeSpec& owner, const char* modifier, const Step& s,
                    const std::string& node_name, const std::string& upstream, const Value& bound,
                    NodeSpec& out) {
  out = s.spec();
  out.name = node_name;
  out.function_name = s.function_name();
  out.module = owner.module;
  out.location = owner.location;
  out.tags = owner.tags;
  out.modifiers.clear();
  out.doc = fmt::format("Step `{}` of the pipe on `{}`.", s.function_name(), owner.name);
  if (out.parameters.empty()) {
    ctx.error(owner, modifier,
              fmt::format("step `{}` takes no parameter; its first parameter receives the piped "
                          "value",
                          s.function_name()),
              ErrorCode::bad_step);
    return false;
  }
  if (s.args().size() + 1 != out.parameters.size()) {
    ctx.error(owner, modifier,
              fmt::format("step `{}` takes {} parameter(s): the piped value plus {} argument(s), "
                          "but {} argument(s) were given",
                          s.function_name(), out.parameters.size(), out.parameters.size() - 1,
                          s.args().size()),
              ErrorCode::bad_step);
    return false;
  }
  if (bound.has_value()) out.parameters[0].value = bound;
  else out.parameters[0].source = upstream;
  std::vector<ParamBinding> bindings;
  for (std::size_t i = 0; i < s.args().size(); ++i) {
    if (s.args()[i].is_group()) {
      ctx.error(owner, modifier,
                fmt::format("step `{}`: argument {} is a group; steps take source, value or "
                            "configuration",
                            s.function_name(), i + 1),
                ErrorCode::bad_step);
      return false;
    }
    bindings.push_back(ParamBinding{out.parameters[i + 1].name, s.args()[i]});
  }
  return detail::bind_parameters(ctx, modifier, fmt::format("step `{}`", s.function_name()), out,
                                 bindings);
}

std::string with_namespace(const std::optional<std::string>& ns, const std::string& fallback,
                           const std::string& name) {
  std::string space = ns ? *ns : fallback;
  return space.empty() ? name : space + "." + name;
}

class PipeInputModifier final : public ModifierImpl {
 public:
  explicit PipeInputModifier(detail::PipeArgs args) : args_(std::move(args)) {}
  std::string name() const override { return "pipe_input"; }
  ModifierStage stage() const override { return ModifierStage::inject; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    std::vector<NodeSpec> added;
    for (auto t : detail::sinks(nodes)) {
      NodeSpec& f = nodes[t];
      if (f.parameters.empty()) {
        ctx.error(f, "pipe_input", fmt::format("`{}` takes no parameter to pipe into", f.name),
                  ErrorCode::bad_modifier);
        continue;
      }
      std::size_t target = 0;
      if (!args_.options.on_input.empty()) {
        while (target < f.parameters.size() && f.parameters[target].name != args_.options.on_input)
          ++target;
        if (target == f.parameters.size()) {
          ctx.error(f, "pipe_input",
                    fmt::format("on_input names parameter `{}`, which `{}` does not take (its "
                                "parameters: {})",
                                args_.options.on_input, f.function_name, detail::parameter_list(f)),
                    ErrorCode::unknown_parameter);
          continue;
        }
      }
      Parameter& p = f.parameters[target];
      std::string upstream = p.node_name();
      Value bound = p.value;
      std::map<std::string, int> counts;
      bool ok = true;
      for (const Step& s : args_.steps) {
        if (!step_applies(ctx, f, "pipe_input", s)) continue;
        std::string base = step_base_name(s);
        int k = counts[base]++;
        if (k > 0) base += fmt::format("_{}", k);
        NodeSpec n;
        if (!make_step_node(ctx, f, "pipe_input", s,
                            with_namespace(s.name_space() ? s.name_space() : args_.options.name_space,
                                           f.name, base),
                            upstream, bound, n)) {
          ok = false;
          break;
        }
        upstream = n.name;
        bound = Value();
        added.push_back(std::move(n));
      }
      if (!ok) continue;
      if (upstream != p.node_name() || bound.has_value() != p.value.has_value()) {
        p.source = upstream;
        p.value = Value();
      }
    }
    for (auto& n : added) nodes.push_back(std::move(n));
  }

 private:
  detail::PipeArgs args_;
};

class PipeOutputModifier final : public ModifierImpl {
 public:
  PipeOutputModifier(detail::PipeArgs args, std::string name)
      : args_(std::move(args)), name_(std::move(name)) {}
  std::string name() const override { return name_; }
  ModifierStage stage() const override { return ModifierStage::transform; }
  const detail::PipeArgs& args() const { return args_; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    std::vector<std::size_t> targets;
    if (args_.options.on_output.empty()) {
      targets = detail::sinks(nodes);
    } else {
      for (const auto& o : args_.options.on_output) {
        std::size_t i = 0;
        while (i < nodes.size() && nodes[i].name != o) ++i;
        if (i == nodes.size()) {
          ctx.error(nodes.front(), name_,
                    fmt::format("on_output names `{}`, which this function does not make", o),
                    ErrorCode::unknown_output);
          continue;
        }
        targets.push_back(i);
      }
    }
    std::vector<NodeSpec> added;
    for (auto t : targets) {
      NodeSpec& f = nodes[t];
      std::vector<const Step*> active;
      for (const Step& s : args_.steps) {
        if (s.target_output() && *s.target_output() != f.name) continue;
        if (step_applies(ctx, f, name_.c_str(), s)) active.push_back(&s);
      }
      if (active.empty()) continue;
      const std::string final_name = f.name;
      NodeSpec final_node = f;
      f.name = final_name + ".raw";
      std::string upstream = f.name;
      std::map<std::string, int> counts;
      bool ok = true;
      for (const Step* s : active) {
        std::string base = step_base_name(*s);
        int k = counts[base]++;
        if (k > 0) base += fmt::format("_{}", k);
        NodeSpec n;
        if (!make_step_node(ctx, final_node, name_.c_str(), *s,
                            with_namespace(s->name_space() ? s->name_space() : args_.options.name_space,
                                           final_name, base),
                            upstream, Value(), n)) {
          ok = false;
          break;
        }
        upstream = n.name;
        added.push_back(std::move(n));
      }
      if (!ok) continue;
      const NodeSpec& last = added.back();
      final_node.parameters.clear();
      Parameter p;
      p.name = upstream;
      if (last.returns_any) p.any = true;
      else p.type = last.type;
      final_node.parameters.push_back(std::move(p));
      final_node.type = last.type;
      final_node.returns_any = last.returns_any;
      final_node.callable = detail::identity_callable();
      added.push_back(std::move(final_node));
    }
    for (auto& n : added) nodes.push_back(std::move(n));
  }

 private:
  detail::PipeArgs args_;
  std::string name_;
};

// ---------------------------------------------------------------- mutate

class MutateModifier final : public ModifierImpl {
 public:
  MutateModifier(std::vector<std::string> targets, std::vector<ParamBinding> bindings,
                 std::vector<ConfigCondition> conditions)
      : targets_(std::move(targets)), bindings_(std::move(bindings)), conditions_(std::move(conditions)) {}
  std::string name() const override { return "mutate"; }
  ModifierStage stage() const override { return ModifierStage::resolve; }
  // the transform itself is not a node: it becomes a step of its targets
  void apply(BuildContext&, std::vector<NodeSpec>& nodes) const override { nodes.clear(); }
  bool rewrites_module() const override { return true; }
  void rewrite_module(BuildContext& ctx, const NodeSpec& owner,
                      std::vector<NodeSpec>& module_nodes) const override {
    if (targets_.empty()) {
      ctx.error(owner, "mutate", "names no target function; give at least one",
                ErrorCode::bad_modifier);
      return;
    }
    if (owner.parameters.empty()) {
      ctx.error(owner, "mutate",
                "the transform takes no parameter; its first parameter receives the target's "
                "output",
                ErrorCode::bad_modifier);
      return;
    }
    // the step: the owner's body; its first parameter is the piped value
    NodeSpec spec = owner;
    spec.modifiers.clear();
    std::vector<ParamBinding> others;
    for (const auto& b : bindings_) {
      if (b.parameter == owner.parameters[0].name) {
        ctx.error(owner, "mutate",
                  fmt::format("binds parameter `{}`, which receives the target's output", b.parameter),
                  ErrorCode::bad_binding);
        return;
      }
      others.push_back(b);
    }
    if (!detail::bind_parameters(ctx, "mutate", {}, spec, others)) return;
    // parameters not bound read the node of their name: express them as sources
    std::vector<ParamSpec> args;
    for (std::size_t i = 1; i < spec.parameters.size(); ++i) {
      const Parameter& p = spec.parameters[i];
      if (p.is_bound()) args.push_back(ParamSpec(p.value));
      else args.push_back(source(p.node_name()));
      spec.parameters[i].value = Value();
      spec.parameters[i].source.clear();
    }
    Step s(owner.function_name, spec, std::move(args));
    for (const auto& c : conditions_) s = s.with_condition(c);
    for (const auto& target : targets_) {
      NodeSpec* t = nullptr;
      for (auto& n : module_nodes)
        if (n.function_name == target || n.name == target) t = &n;
      if (!t) {
        std::vector<std::string> names;
        for (const auto& n : module_nodes) names.push_back(n.function_name);
        ctx.error(owner, "mutate",
                  fmt::format("targets `{}`, which module {} does not define (it defines {}); "
                              "a mutate targets functions of its own module, as in Python "
                              "Hamilton",
                              target, owner.module, detail::quoted_list(names)),
                  ErrorCode::unknown_target);
        continue;
      }
      // one pipe_output per target gathers every mutate step, in declaration order
      detail::PipeArgs args;
      auto it = t->modifiers.begin();
      for (; it != t->modifiers.end(); ++it) {
        if (auto* existing = dynamic_cast<const PipeOutputModifier*>(it->get());
            existing && existing->name() == "mutate") {
          args = existing->args();
          break;
        }
      }
      args.steps.push_back(s);
      auto m = std::make_shared<const PipeOutputModifier>(std::move(args), "mutate");
      if (it != t->modifiers.end()) *it = m;
      else t->modifiers.push_back(m);
    }
  }

 private:
  std::vector<std::string> targets_;
  std::vector<ParamBinding> bindings_;
  std::vector<ConfigCondition> conditions_;
};

}  // namespace

namespace detail {
Modifier does_impl(DoesBody body, std::vector<std::string> arguments) {
  return make<DoesModifier>(std::move(body), std::move(arguments));
}
Modifier pipe_input_impl(PipeArgs args) { return make<PipeInputModifier>(std::move(args)); }
Modifier pipe_output_impl(PipeArgs args) {
  return make<PipeOutputModifier>(std::move(args), "pipe_output");
}
}  // namespace detail

Mutate::operator Modifier() const { return detail::make<MutateModifier>(targets_, bindings_, conditions_); }

Mutate mutate(std::vector<std::string> targets, std::vector<ParamBinding> bindings) {
  return Mutate(std::move(targets), std::move(bindings));
}

}  // namespace hamilton::modifiers
