#pragma once
/// \file
/// Built-in validators (Hamilton's default validators). Each applies to scalars (numbers,
/// strings) and/or `hamilton::Series`, and is named like Python's (`range_validator` ...).
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/frame.hpp>
/// #include <hamilton/node.hpp>
/// using hamilton::Series;
///
/// HAMILTON_MODULE(spend_features);
/// NODE(Series, spend, (const Series& raw_spend),
///      check_output(dq::range(0.0, 10000.0), dq::max_fraction_nans(0.05), dq::Importance::fail)) {
///   return raw_spend;
/// }
/// ```

#include <initializer_list>
#include <string>
#include <vector>

#include "hamilton/data_quality/base.hpp"
#include "hamilton/export.hpp"
#include "hamilton/frame/dtype.hpp"

namespace hamilton::dq {

/// Every value in [lo, hi] (inclusive; NaN counts as outside, like pandas' `between`).
/// Numbers and numeric Series. Name: `range_validator`.
HAMILTON_EXPORT Validator range(double lo, double hi);
/// Every value is one of `values`. Numbers, strings, and Series of them.
/// Name: `values_in_validator`.
HAMILTON_EXPORT Validator values_in(std::vector<double> values);
HAMILTON_EXPORT Validator values_in(std::vector<std::string> values);
HAMILTON_EXPORT Validator values_in(std::initializer_list<const char*> values);
/// The value is a `T` (scalars and hamilton::Value nodes). Name: `data_type_validator`.
template <class T>
Validator data_type();
/// The Series has dtype `t`. Name: `data_type_validator`.
HAMILTON_EXPORT Validator data_type(DType t);
/// NaNs / missing values allowed or not (Series and doubles). Name: `allow_nans_validator`.
HAMILTON_EXPORT Validator allow_nans(bool allowed);
/// At most `fraction` of the Series is missing. Name: `max_fraction_nans_validator`.
HAMILTON_EXPORT Validator max_fraction_nans(double fraction);
/// The Series mean (NaN skipped) is in [lo, hi]. Name: `mean_in_range_validator`.
HAMILTON_EXPORT Validator mean_in_range(double lo, double hi);
/// The Series standard deviation (ddof 1) is at most `max`. Name: `max_standard_dev_validator`.
HAMILTON_EXPORT Validator max_standard_dev(double max);
/// The string contains every one of `substrings` (plain substrings, as Hamilton's
/// `check_output(contains=...)`). Applies to `std::string`. Name: `contains_validator`.
HAMILTON_EXPORT Validator contains(std::vector<std::string> substrings);
HAMILTON_EXPORT Validator contains(std::string substring);
HAMILTON_EXPORT Validator contains(std::initializer_list<const char*> substrings);
/// The string contains none of `substrings`. Applies to `std::string`.
/// Name: `does_not_contain_validator`.
HAMILTON_EXPORT Validator does_not_contain(std::vector<std::string> substrings);
HAMILTON_EXPORT Validator does_not_contain(std::string substring);
HAMILTON_EXPORT Validator does_not_contain(std::initializer_list<const char*> substrings);
/// No missing value: an empty Value, a NaN double, or a missing Series element fails.
/// Name: `not_null_validator` (Python's `allow_none=False`).
HAMILTON_EXPORT Validator not_null();

namespace detail {
HAMILTON_EXPORT Validator data_type_impl(const TypeInfo& type);
}
template <class T>
Validator data_type() {
  return detail::data_type_impl(TypeInfo::of<T>());
}

}  // namespace hamilton::dq
