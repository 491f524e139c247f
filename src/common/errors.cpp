#include "hamilton/errors.hpp"

#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

namespace hamilton {

std::string SourceLocation::to_string() const {
  if (file.empty()) return "<unknown location>";
  return line > 0 ? fmt::format("{}:{}", file, line) : file;
}

std::string Problem::to_string() const {
  std::string out;
  if (location.known()) out += location.to_string() + ": ";
  if (!node.empty()) {
    out += fmt::format("node `{}`", node);
    if (!module.empty()) out += fmt::format(" (module {})", module);
    out += ": ";
  } else if (!module.empty()) {
    out += fmt::format("module {}: ", module);
  }
  out += message;
  if (!suggestion.empty()) out += fmt::format(" (did you mean `{}`?)", suggestion);
  return out;
}

namespace {
std::string join_problems(const std::string& headline, const std::vector<Problem>& problems) {
  std::string out = fmt::format("{} ({} problem{}):", headline, problems.size(),
                                problems.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < problems.size(); ++i)
    out += fmt::format("\n  {}. {}", i + 1, problems[i].to_string());
  return out;
}
}  // namespace

ProblemsError::ProblemsError(const std::string& headline, std::vector<Problem> problems)
    : Error(join_problems(headline, problems)), problems_(std::move(problems)) {}

bool ProblemsError::has(const std::string& code) const {
  for (const auto& p : problems_)
    if (p.code == code) return true;
  return false;
}

GraphError::GraphError(std::vector<Problem> problems)
    : ProblemsError("cannot build the graph", std::move(problems)) {}

InputError::InputError(std::vector<Problem> problems)
    : ProblemsError("cannot execute the request", std::move(problems)) {}

namespace {
std::string execution_message(const std::string& node, const std::string& module,
                              const SourceLocation& location, const std::vector<std::string>& outputs,
                              const std::string& original) {
  std::string msg = fmt::format("node `{}`", node);
  if (!module.empty()) msg += fmt::format(" (module {}, {})", module, location.to_string());
  msg += fmt::format(" failed: {}", original);
  if (!outputs.empty()) {
    msg += outputs.size() == 1 ? "\n  needed by requested output " : "\n  needed by requested outputs ";
    for (std::size_t i = 0; i < outputs.size(); ++i)
      msg += fmt::format("{}`{}`", i ? ", " : "", outputs[i]);
  }
  return msg;
}
}  // namespace

ExecutionError::ExecutionError(std::string node, std::string module, SourceLocation location,
                               std::vector<std::string> outputs, std::string original_message)
    : Error(execution_message(node, module, location, outputs, original_message)),
      node_(std::move(node)),
      module_(std::move(module)),
      location_(std::move(location)),
      outputs_(std::move(outputs)),
      original_message_(std::move(original_message)) {}

ValueTypeError::ValueTypeError(std::string expected, std::string actual, const std::string& message)
    : Error(message), expected_(std::move(expected)), actual_(std::move(actual)) {}

UnknownNodeError::UnknownNodeError(std::string name, std::string suggestion)
    : Error(fmt::format("no node named `{}` in the graph{}", name,
                        suggestion.empty() ? std::string()
                                           : fmt::format(" (did you mean `{}`?)", suggestion))),
      name_(std::move(name)),
      suggestion_(std::move(suggestion)) {}

}  // namespace hamilton
