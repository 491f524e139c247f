#pragma once
// One frame with every dtype of the frame layer (missing values included), built the same way
// in C++ and in pandas for the parity tests.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "hamilton/frame.hpp"

namespace hamilton_test {

inline hamilton::DataFrame sample_frame() {
  using hamilton::Series;
  return hamilton::DataFrame({
      {"f", Series(std::vector<double>{1.5, NAN, -0.1, 1e20})},
      {"i", Series(std::vector<std::int64_t>{1, -2, 3, 40000000000})},
      {"b", Series(std::vector<bool>{true, false, true, false})},
      {"s", Series::strings({"a", "b,c", "", "say \"hi\""}, {false, false, true, false})},
      {"when_at", Series::datetime_from_strings(
                      {"2020-01-01 00:00:00", "2021-06-30 12:30:00", "", "1999-12-31 23:59:59.5"})},
      {"day", Series::datetime_from_strings({"2020-01-01", "2020-01-02", "", "2020-01-04"})},
  });
}

/// The same frame in pandas, as `df`.
inline const char* sample_frame_python() {
  return R"(import pandas as pd
df = pd.DataFrame({
    "f": [1.5, float("nan"), -0.1, 1e20],
    "i": [1, -2, 3, 40000000000],
    "b": [True, False, True, False],
    "s": ["a", "b,c", None, 'say "hi"'],
    "when_at": pd.to_datetime(["2020-01-01 00:00:00", "2021-06-30 12:30:00", None, "1999-12-31 23:59:59.5"], format="ISO8601"),
    "day": pd.to_datetime(["2020-01-01", "2020-01-02", None, "2020-01-04"]),
})
)";
}

}  // namespace hamilton_test
