// Built-in validators (Hamilton's data_quality/default_validators.py).
#include "hamilton/data_quality/validators.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "common/python_str.hpp"
#include "hamilton/frame/series.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton::dq {
namespace {

using hamilton::detail::python_float;
using hamilton::detail::python_repr;
using hamilton::detail::python_str;

bool is_series(const TypeInfo& t) { return t == TypeInfo::of<Series>(); }
bool is_number(const TypeInfo& t) { return t.is_arithmetic(); }
double as_double(const Value& v) { return v.type().to_double(v.data()); }

ValidationResult result(bool passes, std::string message, ValueMap diagnostics = {}) {
  ValidationResult r;
  r.passes = passes;
  r.message = std::move(message);
  r.diagnostics = std::move(diagnostics);
  return r;
}

// A validator made of a name, description, applicability and check.
class Builtin final : public DataValidator {
 public:
  using Applies = std::function<bool(const TypeInfo&)>;
  using Check = std::function<ValidationResult(const Value&)>;
  Builtin(std::string name, std::string description, Applies applies, Check check)
      : name_(std::move(name)),
        description_(std::move(description)),
        applies_(std::move(applies)),
        check_(std::move(check)) {}
  std::string name() const override { return name_; }
  std::string description() const override { return description_; }
  bool applies_to(const TypeInfo& type) const override { return applies_(type); }
  ValidationResult validate(const Value& value) const override { return check_(value); }

 private:
  std::string name_, description_;
  Applies applies_;
  Check check_;
};

Validator make(std::string name, std::string description, Builtin::Applies applies,
               Builtin::Check check) {
  return Validator(std::make_shared<const Builtin>(std::move(name), std::move(description),
                                                   std::move(applies), std::move(check)));
}

bool numeric_series(const Series& s) { return is_numeric(s.dtype()); }

// Position and text of the first element failing `bad`, and the count of failing elements.
template <class Bad>
std::pair<std::size_t, std::optional<std::size_t>> count_failures(const Series& s, Bad bad) {
  std::size_t count = 0;
  std::optional<std::size_t> first;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (bad(i)) {
      ++count;
      if (!first) first = i;
    }
  return {count, first};
}

// Beyond Hamilton's keys: where the first failure is and what it holds.
void add_first_failure(ValueMap& d, const Series& s, std::optional<std::size_t> first) {
  if (!first) return;
  d["first_failure_index"] = static_cast<std::int64_t>(*first);
  d["first_failure_value"] = s.to_string_at(*first);
}

}  // namespace

Validator range(double lo, double hi) {
  const std::string lo_s = python_float(lo), hi_s = python_float(hi);
  return make(
      "range_validator",
      fmt::format("Validates that the datapoint falls within the range ({}, {})", lo_s, hi_s),
      [](const TypeInfo& t) { return is_number(t) || is_series(t); },
      [lo, hi, lo_s, hi_s](const Value& v) {
        if (const Series* s = v.get_if<Series>()) {
          if (!numeric_series(*s))
            return result(false,
                          fmt::format("range needs a numeric Series; got {}", s->describe()));
          auto [count, first] = count_failures(*s, [&](std::size_t i) {
            double x = s->as_double(i);
            return !(x >= lo && x <= hi);
          });
          ValueMap d{{"range", std::vector<double>{lo, hi}},
                     {"in_range", static_cast<std::int64_t>(s->size() - count)},
                     {"out_range", static_cast<std::int64_t>(count)},
                     {"data_size", static_cast<std::int64_t>(s->size())}};
          add_first_failure(d, *s, first);
          return result(!first,
                        fmt::format("Series contains {} values in range ({},{}), and {} outside.",
                                    s->size() - count, lo_s, hi_s, count),
                        std::move(d));
        }
        double x = as_double(v);
        bool ok = x >= lo && x <= hi;
        return result(ok,
                      fmt::format("Data point {} {} within acceptable range: ({}, {})",
                                  python_str(v), ok ? "falls" : "does not fall", lo_s, hi_s),
                      {{"range", std::vector<double>{lo, hi}}, {"value", v}});
      });
}

namespace {
// Python's repr of frozenset(values), in the order given (Python's follows the hashes).
template <class T>
std::string frozenset_repr(const std::vector<T>& values) {
  if (values.empty()) return "frozenset()";
  std::string out = "frozenset({";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    if constexpr (std::is_same_v<T, std::string>)
      out += python_repr(values[i]);
    else
      out += python_float(values[i]);
  }
  return out + "})";
}

// Hamilton's values_in over a Series: missing values count as correct; `bad(i)` says whether
// element i (not missing) is outside the set, `key(i)` how it is counted in incorrect_values.
template <class Bad, class Key, class T>
ValidationResult values_in_series(const Series& s, Bad bad, Key key, const std::vector<T>& values) {
  auto [count, first] =
      count_failures(s, [&](std::size_t i) { return !s.is_missing(i) && bad(i); });
  ValueMap incorrect;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.is_missing(i) || !bad(i)) continue;
    Value& n = incorrect[key(i)];
    n = static_cast<std::int64_t>((n.has_value() ? n.get<std::int64_t>() : 0) + 1);
  }
  std::string message = fmt::format("Series contains {} correct values, and {} incorrect values.",
                                    s.size() - count, count);
  if (first) message += fmt::format(" Valid values are: {}.", frozenset_repr(values));
  ValueMap d{{"values", values},
             {"correct_values_count", static_cast<std::int64_t>(s.size() - count)},
             {"incorrect_values_count", static_cast<std::int64_t>(count)},
             {"incorrect_values", std::move(incorrect)},
             {"data_size", static_cast<std::int64_t>(s.size())}};
  add_first_failure(d, s, first);
  return result(!first, std::move(message), std::move(d));
}

// Hamilton's values_in on one value.
template <class T>
ValidationResult values_in_scalar(bool ok, const Value& v, const std::vector<T>& values) {
  std::string message =
      fmt::format("Primitive python value was valid is {}.", ok ? "True" : "False");
  if (!ok) message += fmt::format(" Correct possible values are {}.", frozenset_repr(values));
  return result(ok, std::move(message),
                {{"values", values},
                 {"was_correct", ok},
                 {"incorrect_value", ok ? Value() : v},
                 {"data_size", std::int64_t{1}}});
}
}  // namespace

Validator values_in(std::vector<double> values) {
  const std::string set = frozenset_repr(values);
  return make(
      "values_in_validator",
      fmt::format("Validates that all data points are from a fixed set of values: ({}), ignoring "
                  "NA values.",
                  set),
      [](const TypeInfo& t) { return is_number(t) || is_series(t); },
      [values](const Value& v) {
        auto in = [&](double x) {
          return std::find(values.begin(), values.end(), x) != values.end();
        };
        if (const Series* s = v.get_if<Series>()) {
          if (!numeric_series(*s))
            return result(false,
                          fmt::format("values_in with numbers needs a numeric Series; got {}",
                                      s->describe()));
          return values_in_series(
              *s, [&](std::size_t i) { return !in(s->as_double(i)); },
              [&](std::size_t i) {
                return s->dtype() == DType::float64 ? python_float(s->as_double(i))
                                                    : s->to_string_at(i);
              },
              values);
        }
        return values_in_scalar(in(as_double(v)), v, values);
      });
}

Validator values_in(std::vector<std::string> values) {
  const std::string set = frozenset_repr(values);
  return make(
      "values_in_validator",
      fmt::format("Validates that all data points are from a fixed set of values: ({}), ignoring "
                  "NA values.",
                  set),
      [](const TypeInfo& t) { return t == TypeInfo::of<std::string>() || is_series(t); },
      [values](const Value& v) {
        auto in = [&](const std::string& x) {
          return std::find(values.begin(), values.end(), x) != values.end();
        };
        if (const Series* s = v.get_if<Series>()) {
          if (s->dtype() != DType::string)
            return result(false, fmt::format("values_in with strings needs a string Series; got {}",
                                             s->describe()));
          return values_in_series(
              *s, [&](std::size_t i) { return !in(s->at<std::string>(i)); },
              [&](std::size_t i) { return s->at<std::string>(i); }, values);
        }
        return values_in_scalar(in(v.get<std::string>()), v, values);
      });
}

Validator values_in(std::initializer_list<const char*> values) {
  return values_in(std::vector<std::string>(values.begin(), values.end()));
}

namespace {
// Python's list repr of strings: ['a', 'b'].
std::string list_repr(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + python_repr(items[i]);
  return out + "]";
}

// Hamilton's contains / does_not_contain on one string.
Validator substring_validator(std::vector<std::string> parts, bool wanted) {
  const std::string arg = wanted ? "contains" : "does_not_contain";
  const std::string shown = list_repr(parts);
  return make(
      arg + "_validator",
      fmt::format("Validates that a string {} [{}] within it.",
                  wanted ? "contains" : "does not contain", shown),
      [](const TypeInfo& t) { return t == TypeInfo::of<std::string>(); },
      [parts, wanted, arg, shown](const Value& v) {
        const auto& data = v.get<std::string>();
        bool passes = true;
        for (const auto& p : parts)
          passes = passes && ((data.find(p) != std::string::npos) == wanted);
        if (passes) return result(true, "All good.");
        return result(false, fmt::format("String did {}contain {}", wanted ? "not " : "", shown),
                      {{arg, parts}, {"data", data.size() < 100 ? data : data.substr(0, 100)}});
      });
}
}  // namespace

Validator contains(std::vector<std::string> substrings) {
  return substring_validator(std::move(substrings), true);
}
Validator contains(std::string substring) {
  return contains(std::vector<std::string>{std::move(substring)});
}
Validator contains(std::initializer_list<const char*> substrings) {
  return contains(std::vector<std::string>(substrings.begin(), substrings.end()));
}
Validator does_not_contain(std::initializer_list<const char*> substrings) {
  return does_not_contain(std::vector<std::string>(substrings.begin(), substrings.end()));
}
Validator does_not_contain(std::vector<std::string> substrings) {
  return substring_validator(std::move(substrings), false);
}
Validator does_not_contain(std::string substring) {
  return does_not_contain(std::vector<std::string>{std::move(substring)});
}

namespace detail {
Validator data_type_impl(const TypeInfo& type) {
  const TypeInfo* want = &type;
  return make(
      "data_type_validator", "value of type " + type.name(), [](const TypeInfo&) { return true; },
      [want](const Value& v) {
        bool ok = v.type() == *want;
        return result(ok,
                      ok ? fmt::format("value is a {}", want->name())
                         : fmt::format("value is a {}, expected a {}",
                                       v.has_value() ? v.type().name() : std::string("empty value"),
                                       want->name()));
      });
}
}  // namespace detail

Validator data_type(DType t) {
  return make("data_type_validator", fmt::format("Series of dtype {}", dtype_name(t)), is_series,
              [t](const Value& v) {
                const Series& s = v.get<Series>();
                bool ok = s.dtype() == t;
                return result(
                    ok,
                    ok ? fmt::format("dtype is {}", dtype_name(t))
                       : fmt::format("dtype is {}, expected {}", s.dtype_name(), dtype_name(t)),
                    {{"dtype", std::string(s.dtype_name())}});
              });
}

namespace {
std::string percent(double fraction) { return fmt::format("{:.2f}%", fraction * 100); }

// Hamilton's MaxFractionNansValidatorPandasSeries (also allow_nans(false): at most 0).
ValidationResult fraction_nans(const Series& s, double max_fraction, Value shown_max) {
  auto [nans, first] = count_failures(s, [&](std::size_t i) { return s.is_missing(i); });
  double f = s.empty() ? 0.0 : static_cast<double>(nans) / static_cast<double>(s.size());
  bool ok = f <= max_fraction;
  ValueMap d{{"total_nan", static_cast<std::int64_t>(nans)},
             {"total_length", static_cast<std::int64_t>(s.size())},
             {"fraction_na", f},
             {"max_fraction_na", std::move(shown_max)}};
  add_first_failure(d, s, first);
  return result(ok,
                fmt::format("Out of {} items in the series, {} of them are Nan, representing: {}. "
                            "Max allowable Nans is: {}, so this {}.",
                            s.size(), nans, percent(f), percent(max_fraction),
                            ok ? "passes" : "does not pass"),
                std::move(d));
}
}  // namespace

Validator allow_nans(bool allowed) {
  return make(
      "allow_nans_validator",
      allowed ? std::string("NaNs allowed")
              : fmt::format("Validates that no more than {} of the data is Nan.", percent(0.0)),
      [](const TypeInfo& t) {
        return is_series(t) || t == TypeInfo::of<double>() || t == TypeInfo::of<float>();
      },
      [allowed](const Value& v) {
        if (allowed) return result(true, "NaNs are allowed");
        if (const Series* s = v.get_if<Series>())
          return fraction_nans(*s, 0.0, std::int64_t{0});  // Python's False -> 0
        bool nan = std::isnan(as_double(v));
        return result(!nan, nan ? "value is NaN" : "value is not NaN");
      });
}

Validator max_fraction_nans(double fraction) {
  return make("max_fraction_nans_validator",
              fmt::format("Validates that no more than {} of the data is Nan.", percent(fraction)),
              is_series, [fraction](const Value& v) {
                return fraction_nans(v.get<Series>(), fraction, fraction);
              });
}

Validator mean_in_range(double lo, double hi) {
  const std::string lo_s = python_float(lo), hi_s = python_float(hi);
  return make(
      "mean_in_range_validator",
      fmt::format("Validates that a pandas series has mean in range [{}, {}]", lo_s, hi_s),
      is_series, [lo, hi, lo_s, hi_s](const Value& v) {
        const Series& s = v.get<Series>();
        if (!numeric_series(s))
          return result(false,
                        fmt::format("mean_in_range needs a numeric Series; got {}", s.describe()));
        double m = s.mean();
        bool ok = m >= lo && m <= hi;
        return result(ok,
                      fmt::format("Dataset has mean: {}. This {} in the required range: [{}, {}].",
                                  python_float(m), ok ? "is " : "is not ", lo_s, hi_s),
                      {{"dataset_mean", m}, {"mean_in_range", std::vector<double>{lo, hi}}});
      });
}

Validator max_standard_dev(double max) {
  return make(
      "max_standard_dev_validator",
      fmt::format(
          "Validates that the standard deviation of a pandas series is no greater than : {}",
          python_float(max)),
      is_series, [max](const Value& v) {
        const Series& s = v.get<Series>();
        if (!numeric_series(s))
          return result(
              false, fmt::format("max_standard_dev needs a numeric Series; got {}", s.describe()));
        double sd = s.std();
        bool ok = sd <= max;
        return result(
            ok,
            fmt::format("Max allowable standard dev is: {}. Dataset stddev is : {}. This {}.",
                        python_float(max), python_float(sd), ok ? "passes" : "does not pass"),
            {{"standard_dev", sd}, {"max_standard_dev", max}});
      });
}

Validator not_null() {
  return make(
      "not_null_validator", "Validates that an output ;is not None",
      [](const TypeInfo&) { return true; },
      [](const Value& v) {
        if (!v.has_value()) return result(false, "Data is not allowed to be None, got None");
        if (const Series* s = v.get_if<Series>()) {
          auto [count, first] = count_failures(*s, [&](std::size_t i) { return s->is_missing(i); });
          if (!first) return result(true, fmt::format("no missing value in {} values", s->size()));
          ValueMap d{{"missing", static_cast<std::int64_t>(count)}};
          add_first_failure(d, *s, first);
          return result(false,
                        fmt::format("{} of {} values are missing; first at index {}", count,
                                    s->size(), *first),
                        std::move(d));
        }
        if ((v.is<double>() || v.is<float>()) && std::isnan(as_double(v)))
          return result(false, "value is NaN");
        return result(true, "Data is not None");
      });
}

}  // namespace hamilton::dq
