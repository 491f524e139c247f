// DataFrame::sort_values / sort_index: a stable order of the rows by key
// columns or by the index, missing values last (pandas' na_position='last').
#include <algorithm>
#include <numeric>

#include "hamilton/frame/dataframe.hpp"
#include "internal.hpp"
#include "ops_internal.hpp"

namespace hamilton {
namespace {

// Three-way comparison of rows a and b of one key, missing values last.
struct Key {
  DType dtype;
  const double *f = nullptr;
  const std::int64_t *i = nullptr;
  const bool *b = nullptr;
  const std::string *s = nullptr;
  const Series *series = nullptr;
  bool ascending = true;

  bool missing(std::size_t r) const {
    switch (dtype) {
      case DType::float64:
        return std::isnan(f[r]);
      case DType::datetime:
      case DType::timedelta:
        return i[r] == kNaT;
      case DType::string:
        return series->is_missing(r);
      default:
        return false;
    }
  }
  int compare(std::size_t x, std::size_t y) const {
    const bool mx = missing(x), my = missing(y);
    if (mx || my) return mx == my ? 0 : (mx ? 1 : -1);  // last in either direction
    int c = 0;
    switch (dtype) {
      case DType::float64:
        c = f[x] < f[y] ? -1 : f[y] < f[x];
        break;
      case DType::int64:
      case DType::datetime:
      case DType::timedelta:
        c = i[x] < i[y] ? -1 : i[y] < i[x];
        break;
      case DType::boolean:
        c = b[x] < b[y] ? -1 : b[y] < b[x];
        break;
      case DType::string:
        c = s[x].compare(s[y]);
        c = c < 0 ? -1 : c > 0;
        break;
    }
    return ascending ? c : -c;
  }
};

Key key_of(const Series &s, bool ascending) {
  Key k{s.dtype()};
  k.series = &s;
  k.ascending = ascending;
  switch (s.dtype()) {
    case DType::float64:
      k.f = s.values<double>().data();
      break;
    case DType::int64:
    case DType::datetime:
    case DType::timedelta:
      k.i = s.values<std::int64_t>().data();
      break;
    case DType::boolean:
      k.b = s.values<bool>().data();
      break;
    case DType::string:
      k.s = s.values<std::string>().data();
      break;
  }
  return k;
}

// One numeric key: missing rows set aside (they go last, in row order), the
// others sorted on the raw values.
template <class T>
std::vector<std::size_t> stable_order_one(const T *v, const Key &k, std::size_t n) {
  std::vector<std::size_t> order, missing;
  order.reserve(n);
  for (std::size_t r = 0; r < n; ++r) (k.missing(r) ? missing : order).push_back(r);
  if (k.ascending)
    std::stable_sort(order.begin(), order.end(),
                     [v](std::size_t x, std::size_t y) { return v[x] < v[y]; });
  else
    std::stable_sort(order.begin(), order.end(),
                     [v](std::size_t x, std::size_t y) { return v[y] < v[x]; });
  order.insert(order.end(), missing.begin(), missing.end());
  return order;
}

std::vector<std::size_t> stable_order(const std::vector<Key> &keys, std::size_t n) {
  if (keys.size() == 1 && keys[0].f) return stable_order_one(keys[0].f, keys[0], n);
  if (keys.size() == 1 && keys[0].i) return stable_order_one(keys[0].i, keys[0], n);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    for (const auto &k : keys) {
      int c = k.compare(x, y);
      if (c) return c < 0;
    }
    return false;
  });
  return order;
}

DataFrame reorder(const DataFrame &df, const std::vector<std::size_t> &order) {
  bool identity = true;
  for (std::size_t r = 0; r < order.size() && identity; ++r) identity = order[r] == r;
  if (identity) return df;
  return detail::take_rows(df, order, df.index().take(order));
}

}  // namespace

DataFrame DataFrame::sort_values(const std::string &by, bool ascending) const {
  return sort_values(std::vector<std::string>{by}, std::vector<bool>{ascending});
}

DataFrame DataFrame::sort_values(const std::vector<std::string> &by,
                                 std::vector<bool> ascending) const {
  if (by.empty()) throw Error("DataFrame::sort_values: no columns to sort by (by is empty)");
  if (ascending.empty()) ascending.assign(by.size(), true);
  if (ascending.size() == 1 && by.size() > 1) ascending.assign(by.size(), ascending[0]);
  if (ascending.size() != by.size())
    throw Error("DataFrame::sort_values: " + std::to_string(by.size()) +
                " columns to sort by but " + std::to_string(ascending.size()) +
                " ascending flags (give one per column, or one for all)");
  std::vector<Key> keys;
  keys.reserve(by.size());
  for (std::size_t k = 0; k < by.size(); ++k)
    keys.push_back(
        key_of(detail::column_for(*this, by[k], "DataFrame::sort_values"), ascending[k]));
  return reorder(*this, stable_order(keys, num_rows()));
}

DataFrame DataFrame::sort_index(bool ascending) const {
  if (index_.kind() == Index::Kind::range && ascending) return *this;
  Series labels = detail::index_as_series(index_, "index", Index::range(index_.size()));
  return reorder(*this, stable_order({key_of(labels, ascending)}, num_rows()));
}

}  // namespace hamilton
