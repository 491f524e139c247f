#pragma once
/// \file
/// hamilton-cpp: the Hamilton dataflow paradigm in C++20. A function's name is the node it
/// produces; its parameter names are the nodes it needs.
///
/// The everything header: every layer (link `hamilton::hamilton`). A file of NODEs needs only
/// `<hamilton/node.hpp>`; a service that computes features needs `<hamilton/driver.hpp>`
/// (`hamilton::core`) and `<hamilton/frame.hpp>` (`hamilton::frame`).
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/hamilton.hpp>
/// #include <numeric>
/// #include <vector>
///
/// HAMILTON_MODULE(my_functions);
/// NODE(double, spend_mean, (const std::vector<double>& spend)) {
///   return std::accumulate(spend.begin(), spend.end(), 0.0) / static_cast<double>(spend.size());
/// }
///
/// int main() {
///   std::vector<double> spend = {10, 10, 20, 40, 40, 50};
///   auto dr = hamilton::Builder().with_modules("my_functions").build();
///   auto result = dr.execute({"spend_mean"}, {{"spend", spend}});
///   double mean = result.get<double>("spend_mean");
///   return mean > 0 ? 0 : 1;
/// }
/// ```

#include "hamilton/caching/codec.hpp"
#include "hamilton/caching/stores.hpp"
#include "hamilton/driver.hpp"
#include "hamilton/executor/parallel_executor.hpp"
#include "hamilton/frame.hpp"
#include "hamilton/io/cache_stores.hpp"
#include "hamilton/io/csv.hpp"
#include "hamilton/io/formats.hpp"
#include "hamilton/io/json.hpp"
#include "hamilton/io/postgres.hpp"
#include "hamilton/io/sqlite.hpp"
#include "hamilton/node.hpp"
#include "hamilton/tools/catalog.hpp"
#include "hamilton/tools/visualize.hpp"
