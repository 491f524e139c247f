#pragma once
/// \file
/// Macros (Hamilton's `does`, `pipe_input`, `pipe_output`, `step`, `mutate`).
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/node.hpp>
///
/// HAMILTON_MODULE(pipeline);
/// double add_one(double x) { return x + 1; }
/// double scale(double x, double k) { return x * k; }
/// NODE(double, final_result, (double upstream),
///      pipe_input(step("add_one", add_one), step("scale", scale, value(2.0)))) {
///   return upstream;
/// }
/// // nodes: final_result.with_add_one, final_result.with_scale, final_result
/// ```

#include <initializer_list>
#include <optional>
#include <source_location>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/function_modifiers/configuration.hpp"
#include "hamilton/function_modifiers/dependencies.hpp"
#include "hamilton/registry/modifier.hpp"
#include "hamilton/registry/module.hpp"

namespace hamilton::modifiers {

// ---------------------------------------------------------------- does

namespace detail {
/// A replacement body: its parameter types and callable (from the function type).
struct HAMILTON_EXPORT DoesBody {
  NodeSpec spec;
  /// Set when the body takes one `std::vector<T>`: collects every mapped parameter into it.
  Value (*collect)(std::span<const Value>) = nullptr;
  const TypeInfo* element = nullptr;
};
template <class T>
Value collect_vector(std::span<const Value> values) {
  std::vector<T> out;
  out.reserve(values.size());
  for (const auto& v : values) out.push_back(v.get<T>());
  return Value(std::move(out));
}
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {
  using element = T;
};
template <class F>
DoesBody make_body(F&& fn) {
  using Fn = std::decay_t<F>;
  using traits = hamilton::detail::function_traits<Fn>;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < traits::arity; ++i) names.push_back("arg" + std::to_string(i));
  DoesBody b{hamilton::detail::make_node_spec("does", names, std::forward<F>(fn),
                                              std::source_location::current())};
  if constexpr (traits::arity == 1) {
    using A = std::remove_cvref_t<std::tuple_element_t<0, typename traits::args>>;
    if constexpr (is_vector<A>::value) {
      b.collect = &collect_vector<typename is_vector<A>::element>;
      b.element = &TypeInfo::of<typename is_vector<A>::element>();
    }
  }
  return b;
}
HAMILTON_EXPORT Modifier does_impl(DoesBody body, std::vector<std::string> arguments);
}  // namespace detail

/// Replaces the body of the node with `fn` (Hamilton's `does`). `arguments` lists which of
/// the node's parameters go to `fn`'s positional parameters, in order (default: all, in
/// order). If `fn` takes a single `std::vector<T>` and the node's parameters are `T`s, they
/// are all collected into it (Python's `**kwargs` form). Types must match (build error).
template <class F>
Modifier does(F&& fn, std::vector<std::string> arguments = {}) {
  return detail::does_impl(detail::make_body(std::forward<F>(fn)), std::move(arguments));
}

// ---------------------------------------------------------------- step / pipe

/// One transform of a pipe: a function, its extra arguments and per-step config conditions.
class HAMILTON_EXPORT Step {
 public:
  Step(std::string function_name, NodeSpec spec, std::vector<ParamSpec> args)
      : function_(std::move(function_name)), spec_(std::move(spec)), args_(std::move(args)) {}

  /// Names the step's node `name` (in the pipe's namespace), instead of `with_<function>`.
  Step named(std::string name) const {
    Step s = *this;
    s.name_ = std::move(name);
    return s;
  }
  /// Names the step's node `name` in namespace `ns` (an empty `ns` gives a global name).
  Step named(std::string name, std::string ns) const {
    Step s = named(std::move(name));
    s.namespace_ = std::move(ns);
    return s;
  }
  /// The step applies only when the config matches (like config_when).
  Step when(std::initializer_list<ConfigEntry> e) const {
    return with(ConfigCondition::Kind::when, e);
  }
  Step when_not(std::initializer_list<ConfigEntry> e) const {
    return with(ConfigCondition::Kind::when_not, e);
  }
  Step when_in(std::initializer_list<ConfigList> e) const {
    Step s = *this;
    s.conditions_.emplace_back(ConfigCondition::Kind::when_in, std::vector<ConfigList>(e));
    return s;
  }
  Step when_not_in(std::initializer_list<ConfigList> e) const {
    Step s = *this;
    s.conditions_.emplace_back(ConfigCondition::Kind::when_not_in, std::vector<ConfigList>(e));
    return s;
  }
  /// The step applies only when `c` holds too (used by `mutate(...).when(...)`).
  Step with_condition(ConfigCondition c) const {
    Step s = *this;
    s.conditions_.push_back(std::move(c));
    return s;
  }
  /// pipe_output with several targets: this step transforms only `node`.
  Step on_output(std::string node) const {
    Step s = *this;
    s.on_output_ = std::move(node);
    return s;
  }

  const std::string& function_name() const noexcept { return function_; }
  const NodeSpec& spec() const noexcept { return spec_; }
  const std::vector<ParamSpec>& args() const noexcept { return args_; }
  const std::optional<std::string>& name() const noexcept { return name_; }
  const std::optional<std::string>& name_space() const noexcept { return namespace_; }
  const std::vector<ConfigCondition>& conditions() const noexcept { return conditions_; }
  const std::optional<std::string>& target_output() const noexcept { return on_output_; }

 private:
  Step with(ConfigCondition::Kind k, std::initializer_list<ConfigEntry> e) const {
    Step s = *this;
    std::vector<ConfigList> lists;
    for (const auto& x : e) lists.push_back(ConfigList{x.key, {x.value}});
    s.conditions_.emplace_back(k, std::move(lists));
    return s;
  }
  std::string function_;
  NodeSpec spec_;
  std::vector<ParamSpec> args_;
  std::optional<std::string> name_;
  std::optional<std::string> namespace_;
  std::vector<ConfigCondition> conditions_;
  std::optional<std::string> on_output_;
};

/// A pipe step: `function_name` names the node (`with_<function_name>`; C++ cannot read a
/// function's name from a pointer), `fn` takes the piped value first, `args` bind its other
/// parameters in order (`source("n")`, `value(x)`, `configuration("k")`, or a bare literal).
template <class F, class... A>
Step step(std::string function_name, F&& fn, A&&... args) {
  using traits = hamilton::detail::function_traits<std::decay_t<F>>;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < traits::arity; ++i)
    names.push_back(i == 0 ? std::string("input") : "arg" + std::to_string(i));
  NodeSpec spec = hamilton::detail::make_node_spec(function_name, names, std::forward<F>(fn),
                                                   std::source_location::current());
  return Step(std::move(function_name), std::move(spec),
              std::vector<ParamSpec>{ParamSpec(std::forward<A>(args))...});
}

/// Options of pipe_input / pipe_output.
struct HAMILTON_EXPORT PipeOptions {
  /// Namespace of the step nodes: unset = the decorated function's node name; "" = none.
  std::optional<std::string> name_space;
  /// pipe_input: the parameter the chain feeds (default: the first).
  std::string on_input;
  /// pipe_output: the nodes transformed (default: the function's final nodes).
  std::vector<std::string> on_output;
};

namespace detail {
struct HAMILTON_EXPORT PipeArgs {
  std::vector<Step> steps;
  PipeOptions options;
  void add(Step s) { steps.push_back(std::move(s)); }
  void add(PipeOptions o) { options = std::move(o); }
};
HAMILTON_EXPORT Modifier pipe_input_impl(PipeArgs args);
HAMILTON_EXPORT Modifier pipe_output_impl(PipeArgs args);
}  // namespace detail

/// Runs a parameter through a chain of steps before the function sees it (Hamilton's
/// `pipe_input`). Step nodes are `<fn>.with_<step>` (a repeated step gets `_1`, `_2` ...).
template <class... A>
Modifier pipe_input(A&&... args) {
  detail::PipeArgs out;
  (out.add(std::forward<A>(args)), ...);
  return detail::pipe_input_impl(std::move(out));
}
/// Runs the function's output through a chain of steps (Hamilton's `pipe_output`): the
/// function becomes `<fn>.raw`, steps are `<fn>.with_<step>`, and `<fn>` is the last result.
template <class... A>
Modifier pipe_output(A&&... args) {
  detail::PipeArgs out;
  (out.add(std::forward<A>(args)), ...);
  return detail::pipe_output_impl(std::move(out));
}

// ---------------------------------------------------------------- mutate

/// Declared on a transform function: appends it as a pipe_output step to each target
/// function of the same module (Hamilton's `mutate`). The transform's first parameter receives
/// the target's output; `bindings` bind its other parameters by name (unbound ones read the
/// node of their name). The transform itself is not a node. The step node is
/// `<target>.with_<transform>`.
///
/// Like `step(...)`, the result takes config conditions: `mutate({"revenue"}).when({{"region",
/// "US"}})` (also `when_not`, `when_in`, `when_not_in`; several conditions must all hold) adds
/// the step to its targets only when the config matches; otherwise the targets are left as if
/// the transform did not exist. Converts to a `Modifier`.
class HAMILTON_EXPORT Mutate {
 public:
  Mutate(std::vector<std::string> targets, std::vector<ParamBinding> bindings)
      : targets_(std::move(targets)), bindings_(std::move(bindings)) {}

  /// The step applies only when the config matches (like config_when).
  Mutate when(std::initializer_list<ConfigEntry> e) const {
    return with(ConfigCondition::Kind::when, e);
  }
  Mutate when_not(std::initializer_list<ConfigEntry> e) const {
    return with(ConfigCondition::Kind::when_not, e);
  }
  Mutate when_in(std::initializer_list<ConfigList> e) const {
    Mutate m = *this;
    m.conditions_.emplace_back(ConfigCondition::Kind::when_in, std::vector<ConfigList>(e));
    return m;
  }
  Mutate when_not_in(std::initializer_list<ConfigList> e) const {
    Mutate m = *this;
    m.conditions_.emplace_back(ConfigCondition::Kind::when_not_in, std::vector<ConfigList>(e));
    return m;
  }

  const std::vector<std::string>& targets() const noexcept { return targets_; }
  const std::vector<ParamBinding>& bindings() const noexcept { return bindings_; }
  const std::vector<ConfigCondition>& conditions() const noexcept { return conditions_; }

  operator Modifier() const;  // NOLINT(google-explicit-constructor)

 private:
  Mutate with(ConfigCondition::Kind k, std::initializer_list<ConfigEntry> e) const {
    Mutate m = *this;
    std::vector<ConfigList> lists;
    for (const auto& x : e) lists.push_back(ConfigList{x.key, {x.value}});
    m.conditions_.emplace_back(k, std::move(lists));
    return m;
  }
  std::vector<std::string> targets_;
  std::vector<ParamBinding> bindings_;
  std::vector<ConfigCondition> conditions_;
};

HAMILTON_EXPORT Mutate mutate(std::vector<std::string> targets,
                              std::vector<ParamBinding> bindings = {});

}  // namespace hamilton::modifiers

namespace hamilton {
using modifiers::does;
using modifiers::mutate;
using modifiers::Mutate;
using modifiers::pipe_input;
using modifiers::pipe_output;
using modifiers::PipeOptions;
using modifiers::step;
}  // namespace hamilton
