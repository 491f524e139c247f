#include "hamilton/value.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "hamilton/errors.hpp"

namespace hamilton::detail {
namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos;) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

// Removes `, std::allocator<...> ` and similar default template arguments.
void drop_default_argument(std::string& s, std::string_view prefix) {
  for (std::size_t pos = 0; (pos = s.find(prefix, pos)) != std::string::npos;) {
    std::size_t start = pos;
    std::size_t i = pos + prefix.size();
    int depth = 1;
    while (i < s.size() && depth > 0) {
      if (s[i] == '<') ++depth;
      else if (s[i] == '>') --depth;
      ++i;
    }
    // also drop the space GCC puts before a closing '>'
    std::size_t end = i;
    while (end < s.size() && s[end] == ' ' && end + 1 < s.size() && s[end + 1] == '>') ++end;
    s.erase(start, end - start);
    pos = start;
  }
}

}  // namespace

std::string demangle(const char* mangled) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> raw(abi::__cxa_demangle(mangled, nullptr, nullptr, &status),
                                             std::free);
  std::string s = (status == 0 && raw) ? raw.get() : mangled;
  replace_all(s, "std::__cxx11::", "std::");
  replace_all(s, "std::basic_string<char, std::char_traits<char>, std::allocator<char> >",
              "std::string");
  replace_all(s, "std::basic_string_view<char, std::char_traits<char> >", "std::string_view");
  drop_default_argument(s, ", std::allocator<");
  drop_default_argument(s, ", std::less<");
  drop_default_argument(s, ", std::hash<");
  drop_default_argument(s, ", std::equal_to<");
  drop_default_argument(s, ", std::default_delete<");
  replace_all(s, " >", ">");
  return s;
}

void throw_bad_value_type(const TypeInfo& expected, const TypeInfo& actual, std::string_view what) {
  std::string msg = std::string(what) + ": the value is ";
  msg += actual == TypeInfo::of<void>() ? std::string("empty") : "a " + actual.name();
  msg += ", not a " + expected.name();
  throw ValueTypeError(expected.name(), actual.name(), msg);
}

}  // namespace hamilton::detail
