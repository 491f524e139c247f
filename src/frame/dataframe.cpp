// hamilton::DataFrame: construction (with index alignment), selection, joins.
#include "hamilton/frame/dataframe.hpp"

#include <algorithm>
#include <unordered_set>

#include "common/suggest.hpp"
#include "internal.hpp"

namespace hamilton {
namespace {

// Aligns columns on the sorted union of their indexes
// (pandas.DataFrame(dict_of_series)).
Index union_index(const std::vector<Series> &cols, std::string_view what) {
  if (cols.empty()) return Index();
  Index ix = cols[0].index();
  for (std::size_t k = 1; k < cols.size(); ++k) {
    const Index &other = cols[k].index();
    if (ix.same(other) || ix.equals(other)) continue;
    ix = detail::join_indexes(ix, other, detail::JoinHow::outer,
                              std::string(what) + " (column '" + cols[k].name() + "')")
             .index;
  }
  return ix;
}

}  // namespace

DataFrame::DataFrame(std::vector<Series> columns) {
  std::unordered_set<std::string> seen;
  for (const auto &c : columns) {
    if (c.name().empty())
      throw Error("DataFrame: every column needs a name (got an " + c.describe() + ")");
    if (!seen.insert(c.name()).second)
      throw Error("DataFrame: duplicate column name '" + c.name() + "'");
  }
  index_ = union_index(columns, "DataFrame");
  for (auto &c : columns) {
    if (c.index().same(index_))
      columns_.push_back(std::move(c));
    else
      columns_.push_back(c.reindex(index_));
  }
}

namespace {
std::vector<Series> renamed(std::vector<std::pair<std::string, Series>> cols) {
  std::vector<Series> out;
  out.reserve(cols.size());
  for (auto &[name, s] : cols) out.push_back(s.rename(name));
  return out;
}
}  // namespace

DataFrame::DataFrame(std::initializer_list<std::pair<std::string, Series>> columns)
    : DataFrame(renamed(std::vector<std::pair<std::string, Series>>(columns))) {}
DataFrame::DataFrame(std::vector<std::pair<std::string, Series>> columns)
    : DataFrame(renamed(std::move(columns))) {}

std::vector<std::string> DataFrame::column_names() const {
  std::vector<std::string> out;
  out.reserve(columns_.size());
  for (const auto &c : columns_) out.push_back(c.name());
  return out;
}

bool DataFrame::contains(std::string_view name) const noexcept {
  for (const auto &c : columns_)
    if (c.name() == name) return true;
  return false;
}

const Series &DataFrame::operator[](std::string_view name) const {
  for (const auto &c : columns_)
    if (c.name() == name) return c;
  std::string msg = "DataFrame: no column '" + std::string(name) + "'";
  std::string best;
  std::size_t best_d = static_cast<std::size_t>(-1);
  for (const auto &c : columns_) {
    std::size_t d = detail::edit_distance(name, c.name());
    if (d < best_d) {
      best_d = d;
      best = c.name();
    }
  }
  if (!best.empty() && best_d <= std::max<std::size_t>(2, name.size() / 3))
    msg += " (did you mean '" + best + "'?)";
  msg += "; available columns: ";
  if (columns_.empty()) msg += "(none)";
  for (std::size_t i = 0; i < columns_.size(); ++i)
    msg += (i ? ", " : "") + std::string("'") + columns_[i].name() + "'";
  throw Error(msg);
}

const Series &DataFrame::column(std::size_t i) const {
  if (i >= columns_.size())
    throw Error("DataFrame::column: position " + std::to_string(i) + " is out of range (" +
                std::to_string(columns_.size()) + " columns)");
  return columns_[i];
}

DataFrame DataFrame::select(const std::vector<std::string> &names) const {
  DataFrame out;
  out.index_ = index_;
  std::unordered_set<std::string> seen;
  for (const auto &n : names) {
    if (!seen.insert(n).second)
      throw Error("DataFrame::select: column '" + n + "' requested twice");
    out.columns_.push_back((*this)[n]);
  }
  return out;
}

DataFrame DataFrame::with_column(std::string name, const Series &s) const {
  DataFrame out = *this;
  if (out.columns_.empty() && out.index_.empty()) out.index_ = s.index();
  Series col = s.reindex(out.index_).rename(name);
  for (auto &c : out.columns_) {
    if (c.name() == name) {
      c = std::move(col);
      return out;
    }
  }
  out.columns_.push_back(std::move(col));
  return out;
}

DataFrame DataFrame::join(const DataFrame &other, JoinHow how) const {
  return join(other, JoinOptions{how, {}, {}});
}

DataFrame DataFrame::join(const DataFrame &other, const JoinOptions &options) const {
  std::unordered_set<std::string> overlap;
  std::string first_overlap;
  for (const auto &c : other.columns_)
    if (contains(c.name()) && overlap.insert(c.name()).second && first_overlap.empty())
      first_overlap = c.name();
  if (!overlap.empty() && options.lsuffix.empty() && options.rsuffix.empty())
    throw Error("DataFrame::join: columns overlap: '" + first_overlap +
                "' is in both frames (rename one side first, or give lsuffix/rsuffix)");
  const JoinHow how = options.how;
  detail::JoinHow h = how == JoinHow::outer   ? detail::JoinHow::outer
                      : how == JoinHow::left  ? detail::JoinHow::left
                      : how == JoinHow::right ? detail::JoinHow::right
                                              : detail::JoinHow::inner;
  auto j = detail::join_indexes(index_, other.index_, h, "DataFrame::join");
  DataFrame out;
  out.index_ = j.index;
  auto named = [&](const Series &c, const std::string &suffix) {
    return overlap.count(c.name()) ? c.rename(c.name() + suffix) : c;
  };
  for (const auto &c : columns_)
    out.columns_.push_back(
        named(j.left_identity ? c.with_index(j.index) : c.take(j.left, j.index), options.lsuffix));
  for (const auto &c : other.columns_)
    out.columns_.push_back(named(
        j.right_identity ? c.with_index(j.index) : c.take(j.right, j.index), options.rsuffix));
  std::unordered_set<std::string> seen;
  for (const auto &c : out.columns_)
    if (!seen.insert(c.name()).second)
      throw Error("DataFrame::join: the suffixes make two columns named '" + c.name() +
                  "' (choose other lsuffix/rsuffix)");
  return out;
}

DataFrame DataFrame::slice(std::size_t begin, std::size_t end) const {
  DataFrame out;
  out.index_ = index_.slice(begin, end);
  for (const auto &c : columns_) out.columns_.push_back(c.slice(begin, end).with_index(out.index_));
  return out;
}

DataFrame DataFrame::head(std::size_t n) const { return slice(0, n); }
DataFrame DataFrame::tail(std::size_t n) const {
  return slice(num_rows() - std::min(n, num_rows()), num_rows());
}

bool DataFrame::equals(const DataFrame &other) const {
  if (columns_.size() != other.columns_.size() || !index_.equals(other.index_)) return false;
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].name() != other.columns_[i].name() || !columns_[i].equals(other.columns_[i]))
      return false;
  return true;
}

}  // namespace hamilton
