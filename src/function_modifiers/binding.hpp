#pragma once
// Binding parameters to dependency specs (shared by parameterize, inject, subdag, step).

#include <string>
#include <vector>

#include "hamilton/function_modifiers/dependencies.hpp"
#include "hamilton/registry/modifier.hpp"

namespace hamilton::modifiers::detail {

/// Binds `bindings` on `node` (source → reads another node, value/configuration → bound
/// literal, group → several parameters collected into a std::vector by a wrapper).
/// Reports misuse through `ctx` naming `modifier`; `what` says which output is concerned
/// (e.g. "output `a`"), may be empty. Returns false if something was wrong.
bool bind_parameters(BuildContext& ctx, const std::string& modifier, const std::string& what,
                     NodeSpec& node, const std::vector<ParamBinding>& bindings);

/// `doc` with `{parameter}` replaced by the bound source name / value.
std::string format_doc(const std::string& doc, const std::string& output,
                       const std::vector<ParamBinding>& bindings);

/// True (and an error reported) if an expand-stage modifier other than `self` comes first.
bool another_expander_first(BuildContext& ctx, const NodeSpec& node, const ModifierImpl* self);

}  // namespace hamilton::modifiers::detail
