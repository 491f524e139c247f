// concat: frames stacked (axis 0) or side by side (axis 1), and Series one
// after another (pandas' pd.concat).
#include <unordered_set>

#include "hamilton/frame/combine.hpp"
#include "internal.hpp"
#include "ops_internal.hpp"

namespace hamilton {
namespace {

// A piece of a concatenated column: a Series, or `rows` missing values.
struct Piece {
  const Series *s = nullptr;
  std::size_t rows = 0;
};

// The dtype of pieces stacked: equal dtypes stay, int64 with float64 (or int64
// with missing rows) becomes float64, others are an error.
DType stacked_dtype(const std::vector<Piece> &pieces, const std::string &name,
                    std::string_view what) {
  const Series *first = nullptr;
  bool gaps = false, floats = false, ints = false;
  for (const auto &p : pieces) {
    if (!p.s) {
      gaps = gaps || p.rows > 0;
      continue;
    }
    if (p.s->dtype() == DType::float64) floats = true;
    if (p.s->dtype() == DType::int64) ints = true;
    if (!first) {
      first = p.s;
      continue;
    }
    if (p.s->dtype() == first->dtype()) continue;
    if ((p.s->dtype() == DType::float64 || p.s->dtype() == DType::int64) &&
        (first->dtype() == DType::float64 || first->dtype() == DType::int64))
      continue;
    throw Error(std::string(what) + ": column '" + name + "' is " +
                detail::dtype_label(first->dtype()) + " in one part and " +
                detail::dtype_label(p.s->dtype()) +
                " in another; convert them to one dtype with astype first (pandas would make an "
                "object column)");
  }
  if (!first) return DType::float64;
  if (floats && ints) return DType::float64;
  DType t = first->dtype();
  if (gaps && (t == DType::int64 || t == DType::boolean)) return DType::float64;
  return t;
}

Series stack(const std::vector<Piece> &pieces, const std::string &name, const Index &index,
             std::string_view what) {
  const DType t = stacked_dtype(pieces, name, what);
  const std::size_t n = index.size();
  switch (t) {
    case DType::float64: {
      auto b = detail::alloc<double>(n);
      std::size_t o = 0;
      for (const auto &p : pieces) {
        if (!p.s) {
          for (std::size_t i = 0; i < p.rows; ++i) b.data[o++] = std::nan("");
          continue;
        }
        for (std::size_t i = 0; i < p.s->size(); ++i) b.data[o++] = p.s->as_double(i);
      }
      return detail::make_series(t, n, b, name, index);
    }
    case DType::int64:
    case DType::datetime:
    case DType::timedelta: {
      auto b = detail::alloc<std::int64_t>(n);
      std::size_t o = 0;
      for (const auto &p : pieces) {
        if (!p.s) {
          for (std::size_t i = 0; i < p.rows; ++i) b.data[o++] = kNaT;
          continue;
        }
        for (auto v : p.s->values<std::int64_t>()) b.data[o++] = v;
      }
      return detail::make_series(t, n, b, name, index);
    }
    case DType::boolean: {
      auto b = detail::alloc<bool>(n);
      std::size_t o = 0;
      for (const auto &p : pieces)
        for (auto v : p.s->values<bool>()) b.data[o++] = v;
      return detail::make_series(t, n, b, name, index);
    }
    case DType::string: {
      std::vector<std::string> v;
      std::vector<bool> na;
      v.reserve(n);
      na.reserve(n);
      for (const auto &p : pieces) {
        if (!p.s) {
          v.insert(v.end(), p.rows, std::string());
          na.insert(na.end(), p.rows, true);
          continue;
        }
        auto x = p.s->values<std::string>();
        for (std::size_t i = 0; i < x.size(); ++i) {
          v.push_back(x[i]);
          na.push_back(p.s->is_missing(i));
        }
      }
      return Series::strings(std::move(v), std::move(na), name, index);
    }
  }
  return {};
}

// The labels of `parts` one after another (pandas' Index.append); the name is
// kept when all names agree.
Index stacked_index(const std::vector<const Index *> &parts, std::string_view what) {
  std::size_t n = 0;
  const Index *kind = nullptr;
  bool ranges_follow = true;
  std::int64_t next = 0;
  std::string name = parts.empty() ? std::string() : parts[0]->name();
  for (const Index *ix : parts) {
    if (ix->name() != name) name.clear();
    if (ix->empty()) continue;
    n += ix->size();
    if (ix->kind() != Index::Kind::range || (kind && ix->range_start() != next))
      ranges_follow = false;
    next = ix->range_start() + static_cast<std::int64_t>(ix->size());
    if (!kind) {
      kind = ix;
      continue;
    }
    bool same_family = kind->is_integer() ? ix->is_integer() : kind->kind() == ix->kind();
    if (!same_family)
      throw Error(std::string(what) + ": cannot put a " + std::string(ix->kind_name()) +
                  " index after a " + std::string(kind->kind_name()) +
                  " index (pass ignore_index = true, or set_index on both)");
  }
  if (!kind) return Index::range(0).rename(name);
  if (ranges_follow) return Index::range(kind->range_start(), next).rename(name);
  if (kind->kind() == Index::Kind::string) {
    std::vector<std::string> v;
    v.reserve(n);
    for (const Index *ix : parts)
      for (std::size_t i = 0; i < ix->size(); ++i) v.push_back(ix->str_at(i));
    return Index::from_strings(std::move(v)).rename(name);
  }
  std::vector<std::int64_t> v;
  v.reserve(n);
  for (const Index *ix : parts)
    for (std::size_t i = 0; i < ix->size(); ++i) v.push_back(ix->int_at(i));
  return (kind->kind() == Index::Kind::datetime ? Index::from_datetime(std::move(v))
                                                : Index::from_int64(std::move(v)))
      .rename(name);
}

// pandas' Index.union(sort=False) of unique indexes, as concat(axis=1) does it:
// the other's new labels follow in their order.
Index union_unsorted(const Index &a, const Index &b) {
  if (a.equals(b)) return a;
  detail::join_indexes(a, b, detail::JoinHow::outer, "concat(axis = 1)");  // kinds, duplicates
  std::vector<std::size_t> missing;
  auto pos = detail::index_positions(a, b, "concat(axis = 1)");
  for (std::size_t i = 0; i < pos.size(); ++i)
    if (pos[i] == detail::npos) missing.push_back(i);
  Index extra = b.take(missing);
  return stacked_index({&a, &extra}, "concat(axis = 1)")
      .rename(a.name() == b.name() ? a.name() : "");
}

DataFrame concat_columns(const std::vector<DataFrame> &frames) {
  std::vector<const DataFrame *> parts;
  for (const auto &f : frames)
    if (f.num_columns()) parts.push_back(&f);
  if (parts.empty()) return DataFrame();
  Index ix = parts[0]->index();
  for (std::size_t k = 1; k < parts.size(); ++k) {
    const Index &o = parts[k]->index();
    if (ix.same(o) || ix.equals(o)) continue;
    ix = union_unsorted(ix, o);
  }
  std::vector<Series> cols;
  std::unordered_set<std::string> seen;
  for (const DataFrame *f : parts) {
    std::vector<std::size_t> pos;
    const bool same = f->index().same(ix) || f->index().equals(ix);
    if (!same) pos = detail::index_positions(f->index(), ix, "concat(axis = 1)");
    for (const auto &c : f->columns()) {
      if (!seen.insert(c.name()).second)
        throw Error("concat(axis = 1): column '" + c.name() +
                    "' is in two frames; rename one first (a frame here has unique column names)");
      cols.push_back(same ? c.with_index(ix) : c.take(pos, ix));
    }
  }
  return detail::frame_of(std::move(cols), ix);
}

}  // namespace

DataFrame concat(const std::vector<DataFrame> &frames, const ConcatOptions &options) {
  if (options.axis != 0 && options.axis != 1)
    throw Error("concat: axis must be 0 (rows) or 1 (columns), got " +
                std::to_string(options.axis));
  if (options.axis == 1) {
    if (options.ignore_index)
      throw Error(
          "concat(axis = 1): ignore_index would name the columns 0, 1, ...; rename the columns "
          "instead (the frames are aligned on their index)");
    return concat_columns(frames);
  }
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  std::vector<const Index *> indexes;
  std::size_t rows = 0;
  for (const auto &f : frames) {
    for (const auto &c : f.columns())
      if (seen.insert(c.name()).second) names.push_back(c.name());
    indexes.push_back(&f.index());
    rows += f.num_rows();
  }
  if (names.empty()) return DataFrame();
  Index ix = options.ignore_index ? Index::range(rows) : stacked_index(indexes, "concat");
  std::vector<Series> cols;
  for (const auto &name : names) {
    std::vector<Piece> pieces;
    for (const auto &f : frames)
      pieces.push_back(f.contains(name) ? Piece{&f[name], f.num_rows()}
                                        : Piece{nullptr, f.num_rows()});
    cols.push_back(stack(pieces, name, ix, "concat"));
  }
  return detail::frame_of(std::move(cols), ix);
}

Series concat(const std::vector<Series> &series, bool ignore_index) {
  if (series.empty()) return Series();
  std::vector<Piece> pieces;
  std::vector<const Index *> indexes;
  std::string name = series[0].name();
  std::size_t rows = 0;
  for (const auto &s : series) {
    pieces.push_back(Piece{&s, s.size()});
    indexes.push_back(&s.index());
    if (s.name() != name) name.clear();
    rows += s.size();
  }
  Index ix = ignore_index ? Index::range(rows) : stacked_index(indexes, "concat");
  return stack(pieces, name, ix, "concat");
}

}  // namespace hamilton
