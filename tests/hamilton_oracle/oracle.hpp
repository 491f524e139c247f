#pragma once
// A case of the Hamilton oracle: `HAMILTON_HAMILTON_CASE(name) { return "text"; }` is compared
// with the function `name` of a *_cases.py file beside it, run against apache-hamilton.
#include <functional>
#include <map>
#include <string>

namespace hamilton_oracle {

inline std::map<std::string, std::function<std::string()>>& cases() {
  static std::map<std::string, std::function<std::string()>> all;
  return all;
}

struct Register {
  Register(const char* name, std::function<std::string()> fn) {
    cases().emplace(name, std::move(fn));
  }
};

}  // namespace hamilton_oracle

#define HAMILTON_HAMILTON_CASE(name)                                        \
  static std::string hamilton_oracle_case_##name();                         \
  static const ::hamilton_oracle::Register hamilton_oracle_register_##name( \
      #name, &hamilton_oracle_case_##name);                                 \
  static std::string hamilton_oracle_case_##name()
