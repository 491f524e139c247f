#pragma once
/// \file
/// `hamilton::Result`: what `Driver::execute` returns.

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "hamilton/export.hpp"
#include "hamilton/result/outputs.hpp"
#include "hamilton/value.hpp"

namespace hamilton {

namespace detail {
[[noreturn]] HAMILTON_EXPORT void throw_result_type(const std::string& builder,
                                                    const TypeInfo& expected,
                                                    const TypeInfo& actual);
/// The outputs of a Result that has none.
HAMILTON_EXPORT const Outputs& no_outputs() noexcept;
}  // namespace detail

/// The outputs of a run plus what the result builder made of them.
/// `get<T>(name)` reads one output; `as<T>()` is the built result (an `Outputs` with the
/// default `DictResult`, a `DataFrame` with `DataFrameResult`, ...).
class HAMILTON_EXPORT Result {
 public:
  Result() = default;
  Result(Outputs outputs, Value built, std::string builder, Outputs data_quality = {})
      : Result(std::make_shared<const Outputs>(std::move(outputs)), std::move(built),
               std::move(builder), std::move(data_quality)) {}
  /// The same with shared outputs (`built` may share them: a DictResult's product is them).
  Result(std::shared_ptr<const Outputs> outputs, Value built, std::string builder,
         Outputs data_quality = {})
      : outputs_(std::move(outputs)),
        built_(std::move(built)),
        builder_(std::move(builder)),
        data_quality_(std::move(data_quality)) {}

  const Outputs& outputs() const noexcept { return outputs_ ? *outputs_ : detail::no_outputs(); }
  std::size_t size() const noexcept { return outputs().size(); }
  const std::vector<std::string>& names() const noexcept { return outputs().names(); }
  bool contains(std::string_view name) const noexcept { return outputs().contains(name); }
  /// The value of output `name`; throws `hamilton::Error` listing the outputs if there is none.
  const Value& at(std::string_view name) const { return outputs().at(name); }
  const Value& operator[](std::string_view name) const { return outputs().at(name); }
  template <class T>
  const T& get(std::string_view name) const {
    return outputs().get<T>(name);
  }
  /// Position access, in the order the outputs were requested (no lookup by name).
  /// `at(i)` throws `hamilton::Error` if there is no position `i`.
  const Value& at(std::size_t i) const { return outputs().at(i); }
  const Value& operator[](std::size_t i) const { return outputs().at(i); }
  /// The name of the output at position `i` (unchecked).
  const std::string& name(std::size_t i) const { return outputs().name(i); }
  /// The output at position `i` as a `T`; throws `ValueTypeError` naming both types otherwise.
  template <class T>
  const T& get(std::size_t i) const {
    return outputs().get<T>(i);
  }

  /// The result builder's product, as a `T`; throws `ValueTypeError` naming the builder and
  /// both types if it made something else.
  template <class T>
  const T& as() const {
    if (!built_.is<T>()) detail::throw_result_type(builder_, TypeInfo::of<T>(), built_.type());
    return built_.unchecked<T>();
  }
  const Value& built() const noexcept { return built_; }
  /// Name of the result builder that made `built()`.
  const std::string& builder() const noexcept { return builder_; }

  /// The nodes of the run that have no value, in the order the plan runs them: empty unless
  /// the run had graceful failure (a node that threw, what needs it, what a deadline or a
  /// cancellation stopped). docs/failures.md.
  const std::vector<NodeFailure>& failures() const noexcept { return outputs().failures(); }
  /// True if every node of the run has its value.
  bool complete() const noexcept { return outputs().complete(); }
  /// Why node `name` has no value, or null if it has one (or is not in the run).
  const NodeFailure* failure(std::string_view name) const noexcept {
    return outputs().failure(name);
  }

  /// The data-quality results of the run (one per `check_output` validator that ran), by
  /// validator node name (`<node>_<validator>`).
  const Outputs& data_quality_results() const noexcept { return data_quality_; }

  Outputs::iterator begin() const { return outputs().begin(); }
  Outputs::iterator end() const { return outputs().end(); }

 private:
  std::shared_ptr<const Outputs> outputs_;  ///< null for a default-constructed Result
  Value built_;
  std::string builder_;
  Outputs data_quality_;
};

}  // namespace hamilton
