#include <fmt/format.h>

#include "hamilton/data_quality/base.hpp"
#include "hamilton/data_quality/errors.hpp"

namespace hamilton::dq {

const char* to_string(Importance i) noexcept { return i == Importance::fail ? "fail" : "warn"; }

namespace {
class FunctionValidator final : public DataValidator {
 public:
  FunctionValidator(std::string name, std::string description, const TypeInfo& type,
                    std::function<ValidationResult(const Value&)> check)
      : name_(std::move(name)), description_(std::move(description)), type_(&type),
        check_(std::move(check)) {}
  std::string name() const override { return name_; }
  std::string description() const override { return description_; }
  bool applies_to(const TypeInfo& type) const override { return type == *type_; }
  ValidationResult validate(const Value& value) const override { return check_(value); }

 private:
  std::string name_;
  std::string description_;
  const TypeInfo* type_;
  std::function<ValidationResult(const Value&)> check_;
};

std::string failure_message(const std::vector<ValidationResult>& failures) {
  std::string out = fmt::format("data validation failed: {} check{} of importance `fail` failed:",
                                failures.size(), failures.size() == 1 ? "" : "s");
  for (const auto& f : failures)
    out += fmt::format("\n  node `{}`, validator `{}`: {}", f.node, f.validator, f.message);
  return out;
}
}  // namespace

namespace detail {
Validator make_function_validator(std::string name, std::string description, const TypeInfo& type,
                                  std::function<ValidationResult(const Value&)> check) {
  return Validator(std::make_shared<const FunctionValidator>(std::move(name), std::move(description),
                                                             type, std::move(check)));
}
}  // namespace detail

DataValidationError::DataValidationError(std::vector<ValidationResult> failures)
    : Error(failure_message(failures)), failures_(std::move(failures)) {}

}  // namespace hamilton::dq
