#include "data_quality/act.hpp"

#include "hamilton/data_quality/base.hpp"
#include "hamilton/data_quality/errors.hpp"

namespace hamilton::dq::detail {
void log_warning(const ValidationResult& r);
}

namespace hamilton::detail {

// Logs the failures of `warn` checks, then throws one DataValidationError with every failure
// of the `fail` checks of the run (Hamilton's act_warn / act_fail_bulk).
void act_on_data_quality(const Outputs& results) {
  std::vector<dq::ValidationResult> failures;
  for (const auto& v : results.values()) {
    const auto* r = v.get_if<dq::ValidationResult>();
    if (!r || r->passes) continue;
    if (r->importance == dq::Importance::fail) failures.push_back(*r);
    else dq::detail::log_warning(*r);
  }
  if (!failures.empty()) throw dq::DataValidationError(std::move(failures));
}

}  // namespace hamilton::detail
