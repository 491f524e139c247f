#pragma once
/// \file
/// hamilton-cpp: the Hamilton dataflow paradigm in C++20. A function's name is the node it
/// produces; its parameter names are the nodes it needs.
///
///     #include <hamilton/hamilton.hpp>
///     HAMILTON_MODULE(my_functions);
///     NODE(double, spend_mean, (const std::vector<double>& spend)) { ... }
///
///     auto dr = hamilton::Builder().with_modules("my_functions").build();
///     auto result = dr.execute({"spend_mean"}, {{"spend", spend}});
///     double mean = result.get<double>("spend_mean");

#include "hamilton/driver/builder.hpp"
#include "hamilton/driver/driver.hpp"
#include "hamilton/errors.hpp"
#include "hamilton/execution/parallel.hpp"
#include "hamilton/executor/executor.hpp"
#include "hamilton/function_modifiers/function_modifiers.hpp"
#include "hamilton/function_modifiers/metadata.hpp"
#include "hamilton/function_modifiers/modifier.hpp"
#include "hamilton/graph/graph.hpp"
#include "hamilton/lifecycle/default_hooks.hpp"
#include "hamilton/lifecycle/hooks.hpp"
#include "hamilton/memory.hpp"
#include "hamilton/plan/plan.hpp"
#include "hamilton/registry/module.hpp"
#include "hamilton/registry/node_macros.hpp"
#include "hamilton/result/outputs.hpp"
#include "hamilton/result/result.hpp"
#include "hamilton/result/result_builder.hpp"
#include "hamilton/value.hpp"
#include "hamilton/value_map.hpp"
