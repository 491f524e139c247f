#pragma once
/// \file
/// `check_output` (Hamilton's `check_output` / `check_output_custom`): validates a node's
/// value with data-quality validators. Node `n` becomes `n_raw` (the function), one
/// `n_<validator>` node per validator returning a `dq::ValidationResult` (tagged
/// `hamilton.data_quality.contains_dq_results` and `hamilton.data_quality.source_node`),
/// and `n` (the raw value, after the checks). With `Builder::with_data_quality_disabled()`
/// it adds nothing.
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/frame.hpp>
/// #include <hamilton/node.hpp>
/// using hamilton::Series;
///
/// HAMILTON_MODULE(checked);
/// NODE(Series, spend_per_signup, (const Series& spend, const Series& signups),
///      check_output(dq::range(0.0, 10000.0), dq::Importance::fail)) {
///   return spend / signups;
/// }
/// ```

#include <string>
#include <utility>
#include <vector>

#include "hamilton/data_quality/base.hpp"
#include "hamilton/data_quality/validators.hpp"
#include "hamilton/export.hpp"
#include "hamilton/registry/modifier.hpp"

namespace hamilton::modifiers {

/// So that `check_output(dq::range(...))` works inside NODE, where modifiers are looked up in
/// this namespace.
namespace dq = ::hamilton::dq;

/// check_output applies to these nodes of the function instead of its final nodes.
struct HAMILTON_EXPORT Target {
  std::vector<std::string> nodes;
};
inline Target target(std::vector<std::string> nodes) { return Target{std::move(nodes)}; }

namespace detail {
struct HAMILTON_EXPORT CheckArgs {
  std::vector<dq::Validator> validators;
  std::optional<dq::Importance> importance;
  std::vector<std::string> targets;
  void add(dq::Validator v) { validators.push_back(std::move(v)); }
  void add(dq::Importance i) { importance = i; }
  void add(Target t) { targets = std::move(t.nodes); }
};
HAMILTON_EXPORT Modifier check_output_impl(CheckArgs args, bool custom);
}  // namespace detail

/// Validators (built-in or custom), optionally an importance (default: each validator's own,
/// `warn` for built-ins) and a `target({...})`.
template <class... A>
Modifier check_output(A&&... args) {
  detail::CheckArgs out;
  (out.add(std::forward<A>(args)), ...);
  return detail::check_output_impl(std::move(out), false);
}
/// Python's spelling for custom validators (each keeps its own importance).
template <class... A>
Modifier check_output_custom(A&&... args) {
  detail::CheckArgs out;
  (out.add(std::forward<A>(args)), ...);
  return detail::check_output_impl(std::move(out), true);
}

}  // namespace hamilton::modifiers

namespace hamilton {
using modifiers::check_output;
using modifiers::check_output_custom;
}  // namespace hamilton
