#include "hamilton/result/result.hpp"

#include <fmt/format.h>

#include "hamilton/errors.hpp"
#include "hamilton/result/outputs.hpp"
#include "hamilton/result/result_builder.hpp"

namespace hamilton::detail {

void throw_no_such_output(std::string_view name, const std::vector<std::string>& names) {
  throw Error(fmt::format(
      "no output named `{}`; the outputs are: {}", name,
      names.empty() ? std::string("(none)") : fmt::format("{}", fmt::join(names, ", "))));
}

void throw_output_type(std::string_view name, const TypeInfo& expected, const TypeInfo& actual,
                       const std::vector<NodeFailure>* failures) {
  if (failures && actual == TypeInfo::of<void>()) {
    for (const auto& f : *failures) {
      if (f.node != name) continue;
      throw ValueTypeError(
          expected.name(), actual.name(),
          fmt::format("output `{}` was not computed ({}): {}; Result::failures() lists every "
                      "node of the run without a value",
                      name, to_string(f.status), f.message));
    }
  }
  throw ValueTypeError(
      expected.name(), actual.name(),
      fmt::format("output `{}` is {}{}, not a {}", name, actual == TypeInfo::of<void>() ? "" : "a ",
                  actual == TypeInfo::of<void>() ? "empty" : actual.name(), expected.name()));
}

void throw_output_position(std::size_t position, std::size_t size) {
  if (size == 0)
    throw Error(fmt::format("no output at position {}: there are no outputs", position));
  throw Error(
      fmt::format("no output at position {}: there {} {} output{}, at positions 0 to {} in "
                  "the order they were requested",
                  position, size == 1 ? "is" : "are", size, size == 1 ? "" : "s", size - 1));
}

const std::vector<std::string>& no_names() noexcept {
  static const std::vector<std::string> none;
  return none;
}

const Outputs& no_outputs() noexcept {
  static const Outputs none;
  return none;
}

void throw_result_type(const std::string& builder, const TypeInfo& expected,
                       const TypeInfo& actual) {
  throw ValueTypeError(
      expected.name(), actual.name(),
      fmt::format("the result builder {} made a {}, not a {}; configure the builder "
                  "that makes a {} with Builder::with_result_builder",
                  builder, actual.name(), expected.name(), expected.name()));
}

}  // namespace hamilton::detail

namespace hamilton {

const std::vector<NodeFailure>& Outputs::failures() const noexcept {
  static const std::vector<NodeFailure> none;
  return failures_ ? *failures_ : none;
}

const NodeFailure* Outputs::failure(std::string_view name) const noexcept {
  if (!failures_) return nullptr;
  for (const auto& f : *failures_)
    if (f.node == name && !f.item) return &f;
  return nullptr;
}

std::string_view to_string(NodeStatus status) noexcept {
  switch (status) {
    case NodeStatus::failed:
      return "failed";
    case NodeStatus::skipped:
      return "skipped";
    case NodeStatus::deadline:
      return "deadline";
    case NodeStatus::cancelled:
      return "cancelled";
  }
  return {};
}

std::string NodeFailure::to_string() const {
  std::string where = location.known() ? location.to_string() + ": " : std::string();
  std::string in = module.empty() ? std::string() : fmt::format(" (module {})", module);
  std::string on = item ? fmt::format(" on item {}", *item) : std::string();
  return fmt::format("{}node `{}`{}{} {}: {}", where, node, in, on, hamilton::to_string(status),
                     message);
}

}  // namespace hamilton
