// The built-in validators on the same data as Hamilton's default validators: name,
// description, passes, message and diagnostics (Hamilton's keys; our extra
// first_failure_index / first_failure_value are left out, see docs/data_quality.md).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <hamilton/frame/series.hpp>
#include <hamilton/hamilton.hpp>
#include <limits>

#include "oracle.hpp"

namespace {

using namespace hamilton;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string py_float(double x) {
  // the oracle's own rendering of a float as Python's repr: shortest digits, exponent
  // below 1e-4 and from 1e16 on
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  auto end = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific).ptr;
  std::string sci(buf, end);
  auto e = sci.find('e');
  int exp = std::atoi(sci.c_str() + e + 1);
  std::string mant = sci.substr(0, e), sign;
  if (mant[0] == '-') {
    sign = "-";
    mant.erase(0, 1);
  }
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  if (exp < -4 || exp >= 16) {
    std::string out = digits.substr(0, 1) + (digits.size() > 1 ? "." + digits.substr(1) : "");
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    return sign + out + eb;
  }
  if (exp < 0) return sign + "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
  auto ip = static_cast<std::size_t>(exp + 1);
  if (digits.size() <= ip) return sign + digits + std::string(ip - digits.size(), '0') + ".0";
  return sign + digits.substr(0, ip) + "." + digits.substr(ip);
}

std::string quote(const std::string& s) { return "'" + s + "'"; }

std::string render(const Value& v, bool as_key = false) {
  if (!v.has_value()) return "None";
  if (const auto* b = v.get_if<bool>()) return *b ? "True" : "False";
  if (const auto* i = v.get_if<std::int64_t>()) return std::to_string(*i);
  if (const auto* i = v.get_if<int>()) return std::to_string(*i);
  if (const auto* d = v.get_if<double>()) return py_float(*d);
  if (const auto* s = v.get_if<std::string>()) return as_key ? *s : quote(*s);
  if (const auto* d = v.get_if<std::vector<double>>()) {
    std::string out = "[";
    for (std::size_t i = 0; i < d->size(); ++i) out += (i ? ", " : "") + py_float((*d)[i]);
    return out + "]";
  }
  if (const auto* d = v.get_if<std::vector<std::string>>()) {
    std::string out = "[";
    for (std::size_t i = 0; i < d->size(); ++i) out += (i ? ", " : "") + quote((*d)[i]);
    return out + "]";
  }
  if (const auto* m = v.get_if<ValueMap>()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [k, x] : *m) {
      out += (first ? "" : ", ") + k + ": " + render(x);
      first = false;
    }
    return out + "}";
  }
  return "<" + v.type().name() + ">";
}

// `with_description` false: values_in on one value, whose description (one for every type
// here) is Hamilton's Series one (docs/data_quality.md).
std::string run(const dq::Validator& validator, const Value& data, bool with_description = true) {
  const auto& v = validator.impl();
  auto r = v.validate(data);
  std::string out = v.name() + "\n" + (with_description ? v.description() + "\n" : "") +
                    (r.passes ? "True" : "False") + "\n" + r.message + "\n";
  for (const auto& [k, x] : r.diagnostics) {
    if (k == "first_failure_index" || k == "first_failure_value") continue;
    out += k + "=" + render(x) + "; ";
  }
  return out;
}

Series spend() {
  std::vector<double> v(10, 5.0);
  v[1] = 12345.6;
  v[4] = -1;
  v[9] = kNaN;
  return Series(v);
}
Series with_nans() { return Series(std::vector<double>{1, kNaN, 3, kNaN}); }
Series stats() { return Series(std::vector<double>{1, 2, 3, 4, kNaN}); }

}  // namespace

HAMILTON_HAMILTON_CASE(dq_range_series_fail) { return run(dq::range(0.0, 10000.0), spend()); }
HAMILTON_HAMILTON_CASE(dq_range_series_pass) {
  return run(dq::range(0.0, 1.0), Series(std::vector<double>{0.0, 0.5, 1.0}));
}
HAMILTON_HAMILTON_CASE(dq_range_int_series) {
  return run(dq::range(0.0, 2.0), Series(std::vector<std::int64_t>{1, 2, 3}));
}
HAMILTON_HAMILTON_CASE(dq_range_scalar_fail) { return run(dq::range(0.0, 1.0), 2.0); }
HAMILTON_HAMILTON_CASE(dq_range_scalar_int_pass) { return run(dq::range(0.0, 10.0), 5); }
HAMILTON_HAMILTON_CASE(dq_values_in_numbers_fail) {
  return run(dq::values_in(std::vector<double>{1.0, 2.0, 3.0}),
             Series(std::vector<double>{1.0, 2.0, 5.0, kNaN, 5.0, 7.0}));
}
HAMILTON_HAMILTON_CASE(dq_values_in_strings_pass) {
  // one value: Python's frozenset of several strings is in hash order, which varies by run
  return run(dq::values_in({"US"}), Series::strings({"US", "", "US"}, {false, true, false}));
}
HAMILTON_HAMILTON_CASE(dq_values_in_strings_fail) {
  return run(dq::values_in({"US"}),
             Series::strings({"US", "APAC", "APAC", "EU"}, {false, false, false, false}));
}
HAMILTON_HAMILTON_CASE(dq_values_in_scalar_fail) {
  return run(dq::values_in(std::vector<double>{1.0, 2.0}), 3.0, false);
}
HAMILTON_HAMILTON_CASE(dq_values_in_scalar_string_pass) {
  return run(dq::values_in({"a"}), std::string("a"), false);
}
HAMILTON_HAMILTON_CASE(dq_max_fraction_nans_fail) {
  return run(dq::max_fraction_nans(0.25), with_nans());
}
HAMILTON_HAMILTON_CASE(dq_max_fraction_nans_pass) {
  return run(dq::max_fraction_nans(0.5), with_nans());
}
HAMILTON_HAMILTON_CASE(dq_allow_nans_fail) { return run(dq::allow_nans(false), with_nans()); }
HAMILTON_HAMILTON_CASE(dq_allow_nans_pass) {
  return run(dq::allow_nans(false), Series(std::vector<double>{1.0, 2.0}));
}
HAMILTON_HAMILTON_CASE(dq_mean_in_range_pass) { return run(dq::mean_in_range(2.0, 3.0), stats()); }
HAMILTON_HAMILTON_CASE(dq_mean_in_range_fail) { return run(dq::mean_in_range(3.0, 4.0), stats()); }
HAMILTON_HAMILTON_CASE(dq_max_standard_dev_pass) { return run(dq::max_standard_dev(1.3), stats()); }
HAMILTON_HAMILTON_CASE(dq_max_standard_dev_fail) { return run(dq::max_standard_dev(1.0), stats()); }
HAMILTON_HAMILTON_CASE(dq_contains_fail) {
  return run(dq::contains({"hello", "xyz"}), std::string("hello world"));
}
HAMILTON_HAMILTON_CASE(dq_contains_pass) {
  return run(dq::contains("hello"), std::string("hello world"));
}
HAMILTON_HAMILTON_CASE(dq_contains_long_data) {
  return run(dq::contains("needle"), std::string(150, 'x'));
}
HAMILTON_HAMILTON_CASE(dq_does_not_contain_fail) {
  return run(dq::does_not_contain("bad"), std::string("a bad day"));
}
HAMILTON_HAMILTON_CASE(dq_does_not_contain_pass) {
  return run(dq::does_not_contain({"bad", "worse"}), std::string("a good day"));
}
HAMILTON_HAMILTON_CASE(dq_not_null_none) { return run(dq::not_null(), Value()); }
HAMILTON_HAMILTON_CASE(dq_not_null_present) { return run(dq::not_null(), 1.0); }
