#include "hamilton/data_quality/report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

namespace hamilton::dq {

std::size_t DataQualityReport::passed() const {
  std::size_t n = 0;
  for (const auto& r : results_) n += r.passes ? 1 : 0;
  return n;
}
std::size_t DataQualityReport::failed() const { return results_.size() - passed(); }

std::vector<ValidationResult> DataQualityReport::for_node(const std::string& node) const {
  std::vector<ValidationResult> out;
  for (const auto& r : results_)
    if (r.node == node) out.push_back(r);
  return out;
}

namespace {

nlohmann::json to_json_value(const Value& v) {
  if (!v.has_value()) return nullptr;
  if (const auto* b = v.get_if<bool>()) return *b;
  if (const auto* s = v.get_if<std::string>()) return *s;
  if (const auto* i = v.get_if<std::int64_t>()) return *i;
  if (const auto* i = v.get_if<int>()) return *i;
  if (const auto* i = v.get_if<std::size_t>()) return *i;
  if (const auto* d = v.get_if<std::vector<double>>()) return *d;
  if (const auto* d = v.get_if<std::vector<std::int64_t>>()) return *d;
  if (const auto* d = v.get_if<std::vector<std::string>>()) return *d;
  if (const auto* m = v.get_if<ValueMap>()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, x] : *m) out[k] = to_json_value(x);
    return out;
  }
  if (v.type().is_arithmetic()) {
    double x = v.type().to_double(v.data());
    if (std::isfinite(x)) return x;
    return std::isnan(x) ? "NaN" : (x > 0 ? "inf" : "-inf");
  }
  return "<" + v.type().name() + ">";
}

}  // namespace

std::string DataQualityReport::to_json(int indent) const {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& r : results_) {
    nlohmann::json diagnostics = nlohmann::json::object();
    for (const auto& [k, v] : r.diagnostics) diagnostics[k] = to_json_value(v);
    results.push_back({{"node", r.node},
                       {"validator", r.validator},
                       {"passes", r.passes},
                       {"importance", dq::to_string(r.importance)},
                       {"message", r.message},
                       {"diagnostics", diagnostics}});
  }
  nlohmann::json doc{{"passed", passed()}, {"failed", failed()}, {"results", results}};
  return doc.dump(indent);
}

std::string DataQualityReport::to_string() const {
  std::string out = fmt::format("data quality: {} check{}, {} passed, {} failed\n", size(),
                                size() == 1 ? "" : "s", passed(), failed());
  for (const auto& r : results_) out += "  " + format_result(r) + "\n";
  return out;
}

std::string format_result(const ValidationResult& r) {
  return fmt::format("[{}] {} node `{}` validator `{}`: {}", r.passes ? "PASS" : "FAIL",
                     to_string(r.importance), r.node, r.validator, r.message);
}

DataQualityReport report(const Outputs& data_quality_results) {
  std::vector<ValidationResult> results;
  for (const auto& v : data_quality_results.values())
    if (const auto* r = v.get_if<ValidationResult>()) results.push_back(*r);
  return DataQualityReport(std::move(results));
}

DataQualityReport report(const Result& result) { return report(result.data_quality_results()); }

namespace {
std::mutex sink_mutex;
LogSink& sink_storage() {
  static LogSink sink;
  return sink;
}
}  // namespace

LogSink set_log_sink(LogSink sink) {
  std::lock_guard lock(sink_mutex);
  LogSink previous = std::move(sink_storage());
  sink_storage() = std::move(sink);
  return previous;
}

namespace detail {
void log_warning(const ValidationResult& r) {
  LogSink sink;
  {
    std::lock_guard lock(sink_mutex);
    sink = sink_storage();
  }
  if (sink) {
    sink(r);
    return;
  }
  std::cerr << "hamilton data quality warning: " << format_result(r) << std::endl;
}
}  // namespace detail

}  // namespace hamilton::dq
