#include "common/suggest.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace hamilton::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::size_t near_name_distance(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  const std::size_t shorter = std::min(a.size(), b.size());
  const std::size_t limit = std::min<std::size_t>(2, shorter / 3);
  const std::size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (limit == 0 || diff > limit) return 0;
  // cheap bound first: an edit changes the multiset of characters by at most one each way
  std::array<int, 256> count{};
  for (unsigned char c : a) ++count[c];
  for (unsigned char c : b) --count[c];
  std::size_t surplus = 0;
  for (unsigned char c : a)
    if (count[c] > 0) {
      surplus += static_cast<std::size_t>(count[c]);
      count[c] = 0;
    }
  if (surplus > limit) return 0;
  const std::size_t d = edit_distance(a, b);
  return d <= limit ? d : 0;
}

void Suggester::consider(std::string_view candidate) {
  if (candidate == name_ || candidate.empty()) return;
  const std::size_t longest = std::max(candidate.size(), name_.size());
  // cheap rejection: lengths too different to be a typo
  const std::size_t limit = std::max<std::size_t>(1, (name_.size() + 1) / 3);
  const std::size_t diff = candidate.size() > name_.size() ? candidate.size() - name_.size()
                                                           : name_.size() - candidate.size();
  if (diff > limit || longest == 0) return;
  std::string lower_a(name_), lower_b(candidate);
  for (auto& c : lower_a) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto& c : lower_b) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t d = lower_a == lower_b ? 0 : edit_distance(lower_a, lower_b) + 1;
  if (d > limit + 1) return;
  if (d < best_distance_) {
    best_distance_ = d;
    best_ = std::string(candidate);
  }
}

}  // namespace hamilton::detail
