#pragma once
/// \file
/// `hamilton::StringMethods`: pandas' `Series.str` accessor (`s.str().lower()`).

#include <optional>
#include <string>
#include <string_view>

#include "hamilton/export.hpp"
#include "hamilton/frame/series.hpp"

namespace hamilton {

/// Vectorised string methods of a string column (pandas' `.str`). Missing values stay
/// missing: string results keep them, `len` becomes float64 with NaN, and the bool tests
/// (`contains`, `startswith`, `endswith`) become float64 1.0/0.0/NaN unless `na` gives the
/// value for missing rows (then bool). Case mapping and `strip` are ASCII; `len` counts
/// UTF-8 code points. Results keep the name and index.
class HAMILTON_EXPORT StringMethods {
 public:
  /// Throws hamilton::Error unless `s` is a string column.
  explicit StringMethods(Series s);
  /// Whether `pat` occurs in each value: a regular expression (std::regex ECMAScript,
  /// searched anywhere) when `regex`, else plain text.
  Series contains(std::string_view pat, bool regex = true, std::optional<bool> na = {}) const;
  Series startswith(std::string_view prefix, std::optional<bool> na = {}) const;
  Series endswith(std::string_view suffix, std::optional<bool> na = {}) const;
  Series lower() const;
  Series upper() const;
  /// Length in code points (int64; float64 if any value is missing).
  Series len() const;
  /// Replaces every occurrence of `pat` (plain text unless `regex`; `$1` refers to a group).
  Series replace(std::string_view pat, std::string_view repl, bool regex = false) const;
  /// Removes leading and trailing whitespace (or the characters in `chars`).
  Series strip(std::optional<std::string_view> chars = {}) const;
  Series lstrip(std::optional<std::string_view> chars = {}) const;
  Series rstrip(std::optional<std::string_view> chars = {}) const;

 private:
  Series s_;
};

}  // namespace hamilton
