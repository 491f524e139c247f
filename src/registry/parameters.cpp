// Reading parameter names from the stringized parameter list of a NODE.
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "hamilton/registry/module.hpp"

namespace hamilton::detail {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool is_type_keyword(std::string_view w) {
  static constexpr std::array<std::string_view, 19> kWords = {
      "int",    "double",   "float",    "char",     "bool",    "long",    "short",
      "unsigned", "signed", "const",    "volatile", "auto",    "void",    "wchar_t",
      "char8_t", "char16_t", "char32_t", "struct",  "typename"};
  for (auto k : kWords)
    if (w == k) return true;
  return false;
}

// Tracks bracket nesting. Inside (), [] and {} the characters < and > are operators, not
// template brackets (e.g. `std::array<int, (1 <= 2)>`).
class Nesting {
 public:
  // Updates the nesting with character c; returns true if c is at top level (outside brackets).
  bool top_level_after(char c) {
    bool in_parens = !stack_.empty() && stack_.back() != '<';
    switch (c) {
      case '(': case '[': case '{': stack_.push_back(c); return false;
      case ')': case ']': case '}': if (!stack_.empty()) stack_.pop_back(); return false;
      case '<': if (!in_parens) { stack_.push_back('<'); return false; } return false;
      case '>': if (!in_parens && !stack_.empty()) { stack_.pop_back(); return false; } return false;
      default: return stack_.empty();
    }
  }

 private:
  std::string stack_;
};

// Splits at top-level commas (not inside <>, (), [], {}).
std::vector<std::string_view> split_top_level(std::string_view s) {
  std::vector<std::string_view> parts;
  Nesting nesting;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (nesting.top_level_after(c) && c == ',') {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(s.substr(start));
  return parts;
}

// True if the declaration has a top-level '=' (a default argument).
bool has_default_argument(std::string_view decl) {
  Nesting nesting;
  for (std::size_t i = 0; i < decl.size(); ++i) {
    char c = decl[i];
    if (nesting.top_level_after(c) && c == '=') {
      char prev = i > 0 ? decl[i - 1] : ' ';
      char next = i + 1 < decl.size() ? decl[i + 1] : ' ';
      if (prev != '=' && prev != '!' && prev != '<' && prev != '>' && next != '=') return true;
    }
  }
  return false;
}

// Strips a trailing bracket group `[...]` (array declarators).
std::string_view strip_array_suffix(std::string_view decl) {
  while (!decl.empty() && decl.back() == ']') {
    auto open = decl.rfind('[');
    if (open == std::string_view::npos) break;
    decl = trim(decl.substr(0, open));
  }
  return decl;
}

// The declared name of one parameter declaration, or empty if it has none.
std::string name_of(std::string_view decl) {
  decl = strip_array_suffix(trim(decl));
  // function pointer / reference declarators: `R (*name)(A)` or `R (&name)(A)`
  if (!decl.empty() && decl.back() == ')') {
    auto open = decl.find("(*");
    if (open == std::string_view::npos) open = decl.find("(&");
    if (open == std::string_view::npos) return {};
    std::size_t i = open + 2;
    while (i < decl.size() && std::isspace(static_cast<unsigned char>(decl[i]))) ++i;
    std::size_t start = i;
    while (i < decl.size() && is_ident_char(decl[i])) ++i;
    return std::string(decl.substr(start, i - start));
  }
  std::size_t end = decl.size();
  std::size_t start = end;
  while (start > 0 && is_ident_char(decl[start - 1])) --start;
  if (start == end) return {};  // ends with &, *, > ...: no name
  std::string_view word = decl.substr(start, end - start);
  if (std::isdigit(static_cast<unsigned char>(word.front())) || is_type_keyword(word)) return {};
  std::string_view before = trim(decl.substr(0, start));
  if (before.empty()) return {};  // a lone type name
  if (before.size() >= 2 && before.substr(before.size() - 2) == "::") return {};  // std::string
  // only cv-qualifiers before the word: `const Series` is an unnamed parameter
  std::string_view rest = before;
  bool only_cv = true;
  while (!rest.empty()) {
    std::size_t i = 0;
    while (i < rest.size() && is_ident_char(rest[i])) ++i;
    std::string_view w = rest.substr(0, i);
    if (w != "const" && w != "volatile") {
      only_cv = false;
      break;
    }
    rest = trim(rest.substr(i));
  }
  if (only_cv) return {};
  return std::string(word);
}

}  // namespace

ParsedParameters parse_parameter_names(std::string_view list) {
  ParsedParameters out;
  std::string_view s = trim(list);
  if (s.size() < 2 || s.front() != '(' || s.back() != ')') {
    out.error = "the parameter list `" + std::string(list) +
                "` must be written in parentheses, e.g. NODE(double, f, (const Series& x))";
    return out;
  }
  s = trim(s.substr(1, s.size() - 2));
  if (s.empty() || s == "void") return out;
  auto parts = split_top_level(s);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string_view decl = trim(parts[i]);
    if (decl.empty()) {
      out.error = "parameter " + std::to_string(i + 1) + " of `" + std::string(list) + "` is empty";
      return out;
    }
    if (has_default_argument(decl)) {
      auto eq = decl.find('=');
      std::string name = name_of(decl.substr(0, eq));
      out.error = "parameter `" + (name.empty() ? std::string(decl) : name) +
                  "` has a default argument (`" + std::string(decl) +
                  "`); nodes take no default arguments: make the dependency optional with "
                  "std::optional<T> instead";
      return out;
    }
    std::string name = name_of(decl);
    if (name.empty()) {
      out.error = "parameter " + std::to_string(i + 1) + " (`" + std::string(decl) +
                  "`) has no name; every parameter needs a name: it is the node it depends on";
      return out;
    }
    for (const auto& seen : out.names) {
      if (seen == name) {
        out.error = "parameter `" + name + "` appears twice in `" + std::string(list) + "`";
        return out;
      }
    }
    out.names.push_back(std::move(name));
  }
  return out;
}

}  // namespace hamilton::detail
