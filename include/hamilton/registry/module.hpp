#pragma once
/// \file
/// `hamilton::Module`: a named set of node functions (the C++ counterpart of a Python module
/// that Hamilton crawls). `NODE` adds to the module named by `HAMILTON_MODULE`; `Module::add`
/// is the programmatic way in, for generated nodes and bindings.

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/htypes.hpp"
#include "hamilton/registry/modifier.hpp"
#include "hamilton/registry/node_spec.hpp"
#include "hamilton/value.hpp"

namespace hamilton {

namespace detail {

struct ModuleData;
class Registry;
}  // namespace detail
class Module;
namespace detail {

/// Result of parsing a stringized parameter list such as `(const Series& a, int b)`.
struct HAMILTON_EXPORT ParsedParameters {
  std::vector<std::string> names;
  std::string error;  ///< empty when parsing succeeded
};
/// Reads parameter names from a stringized parameter list. Commas inside `<>`, `()`, `[]`
/// and `{}` do not separate parameters; default arguments and unnamed parameters are errors.
HAMILTON_EXPORT ParsedParameters parse_parameter_names(std::string_view parameter_list);

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class F>
struct function_traits : function_traits<decltype(&F::operator())> {};
template <class R, class... A>
struct function_traits<R (*)(A...)> {
  using result = R;
  using args = std::tuple<A...>;
  static constexpr std::size_t arity = sizeof...(A);
};
template <class R, class... A>
struct function_traits<R (*)(A...) noexcept> : function_traits<R (*)(A...)> {};
template <class R, class... A>
struct function_traits<R(A...)> : function_traits<R (*)(A...)> {};
template <class R, class... A>
struct function_traits<R(A...) noexcept> : function_traits<R (*)(A...)> {};
template <class R, class C, class... A>
struct function_traits<R (C::*)(A...) const> : function_traits<R (*)(A...)> {};
template <class R, class C, class... A>
struct function_traits<R (C::*)(A...) const noexcept> : function_traits<R (*)(A...)> {};
template <class R, class C, class... A>
struct function_traits<R (C::*)(A...)> : function_traits<R (*)(A...)> {};
template <class R, class C, class... A>
struct function_traits<R (C::*)(A...) noexcept> : function_traits<R (*)(A...)> {};

/// How a parameter of C++ type `A` is read from a Value.
template <class A>
struct ArgReader {
  using D = std::remove_cvref_t<A>;
  static_assert(!(std::is_lvalue_reference_v<A> && !std::is_const_v<std::remove_reference_t<A>>),
                "hamilton: a node parameter must be `const T&` or taken by value: a node cannot "
                "mutate the values it is given");
  static decltype(auto) read(const Value& v) {
    if constexpr (std::is_same_v<D, Value>) {
      return (v);
    } else if constexpr (is_optional<D>::value) {
      using U = typename D::value_type;
      return v.has_value() ? D(v.unchecked<U>()) : D();
    } else if constexpr (std::is_rvalue_reference_v<A>) {
      return D(v.unchecked<D>());
    } else {
      return (v.unchecked<D>());
    }
  }
};

template <class A>
Parameter make_parameter(std::string name) {
  using D = std::remove_cvref_t<A>;
  Parameter p;
  p.name = std::move(name);
  if constexpr (std::is_same_v<D, Value>) {
    p.any = true;
  } else if constexpr (is_optional<D>::value) {
    using U = std::remove_cv_t<typename D::value_type>;
    p.optional = true;
    if constexpr (std::is_same_v<U, Value>) {
      p.any = true;
    } else {
      p.type = &TypeInfo::of<U>();
    }
  } else {
    p.type = &TypeInfo::of<D>();
    if constexpr (parallel_traits<D>::collect) {
      p.collect_item = &TypeInfo::of<typename parallel_traits<D>::item>();
      p.make_collect = &D::gather;
      p.collect_items = &D::items_of;
    }
  }
  return p;
}

/// The type a parameter of C++ type `A` takes (see ArgReader).
template <class A>
ArgumentType argument_type() {
  using D = std::remove_cvref_t<A>;
  if constexpr (std::is_same_v<D, Value>) {
    return {};
  } else if constexpr (is_optional<D>::value) {
    using U = std::remove_cv_t<typename D::value_type>;
    if constexpr (std::is_same_v<U, Value>) {
      return {nullptr, true};
    } else {
      return {&TypeInfo::of<U>(), true};
    }
  } else {
    return {&TypeInfo::of<D>(), false};
  }
}

/// The type a function returning `R` produces (null for `hamilton::Value`).
template <class R>
const TypeInfo* result_type() {
  if constexpr (std::is_same_v<std::remove_cvref_t<R>, Value>) {
    return nullptr;
  } else {
    return &TypeInfo::of<std::remove_cvref_t<R>>();
  }
}

template <class F, class R, class... A, std::size_t... I>
Value invoke_node(const F& fn, const Value* slots, const std::uint32_t* args,
                  std::index_sequence<I...>) {
  if constexpr (std::is_same_v<std::remove_cvref_t<R>, Value>) {
    return std::invoke(fn, ArgReader<A>::read(slots[args[I]])...);
  } else {
    return Value(std::invoke(fn, ArgReader<A>::read(slots[args[I]])...));
  }
}

template <class F, class R, class Tuple>
struct Invoke;
template <class F, class R, class... A>
struct Invoke<F, R, std::tuple<A...>> {
  static Value call(const void* fn, const Value* slots, const std::uint32_t* args) {
    return invoke_node<F, R, A...>(*static_cast<const F*>(fn), slots, args,
                                   std::index_sequence_for<A...>{});
  }
  static const CallSignature& signature() {
    static const ArgumentType arguments[sizeof...(A) + 1] = {argument_type<A>()..., {}};
    static const CallSignature sig{sizeof...(A), arguments, result_type<R>()};
    return sig;
  }
  static std::vector<Parameter> parameters(const std::vector<std::string>& names) {
    std::vector<Parameter> out;
    out.reserve(sizeof...(A));
    std::size_t i = 0;
    (out.push_back(make_parameter<A>(i < names.size() ? names[i++] : std::string())), ...);
    return out;
  }
};

/// Builds the NodeSpec of a callable: types from the function type, names given.
template <class F>
NodeSpec make_node_spec(std::string name, std::vector<std::string> parameter_names, F&& fn,
                        std::source_location where) {
  using Fn = std::decay_t<F>;
  using traits = function_traits<Fn>;
  using R = typename traits::result;
  static_assert(!std::is_void_v<R>, "hamilton: a node function must return a value");
  static_assert(!std::is_reference_v<R> || std::is_same_v<std::remove_cvref_t<R>, Value>,
                "hamilton: a node function must return by value");
  NodeSpec spec;
  spec.name = name;
  spec.function_name = std::move(name);
  spec.location = SourceLocation{where.file_name(), static_cast<int>(where.line())};
  if (parameter_names.size() != traits::arity) {
    spec.errors.push_back("node `" + spec.name + "` has " + std::to_string(traits::arity) +
                          " parameter(s) but " + std::to_string(parameter_names.size()) +
                          " parameter name(s) were given; give one name per parameter");
  }
  spec.parameters = Invoke<Fn, R, typename traits::args>::parameters(parameter_names);
  if constexpr (std::is_same_v<std::remove_cvref_t<R>, Value>) {
    spec.returns_any = true;
  } else {
    using RT = std::remove_cvref_t<R>;
    spec.type = &TypeInfo::of<RT>();
    if constexpr (parallel_traits<RT>::parallelizable) {
      spec.item_type = &TypeInfo::of<typename parallel_traits<RT>::item>();
      spec.split = &RT::split;
    }
  }
  using Invoked = Invoke<Fn, R, typename traits::args>;
  spec.callable = Callable(std::make_shared<const Fn>(std::forward<F>(fn)), &Invoked::call,
                           Invoked::signature());
  return spec;
}

HAMILTON_EXPORT Module register_module(std::string_view name, const char* file, int line);

/// True if `name` can name a node: one or more identifiers (`[A-Za-z_][A-Za-z0-9_]*`) joined by
/// `.` (`spend`, `features.spend_mean`).
HAMILTON_EXPORT bool is_valid_node_name(std::string_view name) noexcept;
/// The rule of `is_valid_node_name`, for messages.
HAMILTON_EXPORT std::string_view node_name_rule() noexcept;

/// One problem with a NodeSpec.
struct HAMILTON_EXPORT SpecProblem {
  /// `bad_name` for a name that is not valid, `bad_node` for the rest.
  ErrorCode code = ErrorCode::bad_node;
  std::string message;
};
/// Everything wrong with `spec` that would make building or running it fail: a name that is not
/// valid, no callable, a missing type, parameters without names or types or given twice, a
/// Parallelizable or Collect without its helper, a callable whose arity or types differ from the
/// parameters. Empty if the spec is usable. `check_parameters = false` skips the checks of each
/// parameter's name, type and helpers (when another message already says what is wrong).
HAMILTON_EXPORT std::vector<SpecProblem> node_spec_problems(const NodeSpec& spec,
                                                            bool check_parameters = true);
/// Appends the messages of `node_spec_problems` to `spec.errors` (for `Module::add`); each
/// parameter's checks are skipped when `spec.errors` already says what is wrong with them.
HAMILTON_EXPORT void check_node_spec(NodeSpec& spec);

}  // namespace detail

/// A named set of node functions. Copies are handles to the same module.
class HAMILTON_EXPORT Module {
 public:
  /// A new, unregistered module (for programmatic use). Registered modules come from
  /// `HAMILTON_MODULE(name)` and are found by name with `Builder::with_modules("name")`.
  explicit Module(std::string name);

  const std::string& name() const;
  /// The file that declared the module (HAMILTON_MODULE), if any.
  const std::string& file() const;
  /// A snapshot of the module's nodes, in declaration order.
  std::vector<NodeSpec> nodes() const;
  std::size_t size() const;
  /// Calls `f` on each node, in declaration order, without copying them.
  void visit_nodes(const std::function<void(const NodeSpec&)>& f) const;

  /// Adds a node computed by `fn` (a function pointer or a lambda/functor with one
  /// non-template call operator). Parameter types come from `fn`'s signature; their names
  /// are `parameter_names`, in order.
  template <class F>
  Module& add(std::string name, std::vector<std::string> parameter_names, F&& fn,
              std::vector<Modifier> modifiers = {},
              std::source_location where = std::source_location::current()) {
    NodeSpec spec = detail::make_node_spec(std::move(name), std::move(parameter_names),
                                           std::forward<F>(fn), where);
    for (auto& m : modifiers) spec.modifiers.push_back(m.ptr());
    return add(std::move(spec));
  }

  /// Adds a fully described node (type-erased: for bindings and generators). The spec is
  /// checked here (a valid name, a callable, types, one parameter per argument of the callable
  /// ...; see docs/core.md) and its problems are reported, with every other problem, when a graph
  /// is built from the module. A spec without a location gets the place of this call.
  Module& add(NodeSpec spec, std::source_location where = std::source_location::current());

  /// Used by NODE: parses the stringized parameter list `parameter_list`.
  template <class F>
  void add_declared(const char* name, const char* parameter_list, F* fn, const char* file, int line,
                    const char* source_hash, std::vector<Modifier> modifiers) noexcept {
    try {
      auto parsed = detail::parse_parameter_names(parameter_list);
      NodeSpec spec = detail::make_node_spec(name, parsed.names, fn, std::source_location{});
      spec.location = SourceLocation{file, line};
      spec.version = source_hash;
      if (!parsed.error.empty()) {
        spec.errors.clear();
        spec.errors.push_back(parsed.error);
      }
      for (auto& m : modifiers) spec.modifiers.push_back(m.ptr());
      add(std::move(spec));
    } catch (...) {
      record_registration_failure(name, file, line);
    }
  }

 private:
  friend class detail::Registry;
  explicit Module(std::shared_ptr<detail::ModuleData> data) : data_(std::move(data)) {}
  void record_registration_failure(const char* name, const char* file, int line) noexcept;

  std::shared_ptr<detail::ModuleData> data_;
};

/// Names of every module registered so far (by HAMILTON_MODULE or loaded libraries), sorted.
HAMILTON_EXPORT std::vector<std::string> registered_modules();
/// The registered module `name`, if there is one.
HAMILTON_EXPORT std::optional<Module> find_module(std::string_view name);

}  // namespace hamilton

#ifndef HAMILTON_BUILDING_LIBRARY
#include "hamilton/registry/abi.hpp"
namespace hamilton::detail {
/// The ABI stamp (hamilton/registry/abi.hpp) of a library that defines modules: read from the
/// file before the library is loaded.
#if defined(__has_attribute) && __has_attribute(retain)
[[gnu::used, gnu::retain, gnu::section(".hamilton_abi")]]
#else
[[gnu::used, gnu::section(".hamilton_abi")]]
#endif
static const char hamilton_abi_stamp[] = HAMILTON_ABI_TAG;
}  // namespace hamilton::detail
#endif
