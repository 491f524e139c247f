#pragma once
/// \file
/// `hamilton::Outputs`: the requested outputs of one execution, by name, in the order requested.

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/result/run_report.hpp"
#include "hamilton/value.hpp"

namespace hamilton {

namespace detail {
[[noreturn]] HAMILTON_EXPORT void throw_no_such_output(std::string_view name,
                                                       const std::vector<std::string>& names);
[[noreturn]] HAMILTON_EXPORT void throw_output_type(
    std::string_view name, const TypeInfo& expected, const TypeInfo& actual,
    const std::vector<NodeFailure>* failures = nullptr);
[[noreturn]] HAMILTON_EXPORT void throw_output_position(std::size_t position, std::size_t size);
/// The names of an `Outputs` that has none.
HAMILTON_EXPORT const std::vector<std::string>& no_names() noexcept;
}  // namespace detail

/// The outputs of one run: an ordered name → Value dictionary (Hamilton's dict result).
/// Copies are cheap: values are shared, never deep-copied. After a run with graceful failure,
/// an output that was not computed is an empty Value and `failures()` says why.
class HAMILTON_EXPORT Outputs {
 public:
  Outputs() noexcept = default;
  Outputs(std::shared_ptr<const std::vector<std::string>> names, std::vector<Value> values,
          std::shared_ptr<const std::vector<NodeFailure>> failures = nullptr)
      : names_(std::move(names)), values_(std::move(values)), failures_(std::move(failures)) {}
  Outputs(std::initializer_list<std::pair<std::string, Value>> entries) {
    std::vector<std::string> names;
    for (const auto& [name, value] : entries) {
      names.push_back(name);
      values_.push_back(value);
    }
    names_ = std::make_shared<const std::vector<std::string>>(std::move(names));
  }

  std::size_t size() const noexcept { return values_.size(); }
  bool empty() const noexcept { return values_.empty(); }
  const std::vector<std::string>& names() const noexcept {
    return names_ ? *names_ : detail::no_names();
  }
  const std::vector<Value>& values() const noexcept { return values_; }
  /// Name and value of the output at position `i` (in the order requested), unchecked.
  const std::string& name(std::size_t i) const { return (*names_)[i]; }
  const Value& value(std::size_t i) const { return values_[i]; }

  /// The value of the output at position `i` (in the order requested); throws
  /// `hamilton::Error` if there is no such position.
  const Value& at(std::size_t i) const {
    if (i >= values_.size()) detail::throw_output_position(i, values_.size());
    return values_[i];
  }
  /// The value of the output at position `i` as a `T`; throws `hamilton::Error` if there is no
  /// such position and `ValueTypeError` naming both types if it holds another type.
  template <class T>
  const T& get(std::size_t i) const {
    const Value& v = at(i);
    if (!v.is<T>())
      detail::throw_output_type((*names_)[i], TypeInfo::of<T>(), v.type(), failures_.get());
    return v.unchecked<T>();
  }

  bool contains(std::string_view name) const noexcept { return find(name) != npos; }

  /// The value of output `name`; throws `hamilton::Error` listing the outputs if there is none.
  const Value& at(std::string_view name) const {
    auto i = find(name);
    if (i == npos) detail::throw_no_such_output(name, names());
    return values_[i];
  }
  const Value& operator[](std::string_view name) const { return at(name); }

  /// The value of output `name` as a `T`; throws `ValueTypeError` naming both types otherwise
  /// (and, for an output that was not computed, why).
  template <class T>
  const T& get(std::string_view name) const {
    const Value& v = at(name);
    if (!v.is<T>()) detail::throw_output_type(name, TypeInfo::of<T>(), v.type(), failures_.get());
    return v.unchecked<T>();
  }

  /// The nodes of the run that have no value, in the order the plan runs them (empty unless
  /// the run had graceful failure: docs/failures.md).
  const std::vector<NodeFailure>& failures() const noexcept;
  /// True if every node of the run has its value (no failures).
  bool complete() const noexcept { return !failures_ || failures_->empty(); }
  /// Why node `name` has no value, or null if it has one (or is not in the run).
  const NodeFailure* failure(std::string_view name) const noexcept;

  class iterator {
   public:
    using value_type = std::pair<const std::string&, const Value&>;
    iterator(const Outputs* o, std::size_t i) : o_(o), i_(i) {}
    value_type operator*() const { return {o_->name(i_), o_->value(i_)}; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const iterator& other) const { return i_ == other.i_; }
    bool operator!=(const iterator& other) const { return i_ != other.i_; }

   private:
    const Outputs* o_;
    std::size_t i_;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size()}; }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  /// Position of output `name`, or `npos`.
  std::size_t find(std::string_view name) const noexcept {
    const auto& all = names();
    for (std::size_t i = 0; i < all.size(); ++i)
      if (all[i] == name) return i;
    return npos;
  }

 private:
  std::shared_ptr<const std::vector<std::string>> names_;  ///< null when there are none
  std::vector<Value> values_;
  std::shared_ptr<const std::vector<NodeFailure>> failures_;  ///< null when none
};

}  // namespace hamilton
