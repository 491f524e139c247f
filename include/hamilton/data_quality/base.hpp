#pragma once
/// \file
/// Data quality (Hamilton's `hamilton.data_quality`, "ala pandera"): the validator interface
/// and the result a validator produces.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/value.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton::dq {

/// What a failed check does: `warn` logs it, `fail` makes the run throw DataValidationError.
enum class Importance { warn, fail };
/// "warn" / "fail".
HAMILTON_EXPORT const char* to_string(Importance i) noexcept;

/// The outcome of one validator on one node's value.
struct HAMILTON_EXPORT ValidationResult {
  bool passes = true;
  /// What was found, e.g. "3 of 1000 values outside [0, 10000]; first at index 17: 12345.6".
  std::string message;
  /// Structured details (counts, bounds, first failing index ...): strings, numbers, bools.
  ValueMap diagnostics;
  Importance importance = Importance::warn;
  /// Validator name, e.g. "range_validator".
  std::string validator;
  /// The node validated.
  std::string node;
};

/// A check on a node's value (Hamilton's `DataValidator`). Derive from it for custom checks.
class HAMILTON_EXPORT DataValidator {
 public:
  virtual ~DataValidator() = default;
  /// Used in the validator node's name `<node>_<name>`; an identifier, e.g. "range_validator".
  virtual std::string name() const = 0;
  /// One line for listings and reports.
  virtual std::string description() const = 0;
  /// Whether the validator can check values of `type` (checked at build time).
  virtual bool applies_to(const TypeInfo& type) const = 0;
  /// Checks one value. `passes`, `message` and `diagnostics` are read from the result; the
  /// framework fills `importance`, `validator` and `node`.
  virtual ValidationResult validate(const Value& value) const = 0;
  /// Default importance when check_output gives none.
  virtual Importance importance() const { return Importance::warn; }
};

/// A validator handle with an optional importance override: what check_output takes.
class HAMILTON_EXPORT Validator {
 public:
  Validator(std::shared_ptr<const DataValidator> v) : impl_(std::move(v)) {}  // NOLINT
  template <class V>
  requires std::is_base_of_v<DataValidator, V> Validator(V v)
      : impl_(std::make_shared<const V>(std::move(v))) {}  // NOLINT

  /// This validator with importance `i` (overrides check_output's importance).
  Validator with_importance(Importance i) const {
    Validator out = *this;
    out.importance_ = i;
    return out;
  }
  const DataValidator& impl() const noexcept { return *impl_; }
  const std::shared_ptr<const DataValidator>& ptr() const noexcept { return impl_; }
  const std::optional<Importance>& importance() const noexcept { return importance_; }

 private:
  std::shared_ptr<const DataValidator> impl_;
  std::optional<Importance> importance_;
};

namespace detail {
HAMILTON_EXPORT Validator
make_function_validator(std::string name, std::string description, const TypeInfo& type,
                        std::function<ValidationResult(const Value&)> check);
template <class T>
ValidationResult to_result(T r) {
  if constexpr (std::is_same_v<T, bool>) {
    ValidationResult out;
    out.passes = r;
    out.message = r ? "passed" : "failed";
    return out;
  } else {
    return r;
  }
}
}  // namespace detail

/// A validator from a callable taking the node's value type and returning bool or
/// ValidationResult: `dq::validator<double>("positive", [](double x) { return x > 0; })`.
template <class T, class F>
Validator validator(std::string name, F check, std::string description = {}) {
  if (description.empty()) description = "custom check `" + name + "`";
  return detail::make_function_validator(
      std::move(name), std::move(description), TypeInfo::of<T>(),
      [check = std::move(check)](const Value& v) { return detail::to_result(check(v.get<T>())); });
}

}  // namespace hamilton::dq
