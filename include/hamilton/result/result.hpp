#pragma once
/// \file
/// `hamilton::Result`: what `Driver::execute` returns.

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
}

/// The outputs of a run plus what the result builder made of them.
/// `get<T>(name)` reads one output; `as<T>()` is the built result (an `Outputs` with the
/// default `DictResult`, a `DataFrame` with `DataFrameResult`, ...).
class HAMILTON_EXPORT Result {
 public:
  Result() = default;
  Result(Outputs outputs, Value built, std::string builder, Outputs data_quality = {})
      : outputs_(std::move(outputs)),
        built_(std::move(built)),
        builder_(std::move(builder)),
        data_quality_(std::move(data_quality)) {}

  const Outputs& outputs() const noexcept { return outputs_; }
  std::size_t size() const noexcept { return outputs_.size(); }
  const std::vector<std::string>& names() const noexcept { return outputs_.names(); }
  bool contains(std::string_view name) const noexcept { return outputs_.contains(name); }
  const Value& at(std::string_view name) const { return outputs_.at(name); }
  const Value& operator[](std::string_view name) const { return outputs_.at(name); }
  template <class T>
  const T& get(std::string_view name) const {
    return outputs_.get<T>(name);
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

  /// The data-quality results of the run (one per `check_output` validator that ran), by
  /// validator node name (`<node>_<validator>`).
  const Outputs& data_quality_results() const noexcept { return data_quality_; }

  Outputs::iterator begin() const { return outputs_.begin(); }
  Outputs::iterator end() const { return outputs_.end(); }

 private:
  Outputs outputs_;
  Value built_;
  std::string builder_;
  Outputs data_quality_;
};

}  // namespace hamilton
