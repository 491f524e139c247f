#include "hamilton/errors.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hamilton {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::bad_node:
      return "bad-node";
    case ErrorCode::duplicate_node:
      return "duplicate-node";
    case ErrorCode::config_conflict:
      return "config-conflict";
    case ErrorCode::type_mismatch:
      return "type-mismatch";
    case ErrorCode::config_type:
      return "config-type";
    case ErrorCode::bound_value_type:
      return "bound-value-type";
    case ErrorCode::input_type_conflict:
      return "input-type-conflict";
    case ErrorCode::cycle:
      return "cycle";
    case ErrorCode::collect_outside_block:
      return "collect-outside-block";
    case ErrorCode::collect_type:
      return "collect-type";
    case ErrorCode::item_type:
      return "item-type";
    case ErrorCode::collect_in_own_block:
      return "collect-in-own-block";
    case ErrorCode::mixed_blocks:
      return "mixed-blocks";
    case ErrorCode::block_cycle:
      return "block-cycle";
    case ErrorCode::unknown_module:
      return "unknown-module";
    case ErrorCode::no_modules:
      return "no-modules";
    case ErrorCode::module_library_missing:
      return "module-library-missing";
    case ErrorCode::module_library_load:
      return "module-library-load";
    case ErrorCode::module_library_empty:
      return "module-library-empty";
    case ErrorCode::modifier:
      return "modifier";
    case ErrorCode::bad_modifier:
      return "bad-modifier";
    case ErrorCode::bad_name:
      return "bad-name";
    case ErrorCode::bad_tag:
      return "bad-tag";
    case ErrorCode::bad_binding:
      return "bad-binding";
    case ErrorCode::duplicate_binding:
      return "duplicate-binding";
    case ErrorCode::unknown_parameter:
      return "unknown-parameter";
    case ErrorCode::missing_config:
      return "missing-config";
    case ErrorCode::group_type:
      return "group-type";
    case ErrorCode::multiple_expanders:
      return "multiple-expanders";
    case ErrorCode::bad_return_type:
      return "bad-return-type";
    case ErrorCode::bad_fill:
      return "bad-fill";
    case ErrorCode::arity_mismatch:
      return "arity-mismatch";
    case ErrorCode::bad_step:
      return "bad-step";
    case ErrorCode::unknown_target:
      return "unknown-target";
    case ErrorCode::bad_input:
      return "bad-input";
    case ErrorCode::bad_validator:
      return "bad-validator";
    case ErrorCode::validator_type:
      return "validator-type";
    case ErrorCode::config:
      return "config";
    case ErrorCode::unknown_output:
      return "unknown-output";
    case ErrorCode::duplicate_output:
      return "duplicate-output";
    case ErrorCode::unknown_input:
      return "unknown-input";
    case ErrorCode::duplicate_input:
      return "duplicate-input";
    case ErrorCode::unknown_override:
      return "unknown-override";
    case ErrorCode::duplicate_override:
      return "duplicate-override";
    case ErrorCode::input_is_config:
      return "input-is-config";
    case ErrorCode::input_is_function:
      return "input-is-function";
    case ErrorCode::input_is_override:
      return "input-is-override";
    case ErrorCode::missing_input:
      return "missing-input";
    case ErrorCode::missing_override:
      return "missing-override";
    case ErrorCode::input_type:
      return "input-type";
    case ErrorCode::override_type:
      return "override-type";
    case ErrorCode::block_output:
      return "block-output";
    case ErrorCode::input_near_node:
      return "input-near-node";
    case ErrorCode::static_validation:
      return "static-validation";
    case ErrorCode::cache_option:
      return "cache-option";
  }
  return {};
}

std::optional<ErrorCode> error_code_from_string(std::string_view text) noexcept {
  // the enumerators are 0, 1, ... in order, cache_option last
  for (int i = 0; i <= static_cast<int>(ErrorCode::cache_option); ++i)
    if (to_string(static_cast<ErrorCode>(i)) == text) return static_cast<ErrorCode>(i);
  return std::nullopt;
}

std::string SourceLocation::to_string() const {
  if (file.empty()) return "<unknown location>";
  return line > 0 ? fmt::format("{}:{}", file, line) : file;
}

namespace {
// The message holds "`<suggestion>`?" already.
bool asks_already(std::string_view message, std::string_view suggestion) {
  for (auto pos = message.find(suggestion); pos != std::string_view::npos;
       pos = message.find(suggestion, pos + 1)) {
    const auto end = pos + suggestion.size();
    if (pos > 0 && message[pos - 1] == '`' && end + 1 < message.size() && message[end] == '`' &&
        message[end + 1] == '?')
      return true;
  }
  return false;
}
}  // namespace

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
  // (unless the message asks already: "did you mean the node `x`?")
  if (!suggestion.empty() && !asks_already(message, suggestion))
    out += fmt::format(" (did you mean `{}`?)", suggestion);
  return out;
}

namespace {
std::string join_problems(const std::string& headline, const std::vector<Problem>& problems) {
  std::string out =
      fmt::format("{} ({} problem{}):", headline, problems.size(), problems.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < problems.size(); ++i)
    out += fmt::format("\n  {}. {}", i + 1, problems[i].to_string());
  return out;
}
}  // namespace

ProblemsError::ProblemsError(const std::string& headline, std::vector<Problem> problems)
    : Error(join_problems(headline, problems)), problems_(std::move(problems)) {}

bool ProblemsError::has(ErrorCode code) const {
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
                              const SourceLocation& location,
                              const std::vector<std::string>& outputs,
                              const std::string& original) {
  std::string msg = fmt::format("node `{}`", node);
  if (!module.empty()) msg += fmt::format(" (module {}, {})", module, location.to_string());
  msg += fmt::format(" failed: {}", original);
  if (!outputs.empty()) {
    msg += outputs.size() == 1 ? "\n  needed by requested output "
                               : "\n  needed by requested outputs ";
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

RunStoppedError::RunStoppedError(bool cancelled, std::vector<std::string> not_run,
                                 std::vector<std::string> outputs, const std::string& message)
    : Error(message),
      cancelled_(cancelled),
      not_run_(std::move(not_run)),
      outputs_(std::move(outputs)) {}

ValueTypeError::ValueTypeError(std::string expected, std::string actual, const std::string& message)
    : Error(message), expected_(std::move(expected)), actual_(std::move(actual)) {}

UnknownNodeError::UnknownNodeError(std::string name, std::string suggestion)
    : Error(fmt::format(
          "no node named `{}` in the graph{}", name,
          suggestion.empty() ? std::string() : fmt::format(" (did you mean `{}`?)", suggestion))),
      name_(std::move(name)),
      suggestion_(std::move(suggestion)) {}

}  // namespace hamilton
