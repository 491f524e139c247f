#pragma once
/// \file
/// What a file of nodes needs: `HAMILTON_MODULE`, `NODE` / `Module::add`, every function
/// modifier (`doc`, `tag`, `config_when`, `extract_columns`, `parameterize`, `check_output`
/// with the `dq::` validators, ...) and `Parallelizable` / `Collect`. Link `hamilton::core`.
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/frame.hpp>   // Series, DataFrame
/// #include <hamilton/node.hpp>
/// using hamilton::Series;
///
/// HAMILTON_MODULE(my_functions);
/// NODE(Series, spend_per_signup, (const Series& spend, const Series& signups),
///      doc("The cost per signup."), check_output(dq::range(0.0, 10000.0))) {
///   return spend / signups;
/// }
/// ```

#include "hamilton/data_quality/base.hpp"
#include "hamilton/data_quality/schema.hpp"
#include "hamilton/data_quality/validators.hpp"
#include "hamilton/function_modifiers/adapters.hpp"
#include "hamilton/function_modifiers/configuration.hpp"
#include "hamilton/function_modifiers/dependencies.hpp"
#include "hamilton/function_modifiers/expanders.hpp"
#include "hamilton/function_modifiers/macros.hpp"
#include "hamilton/function_modifiers/metadata.hpp"
#include "hamilton/function_modifiers/recursive.hpp"
#include "hamilton/function_modifiers/validation.hpp"
#include "hamilton/htypes.hpp"
#include "hamilton/registry/modifier.hpp"
#include "hamilton/registry/module.hpp"
#include "hamilton/registry/node_macros.hpp"
