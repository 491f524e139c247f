// Fuzz target `parameters`: the parser of NODE's stringized parameter list
// (hamilton::detail::parse_parameter_names, src/registry/parameters.cpp) on arbitrary text. It
// must not crash or throw; when it reports no error, every name it returns is a non-empty run of
// identifier characters (ASCII letters, digits, `_`, and what GCC and Clang also take: `$` and
// the bytes >= 0x80 of UTF-8 identifiers; Module::add then refuses names that are not ASCII
// identifiers), without duplicates.
#include <cctype>
#include <hamilton/registry/module.hpp>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_target.hpp"

HAMILTON_FUZZ_TARGET(parameters) {
  const std::string_view list(reinterpret_cast<const char*>(data), size);
  const auto parsed = hamilton::detail::parse_parameter_names(list);
  if (!parsed.error.empty()) return 0;
  std::set<std::string> seen;
  for (const auto& name : parsed.names) {
    HAMILTON_FUZZ_CHECK(!name.empty(), "an empty name without an error");
    for (char c : name)
      HAMILTON_FUZZ_CHECK(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
                              static_cast<unsigned char>(c) >= 0x80,
                          name);
    HAMILTON_FUZZ_CHECK(seen.insert(name).second, "a name twice without an error: " + name);
  }
  return 0;
}
