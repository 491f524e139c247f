#pragma once
// Did-you-mean suggestions for misspelt names (compiled into hamilton::frame, the lowest
// library, so every layer shares one).

#include <string>
#include <string_view>
#include <vector>

#include "hamilton/export.hpp"

namespace hamilton::detail {

/// Edit distance (insertions, deletions, substitutions, adjacent transpositions).
HAMILTON_EXPORT std::size_t edit_distance(std::string_view a, std::string_view b);

/// The edit distance of two different names if it makes them likely the same name misspelt:
/// at most two edits, and at most one edit per three characters of the shorter name (`revenu` /
/// `revenue`: 1; `x` / `y`: too short to tell). 0 otherwise. Case counts (`Spend` is not `spend`).
HAMILTON_EXPORT std::size_t near_name_distance(std::string_view a, std::string_view b);

/// Finds the candidate nearest to `name`, if it is close enough to be a likely typo.
class HAMILTON_EXPORT Suggester {
 public:
  explicit Suggester(std::string_view name) : name_(name) {}
  void consider(std::string_view candidate);
  /// The best candidate, or empty.
  const std::string& best() const { return best_; }

 private:
  std::string name_;
  std::string best_;
  std::size_t best_distance_ = static_cast<std::size_t>(-1);
};

template <class Range>
std::string suggest(std::string_view name, const Range& candidates) {
  Suggester s(name);
  for (const auto& c : candidates) s.consider(c);
  return s.best();
}

}  // namespace hamilton::detail
