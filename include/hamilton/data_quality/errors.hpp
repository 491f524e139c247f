#pragma once
/// \file
/// `hamilton::dq::DataValidationError`: thrown after a run when `fail` checks failed.

#include <vector>

#include "hamilton/data_quality/base.hpp"
#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"

namespace hamilton::dq {

/// Every `fail`-importance failure of one run, gathered (Hamilton's `act_fail_bulk`).
class HAMILTON_EXPORT DataValidationError : public Error {
 public:
  explicit DataValidationError(std::vector<ValidationResult> failures);
  const std::vector<ValidationResult>& failures() const noexcept { return failures_; }

 private:
  std::vector<ValidationResult> failures_;
};

}  // namespace hamilton::dq

namespace hamilton {
using dq::DataValidationError;
}
