// Values written as Python's str() writes them, for texts that must read like Hamilton's.
#include "common/python_str.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "common/float_text.hpp"

namespace hamilton::detail {

namespace {

template <class... Int>
bool integer_str(const Value& v, std::string& out) {
  return ((v.get_if<Int>() ? (out = fmt::format("{}", *v.get_if<Int>()), true) : false) || ...);
}

}  // namespace

std::string python_float(double v) { return python_float_repr(v); }

std::string python_str(const Value& v) {
  if (!v.has_value()) return "None";
  if (const auto* s = v.get_if<std::string>()) return *s;
  if (const auto* b = v.get_if<bool>()) return *b ? "True" : "False";
  if (const auto* d = v.get_if<double>()) return python_float_repr(*d);
  if (const auto* f = v.get_if<float>()) return python_float_repr(*f);
  std::string out;
  if (integer_str<int, long, long long, unsigned, unsigned long, unsigned long long, short,
                  unsigned short, signed char, unsigned char>(v, out))
    return out;
  if (v.type().is_arithmetic()) return python_float_repr(v.type().to_double(v.data()));
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
