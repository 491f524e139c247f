#pragma once
// Python's repr(float), compiled into hamilton::frame (the lowest library) so the frame's
// formatting and core's Python str() share it.
#include <string>

#include "hamilton/export.hpp"

namespace hamilton::detail {

/// Python's repr(float): the shortest digits that read back the same ("0.1", "10.0",
/// "1e-05", "nan", "inf"); the float overload gives numpy.float32's (the float's shortest).
HAMILTON_EXPORT std::string python_float_repr(double v);
HAMILTON_EXPORT std::string python_float_repr(float v);

}  // namespace hamilton::detail
