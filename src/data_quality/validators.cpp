// Built-in validators (Hamilton's data_quality/default_validators.py).
#include "hamilton/data_quality/validators.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "hamilton/frame/series.hpp"

namespace hamilton::dq {
namespace {

std::string num(double x) { return fmt::format("{}", x); }

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
      : name_(std::move(name)), description_(std::move(description)), applies_(std::move(applies)),
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

std::size_t missing_count(const Series& s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) n += s.is_missing(i) ? 1 : 0;
  return n;
}

}  // namespace

Validator range(double lo, double hi) {
  const std::string bounds = fmt::format("[{}, {}]", num(lo), num(hi));
  return make(
      "range_validator", "values in " + bounds,
      [](const TypeInfo& t) { return is_number(t) || is_series(t); },
      [lo, hi, bounds](const Value& v) {
        if (const Series* s = v.get_if<Series>()) {
          if (!numeric_series(*s))
            return result(false, fmt::format("range needs a numeric Series; got {}", s->describe()));
          auto [count, first] = count_failures(*s, [&](std::size_t i) {
            double x = s->as_double(i);
            return !(x >= lo && x <= hi);
          });
          ValueMap d{{"range", std::vector<double>{lo, hi}},
                     {"out_of_range", static_cast<std::int64_t>(count)},
                     {"in_range", static_cast<std::int64_t>(s->size() - count)},
                     {"data_size", static_cast<std::int64_t>(s->size())}};
          if (!first)
            return result(true, fmt::format("all {} values in {}", s->size(), bounds), std::move(d));
          d["first_failure_index"] = static_cast<std::int64_t>(*first);
          return result(false,
                        fmt::format("{} of {} values outside {}; first at index {}: {}", count,
                                    s->size(), bounds, *first, s->to_string_at(*first)),
                        std::move(d));
        }
        double x = as_double(v);
        bool ok = x >= lo && x <= hi;
        return result(ok, fmt::format("value {} is {} {}", num(x), ok ? "in" : "outside", bounds),
                      {{"range", std::vector<double>{lo, hi}}, {"value", x}});
      });
}

namespace {
template <class T>
std::string show_set(const std::vector<T>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size() && i < 10; ++i) {
    if constexpr (std::is_same_v<T, std::string>) out += fmt::format("{}\"{}\"", i ? ", " : "", values[i]);
    else out += fmt::format("{}{}", i ? ", " : "", num(values[i]));
  }
  if (values.size() > 10) out += ", ...";
  return out + "}";
}
}  // namespace

// The result of values_in over a Series, given how many values failed and the first one.
static ValidationResult values_in_result(const Series& s, std::size_t count,
                                         std::optional<std::size_t> first, const std::string& set) {
  if (!first) return result(true, fmt::format("all {} values in {}", s.size(), set));
  return result(false,
                fmt::format("{} of {} values not in {}; first at index {}: {}", count, s.size(), set,
                            *first, s.to_string_at(*first)),
                {{"not_in_set", static_cast<std::int64_t>(count)},
                 {"data_size", static_cast<std::int64_t>(s.size())},
                 {"first_failure_index", static_cast<std::int64_t>(*first)}});
}

Validator values_in(std::vector<double> values) {
  const std::string set = show_set(values);
  return make(
      "values_in_validator", "values in " + set,
      [](const TypeInfo& t) { return is_number(t) || is_series(t); },
      [values, set](const Value& v) {
        auto in = [&](double x) { return std::find(values.begin(), values.end(), x) != values.end(); };
        if (const Series* s = v.get_if<Series>()) {
          if (!numeric_series(*s))
            return result(false, fmt::format("values_in with numbers needs a numeric Series; got {}",
                                             s->describe()));
          auto [count, first] = count_failures(*s, [&](std::size_t i) { return !in(s->as_double(i)); });
          return values_in_result(*s, count, first, set);
        }
        double x = as_double(v);
        bool ok = in(x);
        return result(ok, fmt::format("value {} is {}in {}", num(x), ok ? "" : "not ", set));
      });
}

Validator values_in(std::vector<std::string> values) {
  const std::string set = show_set(values);
  return make(
      "values_in_validator", "values in " + set,
      [](const TypeInfo& t) { return t == TypeInfo::of<std::string>() || is_series(t); },
      [values, set](const Value& v) {
        auto in = [&](const std::string& x) {
          return std::find(values.begin(), values.end(), x) != values.end();
        };
        if (const Series* s = v.get_if<Series>()) {
          if (s->dtype() != DType::string)
            return result(false, fmt::format("values_in with strings needs a string Series; got {}",
                                             s->describe()));
          auto [count, first] = count_failures(
              *s, [&](std::size_t i) { return s->is_missing(i) || !in(s->at<std::string>(i)); });
          return values_in_result(*s, count, first, set);
        }
        const auto& x = v.get<std::string>();
        bool ok = in(x);
        return result(ok, fmt::format("value \"{}\" is {}in {}", x, ok ? "" : "not ", set));
      });
}

Validator values_in(std::initializer_list<const char*> values) {
  return values_in(std::vector<std::string>(values.begin(), values.end()));
}

namespace detail {
Validator data_type_impl(const TypeInfo& type) {
  const TypeInfo* want = &type;
  return make(
      "data_type_validator", "value of type " + type.name(), [](const TypeInfo&) { return true; },
      [want](const Value& v) {
        bool ok = v.type() == *want;
        return result(ok, ok ? fmt::format("value is a {}", want->name())
                             : fmt::format("value is a {}, expected a {}",
                                           v.has_value() ? v.type().name() : std::string("empty value"),
                                           want->name()));
      });
}
}  // namespace detail

Validator data_type(DType t) {
  return make(
      "data_type_validator", fmt::format("Series of dtype {}", dtype_name(t)), is_series,
      [t](const Value& v) {
        const Series& s = v.get<Series>();
        bool ok = s.dtype() == t;
        return result(ok, ok ? fmt::format("dtype is {}", dtype_name(t))
                             : fmt::format("dtype is {}, expected {}", s.dtype_name(), dtype_name(t)),
                      {{"dtype", std::string(s.dtype_name())}});
      });
}

Validator allow_nans(bool allowed) {
  return make(
      "allow_nans_validator", allowed ? "NaNs allowed" : "no NaNs",
      [](const TypeInfo& t) { return is_series(t) || t == TypeInfo::of<double>() || t == TypeInfo::of<float>(); },
      [allowed](const Value& v) {
        if (allowed) return result(true, "NaNs are allowed");
        if (const Series* s = v.get_if<Series>()) {
          auto [count, first] = count_failures(*s, [&](std::size_t i) { return s->is_missing(i); });
          if (!first) return result(true, fmt::format("no NaN in {} values", s->size()));
          return result(false,
                        fmt::format("{} of {} values are NaN; first at index {}", count, s->size(), *first),
                        {{"nans", static_cast<std::int64_t>(count)},
                         {"data_size", static_cast<std::int64_t>(s->size())},
                         {"first_failure_index", static_cast<std::int64_t>(*first)}});
        }
        bool nan = std::isnan(as_double(v));
        return result(!nan, nan ? "value is NaN" : "value is not NaN");
      });
}

Validator max_fraction_nans(double fraction) {
  return make(
      "max_fraction_nans_validator", fmt::format("at most {} NaNs", num(fraction)), is_series,
      [fraction](const Value& v) {
        const Series& s = v.get<Series>();
        std::size_t nans = missing_count(s);
        double f = s.empty() ? 0.0 : static_cast<double>(nans) / static_cast<double>(s.size());
        bool ok = f <= fraction;
        return result(ok,
                      fmt::format("{} of {} values are NaN (fraction {}, at most {} allowed)", nans,
                                  s.size(), num(f), num(fraction)),
                      {{"fraction_nans", f},
                       {"nans", static_cast<std::int64_t>(nans)},
                       {"data_size", static_cast<std::int64_t>(s.size())}});
      });
}

Validator mean_in_range(double lo, double hi) {
  return make(
      "mean_in_range_validator", fmt::format("mean in [{}, {}]", num(lo), num(hi)), is_series,
      [lo, hi](const Value& v) {
        const Series& s = v.get<Series>();
        if (!numeric_series(s))
          return result(false, fmt::format("mean_in_range needs a numeric Series; got {}", s.describe()));
        double m = s.mean();
        bool ok = m >= lo && m <= hi;
        return result(ok,
                      fmt::format("mean {} is {} [{}, {}]", num(m), ok ? "in" : "outside", num(lo), num(hi)),
                      {{"mean", m}, {"range", std::vector<double>{lo, hi}}});
      });
}

Validator max_standard_dev(double max) {
  return make(
      "max_standard_dev_validator", fmt::format("standard deviation at most {}", num(max)), is_series,
      [max](const Value& v) {
        const Series& s = v.get<Series>();
        if (!numeric_series(s))
          return result(false,
                        fmt::format("max_standard_dev needs a numeric Series; got {}", s.describe()));
        double sd = s.std();
        bool ok = sd <= max;
        return result(ok,
                      fmt::format("standard deviation {} is {} the maximum {}", num(sd),
                                  ok ? "within" : "above", num(max)),
                      {{"standard_deviation", sd}, {"max_standard_dev", max}});
      });
}

Validator not_null() {
  return make(
      "not_null_validator", "no missing value", [](const TypeInfo&) { return true; },
      [](const Value& v) {
        if (!v.has_value()) return result(false, "value is empty (None)");
        if (const Series* s = v.get_if<Series>()) {
          auto [count, first] = count_failures(*s, [&](std::size_t i) { return s->is_missing(i); });
          if (!first) return result(true, fmt::format("no missing value in {} values", s->size()));
          return result(false,
                        fmt::format("{} of {} values are missing; first at index {}", count, s->size(),
                                    *first),
                        {{"missing", static_cast<std::int64_t>(count)},
                         {"first_failure_index", static_cast<std::int64_t>(*first)}});
        }
        if ((v.is<double>() || v.is<float>()) && std::isnan(as_double(v)))
          return result(false, "value is NaN");
        return result(true, "value is present");
      });
}

}  // namespace hamilton::dq
