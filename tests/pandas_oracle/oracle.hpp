// The pandas oracle: each case computes a value with hamilton's frame layer; run_oracle.py
// computes the case of the same name with pandas (the venv's pinned version) and compares
// the printed forms. Register a case with HAMILTON_ORACLE_CASE(name) { return ...; } in any
// *.cpp of this folder, and its pandas twin as `def name():` in a *_cases.py beside it.
#pragma once

#include <hamilton/frame.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <variant>

namespace oracle {

/// What a case returns: a frame value or a scalar (printed as Python's str() would).
using Result = std::variant<hamilton::Series, hamilton::DataFrame, double, std::int64_t, bool,
                            std::string>;

/// Registers `fn` under `name`; returns true so it can initialise a static.
bool register_case(const char *name, std::function<Result()> fn);

}  // namespace oracle

#define HAMILTON_ORACLE_CASE(name)                                                    \
  static ::oracle::Result oracle_case_##name();                                       \
  [[maybe_unused]] static const bool oracle_registered_##name =                        \
      ::oracle::register_case(#name, &oracle_case_##name);                            \
  static ::oracle::Result oracle_case_##name()
