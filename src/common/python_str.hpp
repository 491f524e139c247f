#pragma once
// Values written as Python's str() / repr() writes them (parameterize docs, validator messages).

#include <string>

#include "hamilton/value.hpp"

namespace hamilton::detail {

/// Python's str() of a float: `1.0`, `0.1`, `1e-07`, `1e+16`, `nan`, `-inf`.
std::string python_float(double v);
/// `v` as Python's str() would write it: strings as they are, `True`/`False`, `None` for an
/// empty value, integers exactly, floats as python_float; other types as `<type>`.
std::string python_str(const Value& v);
/// Python's repr() of a string: `'US'` (double quotes when it holds a single quote).
std::string python_repr(const std::string& s);

}  // namespace hamilton::detail
