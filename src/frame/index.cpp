// hamilton::Index and index joins (alignment).
#include "hamilton/frame/index.hpp"

#include <algorithm>
#include <numeric>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "hamilton/errors.hpp"

namespace hamilton {

Index Index::range(std::int64_t start, std::int64_t stop) {
  Index ix;
  ix.kind_ = Kind::range;
  ix.start_ = start;
  ix.size_ = stop > start ? static_cast<std::size_t>(stop - start) : 0;
  return ix;
}

Index Index::from_int64(std::vector<std::int64_t> labels) {
  Index ix;
  ix.kind_ = Kind::int64;
  ix.size_ = labels.size();
  ix.ints_ = std::make_shared<const std::vector<std::int64_t>>(std::move(labels));
  return ix;
}

Index Index::from_datetime(std::vector<std::int64_t> ns) {
  Index ix = from_int64(std::move(ns));
  ix.kind_ = Kind::datetime;
  return ix;
}

Index Index::from_strings(std::vector<std::string> labels) {
  Index ix;
  ix.kind_ = Kind::string;
  ix.size_ = labels.size();
  ix.strs_ = std::make_shared<const std::vector<std::string>>(std::move(labels));
  return ix;
}

std::string_view Index::kind_name() const noexcept {
  switch (kind_) {
    case Kind::range:
      return "range";
    case Kind::int64:
      return "int64";
    case Kind::string:
      return "string";
    case Kind::datetime:
      return "datetime";
  }
  return "unknown";
}

std::string Index::label_string(std::size_t i) const {
  switch (kind_) {
    case Kind::range:
    case Kind::int64:
      return std::to_string(int_at(i));
    case Kind::string:
      return str_at(i);
    case Kind::datetime:
      return format_datetime(int_at(i), false, 0);
  }
  return {};
}

bool Index::equals(const Index &o) const {
  if (same(o)) return true;
  if (size_ != o.size_) return false;
  if (is_integer() && o.is_integer()) {
    if (kind_ == Kind::range && o.kind_ == Kind::range) return start_ == o.start_ || size_ == 0;
    for (std::size_t i = 0; i < size_; ++i)
      if (int_at(i) != o.int_at(i)) return false;
    return true;
  }
  if (kind_ != o.kind_) return size_ == 0;
  if (kind_ == Kind::string) return *strs_ == *o.strs_;
  return *ints_ == *o.ints_;
}

bool Index::is_unique() const {
  if (kind_ == Kind::range) return true;
  if (kind_ == Kind::string) {
    std::unordered_set<std::string_view> seen;
    seen.reserve(size_);
    for (const auto &s : *strs_)
      if (!seen.insert(s).second) return false;
    return true;
  }
  std::unordered_set<std::int64_t> seen;
  seen.reserve(size_);
  for (auto v : *ints_)
    if (!seen.insert(v).second) return false;
  return true;
}

Index Index::slice(std::size_t begin, std::size_t end) const {
  end = std::min(end, size_);
  begin = std::min(begin, end);
  if (begin == 0 && end == size_) return *this;
  if (kind_ == Kind::range)
    return range(start_ + static_cast<std::int64_t>(begin), start_ + static_cast<std::int64_t>(end))
        .rename(name_);
  if (kind_ == Kind::string)
    return from_strings(std::vector<std::string>(strs_->begin() + begin, strs_->begin() + end))
        .rename(name_);
  Index ix = from_int64(std::vector<std::int64_t>(ints_->begin() + begin, ints_->begin() + end));
  ix.kind_ = kind_;
  ix.name_ = name_;
  return ix;
}

Index Index::take(const std::vector<std::size_t> &pos) const {
  if (kind_ == Kind::string) {
    std::vector<std::string> out;
    out.reserve(pos.size());
    for (auto p : pos) out.push_back(str_at(p));
    return from_strings(std::move(out)).rename(name_);
  }
  std::vector<std::int64_t> out;
  out.reserve(pos.size());
  for (auto p : pos) out.push_back(int_at(p));
  Index ix = from_int64(std::move(out));
  if (kind_ == Kind::datetime) ix.kind_ = Kind::datetime;
  ix.name_ = name_;
  return ix;
}

Index Index::materialize() const {
  if (kind_ != Kind::range) return *this;
  std::vector<std::int64_t> v(size_);
  std::iota(v.begin(), v.end(), start_);
  return from_int64(std::move(v)).rename(name_);
}

namespace detail {
namespace {

std::string describe_index(const Index &ix) {
  return std::string(ix.kind_name()) + " index (" + std::to_string(ix.size()) + " labels)";
}

bool compatible(const Index &a, const Index &b) {
  if (a.empty() || b.empty()) return true;
  if (a.is_integer() && b.is_integer()) return true;
  return a.kind() == b.kind();
}

// Label → position lookup over one index.
struct Lookup {
  const Index *ix;
  std::unordered_map<std::int64_t, std::size_t> ints;
  std::unordered_map<std::string_view, std::size_t> strs;
  explicit Lookup(const Index &i) : ix(&i) {
    if (i.kind() == Index::Kind::range) return;
    if (i.kind() == Index::Kind::string) {
      strs.reserve(i.size());
      for (std::size_t k = 0; k < i.size(); ++k) strs.emplace(i.str_at(k), k);
    } else {
      ints.reserve(i.size());
      for (std::size_t k = 0; k < i.size(); ++k) ints.emplace(i.int_at(k), k);
    }
  }
  std::size_t find_int(std::int64_t v) const {
    if (ix->kind() == Index::Kind::range) {
      std::int64_t off = v - ix->range_start();
      return off >= 0 && off < static_cast<std::int64_t>(ix->size()) ? static_cast<std::size_t>(off)
                                                                     : npos;
    }
    auto it = ints.find(v);
    return it == ints.end() ? npos : it->second;
  }
  std::size_t find_str(std::string_view v) const {
    auto it = strs.find(v);
    return it == strs.end() ? npos : it->second;
  }
  // Position in this index of label k of `other`.
  std::size_t find(const Index &other, std::size_t k) const {
    if (other.kind() == Index::Kind::string) {
      return ix->kind() == Index::Kind::string ? find_str(other.str_at(k)) : npos;
    }
    if (ix->kind() == Index::Kind::string) return npos;
    return find_int(other.int_at(k));
  }
};

std::vector<std::size_t> positions_in(const Index &source, const Index &target) {
  Lookup lk(source);
  std::vector<std::size_t> out(target.size());
  for (std::size_t k = 0; k < target.size(); ++k) out[k] = lk.find(target, k);
  return out;
}

Index sorted_union(const Index &a, const Index &b) {
  if (a.kind() == Index::Kind::string || b.kind() == Index::Kind::string) {
    std::vector<std::string> v;
    v.reserve(a.size() + b.size());
    for (std::size_t i = 0; i < a.size(); ++i) v.push_back(a.str_at(i));
    for (std::size_t i = 0; i < b.size(); ++i) v.push_back(b.str_at(i));
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return Index::from_strings(std::move(v));
  }
  std::vector<std::int64_t> v;
  v.reserve(a.size() + b.size());
  for (std::size_t i = 0; i < a.size(); ++i) v.push_back(a.int_at(i));
  for (std::size_t i = 0; i < b.size(); ++i) v.push_back(b.int_at(i));
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  bool datetime = a.kind() == Index::Kind::datetime || b.kind() == Index::Kind::datetime;
  if (datetime) return Index::from_datetime(std::move(v));
  // Two range indexes whose union is contiguous stay a range (like pandas'
  // RangeIndex).
  if (a.kind() == Index::Kind::range && b.kind() == Index::Kind::range && !v.empty() &&
      v.back() - v.front() + 1 == static_cast<std::int64_t>(v.size()))
    return Index::range(v.front(), v.back() + 1);
  return Index::from_int64(std::move(v));
}

}  // namespace

std::vector<std::size_t> index_positions(const Index &source, const Index &target,
                                         std::string_view what) {
  if (!compatible(source, target))
    throw Error(std::string(what) + ": cannot align " + describe_index(source) + " with " +
                describe_index(target));
  if (!source.is_unique())
    throw Error(std::string(what) + ": cannot reindex a " + describe_index(source) +
                " with duplicate labels");
  return positions_in(source, target);
}

IndexJoin join_indexes(const Index &a, const Index &b, JoinHow how, std::string_view what) {
  IndexJoin r;
  if (a.same(b) || a.equals(b)) {
    r.index = a;
    r.left_identity = r.right_identity = true;
    return r;
  }
  if (!compatible(a, b))
    throw Error(std::string(what) + ": cannot align " + describe_index(a) + " with " +
                describe_index(b) + " (index kinds differ)");
  if (!a.is_unique() || !b.is_unique())
    throw Error(std::string(what) + ": cannot align indexes with duplicate labels (" +
                describe_index(a) + ", " + describe_index(b) + ")");
  switch (how) {
    case JoinHow::left:
      r.index = a;
      r.left_identity = true;
      r.right = positions_in(b, a);
      return r;
    case JoinHow::right:
      r.index = b;
      r.right_identity = true;
      r.left = positions_in(a, b);
      return r;
    case JoinHow::inner: {
      Lookup lb(b);
      std::vector<std::size_t> keep;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (lb.find(a, i) != npos) keep.push_back(i);
      r.index = keep.size() == a.size() ? a : a.take(keep);
      r.left = positions_in(a, r.index);
      r.right = positions_in(b, r.index);
      return r;
    }
    case JoinHow::outer:
      if (a.empty()) {
        r.index = b;
        r.right_identity = true;
        r.left.assign(b.size(), npos);
        return r;
      }
      if (b.empty()) {
        r.index = a;
        r.left_identity = true;
        r.right.assign(a.size(), npos);
        return r;
      }
      r.index = sorted_union(a, b);
      r.left = positions_in(a, r.index);
      r.right = positions_in(b, r.index);
      return r;
  }
  return r;
}

}  // namespace detail
}  // namespace hamilton
