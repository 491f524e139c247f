// Values from the command line and from files: `name=value` options, JSON object files, CSV
// inputs, name lists and tag filters; converted to the types the graph takes (docs/cli.md,
// "Values").
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <iterator>
#include <limits>
#include <set>
#include <sstream>
#include <utility>

#include "cli.hpp"

namespace hamilton_cpp {
namespace {

using hamilton::TypeInfo;
using hamilton::Value;

std::string backquoted(std::string_view text);

// ---- reading JSON ------------------------------------------------------------------------

// A problem found while parsing, at a byte offset of the text.
struct JsonProblem {
  std::size_t offset;
  std::string reason;
  bool syntax = true;  // not JSON at all (rather than nested too deep, a key twice)
};

// An input iterator over the text that tells how far the parser has read (for positions in
// messages: nlohmann's callback events carry none).
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* p, const char** read) : p_(p), read_(read) {}
  reference operator*() const { return *p_; }
  CountingIterator& operator++() {
    *read_ = ++p_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator old = *this;
    ++*this;
    return old;
  }
  friend bool operator==(const CountingIterator& a, const CountingIterator& b) {
    return a.p_ == b.p_;
  }

 private:
  const char* p_;
  const char** read_;
};

// 1-based line and column (in bytes) of `offset` in `text`.
std::string position_text(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

// The offset of the opening quote of the JSON string whose closing quote is at `close`.
std::size_t string_start(std::string_view text, std::size_t close) {
  for (std::size_t j = close; j-- > 0;) {
    if (text[j] != '"') continue;
    std::size_t backslashes = 0;
    while (backslashes < j && text[j - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return j;
  }
  return 0;
}

// The word (a literal the parser choked on) around `offset`, and where it starts.
std::pair<std::size_t, std::string> word_at(std::string_view text, std::size_t offset) {
  auto in_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.';
  };
  std::size_t b = std::min(offset, text.size());
  while (b > 0 && in_word(text[b - 1])) --b;
  std::size_t e = b;
  while (e < text.size() && in_word(text[e])) ++e;
  return {b, std::string(text.substr(b, e - b))};
}

bool is_non_finite_word(std::string w) {
  for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!w.empty() && (w[0] == '-' || w[0] == '+')) w.erase(0, 1);
  return w == "nan" || w == "inf" || w == "infinity";
}

// Why nlohmann's parser stopped, in our words.
std::string parse_error_reason(std::string_view text, const nlohmann::json::parse_error& e) {
  std::string what = e.what();
  if (e.byte > text.size()) {
    if (what.find("missing closing quote") != std::string::npos)
      return "the text ends inside a string (missing closing `\"`)";
    if (!text.empty() && text.front() == '[') return "the list is not closed (missing `]`)";
    return "the text ends before the JSON value does";
  }
  // "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error ..."
  auto column = what.find("column ");
  auto colon = column == std::string::npos ? what.find(": ") : what.find(": ", column);
  std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
  const std::string syntax = "syntax error while parsing ";  // "... value - unexpected ','"
  if (reason.rfind(syntax, 0) == 0) {
    auto dash = reason.find(" - ");
    if (dash != std::string::npos) reason = reason.substr(dash + 3);
  }
  return "invalid JSON: " + reason;
}

// Why nlohmann's parser stopped, in our words, and where.
JsonProblem parse_problem(std::string_view text, const nlohmann::json::parse_error& e) {
  std::size_t at = e.byte == 0 ? 0 : e.byte - 1;
  auto [word_start, word] = word_at(text, at);
  if (is_non_finite_word(word))
    return {word_start,
            backquoted(word) +
                " is not a finite number (JSON has no NaN or infinity); write null for a missing "
                "value"};
  return {at, parse_error_reason(text, e)};
}

// `text` parsed as JSON: at most kMaxJsonDepth levels of nesting; if `unique_keys`, the keys of
// the top-level object must differ. Throws JsonProblem.
nlohmann::json parse_json(std::string_view text, bool unique_keys) {
  const char* read = text.data();
  std::map<std::string, std::size_t> key_offsets;  // top-level key -> offset of its quote
  auto callback = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if ((event == E::object_start || event == E::array_start) && depth >= kMaxJsonDepth)
      throw JsonProblem{
          static_cast<std::size_t>(read - text.data()) - 1,
          "the value is nested more than " + std::to_string(kMaxJsonDepth) + " levels deep", false};
    if (unique_keys && event == E::key && depth == 1) {
      std::size_t start = string_start(text, static_cast<std::size_t>(read - text.data()) - 1);
      auto [it, fresh] = key_offsets.emplace(parsed.get<std::string>(), start);
      if (!fresh)
        throw JsonProblem{start,
                          "the key `" + excerpt(it->first) + "` is given twice (first at " +
                              position_text(text, it->second) + "); give each name once",
                          false};
    }
    return true;
  };
  try {
    return nlohmann::json::parse(CountingIterator(text.data(), &read),
                                 CountingIterator(text.data() + text.size(), &read), callback);
  } catch (const nlohmann::json::parse_error& e) {
    throw parse_problem(text, e);
  } catch (const nlohmann::json::out_of_range& e) {
    // 406: "number overflow parsing '1e999'"
    std::string what = e.what();
    auto q = what.find('\'');
    std::string number =
        q == std::string::npos ? "" : what.substr(q + 1, what.size() - q - 2 /* the quotes */);
    std::size_t at = text.rfind(number, static_cast<std::size_t>(read - text.data()));
    throw JsonProblem{
        at == std::string_view::npos ? 0 : at,
        "the number `" + excerpt(number) + "` is out of the range of a double (about ±1.8e308)"};
  }
}

// ---- reading files -------------------------------------------------------------------------

const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// ---- values ------------------------------------------------------------------------------

template <class T>
std::string range_text() {
  if constexpr (std::is_floating_point_v<T>) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "±%.2Lg",
                  static_cast<long double>(std::numeric_limits<T>::max()));
    return buf;
  } else {
    return std::to_string(std::numeric_limits<T>::min()) + " to " +
           std::to_string(std::numeric_limits<T>::max());
  }
}

// The value as given, its name, and the type the graph takes for it (null: not known).
struct Conversion {
  const std::string& name;
  const Given& given;
  const TypeInfo* want;

  [[noreturn]] void fail(int code, const std::string& what) const {
    throw CliError(code, given.origin + ": " + what);
  }
  // A problem of the text itself (a malformed list, a number out of a double's range).
  [[noreturn]] void malformed(const std::string& what) const { fail(given.syntax_code, what); }
  // The value does not fit the type the node takes (exit 6, like a wrong input type).
  [[noreturn]] void does_not_fit(const std::string& what) const {
    fail(kRequest, backquoted(name) + " is of type " + type_name() + ": " + what);
  }
  std::string type_name() const { return want ? want->name() : "?"; }

  // ---- numbers into the type T ----

  // An integer T from a double (written with an exponent or a fraction, or read from JSON);
  // `written`: the number as written, in long double's precision (64 bits on x86), if known.
  template <class T>
  T integer_from(double d, const std::string& text,
                 std::optional<long double> written = std::nullopt) const {
    if (!std::isfinite(d)) does_not_fit(text + " is not a finite number");
    if (d != std::trunc(d)) does_not_fit(text + " is not a whole number");
    // [min, 2^digits) is exact in double for every integer type
    const double lo = static_cast<double>(std::numeric_limits<T>::min());
    const double hi = std::ldexp(1.0, std::numeric_limits<T>::digits);
    if (!(d >= lo && d < hi)) does_not_fit(text + " is out of its range (" + range_text<T>() + ")");
    // beyond 2^53 a double may not be the number written (1.2345678901234567891e18)
    if (std::fabs(d) > 9007199254740992.0 && (!written || *written != static_cast<long double>(d)))
      does_not_fit(text +
                   " is too large to be read exactly from a floating-point number; write "
                   "it as a whole number without a fraction or exponent");
    return static_cast<T>(d);
  }

  template <class T>
  T integer_in_range(auto v, const std::string& text) const {
    if (!std::in_range<T>(v)) does_not_fit(text + " is out of its range (" + range_text<T>() + ")");
    return static_cast<T>(v);
  }

  // The number T that `text` (command line) is, or nothing if it is not a number.
  template <class T>
  std::optional<T> number_from_text(std::string_view text) const {
    auto trimmed = text;
    while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
      trimmed.remove_prefix(1);
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t'))
      trimmed.remove_suffix(1);
    if (trimmed.size() > 1 && trimmed[0] == '+' && trimmed[1] != '-') trimmed.remove_prefix(1);
    const char* b = trimmed.data();
    const char* e = b + trimmed.size();
    std::string shown = backquoted(text);
    if constexpr (std::is_same_v<T, bool>) {
      if (trimmed == "true" || trimmed == "True" || trimmed == "1") return true;
      if (trimmed == "false" || trimmed == "False" || trimmed == "0") return false;
      return std::nullopt;
    } else if constexpr (std::is_integral_v<T>) {
      T v{};
      auto [p, ec] = std::from_chars(b, e, v);
      if (p == e && ec == std::errc()) return v;
      if (p == e && ec == std::errc::result_out_of_range)
        does_not_fit(shown + " is out of its range (" + range_text<T>() + ")");
      // 1e3, 2.0, -7 for an unsigned type ...
      double d = 0;
      auto [q, dec] = std::from_chars(b, e, d);
      if (b == e || q != e) return std::nullopt;
      std::string copy(trimmed);
      if (dec == std::errc::result_out_of_range)
        d = std::strtod(copy.c_str(), nullptr);  // ±HUGE_VAL, or the underflowed value
      return integer_from<T>(d, shown, std::strtold(copy.c_str(), nullptr));
    } else {
      T v{};
      auto [p, ec] = std::from_chars(b, e, v);
      if (b == e || p != e) return std::nullopt;
      if (ec == std::errc::result_out_of_range) {
        std::string copy(trimmed);
        long double x = std::strtold(copy.c_str(), nullptr);
        if (std::isinf(x) ||
            (sizeof(T) <= sizeof(double) && std::fabs(x) > std::numeric_limits<double>::max()))
          malformed(shown + " is out of the range of a " +
                    (sizeof(T) <= sizeof(double) ? std::string("double (") + range_text<double>()
                                                 : type_name() + " (" + range_text<T>()) +
                    ")");
        if (std::fabs(x) > std::numeric_limits<T>::max())
          does_not_fit(shown + " is out of its range (" + range_text<T>() + ")");
        v = static_cast<T>(x);  // underflow: 0 or a subnormal number, as strtod gives it
      }
      return v;
    }
  }

  // The number T that the JSON value `j` is, or nothing if it is not one.
  template <class T>
  std::optional<T> number_from_json(const nlohmann::json& j) const {
    if constexpr (std::is_same_v<T, bool>) {
      if (j.is_boolean()) return j.get<bool>();
      if (j.is_number_integer() && (j.get<long long>() == 0 || j.get<long long>() == 1))
        return j.get<long long>() == 1;
      return std::nullopt;
    } else {
      if (!j.is_number()) return std::nullopt;
      std::string shown = dump_json(j);
      if constexpr (std::is_integral_v<T>) {
        if (j.is_number_unsigned()) return integer_in_range<T>(j.get<std::uint64_t>(), shown);
        if (j.is_number_integer()) return integer_in_range<T>(j.get<std::int64_t>(), shown);
        return integer_from<T>(j.get<double>(), shown);
      } else {
        double d = j.get<double>();
        if (std::fabs(d) > static_cast<double>(std::numeric_limits<T>::max()))
          does_not_fit(shown + " is out of its range (" + range_text<T>() + ")");
        return static_cast<T>(d);
      }
    }
  }

  // ---- lists ----

  // `j` (an array) as a std::vector<T>; nothing if an element is not a T.
  template <class T>
  std::optional<Value> vector_from_json(const nlohmann::json& j) const {
    std::vector<T> out;
    out.reserve(j.size());
    for (const auto& e : j) {
      if constexpr (std::is_same_v<T, std::string>) {
        if (!e.is_string()) return std::nullopt;
        out.push_back(e.get<std::string>());
      } else if constexpr (std::is_floating_point_v<T>) {
        if (e.is_null()) {
          out.push_back(std::numeric_limits<T>::quiet_NaN());  // null: a missing value
          continue;
        }
        auto v = number_from_json<T>(e);
        if (!v) return std::nullopt;
        out.push_back(*v);
      } else {
        auto v = number_from_json<T>(e);
        if (!v) return std::nullopt;
        out.push_back(*v);
      }
    }
    return Value(std::move(out));
  }

  // `j` (an array) as a hamilton::Series: numbers (null = NaN) make a float64 Series, strings
  // (null = missing) an object Series, bools a bool Series.
  std::optional<Value> series_from_json(const nlohmann::json& j) const {
    auto all = [&](auto pred) { return std::all_of(j.begin(), j.end(), pred); };
    if (all([](const nlohmann::json& e) { return e.is_number() || e.is_null(); })) {
      std::vector<double> v;
      for (const auto& e : j)
        v.push_back(e.is_null() ? std::numeric_limits<double>::quiet_NaN() : e.get<double>());
      return Value(hamilton::Series(std::move(v), name));
    }
    if (all([](const nlohmann::json& e) { return e.is_string() || e.is_null(); })) {
      std::vector<std::string> v;
      std::vector<bool> missing;
      for (const auto& e : j) {
        v.push_back(e.is_null() ? std::string() : e.get<std::string>());
        missing.push_back(e.is_null());
      }
      return Value(hamilton::Series::strings(std::move(v), std::move(missing), name));
    }
    if (all([](const nlohmann::json& e) { return e.is_boolean(); })) {
      std::vector<bool> v;
      for (const auto& e : j) v.push_back(e.get<bool>());
      return Value(hamilton::Series(std::move(v), name));
    }
    return std::nullopt;
  }

  // ---- the conversions ----

  // Without a known type: a number is a double, a bool a bool, a string a std::string, a list
  // of numbers (null = NaN) a std::vector<double>, a list of strings a std::vector<std::string>.
  Value default_from_json(const nlohmann::json& j) const {
    if (j.is_number()) return j.get<double>();
    if (j.is_boolean()) return j.get<bool>();
    if (j.is_string()) return j.get<std::string>();
    if (j.is_array()) {
      if (auto v = vector_from_json<double>(j)) return *v;
      if (auto v = vector_from_json<std::string>(j)) return *v;
    }
    malformed("the value " + excerpt(dump_json(j)) +
              " is not supported: give a number, a string, a bool, or a list of numbers (null "
              "for a missing value) or of strings");
  }

  // `j` as the type the graph takes, where it is one of the types read here (numbers, Series,
  // vectors); otherwise by the default rules (a wrong type is then reported by the driver).
  Value from_json(const nlohmann::json& j) const {
    if (want) {
      std::optional<Value> v;
      bool arithmetic = visit_number(Numbers{}, *want, [&]<class T>(std::type_identity<T>) {
        if (auto x = number_from_json<T>(j)) v = Value(*x);
      });
      if (v) return *v;
      if (!arithmetic && j.is_array()) {
        if (*want == TypeInfo::of<hamilton::Series>())
          v = series_from_json(j);
        else if (*want == TypeInfo::of<std::vector<std::string>>())
          v = vector_from_json<std::string>(j);
        else
          visit_vector(Numbers{}, *want,
                       [&]<class T>(std::type_identity<T>) { v = vector_from_json<T>(j); });
        if (v) return *v;
      }
    }
    return default_from_json(j);
  }

  // The list or JSON number that `text` is, parsed; problems are malformed().
  nlohmann::json parse_text(std::string_view text) const {
    try {
      return parse_json(text, false);
    } catch (const JsonProblem& p) {
      malformed(p.reason + (text.size() > 1 ? " (at column " + std::to_string(p.offset + 1) + ")"
                                            : std::string()));
    }
  }

  // A JSON number token: what a number looks like without a known type.
  static bool looks_like_number(std::string_view s) {
    if (s.empty()) return false;
    char f = s.front(), l = s.back();
    return (std::isdigit(static_cast<unsigned char>(f)) || f == '-') &&
           std::isdigit(static_cast<unsigned char>(l)) &&
           s.find_first_of(" \t\n\r") == std::string_view::npos;
  }

  Value from_text(const std::string& text) const {
    if (want) {
      if (*want == TypeInfo::of<std::string>()) return text;  // always the text as written
      std::optional<Value> v;
      bool arithmetic = visit_number(Numbers{}, *want, [&]<class T>(std::type_identity<T>) {
        if (auto x = number_from_text<T>(text)) v = Value(*x);
      });
      if (v) return *v;
      if (arithmetic)
        does_not_fit(backquoted(text) + (*want == TypeInfo::of<bool>()
                                             ? " is not true or false (or 1 or 0)"
                                             : " is not a number"));
    }
    if (!text.empty() && text.front() == '[') return from_json(parse_text(text));
    if (looks_like_number(text)) {
      nlohmann::json j;
      try {
        j = parse_json(text, false);
      } catch (const JsonProblem& p) {
        if (p.reason.find("out of the range") != std::string::npos) malformed(p.reason);
        return text;  // 1-2, 08 ...: not a JSON number; a string
      }
      if (j.is_number()) return from_json(j);
    }
    return text;
  }

  Value convert() const { return given.from_text ? from_text(given.text) : from_json(given.json); }
};

// `name=value` split; CliError(kUsage) if it is not of that form.
std::pair<std::string, std::string> split_assignment(const std::string& text, const char* what) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw CliError(kUsage, std::string("--") + what + " `" + excerpt(text) +
                               "` is not of the form name=value; write e.g. --" + what + " x=1.5");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

// The parts of `text` between the separators (empty ones too, but for a last one).
std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, separator)) out.push_back(part);
  return out;
}

std::string backquoted(std::string_view text) {
  std::string out(1, '`');
  out += excerpt(text);
  out += '`';
  return out;
}

}  // namespace

std::string excerpt(std::string_view text, std::size_t max_chars) {
  if (text.size() <= max_chars) return std::string(text);
  std::size_t cut = max_chars;
  // do not cut a UTF-8 sequence: back up over continuation bytes
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "... (" + std::to_string(text.size()) + " bytes)";
}

std::string dump_json(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string read_regular_file(const std::string& path, const char* what) {
  const std::string named = std::string(what) + " file `" + path + "`";
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);  // a FIFO: no wait
  if (fd < 0) {
    int err = errno;
    throw CliError(kInputFile, "cannot read " + named + ": " + std::strerror(err) +
                                   (err == ENOENT ? "; check the path" : ""));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    throw CliError(kInputFile, "cannot read " + named + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    throw CliError(kInputFile, "cannot read " + named + ": it is " + file_kind(st.st_mode) +
                                   ", not a regular file; give the path of a JSON file");
  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      throw CliError(kInputFile, "cannot read " + named + ": " + std::strerror(errno));
    }
    text.append(buf, static_cast<std::size_t>(n));
  }
  return text;
}

void parse_assignments(const std::vector<std::string>& texts, const char* what, GivenValues& into) {
  std::map<std::string, std::string> seen;  // name -> the option that gave it here
  for (const auto& text : texts) {
    auto [name, raw] = split_assignment(text, what);
    auto [it, fresh] = seen.emplace(name, text);
    if (!fresh)
      throw CliError(kUsage, std::string("--") + what + " `" + excerpt(name) +
                                 "` is given twice (`" + excerpt(it->second) + "` and `" +
                                 excerpt(text) + "`); give each name once");
    Given g;
    g.origin = std::string("--") + what + " `" + excerpt(text) + "`";
    g.from_text = true;
    g.text = std::move(raw);
    g.syntax_code = kUsage;
    into[name] = std::move(g);
  }
}

GivenValues read_json_values(const std::string& path, const char* what) {
  const std::string named = std::string(what) + " file `" + path + "`";
  std::string text = read_regular_file(path, what);
  nlohmann::json j;
  try {
    j = parse_json(text, true);
  } catch (const JsonProblem& p) {
    throw CliError(kInputFile, named + ", " + position_text(text, p.offset) + ": " + p.reason +
                                   (p.syntax ? "; the file must hold a JSON object: "
                                               "{\"name\": value, ...}"
                                             : ""));
  }
  if (!j.is_object())
    throw CliError(kInputFile, named + " is not a JSON object but " + std::string(j.type_name()) +
                                   " " + excerpt(dump_json(j)) + "; write {\"name\": value, ...}");
  GivenValues out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    Given g;
    g.origin = named + ", `" + excerpt(it.key()) + "`";
    g.from_text = false;
    g.json = it.value();
    g.syntax_code = kInputFile;
    out[it.key()] = std::move(g);
  }
  return out;
}

hamilton::ValueMap convert_values(const GivenValues& given, const hamilton::Graph* graph) {
  hamilton::ValueMap out;
  for (const auto& [name, g] : given) {
    const TypeInfo* want = nullptr;
    if (graph && graph->contains(name)) want = graph->variable(name).type;
    out[name] = Conversion{name, g, want}.convert();
  }
  return out;
}

void read_csv_inputs(const hamilton::Graph& graph, const std::string& path,
                     hamilton::Inputs& inputs) {
  hamilton::DataFrame df;
  try {
    df = hamilton::read_csv(path);
  } catch (const hamilton::Error& e) {
    throw CliError(kInputFile, std::string("cannot read CSV inputs: ") + e.what());
  }
  for (const auto& column : df.column_names()) {
    if (graph.contains(column) && graph.variable(column).is_external_input) {
      inputs[column] = df[column];
    } else {
      std::cerr << "note: CSV column `" << excerpt(column)
                << "` is not an input of the graph; not used\n";
    }
  }
}

std::vector<std::string> split_list(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& item : items)
    for (auto& part : split(item, ','))
      if (!part.empty()) out.push_back(std::move(part));
  return out;
}

std::vector<std::string> named_list(const std::vector<std::string>& items, const char* option) {
  auto out = split_list(items);
  if (out.empty() && !items.empty())
    throw CliError(kUsage, std::string("--") + option + " `" + excerpt(items.front()) +
                               "` names nothing; write the names separated by commas, e.g. --" +
                               option + " a,b");
  return out;
}

hamilton::TagFilter parse_tags(const std::vector<std::string>& tags) {
  hamilton::TagFilter filter;
  for (const auto& t : tags) {
    auto eq = t.find('=');
    if (eq == 0)
      throw CliError(kUsage, "--tag `" + excerpt(t) + "` has no key; write --tag key=value");
    if (eq == std::string::npos) {
      filter.insert_or_assign(t, hamilton::TagMatch::any());
      continue;
    }
    std::string key = t.substr(0, eq), values = t.substr(eq + 1);
    std::vector<std::string> alternatives = split(values, '|');
    if (alternatives.size() <= 1)
      filter.insert_or_assign(key, hamilton::TagMatch(values));
    else
      filter.insert_or_assign(key, hamilton::TagMatch(alternatives));
  }
  return filter;
}

}  // namespace hamilton_cpp
