// Distinct values: unique, nunique, value_counts; positions of extremes: argmin/argmax,
// idxmin/idxmax.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

#include "hamilton/frame/series.hpp"
#include "internal.hpp"

namespace hamilton {

namespace {

// Positions of the first occurrence of each distinct value (in order of appearance) and
// how often each occurs; missing values form one group at `missing_at` (npos if none).
struct Groups {
  std::vector<std::size_t> first;
  std::vector<std::size_t> counts;
  std::size_t missing_at = detail::npos;  // index into first/counts
};

template <class T, class Missing>
Groups group_values(const T *x, std::size_t n, Missing missing) {
  Groups g;
  std::unordered_map<T, std::size_t> seen;
  for (std::size_t i = 0; i < n; ++i) {
    if (missing(i)) {
      if (g.missing_at == detail::npos) {
        g.missing_at = g.first.size();
        g.first.push_back(i);
        g.counts.push_back(0);
      }
      ++g.counts[g.missing_at];
      continue;
    }
    auto [it, added] = seen.try_emplace(x[i], g.first.size());
    if (added) {
      g.first.push_back(i);
      g.counts.push_back(0);
    }
    ++g.counts[it->second];
  }
  return g;
}

Groups group(const Series &s) {
  const std::size_t n = s.size();
  switch (s.dtype()) {
    case DType::float64: {
      const double *x = s.values<double>().data();
      return group_values(x, n, [x](std::size_t i) { return std::isnan(x[i]); });
    }
    case DType::int64:
    case DType::datetime:
    case DType::timedelta: {
      const std::int64_t *x = s.values<std::int64_t>().data();
      const bool dt = detail::is_ns_dtype(s.dtype());
      return group_values(x, n, [x, dt](std::size_t i) { return dt && x[i] == kNaT; });
    }
    case DType::boolean: {
      const bool *x = s.values<bool>().data();
      return group_values(x, n, [](std::size_t) { return false; });
    }
    case DType::string: {
      const std::string *x = s.values<std::string>().data();
      return group_values(x, n, [&s](std::size_t i) { return s.is_missing(i); });
    }
  }
  return {};
}

}  // namespace

Series Series::unique() const {
  Groups g = group(*this);
  return take(g.first, Index::range(g.first.size())).rename(name_);
}

std::size_t Series::nunique(bool dropna) const {
  Groups g = group(*this);
  return g.first.size() - (dropna && g.missing_at != detail::npos ? 1 : 0);
}

Series Series::value_counts(bool normalize, bool sort, bool ascending) const {
  if (dtype_ == DType::float64)
    throw Error("Series::value_counts: " + describe() +
                " would need a float index, which hamilton does not have; round the values and "
                "astype(int64), or astype(string), first");
  Groups g = group(*this);
  std::vector<std::size_t> order;
  order.reserve(g.first.size());
  std::size_t total = 0;
  for (std::size_t k = 0; k < g.first.size(); ++k)
    if (k != g.missing_at) {
      order.push_back(k);
      total += g.counts[k];
    }
  if (sort)
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return ascending ? g.counts[a] < g.counts[b] : g.counts[a] > g.counts[b];
    });
  const std::size_t m = order.size();
  Index ix;
  switch (dtype_) {
    case DType::timedelta:
      throw Error("Series::value_counts: " + describe() +
                  " would need a timedelta index, which hamilton does not have; use "
                  "astype(DType::int64) (nanoseconds) or astype(DType::string) first");
    case DType::int64:
    case DType::datetime: {
      std::vector<std::int64_t> labels(m);
      const auto *x = static_cast<const std::int64_t *>(data_);
      for (std::size_t k = 0; k < m; ++k) labels[k] = x[g.first[order[k]]];
      ix = dtype_ == DType::int64 ? Index::from_int64(std::move(labels))
                                  : Index::from_datetime(std::move(labels));
      break;
    }
    default: {
      std::vector<std::string> labels(m);
      for (std::size_t k = 0; k < m; ++k) labels[k] = to_string_at(g.first[order[k]]);
      ix = Index::from_strings(std::move(labels));
    }
  }
  if (normalize) {
    auto b = detail::alloc<double>(m);
    for (std::size_t k = 0; k < m; ++k)
      b.data[k] = static_cast<double>(g.counts[order[k]]) / static_cast<double>(total);
    return detail::make_series(DType::float64, m, b, "proportion", std::move(ix));
  }
  auto b = detail::alloc<std::int64_t>(m);
  for (std::size_t k = 0; k < m; ++k) b.data[k] = static_cast<std::int64_t>(g.counts[order[k]]);
  return detail::make_series(DType::int64, m, b, "count", std::move(ix));
}

namespace {
std::size_t extreme(const Series &s, bool want_max, const char *what) {
  const std::size_t n = s.size();
  std::size_t best = detail::npos;
  auto scan = [&](auto less) {
    for (std::size_t i = 0; i < n; ++i) {
      if (s.is_missing(i)) continue;
      if (best == detail::npos || (want_max ? less(best, i) : less(i, best))) best = i;
    }
  };
  switch (s.dtype()) {
    case DType::string: {
      const std::string *x = s.values<std::string>().data();
      scan([x](std::size_t a, std::size_t b) { return x[a] < x[b]; });
      break;
    }
    case DType::int64:
    case DType::datetime:
    case DType::timedelta: {
      const std::int64_t *x = s.values<std::int64_t>().data();
      scan([x](std::size_t a, std::size_t b) { return x[a] < x[b]; });
      break;
    }
    default:
      scan([&s](std::size_t a, std::size_t b) { return s.as_double(a) < s.as_double(b); });
  }
  if (best == detail::npos)
    throw Error(std::string(what) + ": " + s.describe() +
                (n == 0 ? " is empty" : " has only missing values") +
                ", so there is no position to return; check s.count() > 0 first");
  return best;
}
}  // namespace

std::size_t Series::argmin() const { return extreme(*this, false, "Series::argmin"); }
std::size_t Series::argmax() const { return extreme(*this, true, "Series::argmax"); }
Index Series::idxmin() const {
  const std::size_t p = extreme(*this, false, "Series::idxmin");
  return index_.slice(p, p + 1);
}
Index Series::idxmax() const {
  const std::size_t p = extreme(*this, true, "Series::idxmax");
  return index_.slice(p, p + 1);
}

}  // namespace hamilton
