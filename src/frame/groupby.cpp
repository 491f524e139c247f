// GroupBy / SeriesGroupBy: rows grouped by the sorted values of a key column,
// reduced per group (agg) or broadcast back to the rows (transform), and the
// per-group reduction kernel Resampler shares.
#include "hamilton/frame/groupby.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "common/suggest.hpp"
#include "internal.hpp"
#include "ops_internal.hpp"

namespace hamilton {
namespace detail {
namespace {

constexpr std::pair<const char *, Reduction> kReductions[] = {
    {"sum", Reduction::sum}, {"mean", Reduction::mean},   {"min", Reduction::min},
    {"max", Reduction::max}, {"count", Reduction::count}, {"size", Reduction::size},
    {"std", Reduction::std}, {"first", Reduction::first}, {"last", Reduction::last}};

const char *reduction_name(Reduction r) {
  for (const auto &[name, red] : kReductions)
    if (red == r) return name;
  return "?";
}

template <class T, class F>
Series reduce_typed(DType out_dtype, std::size_t groups, const Series &col, const Index &ix,
                    F &&per_group) {
  auto b = alloc<T>(groups);
  for (std::size_t g = 0; g < groups; ++g) b.data[g] = per_group(g);
  return make_series(out_dtype, groups, b, col.name(), ix);
}

}  // namespace

Reduction parse_reduction(std::string_view name, std::string_view what) {
  std::string list, best;
  std::size_t best_d = static_cast<std::size_t>(-1);
  for (const auto &[n, r] : kReductions) {
    if (name == n) return r;
    list += (list.empty() ? "'" : ", '") + std::string(n) + "'";
    std::size_t d = edit_distance(name, n);
    if (d < best_d) best_d = d, best = n;
  }
  std::string msg = std::string(what) + ": unknown reduction '" + std::string(name) + "'";
  if (best_d <= 2) msg += " (did you mean '" + best + "'?)";
  throw Error(msg + "; the reductions are " + list);
}

Series grouped_reduce(const Series &col, Reduction red, const std::vector<std::size_t> &codes,
                      const Index &ix, std::string_view what) {
  const std::size_t groups = ix.size(), n = col.size();
  const DType t = col.dtype();
  // Rows of each group, in row order (CSR: rows[start[g] .. start[g+1]]).
  std::vector<std::size_t> start(groups + 1, 0), rows;
  for (auto c : codes)
    if (c != npos) ++start[c + 1];
  for (std::size_t g = 0; g < groups; ++g) start[g + 1] += start[g];
  rows.resize(start[groups]);
  {
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t r = 0; r < n; ++r)
      if (codes[r] != npos) rows[fill[codes[r]]++] = r;
  }
  auto refuse = [&](const char *why) -> Series {
    throw Error(std::string(what) + ": cannot take the " + reduction_name(red) + " of " +
                col.describe() + " " + why);
  };
  auto missing = [&](std::size_t r) { return col.is_missing(r); };
  switch (red) {
    case Reduction::size:
      return reduce_typed<std::int64_t>(DType::int64, groups, col, ix, [&](std::size_t g) {
        return static_cast<std::int64_t>(start[g + 1] - start[g]);
      });
    case Reduction::count:
      return reduce_typed<std::int64_t>(DType::int64, groups, col, ix, [&](std::size_t g) {
        std::int64_t c = 0;
        for (std::size_t k = start[g]; k < start[g + 1]; ++k) c += !missing(rows[k]);
        return c;
      });
    case Reduction::sum:
    case Reduction::mean:
    case Reduction::std: {
      if (!is_numeric(t)) return refuse("(it needs a numeric column)");
      if (red == Reduction::sum && t != DType::float64) {
        return reduce_typed<std::int64_t>(DType::int64, groups, col, ix, [&](std::size_t g) {
          std::uint64_t s = 0;  // wraps like numpy
          for (std::size_t k = start[g]; k < start[g + 1]; ++k)
            s += static_cast<std::uint64_t>(static_cast<std::int64_t>(col.as_double(rows[k])));
          return static_cast<std::int64_t>(s);
        });
      }
      const double *f = t == DType::float64 ? col.values<double>().data() : nullptr;
      const std::int64_t *i = t == DType::int64 ? col.values<std::int64_t>().data() : nullptr;
      auto value = [&](std::size_t r) {
        return f ? f[r] : i ? static_cast<double>(i[r]) : col.as_double(r);
      };
      if (red == Reduction::std) {
        // pandas' group_var: Welford's online update, ddof 1.
        return reduce_typed<double>(DType::float64, groups, col, ix, [&](std::size_t g) {
          double mean = 0, m2 = 0;
          std::size_t ct = 0;
          for (std::size_t k = start[g]; k < start[g + 1]; ++k) {
            double v = value(rows[k]);
            if (std::isnan(v)) continue;
            ++ct;
            double old = mean;
            mean += (v - old) / static_cast<double>(ct);
            m2 += (v - old) * (v - mean);
          }
          return ct <= 1 ? std::nan("") : std::sqrt(m2 / static_cast<double>(ct - 1));
        });
      }
      // pandas' group_sum / group_mean: Kahan-compensated sums.
      return reduce_typed<double>(DType::float64, groups, col, ix, [&](std::size_t g) {
        double sum = 0, comp = 0;
        std::size_t ct = 0;
        for (std::size_t k = start[g]; k < start[g + 1]; ++k) {
          double v = value(rows[k]);
          if (std::isnan(v)) continue;
          ++ct;
          double y = v - comp, s = sum + y;
          comp = s - sum - y;
          sum = s;
        }
        if (red == Reduction::sum) return sum;
        return ct ? sum / static_cast<double>(ct) : std::nan("");
      });
    }
    case Reduction::min:
    case Reduction::max:
    case Reduction::first:
    case Reduction::last: {
      // The chosen row of each group (npos: the group has no value).
      std::vector<std::size_t> pick(groups, npos);
      const bool is_min = red == Reduction::min;
      for (std::size_t g = 0; g < groups; ++g) {
        for (std::size_t k = start[g]; k < start[g + 1]; ++k) {
          const std::size_t r = rows[k];
          if (missing(r)) continue;
          std::size_t &p = pick[g];
          if (p == npos) {
            p = r;
            if (red == Reduction::first) break;
            continue;
          }
          if (red == Reduction::last) {
            p = r;
            continue;
          }
          bool better;
          switch (t) {
            case DType::string: {
              const auto &a = col.values<std::string>()[r], &b = col.values<std::string>()[p];
              better = is_min ? a < b : b < a;
              break;
            }
            case DType::int64:
            case DType::datetime:
            case DType::timedelta: {
              auto a = col.values<std::int64_t>()[r], b = col.values<std::int64_t>()[p];
              better = is_min ? a < b : b < a;
              break;
            }
            default: {
              double a = col.as_double(r), b = col.as_double(p);
              better = is_min ? a < b : b < a;
            }
          }
          if (better) p = r;
        }
      }
      return col.take(pick, ix);
    }
  }
  return refuse("");
}

}  // namespace detail

namespace {

struct Groups {
  std::vector<std::size_t> codes;  // per row (npos = missing key)
  Index index;                     // the sorted keys, named after the key column
};

const Series &key_column(const DataFrame &df, const std::string &key) {
  const Series &k = detail::column_for(df, key, "groupby");
  if (k.dtype() == DType::float64 || k.dtype() == DType::boolean)
    throw Error("groupby: key " + k.describe() +
                " cannot be the result's index (an index holds int64, string or datetime "
                "labels); convert the key with astype first");
  return k;
}

Groups make_groups(const DataFrame &df, const std::string &key) {
  const Series &k = key_column(df, key);
  const std::size_t n = k.size();
  Groups g;
  g.codes.assign(n, detail::npos);
  std::vector<std::size_t> firsts;  // the first row of each group, in key order
  // Hash the keys to provisional ids in order of appearance, then sort the
  // distinct keys and renumber (O(n) hashing + O(groups log groups)).
  auto run = [&]<class K>(auto values, K) {
    std::unordered_map<K, std::size_t> ids;
    std::vector<std::size_t> rep;  // first row of each provisional id
    for (std::size_t r = 0; r < n; ++r) {
      if (k.is_missing(r)) continue;
      auto [it, added] = ids.emplace(K(values[r]), rep.size());
      if (added) rep.push_back(r);
      g.codes[r] = it->second;
    }
    std::vector<std::size_t> by_key(rep.size()), rank(rep.size());
    std::iota(by_key.begin(), by_key.end(), std::size_t{0});
    std::sort(by_key.begin(), by_key.end(),
              [&](std::size_t a, std::size_t b) { return values[rep[a]] < values[rep[b]]; });
    for (std::size_t j = 0; j < by_key.size(); ++j) {
      rank[by_key[j]] = j;
      firsts.push_back(rep[by_key[j]]);
    }
    for (auto &c : g.codes)
      if (c != detail::npos) c = rank[c];
  };
  if (k.dtype() == DType::string)
    run(k.values<std::string>(), std::string_view());
  else
    run(k.values<std::int64_t>(), std::int64_t{0});
  g.index = detail::series_as_index(k.take(firsts, Index::range(firsts.size())), key, "groupby");
  return g;
}

}  // namespace

GroupBy DataFrame::groupby(const std::string &key) const { return GroupBy(*this, key); }

GroupBy::GroupBy(DataFrame frame, std::string key)
    : frame_(std::move(frame)), key_(std::move(key)) {
  key_column(frame_, key_);
}

DataFrame GroupBy::agg(std::string_view reduction) const {
  std::vector<std::pair<std::string, std::string>> all;
  for (const auto &c : frame_.columns())
    if (c.name() != key_) all.emplace_back(c.name(), std::string(reduction));
  if (all.empty()) detail::parse_reduction(reduction, "groupby.agg");
  return agg(all);
}

DataFrame GroupBy::agg(const std::vector<std::pair<std::string, std::string>> &spec) const {
  Groups g = make_groups(frame_, key_);
  std::vector<Series> cols;
  for (const auto &[name, red] : spec) {
    if (name == key_)
      throw Error("groupby.agg: '" + name + "' is the key column; it is the result's index");
    const Series &c = detail::column_for(frame_, name, "groupby.agg");
    cols.push_back(detail::grouped_reduce(c, detail::parse_reduction(red, "groupby.agg"), g.codes,
                                          g.index, "groupby.agg"));
  }
  DataFrame out = detail::frame_of(std::move(cols), g.index);
  return out;
}

Series GroupBy::size() const {
  Groups g = make_groups(frame_, key_);
  return detail::grouped_reduce(frame_[key_], detail::Reduction::size, g.codes, g.index,
                                "groupby.size")
      .rename("");
}

DataFrame GroupBy::transform(std::string_view reduction) const {
  std::vector<Series> cols;
  for (const auto &c : frame_.columns())
    if (c.name() != key_) cols.push_back((*this)[c.name()].transform(reduction));
  return detail::frame_of(std::move(cols), frame_.index());
}

SeriesGroupBy GroupBy::operator[](const std::string &column) const {
  return SeriesGroupBy(*this, column);
}

SeriesGroupBy::SeriesGroupBy(GroupBy groups, std::string column)
    : groups_(std::move(groups)), column_(std::move(column)) {
  detail::column_for(groups_.frame(), column_, "groupby[]");
}

Series SeriesGroupBy::agg(std::string_view reduction) const {
  Groups g = make_groups(groups_.frame(), groups_.key());
  return detail::grouped_reduce(groups_.frame()[column_],
                                detail::parse_reduction(reduction, "groupby.agg"), g.codes, g.index,
                                "groupby.agg");
}

Series SeriesGroupBy::transform(std::string_view reduction) const {
  Groups g = make_groups(groups_.frame(), groups_.key());
  const Series &c = groups_.frame()[column_];
  Series per_group =
      detail::grouped_reduce(c, detail::parse_reduction(reduction, "groupby.transform"), g.codes,
                             g.index, "groupby.transform");
  return per_group.take(g.codes, c.index());
}

}  // namespace hamilton
