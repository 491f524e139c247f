#pragma once
/// \file
/// Data-quality report of a run, and the sink `warn` failures are logged to.

#include <functional>
#include <string>
#include <vector>

#include "hamilton/data_quality/base.hpp"
#include "hamilton/export.hpp"
#include "hamilton/result/outputs.hpp"
#include "hamilton/result/result.hpp"

namespace hamilton::dq {

/// The validation results of one run.
class HAMILTON_EXPORT DataQualityReport {
 public:
  DataQualityReport() = default;
  explicit DataQualityReport(std::vector<ValidationResult> results)
      : results_(std::move(results)) {}

  const std::vector<ValidationResult>& results() const noexcept { return results_; }
  std::size_t size() const noexcept { return results_.size(); }
  std::size_t passed() const;
  std::size_t failed() const;
  /// True if every check passed.
  bool ok() const { return failed() == 0; }
  /// The results of one node.
  std::vector<ValidationResult> for_node(const std::string& node) const;
  /// JSON: {"passed": n, "failed": m, "results": [{node, validator, passes, importance,
  /// message, diagnostics}, ...]}.
  std::string to_json(int indent = 2) const;
  /// A readable table, one line per check.
  std::string to_string() const;

 private:
  std::vector<ValidationResult> results_;
};

/// The report of a run (`Result::data_quality_results()`).
HAMILTON_EXPORT DataQualityReport report(const Result& result);
/// The report of data-quality results (values that are ValidationResults are used).
HAMILTON_EXPORT DataQualityReport report(const Outputs& data_quality_results);

/// Receives each failed `warn` check after a run (default: one line on stderr).
using LogSink = std::function<void(const ValidationResult&)>;
/// Replaces the sink; returns the previous one. An empty sink restores the default.
HAMILTON_EXPORT LogSink set_log_sink(LogSink sink);
/// The line the default sink prints for a result.
HAMILTON_EXPORT std::string format_result(const ValidationResult& r);

}  // namespace hamilton::dq
