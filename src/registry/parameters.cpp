// Reading parameter names from the stringized parameter list of a NODE.
//
// The text is split into C++ tokens (identifiers, numbers with digit separators, character and
// string literals, raw strings, punctuators such as `<<`, `>=` and `->`), so that nothing inside
// a literal or an operator is taken for a bracket. Parameters are separated by the commas outside
// every bracket; `<` opens a template argument list where C++ reads it so: after a name (a
// comparison after a name cannot be told from a template without knowing the name, and is
// refused with a hint). The name of each parameter is its declarator-id, found through pointer,
// reference, array and function declarators (`int (*const fp)(int)` is named `fp`).
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "hamilton/registry/module.hpp"

namespace hamilton::detail {
namespace {

// Deeper nesting is refused rather than recursed into (no real parameter list comes close).
constexpr std::size_t kMaxNesting = 256;

enum class Kind : unsigned char { identifier, number, literal, punctuator };

struct Token {
  Kind kind;
  std::size_t begin;  // offset in the list
  std::string_view text;
  bool is(std::string_view s) const { return kind != Kind::literal && text == s; }
};

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;  // UTF-8 identifiers (GCC, Clang)
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Text of a list or declaration for a message: cut when long.
std::string quoted(std::string_view s) {
  constexpr std::size_t kMax = 160;
  if (s.size() <= kMax) return std::string(s);
  return std::string(s.substr(0, kMax)) + "...";
}

constexpr std::string_view kKeywords[] = {"alignas",       "alignof",     "and",
                                          "and_eq",        "asm",         "auto",
                                          "bitand",        "bitor",       "bool",
                                          "break",         "case",        "catch",
                                          "char",          "char8_t",     "char16_t",
                                          "char32_t",      "class",       "compl",
                                          "concept",       "const",       "consteval",
                                          "constexpr",     "constinit",   "const_cast",
                                          "continue",      "co_await",    "co_return",
                                          "co_yield",      "decltype",    "default",
                                          "delete",        "do",          "double",
                                          "dynamic_cast",  "else",        "enum",
                                          "explicit",      "export",      "extern",
                                          "false",         "float",       "for",
                                          "friend",        "goto",        "if",
                                          "inline",        "int",         "long",
                                          "mutable",       "namespace",   "new",
                                          "noexcept",      "not",         "not_eq",
                                          "nullptr",       "operator",    "or",
                                          "or_eq",         "private",     "protected",
                                          "public",        "register",    "reinterpret_cast",
                                          "requires",      "return",      "short",
                                          "signed",        "sizeof",      "static",
                                          "static_assert", "static_cast", "struct",
                                          "switch",        "template",    "this",
                                          "thread_local",  "throw",       "true",
                                          "try",           "typedef",     "typeid",
                                          "typename",      "union",       "unsigned",
                                          "using",         "virtual",     "void",
                                          "volatile",      "wchar_t",     "while",
                                          "xor",           "xor_eq",      "__restrict",
                                          "__restrict__"};

bool is_keyword(std::string_view w) {
  for (auto k : kKeywords)
    if (w == k) return true;
  return false;
}

bool is_cv(const Token& t) {
  return t.kind == Kind::identifier && (t.text == "const" || t.text == "volatile" ||
                                        t.text == "__restrict" || t.text == "__restrict__");
}

// Splits `s` into tokens; returns an error message, or empty.
std::string tokenize(std::string_view s, std::vector<Token>& out) {
  // longest first; `>>` is two tokens: it closes two template argument lists (C++11)
  static constexpr std::string_view kPunct[] = {
      "<=>", "<<=", ">>=", "->*", "...", "::", "->", "<<", "<=", ">=", "==", "!=", "&&",
      "||",  "++",  "--",  "+=",  "-=",  "*=", "/=", "%=", "&=", "|=", "^=", ".*"};
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto literal = [&](std::size_t start, std::size_t quote) -> std::string {
    const char q = s[quote];
    // raw string: R"delim( ... )delim"
    if (q == '"' && quote > start && s[quote - 1] == 'R') {
      std::size_t open = s.find('(', quote + 1);
      if (open == std::string_view::npos || open - quote - 1 > 16)
        return "a raw string literal has no `(` after its delimiter";
      std::string close(1, ')');
      close.append(s.data() + quote + 1, open - quote - 1);
      close.push_back('"');
      std::size_t end = s.find(close, open + 1);
      if (end == std::string_view::npos) return "a raw string literal is unterminated";
      i = end + close.size();
      return {};
    }
    std::size_t j = quote + 1;
    while (j < n && s[j] != q) j += s[j] == '\\' ? 2 : 1;
    if (j >= n)
      return std::string(q == '"' ? "a string literal" : "a character literal") +
             " is unterminated (no closing " + (q == '"' ? "`\"`" : "`'`") + ")";
    i = j + 1;
    return {};
  };
  while (i < n) {
    const char c = s[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (is_ident_start(c)) {
      while (i < n && is_ident_char(s[i])) ++i;
      std::string_view word = s.substr(start, i - start);
      if (i < n && (s[i] == '"' || s[i] == '\'') &&
          (word == "L" || word == "u" || word == "U" || word == "u8" || word == "R" ||
           word == "LR" || word == "uR" || word == "UR" || word == "u8R")) {
        if (auto e = literal(start, i); !e.empty()) return e;
        out.push_back({Kind::literal, start, s.substr(start, i - start)});
        continue;
      }
      out.push_back({Kind::identifier, start, word});
      continue;
    }
    if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(s[i + 1]))) {
      // a pp-number: digits, letters, `.`, exponent signs, digit separators (1'000)
      ++i;
      while (i < n) {
        char d = s[i];
        if (is_ident_char(d) || d == '.') {
          ++i;
        } else if ((d == '+' || d == '-') &&
                   (s[i - 1] == 'e' || s[i - 1] == 'E' || s[i - 1] == 'p' || s[i - 1] == 'P')) {
          ++i;
        } else if (d == '\'' && i + 1 < n && is_ident_char(s[i + 1])) {
          i += 2;
        } else {
          break;
        }
      }
      out.push_back({Kind::number, start, s.substr(start, i - start)});
      continue;
    }
    if (c == '"' || c == '\'') {
      if (auto e = literal(start, i); !e.empty()) return e;
      out.push_back({Kind::literal, start, s.substr(start, i - start)});
      continue;
    }
    std::size_t len = 1;
    for (auto p : kPunct) {
      if (s.substr(i, p.size()) == p) {
        len = p.size();
        break;
      }
    }
    i += len;
    out.push_back({Kind::punctuator, start, s.substr(start, len)});
  }
  return {};
}

char opener_of(std::string_view close) { return close == ")" ? '(' : close == "]" ? '[' : '{'; }

// For every (), [] and {} token, the index of its partner; an error message if unbalanced or
// nested too deeply.
std::string match_brackets(const std::vector<Token>& t, std::vector<std::size_t>& match) {
  match.assign(t.size(), static_cast<std::size_t>(-1));
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != Kind::punctuator) continue;
    std::string_view x = t[i].text;
    if (x == "(" || x == "[" || x == "{") {
      if (stack.size() >= kMaxNesting)
        return "it is nested too deeply (more than " + std::to_string(kMaxNesting) + " brackets)";
      stack.push_back(i);
    } else if (x == ")" || x == "]" || x == "}") {
      if (stack.empty() || t[stack.back()].text[0] != opener_of(x))
        return "it has unbalanced brackets: `" + std::string(x) + "` at column " +
               std::to_string(t[i].begin + 1) + " closes " +
               (stack.empty() ? std::string("nothing")
                              : "the `" + std::string(t[stack.back()].text) + "` at column " +
                                    std::to_string(t[stack.back()].begin + 1));
      match[stack.back()] = i;
      match[i] = stack.back();
      stack.pop_back();
    }
  }
  if (!stack.empty())
    return "it has unbalanced brackets: the `" + std::string(t[stack.back()].text) +
           "` at column " + std::to_string(t[stack.back()].begin + 1) + " is never closed";
  return {};
}

// Words after which `<` is a comparison, not a template's bracket.
bool opens_template_after(const Token& prev) {
  if (prev.kind != Kind::identifier) return false;
  static constexpr std::string_view kNot[] = {"true",   "false",   "nullptr",  "this",
                                              "sizeof", "alignof", "noexcept", "decltype"};
  for (auto w : kNot)
    if (prev.text == w) return false;
  return true;
}

// Calls `f(i)` for every token of [b, e) outside all brackets (template brackets included);
// returns the index of an unclosed `<`, or npos.
template <class F>
std::size_t for_each_top_level(const std::vector<Token>& t, std::size_t b, std::size_t e, F&& f) {
  constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::vector<std::size_t> angles;  // open `<` at this bracket level
  std::size_t depth = 0;            // (), [], {} (inside them `<` and `>` are operators)
  for (std::size_t i = b; i < e; ++i) {
    const Token& x = t[i];
    if (x.kind == Kind::punctuator) {
      std::string_view p = x.text;
      if (p == "(" || p == "[" || p == "{") {
        ++depth;
        continue;
      }
      if (p == ")" || p == "]" || p == "}") {
        if (depth > 0) --depth;
        continue;
      }
      if (depth == 0) {
        if (p == "<" && i > b && opens_template_after(t[i - 1])) {
          angles.push_back(i);
          continue;
        }
        if (p == ">" && !angles.empty()) {
          angles.pop_back();
          continue;
        }
      }
    }
    if (depth == 0 && angles.empty()) f(i);
  }
  return angles.empty() ? npos : angles.front();
}

// Tokens of one parameter without attributes (`[[...]]`, `__attribute__((...))`, `alignas(...)`).
std::vector<Token> without_attributes(const std::vector<Token>& t, std::size_t b, std::size_t e,
                                      const std::vector<std::size_t>& match) {
  std::vector<Token> out;
  out.reserve(e - b);
  for (std::size_t i = b; i < e; ++i) {
    if (t[i].is("[") && i + 1 < e && t[i + 1].is("[") && match[i] == match[i + 1] + 1) {
      i = match[i];
      continue;
    }
    if ((t[i].is("__attribute__") || t[i].is("__attribute") || t[i].is("alignas")) && i + 1 < e &&
        t[i + 1].is("(")) {
      i = match[i + 1];
      continue;
    }
    out.push_back(t[i]);
  }
  return out;
}

// Index of the partner of the bracket at `i` within `t` (searching backwards from a closer).
std::size_t opener_before(const std::vector<Token>& t, std::size_t b, std::size_t close) {
  const std::string_view c = t[close].text;
  const std::string_view o = c == ")" ? "(" : "[";
  std::size_t level = 0;
  for (std::size_t i = close + 1; i-- > b;) {
    if (t[i].is(c)) {
      ++level;
    } else if (t[i].is(o)) {
      if (--level == 0) return i;
    }
  }
  return b;  // unreachable: brackets are balanced
}

// Skips a nested-name-specifier ending in `::*` (a pointer to member, `S::*`, `ns::S<int>::*`);
// returns the index after the `*`, or `i` if there is none.
std::size_t skip_member_pointer(const std::vector<Token>& t, std::size_t i, std::size_t e) {
  std::size_t j = i;
  if (j < e && t[j].is("::")) ++j;
  while (j < e && t[j].kind == Kind::identifier) {
    ++j;
    if (j < e && t[j].is("<")) {  // template arguments of the class
      std::size_t level = 0;
      for (; j < e; ++j) {
        if (t[j].is("<")) ++level;
        if (t[j].is(">") && --level == 0) break;
      }
      if (j >= e) return i;
      ++j;
    }
    if (j < e && t[j].is("::")) {
      ++j;
      if (j < e && t[j].is("*")) return j + 1;
      continue;
    }
    return i;
  }
  return i;
}

// Skips pointer operators and their qualifiers: `*`, `&`, `&&`, `S::*`, const, volatile.
std::size_t skip_pointer_operators(const std::vector<Token>& t, std::size_t i, std::size_t e) {
  while (i < e) {
    if (t[i].is("*") || t[i].is("&") || t[i].is("&&") || t[i].is("^") || is_cv(t[i])) {
      ++i;
      continue;
    }
    std::size_t j = skip_member_pointer(t, i, e);
    if (j == i) break;
    i = j;
  }
  return i;
}

// True if a parenthesized group starting at `i` (its content up to `e`) is a declarator in
// parentheses (`(*fp)`, `(&r)`, `(S::*pm)`) rather than the parameters of a function type.
bool is_grouping(const std::vector<Token>& t, std::size_t i, std::size_t e) {
  if (i >= e) return false;
  if (t[i].is("*") || t[i].is("&") || t[i].is("&&") || t[i].is("^") || t[i].is("(")) return true;
  return skip_member_pointer(t, i, e) != i;
}

// The declarator-id of the declaration t[b, e), or empty. `inner`: inside a parenthesized
// declarator, after its pointer operators, where only the name (or nothing) is left.
std::string declarator_name(const std::vector<Token>& t, std::size_t b, std::size_t e, bool inner,
                            std::size_t depth = 0) {
  if (depth > kMaxNesting) return {};
  for (;;) {
    if (e <= b) return {};
    // qualifiers of a function type after its parameters: `(int) const`, `(int) noexcept(...)`
    std::size_t k = e;
    while (k > b) {
      const Token& last = t[k - 1];
      if (last.is(")")) {
        std::size_t open = opener_before(t, b, k - 1);
        if (open > b && t[open - 1].is("noexcept")) {
          k = open - 1;
          continue;
        }
        break;
      }
      if (last.is("noexcept") || last.is("&") || last.is("&&") || is_cv(last)) {
        --k;
        continue;
      }
      break;
    }
    if (k < e && k > b && t[k - 1].is(")")) e = k;
    // array declarators: `name[3]`, `(&row)[3]`
    if (t[e - 1].is("]")) {
      e = opener_before(t, b, e - 1);
      continue;
    }
    if (t[e - 1].is(")")) {
      std::size_t open = opener_before(t, b, e - 1);
      if (is_grouping(t, open + 1, e - 1)) {
        std::size_t i = skip_pointer_operators(t, open + 1, e - 1);
        return declarator_name(t, i, e - 1, true, depth + 1);
      }
      if (open == b) return {};  // `(int)` alone: no name
      e = open;                  // the parameters of a function declarator: `f(int)`, `(*fp)(int)`
      continue;
    }
    break;
  }
  const Token& last = t[e - 1];
  if (last.kind != Kind::identifier || is_keyword(last.text)) return {};
  if (inner) return e - b == 1 ? std::string(last.text) : std::string();
  if (e - 1 == b) return {};         // a lone type name
  if (t[e - 2].is("::")) return {};  // a qualified type: `std::string`
  // only cv-qualifiers or an elaborated-type keyword before the word: `const Series`, `struct S`
  bool only_qualifiers = true;
  for (std::size_t i = b; i + 1 < e && only_qualifiers; ++i)
    only_qualifiers = is_cv(t[i]) || t[i].is("struct") || t[i].is("class") || t[i].is("union") ||
                      t[i].is("enum") || t[i].is("typename");
  if (only_qualifiers) return {};
  return std::string(last.text);
}

std::string text_of(std::string_view list, const std::vector<Token>& t, std::size_t b,
                    std::size_t e) {
  if (e <= b) return {};
  const Token& last = t[e - 1];
  return std::string(list.substr(t[b].begin, last.begin + last.text.size() - t[b].begin));
}

// What may follow the parameter list: attributes, `noexcept`, `noexcept(...)`, `-> T`.
// Returns the index of the first token that may not, or `e`.
std::size_t after_parameters(const std::vector<Token>& t, std::size_t i, std::size_t e,
                             const std::vector<std::size_t>& match) {
  bool seen_noexcept = false;
  while (i < e) {
    if (t[i].is("[") && i + 1 < e && t[i + 1].is("[") && match[i] == match[i + 1] + 1) {
      i = match[i] + 1;
    } else if (t[i].is("__attribute__") && i + 1 < e && t[i + 1].is("(")) {
      i = match[i + 1] + 1;
    } else if (t[i].is("noexcept") && !seen_noexcept) {
      seen_noexcept = true;
      ++i;
      if (i < e && t[i].is("(")) i = match[i] + 1;
    } else if (t[i].is("->") && i + 1 < e) {
      return e;  // a trailing return type: the rest is the type
    } else {
      return i;
    }
  }
  return e;
}

}  // namespace

ParsedParameters parse_parameter_names(std::string_view list) {
  ParsedParameters out;
  auto refuse = [&](std::string why) {
    out.names.clear();
    out.error = "cannot read the parameter list `" + quoted(list) + "`: " + why;
    return out;
  };
  std::vector<Token> t;
  if (auto e = tokenize(list, t); !e.empty()) return refuse(e);
  if (t.empty() || !t.front().is("(")) {
    out.error = "the parameter list `" + quoted(list) +
                "` must be written in parentheses, e.g. NODE(double, f, (const Series& x))";
    return out;
  }
  std::vector<std::size_t> match;
  if (auto e = match_brackets(t, match); !e.empty()) return refuse(e);
  const std::size_t close = match[0];
  if (std::size_t bad = after_parameters(t, close + 1, t.size(), match); bad != t.size()) {
    out.error = "after the parameter list `" + quoted(text_of(list, t, 0, close + 1)) +
                "` only `noexcept`, `noexcept(...)` and a trailing return type `-> T` may "
                "follow, not `" +
                quoted(text_of(list, t, bad, t.size())) + "`";
    return out;
  }
  const std::size_t b = 1;
  const std::size_t e = close;
  if (e == b || (e == b + 1 && t[b].is("void"))) return out;

  std::vector<std::size_t> commas;
  std::size_t unclosed = for_each_top_level(t, b, e, [&](std::size_t i) {
    if (t[i].is(",")) commas.push_back(i);
  });
  if (unclosed != static_cast<std::size_t>(-1)) {
    return refuse("it has an unclosed `<` (the one after `" + quoted(t[unclosed - 1].text) +
                  "` at column " + std::to_string(t[unclosed].begin + 1) +
                  " is never matched by a `>`): a `<` after a name is read as the start of "
                  "template arguments; if a template argument compares with `<`, write the "
                  "comparison in parentheses, e.g. `std::array<int, (N < 2)>`");
  }
  commas.push_back(e);
  std::unordered_set<std::string> seen;
  std::size_t start = b;
  for (std::size_t k = 0; k < commas.size(); ++k) {
    const std::size_t end = commas[k];
    const std::string decl = text_of(list, t, start, end);
    if (end == start) {
      out.error = "parameter " + std::to_string(k + 1) + " of `" + quoted(list) + "` is empty";
      out.names.clear();
      return out;
    }
    std::vector<Token> d = without_attributes(t, start, end, match);
    start = end + 1;
    std::size_t equals = d.size();
    for_each_top_level(d, 0, d.size(), [&](std::size_t i) {
      if (equals == d.size() && d[i].is("=")) equals = i;
    });
    if (equals != d.size()) {
      std::string name = declarator_name(d, 0, equals, false);
      out.error = "parameter `" + (name.empty() ? quoted(decl) : name) +
                  "` has a default argument (`" + quoted(decl) +
                  "`); nodes take no default arguments: make the dependency optional with "
                  "std::optional<T> instead";
      out.names.clear();
      return out;
    }
    std::string name = declarator_name(d, 0, d.size(), false);
    if (name.empty()) {
      out.error = "parameter " + std::to_string(k + 1) + " (`" + quoted(decl) +
                  "`) has no name; every parameter needs a name: it is the node it depends on";
      out.names.clear();
      return out;
    }
    if (!seen.insert(name).second) {
      out.error = "parameter `" + quoted(name) + "` appears twice in `" + quoted(list) + "`";
      out.names.clear();
      return out;
    }
    out.names.push_back(std::move(name));
  }
  return out;
}

}  // namespace hamilton::detail
