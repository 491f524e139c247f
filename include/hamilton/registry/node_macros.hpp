#pragma once
/// \file
/// `HAMILTON_MODULE(name)` and `HAMILTON_NODE(Return, name, (params), modifiers...)`, with the
/// short alias `NODE` (define `HAMILTON_NO_SHORT_MACROS` before including hamilton to turn
/// the alias off).
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/frame.hpp>
/// #include <hamilton/node.hpp>
/// using hamilton::Series;
///
/// HAMILTON_MODULE(my_functions);
/// NODE(double, spend_mean, (const Series& spend), doc("Mean spend.")) {
///   return spend.mean();
/// }
/// ```
///
/// NODE defines an ordinary C++ function (callable directly, e.g. from a unit test) and
/// registers it, at static-initialisation time, as a node of the module named by the
/// `HAMILTON_MODULE` above it in the same file. Modifiers are written unqualified
/// (`doc`, `tag`, ...): they are looked up in `hamilton::modifiers`.

#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/registry/modifier.hpp"
#include "hamilton/registry/module.hpp"

namespace hamilton::modifiers {}

namespace hamilton::detail {

/// What `hamilton_current_module_()` returns when no HAMILTON_MODULE precedes a NODE.
struct HAMILTON_EXPORT NoModuleDeclared {};

template <class T>
inline constexpr bool always_false = false;

/// The static object one NODE expands to: registers the function when constructed.
struct HAMILTON_EXPORT NodeRegistrar {
  template <class F, class... M>
  NodeRegistrar(Module& module, const char* name, const char* params, F* fn, const char* file,
                int line, const char* source_hash, M&&... modifiers) noexcept {
    module.add_declared(name, params, fn, file, line, source_hash,
                        std::vector<Modifier>{Modifier(std::forward<M>(modifiers))...});
  }
  template <class F, class... M>
  NodeRegistrar(NoModuleDeclared, const char*, const char*, F*, const char*, int, const char*,
                M&&...) {
    static_assert(always_false<F>,
                  "hamilton: NODE used without a module: write HAMILTON_MODULE(name); once in "
                  "this file, above the first NODE");
  }
};

}  // namespace hamilton::detail

/// Fallback found when no HAMILTON_MODULE is in scope (a non-template function declared by
/// HAMILTON_MODULE is preferred over this template).
template <int = 0>
::hamilton::detail::NoModuleDeclared hamilton_current_module_() {
  return {};
}

#define HAMILTON_DETAIL_CAT2(a, b) a##b
#define HAMILTON_DETAIL_CAT(a, b) HAMILTON_DETAIL_CAT2(a, b)

// HAMILTON_DETAIL_UNPAREN((T)) is T, HAMILTON_DETAIL_UNPAREN(T) is T: a return type with a
// comma (`std::tuple<double, std::string>`) is given to NODE in parentheses.
#define HAMILTON_DETAIL_UNPAREN(x) HAMILTON_DETAIL_UNPAREN_ESC(HAMILTON_DETAIL_UNPAREN_ISH x)
#define HAMILTON_DETAIL_UNPAREN_ISH(...) HAMILTON_DETAIL_UNPAREN_ISH __VA_ARGS__
#define HAMILTON_DETAIL_UNPAREN_ESC(...) HAMILTON_DETAIL_UNPAREN_ESC_(__VA_ARGS__)
#define HAMILTON_DETAIL_UNPAREN_ESC_(...) HAMILTON_DETAIL_UNPAREN_VAN##__VA_ARGS__
#define HAMILTON_DETAIL_UNPAREN_VANHAMILTON_DETAIL_UNPAREN_ISH

// The SHA-256 of this source file, given by hamilton_add_module (cmake/hamiltonModule.cmake):
// the code version of the NODEs it defines (NodeSpec::version).
#ifdef HAMILTON_SOURCE_HASH
#define HAMILTON_DETAIL_SOURCE_HASH HAMILTON_SOURCE_HASH
#else
#define HAMILTON_DETAIL_SOURCE_HASH ""
#endif

/// Declares that the NODEs below it in this file belong to module `name`.
#define HAMILTON_MODULE(name)                                              \
  [[maybe_unused]] static ::hamilton::Module& hamilton_current_module_() { \
    static ::hamilton::Module module =                                     \
        ::hamilton::detail::register_module(#name, __FILE__, __LINE__);    \
    return module;                                                         \
  }                                                                        \
  static_assert(true, "")

/// Defines the function `Return name params` and registers it as node `name`. A return type
/// with a comma is written in parentheses: `NODE((std::tuple<double, int>), pair, (...))`.
#define HAMILTON_NODE(Return, name, params, ...)                             \
  HAMILTON_DETAIL_UNPAREN(Return) name params;                               \
  namespace HAMILTON_DETAIL_CAT(hamilton_node_, name) {                      \
  using namespace ::hamilton::modifiers;                                     \
  [[maybe_unused]] static const ::hamilton::detail::NodeRegistrar registrar( \
      hamilton_current_module_(), #name, #params, &name, __FILE__, __LINE__, \
      HAMILTON_DETAIL_SOURCE_HASH __VA_OPT__(, ) __VA_ARGS__);               \
  }                                                                          \
  HAMILTON_DETAIL_UNPAREN(Return) name params

#ifndef HAMILTON_NO_SHORT_MACROS
/// Short alias of HAMILTON_NODE (define HAMILTON_NO_SHORT_MACROS to turn it off).
#define NODE(...) HAMILTON_NODE(__VA_ARGS__)
#endif
