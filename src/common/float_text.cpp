// Python's repr of a float (common/float_text.hpp).
#include "common/float_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace hamilton::detail {

namespace {

// Python's repr of a float from the shortest scientific digits that read back the same
// ("-1.25e-07"): scientific notation below 1e-4 and from 1e16 on, else positional with a ".0"
std::string python_float_text(double v, std::string_view sci) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  const auto e = sci.find('e');
  int exp = 0;
  std::from_chars(sci.data() + e + (sci[e + 1] == '+' ? 2 : 1), sci.data() + sci.size(), exp);
  std::string_view mant = sci.substr(0, e);
  const bool neg = mant[0] == '-';
  if (neg) mant.remove_prefix(1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  std::string out;
  if (exp < -4 || exp >= 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    out += eb;
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
  return python_float_text(static_cast<double>(v), std::string_view(buf, r.ptr - buf));
}

}  // namespace

std::string python_float_repr(double v) { return python_float_of(v); }
std::string python_float_repr(float v) { return python_float_of(v); }

}  // namespace hamilton::detail
