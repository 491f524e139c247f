// pandas' .str accessor: StringMethods.
#include "hamilton/frame/strings.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "internal.hpp"

namespace hamilton {

using detail::alloc;
using detail::make_series;

StringMethods Series::str() const { return StringMethods(*this); }

StringMethods::StringMethods(Series s) : s_(std::move(s)) {
  if (s_.dtype() != DType::string)
    throw Error("Series::str: the .str accessor needs a string column, got " + s_.describe() +
                " (convert with astype(DType::string) first)");
}

namespace {

std::regex compile(std::string_view pat, const char *what) {
  try {
    return std::regex(pat.begin(), pat.end(), std::regex::ECMAScript);
  } catch (const std::regex_error &e) {
    throw Error(std::string(what) + ": invalid regular expression '" + std::string(pat) +
                "': " + e.what());
  }
}

// A bool test per value; missing rows are `na` (bool result) or NaN (float64 result).
template <class F>
Series test(const Series &s, std::optional<bool> na, F f) {
  const std::size_t n = s.size();
  const std::string *x = s.values<std::string>().data();
  const bool any_missing = s.string_missing() != nullptr;
  if (!any_missing || na) {
    auto b = alloc<bool>(n);
    for (std::size_t i = 0; i < n; ++i) b.data[i] = s.is_missing(i) ? *na : f(x[i]);
    return make_series(DType::boolean, n, b, s.name(), s.index());
  }
  auto b = alloc<double>(n);
  for (std::size_t i = 0; i < n; ++i)
    b.data[i] = s.is_missing(i) ? std::numeric_limits<double>::quiet_NaN() : f(x[i]) ? 1.0 : 0.0;
  return make_series(DType::float64, n, b, s.name(), s.index());
}

// A string per value; missing rows stay missing.
template <class F>
Series transform(const Series &s, F f) {
  const std::size_t n = s.size();
  const std::string *x = s.values<std::string>().data();
  auto b = alloc<std::string>(n);
  for (std::size_t i = 0; i < n; ++i)
    if (!s.is_missing(i)) b.data[i] = f(x[i]);
  std::shared_ptr<const std::vector<bool>> na;
  if (s.string_missing()) na = std::make_shared<const std::vector<bool>>(*s.string_missing());
  return make_series(DType::string, n, b, s.name(), s.index(), std::move(na));
}

constexpr std::string_view kSpace = " \t\n\r\f\v";

}  // namespace

Series StringMethods::contains(std::string_view pat, bool regex, std::optional<bool> na) const {
  if (!regex)
    return test(s_, na, [pat](const std::string &v) { return v.find(pat) != std::string::npos; });
  const std::regex re = compile(pat, "Series::str().contains");
  return test(s_, na, [&re](const std::string &v) { return std::regex_search(v, re); });
}

Series StringMethods::startswith(std::string_view prefix, std::optional<bool> na) const {
  return test(s_, na, [prefix](const std::string &v) { return v.starts_with(prefix); });
}

Series StringMethods::endswith(std::string_view suffix, std::optional<bool> na) const {
  return test(s_, na, [suffix](const std::string &v) { return v.ends_with(suffix); });
}

Series StringMethods::lower() const {
  return transform(s_, [](std::string v) {
    for (char &c : v)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return v;
  });
}

Series StringMethods::upper() const {
  return transform(s_, [](std::string v) {
    for (char &c : v)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return v;
  });
}

Series StringMethods::len() const {
  const std::size_t n = s_.size();
  const std::string *x = s_.values<std::string>().data();
  auto points = [](const std::string &v) {
    return static_cast<std::int64_t>(std::count_if(
        v.begin(), v.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  if (!s_.string_missing()) {
    auto b = alloc<std::int64_t>(n);
    for (std::size_t i = 0; i < n; ++i) b.data[i] = points(x[i]);
    return make_series(DType::int64, n, b, s_.name(), s_.index());
  }
  auto b = alloc<double>(n);
  for (std::size_t i = 0; i < n; ++i)
    b.data[i] = s_.is_missing(i) ? std::numeric_limits<double>::quiet_NaN()
                                 : static_cast<double>(points(x[i]));
  return make_series(DType::float64, n, b, s_.name(), s_.index());
}

Series StringMethods::replace(std::string_view pat, std::string_view repl, bool regex) const {
  if (regex) {
    const std::regex re = compile(pat, "Series::str().replace");
    const std::string r(repl);
    return transform(s_, [&](const std::string &v) { return std::regex_replace(v, re, r); });
  }
  return transform(s_, [pat, repl](const std::string &v) {
    if (pat.empty()) {  // Python inserts repl between every character and at both ends
      std::string out(repl);
      for (std::size_t i = 0; i < v.size(); ++i) {
        out += v[i];
        const bool boundary =
            i + 1 == v.size() || (static_cast<unsigned char>(v[i + 1]) & 0xC0) != 0x80;
        if (boundary) out += repl;
      }
      return out;
    }
    std::string out;
    std::size_t at = 0;
    for (std::size_t hit; (hit = v.find(pat, at)) != std::string::npos; at = hit + pat.size()) {
      out.append(v, at, hit - at);
      out += repl;
    }
    out.append(v, at);
    return out;
  });
}

namespace {
Series strip_impl(const Series &s, std::optional<std::string_view> chars, bool left, bool right) {
  const std::string_view set = chars ? *chars : kSpace;
  return transform(s, [set, left, right](const std::string &v) {
    std::size_t b = 0, e = v.size();
    if (left)
      while (b < e && set.find(v[b]) != std::string_view::npos) ++b;
    if (right)
      while (e > b && set.find(v[e - 1]) != std::string_view::npos) --e;
    return v.substr(b, e - b);
  });
}
}  // namespace

Series StringMethods::strip(std::optional<std::string_view> chars) const {
  return strip_impl(s_, chars, true, true);
}
Series StringMethods::lstrip(std::optional<std::string_view> chars) const {
  return strip_impl(s_, chars, true, false);
}
Series StringMethods::rstrip(std::optional<std::string_view> chars) const {
  return strip_impl(s_, chars, false, true);
}

}  // namespace hamilton
