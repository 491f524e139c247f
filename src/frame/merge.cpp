// merge: rows of two frames paired on equal key columns (pandas' pd.merge),
// with pandas' row order for each `how` and suffixes for overlapping columns.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "hamilton/frame/combine.hpp"
#include "internal.hpp"
#include "ops_internal.hpp"

namespace hamilton {
namespace {

// Dense codes (0 .. count - 1) of one key column over left rows then right rows: equal values
// (and all missing values, which pandas matches with each other) share a code.
struct KeyCodes {
  std::vector<std::size_t> codes;
  std::size_t count = 0;
};

KeyCodes factorize_pair(const Series &l, const Series &r) {
  const std::size_t nl = l.size(), n = nl + r.size();
  KeyCodes out;
  out.codes.resize(n);
  auto at = [&](std::size_t i) -> const Series & { return i < nl ? l : r; };
  auto row = [&](std::size_t i) { return i < nl ? i : i - nl; };
  std::size_t missing_code = detail::npos;
  auto missing = [&] {
    if (missing_code == detail::npos) missing_code = out.count++;
    return missing_code;
  };
  if (l.dtype() == DType::string) {
    std::unordered_map<std::string_view, std::size_t> m;
    m.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      const Series &s = at(i);
      if (s.is_missing(row(i))) {
        out.codes[i] = missing();
        continue;
      }
      auto [it, added] = m.emplace(s.values<std::string>()[row(i)], out.count);
      if (added) ++out.count;
      out.codes[i] = it->second;
    }
    return out;
  }
  std::unordered_map<std::int64_t, std::size_t> m;
  m.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Series &s = at(i);
    const std::size_t k = row(i);
    if (s.is_missing(k)) {
      out.codes[i] = missing();
      continue;
    }
    std::int64_t bits;
    switch (s.dtype()) {
      case DType::float64: {
        double d = s.values<double>()[k];
        if (d == 0) d = 0;  // -0.0 == 0.0
        std::memcpy(&bits, &d, sizeof bits);
        break;
      }
      case DType::boolean:
        bits = s.values<bool>()[k];
        break;
      default:
        bits = s.values<std::int64_t>()[k];
    }
    auto [it, added] = m.emplace(bits, out.count);
    if (added) ++out.count;
    out.codes[i] = it->second;
  }
  return out;
}

// Rows grouped by dense code (counting sort): the rows of code c, in row order, are
// rows[start[c] .. start[c + 1]).
struct RowsByCode {
  std::vector<std::size_t> start, rows;

  RowsByCode(const std::vector<std::size_t> &code, std::size_t from, std::size_t to,
             std::size_t count)
      : start(count + 1, 0), rows(to - from) {
    for (std::size_t i = from; i < to; ++i) ++start[code[i] + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = from; i < to; ++i) rows[next[code[i]]++] = i - from;
  }
  bool has(std::size_t c) const { return start[c + 1] > start[c]; }
  template <class F>
  void each(std::size_t c, F &&f) const {
    for (std::size_t k = start[c]; k < start[c + 1]; ++k) f(rows[k]);
  }
};

// Three-way comparison of key values at rows a and b of the stacked keys
// (missing last, as pandas sorts the keys of an outer merge).
int compare_keys(const std::vector<Series> &keys, std::size_t a, std::size_t b) {
  for (const auto &k : keys) {
    const bool ma = k.is_missing(a), mb = k.is_missing(b);
    if (ma || mb) {
      if (ma != mb) return ma ? 1 : -1;
      continue;
    }
    int c = 0;
    switch (k.dtype()) {
      case DType::string: {
        int x = k.values<std::string>()[a].compare(k.values<std::string>()[b]);
        c = x < 0 ? -1 : x > 0;
        break;
      }
      case DType::float64: {
        double x = k.values<double>()[a], y = k.values<double>()[b];
        c = x < y ? -1 : y < x;
        break;
      }
      case DType::boolean: {
        bool x = k.values<bool>()[a], y = k.values<bool>()[b];
        c = x < y ? -1 : y < x;
        break;
      }
      default: {
        std::int64_t x = k.values<std::int64_t>()[a], y = k.values<std::int64_t>()[b];
        c = x < y ? -1 : y < x;
      }
    }
    if (c) return c;
  }
  return 0;
}

// The key name of an index side (no column can be named so).
const std::string kIndexKey = std::string("\0index", 6);

void check_index_options(const MergeOptions &o) {
  if (!o.on.empty())
    throw Error(
        "merge: give the keys either as MergeOptions::on or with left_index / right_index "
        "(and left_on / right_on), not both");
  if (o.left_index && !o.left_on.empty())
    throw Error(
        "merge: give left_on or left_index, not both (pandas: Can only pass argument "
        "\"left_on\" OR \"left_index\" not both)");
  if (o.right_index && !o.right_on.empty())
    throw Error(
        "merge: give right_on or right_index, not both (pandas: Can only pass argument "
        "\"right_on\" OR \"right_index\" not both)");
  if (o.left_index && !o.right_index && o.right_on.empty())
    throw Error(
        "merge: left_index pairs the left frame's index with the right frame's keys; "
        "give right_index or one right_on column");
  if (o.right_index && !o.left_index && o.left_on.empty())
    throw Error(
        "merge: right_index pairs the right frame's index with the left frame's keys; "
        "give left_index or one left_on column");
  if (o.left_index && o.right_on.size() > 1)
    throw Error(
        "merge: left_index pairs the left frame's index (one level) with one right_on "
        "column; right_on has " +
        std::to_string(o.right_on.size()));
  if (o.right_index && o.left_on.size() > 1)
    throw Error(
        "merge: right_index pairs the right frame's index (one level) with one left_on "
        "column; left_on has " +
        std::to_string(o.left_on.size()));
}

// The result's index when an index is a key, as pandas makes it: both indexes the key (from
// the left row, else the right row; its name the common name, or with how = left / right that
// side's); with left_on the left frame's labels, with right_on the right frame's.
Index merged_index(const DataFrame &left, const DataFrame &right, const MergeOptions &o,
                   const Series &stacked_key, const std::vector<std::size_t> &lp,
                   const std::vector<std::size_t> &rp, bool duplicate_keys) {
  const std::size_t n = lp.size(), nl = left.num_rows();
  if (o.left_index && o.right_index) {
    std::vector<std::size_t> pos(n);
    for (std::size_t r = 0; r < n; ++r) pos[r] = lp[r] != detail::npos ? lp[r] : nl + rp[r];
    // pandas: with a duplicate label on either side the left index's name; else the common
    // name for inner and outer, each side's for left and right
    std::string name;
    const std::string &ln = left.index().name(), &rn = right.index().name();
    if (duplicate_keys || o.how == MergeHow::left)
      name = ln;
    else if (o.how == MergeHow::right)
      name = rn;
    else if (ln == rn)
      name = ln;
    return detail::series_as_index(stacked_key.take(pos, Index::range(n)), name, "merge");
  }
  const bool from_left = o.right_index;  // left_on + right_index: the left frame's labels
  const std::vector<std::size_t> &p = from_left ? lp : rp;
  for (std::size_t r = 0; r < n; ++r)
    if (p[r] == detail::npos)
      throw Error(std::string("merge: with ") +
                  (from_left ? "left_on and right_index" : "left_index and right_on") +
                  " the result's index is the " + (from_left ? "left" : "right") +
                  " frame's, and a " + (from_left ? "right" : "left") +
                  " row that matches no row of the other frame would get a missing index "
                  "label (pandas makes the index float with NaN), which an Index cannot hold; "
                  "use how = " +
                  (from_left ? "inner or left" : "inner or right") +
                  ", or merge on columns (reset_index() and left_on / right_on)");
  return (from_left ? left : right).index().take(p);
}

}  // namespace

DataFrame merge(const DataFrame &left, const DataFrame &right, const MergeOptions &options) {
  const bool li = options.left_index, ri = options.right_index;
  if (li || ri) check_index_options(options);
  // the key columns of each side, paired by position (an index side: the one name kIndexKey)
  std::vector<std::string> left_keys, right_keys;
  if (li || ri) {
    left_keys = li ? std::vector<std::string>{kIndexKey} : options.left_on;
    right_keys = ri ? std::vector<std::string>{kIndexKey} : options.right_on;
  } else if (!options.left_on.empty() || !options.right_on.empty()) {
    if (!options.on.empty())
      throw Error(
          "merge: give the key columns either as MergeOptions::on or as left_on and right_on, "
          "not both");
    if (options.left_on.empty() || options.right_on.empty())
      throw Error(std::string("merge: ") + (options.left_on.empty() ? "right_on" : "left_on") +
                  " is given without " + (options.left_on.empty() ? "left_on" : "right_on") +
                  "; give the key columns of both frames, paired by position");
    if (options.left_on.size() != options.right_on.size())
      throw Error("merge: left_on has " + std::to_string(options.left_on.size()) +
                  " column(s) and right_on " + std::to_string(options.right_on.size()) +
                  "; they pair the key columns by position, so give as many of each");
    left_keys = options.left_on;
    right_keys = options.right_on;
  } else {
    left_keys = options.on;
    if (left_keys.empty()) {
      for (const auto &c : left.columns())
        if (right.contains(c.name())) left_keys.push_back(c.name());
      if (left_keys.empty())
        throw Error(
            "merge: the frames have no column in common to merge on; pass the key columns as "
            "MergeOptions::on (or left_on and right_on)");
    }
    right_keys = left_keys;
  }
  // a key of one name on both sides is one column of the result; other keys are columns
  std::unordered_set<std::string> keyset;
  std::vector<std::string> on;  // the keys of one name, in order
  {
    const bool paired = !options.left_on.empty();
    std::unordered_set<std::string> seen_left, seen_right;
    for (std::size_t i = 0; i < left_keys.size() && !li && !ri; ++i) {
      if (!seen_left.insert(left_keys[i]).second)
        throw Error("merge: key column '" + left_keys[i] + "' is given twice in " +
                    (paired ? "left_on" : "on"));
      if (paired && !seen_right.insert(right_keys[i]).second)
        throw Error("merge: key column '" + right_keys[i] + "' is given twice in right_on");
      if (left_keys[i] == right_keys[i]) {
        keyset.insert(left_keys[i]);
        on.push_back(left_keys[i]);
      }
    }
  }
  const std::size_t nl = left.num_rows(), nr = right.num_rows();
  // Joint dense codes of the key tuple over left rows then right rows.
  std::vector<std::size_t> code;
  std::size_t codes = 0;
  std::vector<Series> stacked;             // each key's values over left rows then right rows
  std::vector<std::size_t> stacked_of_on;  // per name of `on`: its entry of `stacked`
  for (std::size_t i = 0; i < left_keys.size(); ++i) {
    const std::string &lk = left_keys[i], &rk = right_keys[i];
    const Series l = li ? detail::index_as_series(left.index(), kIndexKey, Index::range(nl))
                        : detail::column_for(left, lk, "merge (left frame)");
    const Series r = ri ? detail::index_as_series(right.index(), kIndexKey, Index::range(nr))
                        : detail::column_for(right, rk, "merge (right frame)");
    if ((li || ri) && l.dtype() != r.dtype())
      throw Error("merge: the left frame's " +
                  (li ? std::string("index") : "key column '" + lk + "'") + " is " +
                  detail::dtype_label(l.dtype()) + " and the right frame's " +
                  (ri ? std::string("index") : "key column '" + rk + "'") + " is " +
                  detail::dtype_label(r.dtype()) +
                  "; convert one (astype, or set_index / reset_index) so both have the same "
                  "dtype");
    if (l.dtype() != r.dtype() && lk == rk)
      throw Error("merge: key column '" + lk + "' is " + detail::dtype_label(l.dtype()) +
                  " in the left frame and " + detail::dtype_label(r.dtype()) +
                  " in the right frame; convert one with astype so both have the same dtype");
    if (l.dtype() != r.dtype())
      throw Error("merge: key columns '" + lk + "' (left frame, " + detail::dtype_label(l.dtype()) +
                  ") and '" + rk + "' (right frame, " + detail::dtype_label(r.dtype()) +
                  ") are paired but differ in dtype; convert one with astype so both have the "
                  "same dtype");
    if (lk == rk && !li && !ri) stacked_of_on.push_back(stacked.size());
    auto c = factorize_pair(l, r);
    if (i == 0) {
      code = std::move(c.codes);
      codes = c.count;
    } else {  // (code, c) as one number (both < nl + nr), densified again
      std::unordered_map<std::uint64_t, std::size_t> combined;
      combined.reserve(code.size());
      std::size_t count = 0;
      for (std::size_t row = 0; row < code.size(); ++row) {
        const std::uint64_t joint = static_cast<std::uint64_t>(code[row]) * c.count + c.codes[row];
        auto [it, added] = combined.emplace(joint, count);
        if (added) ++count;
        code[row] = it->second;
      }
      codes = count;
    }
    stacked.push_back(concat(std::vector<Series>{l, r.rename(l.name())}, true));
  }
  const RowsByCode right_rows(code, nl, nl + nr, codes);
  std::vector<std::size_t> lp, rp;  // result rows: positions on each side (npos = none)
  auto emit = [&](std::size_t l, std::size_t r) {
    lp.push_back(l);
    rp.push_back(r);
  };
  switch (options.how) {
    case MergeHow::inner:
    case MergeHow::left:
      lp.reserve(nl);
      rp.reserve(nl);
      for (std::size_t i = 0; i < nl; ++i) {
        if (right_rows.has(code[i]))
          right_rows.each(code[i], [&](std::size_t j) { emit(i, j); });
        else if (options.how == MergeHow::left)
          emit(i, detail::npos);
      }
      break;
    case MergeHow::right: {
      const RowsByCode left_rows(code, 0, nl, codes);
      lp.reserve(nr);
      rp.reserve(nr);
      for (std::size_t j = 0; j < nr; ++j) {
        if (left_rows.has(code[nl + j]))
          left_rows.each(code[nl + j], [&](std::size_t i) { emit(i, j); });
        else
          emit(detail::npos, j);
      }
      break;
    }
    case MergeHow::outer: {
      // One representative stacked row per key (its first), the keys sorted.
      std::vector<std::size_t> reps;
      {
        std::vector<bool> seen(codes, false);
        for (std::size_t i = 0; i < nl + nr; ++i)
          if (!seen[code[i]]) {
            seen[code[i]] = true;
            reps.push_back(i);
          }
      }
      std::stable_sort(reps.begin(), reps.end(), [&](std::size_t a, std::size_t b) {
        return compare_keys(stacked, a, b) < 0;
      });
      const RowsByCode left_rows(code, 0, nl, codes);
      for (auto rep : reps) {
        const std::size_t c = code[rep];
        const bool in_left = left_rows.has(c), in_right = right_rows.has(c);
        if (in_left && in_right) {
          left_rows.each(
              c, [&](std::size_t i) { right_rows.each(c, [&](std::size_t j) { emit(i, j); }); });
        } else if (in_left) {
          left_rows.each(c, [&](std::size_t i) { emit(i, detail::npos); });
        } else {
          right_rows.each(c, [&](std::size_t j) { emit(detail::npos, j); });
        }
      }
      break;
    }
  }
  bool duplicate_keys = false;
  if (li && ri) {
    std::vector<bool> seen_left(codes, false), seen_right(codes, false);
    for (std::size_t i = 0; i < nl && !duplicate_keys; ++i) {
      duplicate_keys = seen_left[code[i]];
      seen_left[code[i]] = true;
    }
    for (std::size_t j = 0; j < nr && !duplicate_keys; ++j) {
      duplicate_keys = seen_right[code[nl + j]];
      seen_right[code[nl + j]] = true;
    }
  }
  const Index ix = (li || ri)
                       ? merged_index(left, right, options, stacked.front(), lp, rp, duplicate_keys)
                       : Index::range(lp.size());
  std::vector<Series> cols;
  std::unordered_set<std::string> right_names, left_names;
  for (const auto &c : right.columns())
    if (!keyset.count(c.name())) right_names.insert(c.name());
  for (const auto &c : left.columns())
    if (!keyset.count(c.name())) left_names.insert(c.name());
  auto suffixed = [&](const std::string &name, bool is_left) {
    bool overlap = is_left ? right_names.count(name) > 0 : left_names.count(name) > 0;
    if (!overlap) return name;
    if (options.left_suffix.empty() && options.right_suffix.empty())
      throw Error("merge: column '" + name +
                  "' is in both frames and both suffixes are empty; give left_suffix or "
                  "right_suffix");
    return name + (is_left ? options.left_suffix : options.right_suffix);
  };
  for (const auto &c : left.columns()) {
    if (keyset.count(c.name())) {
      // The key: from the left row, or the right row where there is no left row.
      std::size_t k = stacked_of_on[static_cast<std::size_t>(
          std::find(on.begin(), on.end(), c.name()) - on.begin())];
      std::vector<std::size_t> pos(lp.size());
      for (std::size_t r = 0; r < lp.size(); ++r)
        pos[r] = lp[r] != detail::npos ? lp[r] : nl + rp[r];
      cols.push_back(stacked[k].rename(c.name()).take(pos, ix));
    } else {
      cols.push_back(c.take(lp, ix).rename(suffixed(c.name(), true)));
    }
  }
  for (const auto &c : right.columns())
    if (!keyset.count(c.name())) cols.push_back(c.take(rp, ix).rename(suffixed(c.name(), false)));
  return detail::frame_of(std::move(cols), ix);
}

}  // namespace hamilton
