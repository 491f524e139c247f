// Values written as Python's str() writes them, for texts that must read like Hamilton's.
#include "common/python_str.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace hamilton::detail {

namespace {

// Python's repr of a float (what str() gives): the shortest text that reads back the same,
// in scientific notation below 1e-4 and from 1e16 on (`1e-07`, `1e+16`), else with a `.0`.
std::string python_float_text(double v, std::string digits_of_shortest) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  // digits_of_shortest: std::to_chars scientific output, e.g. "-1.25e-07"
  const auto e = digits_of_shortest.find('e');
  const int exp = std::atoi(digits_of_shortest.c_str() + e + 1);
  std::string mant = digits_of_shortest.substr(0, e);
  const bool neg = mant[0] == '-';
  if (neg) mant.erase(0, 1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  std::string out;
  if (exp < -4 || exp >= 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    out += fmt::format("e{}{:02d}", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  } else if (exp < 0) {
    out = "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
  } else {
    const auto ip = static_cast<std::size_t>(exp + 1);
    out = digits.size() <= ip ? digits + std::string(ip - digits.size(), '0') + ".0"
                              : digits.substr(0, ip) + "." + digits.substr(ip);
  }
  return neg ? "-" + out : out;
}

template <class F>
std::string python_float_of(F v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  return python_float_text(static_cast<double>(v), std::string(buf, r.ptr));
}

template <class... Int>
bool integer_str(const Value& v, std::string& out) {
  return ((v.get_if<Int>() ? (out = fmt::format("{}", *v.get_if<Int>()), true) : false) || ...);
}

}  // namespace

std::string python_float(double v) { return python_float_of(v); }

std::string python_str(const Value& v) {
  if (!v.has_value()) return "None";
  if (const auto* s = v.get_if<std::string>()) return *s;
  if (const auto* b = v.get_if<bool>()) return *b ? "True" : "False";
  if (const auto* d = v.get_if<double>()) return python_float_of(*d);
  if (const auto* f = v.get_if<float>()) return python_float_of(*f);
  std::string out;
  if (integer_str<int, long, long long, unsigned, unsigned long, unsigned long long, short,
                  unsigned short, signed char, unsigned char>(v, out))
    return out;
  if (v.type().is_arithmetic()) return python_float_of(v.type().to_double(v.data()));
  return "<" + v.type().name() + ">";
}

std::string python_repr(const std::string& s) {
  // Python picks single quotes unless the text has a ' and no "
  const char q = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
  std::string out(1, q);
  for (char c : s) {
    if (c == '\\' || c == q) out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + q;
}

}  // namespace hamilton::detail
