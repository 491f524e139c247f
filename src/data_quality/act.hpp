#pragma once
#include "hamilton/result/outputs.hpp"

namespace hamilton::detail {

/// Called by the Driver after every run with the data-quality results of that run: logs the
/// failures of `warn` checks and throws one DataValidationError with every failure of the
/// `fail` checks.
void act_on_data_quality(const Outputs& results);

}  // namespace hamilton::detail
