#pragma once
/// \file
/// `hamilton::DataFrame`: ordered, named Series over one shared index (pandas'
/// DataFrame).

#include <cstddef>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/frame/index.hpp"
#include "hamilton/frame/series.hpp"

namespace hamilton {

/// How `DataFrame::join` combines the two indexes.
enum class JoinHow { outer, left, inner, right };

/// Options of `DataFrame::join` (pandas' `how`, `lsuffix`, `rsuffix`).
struct JoinOptions {
  JoinHow how = JoinHow::left;
  std::string lsuffix{};  ///< appended to this frame's overlapping column names
  std::string rsuffix{};  ///< appended to the other frame's overlapping column names
};

class GroupBy;
class Resampler;

/// An immutable table: ordered columns (Series) sharing one index. Copies share
/// the columns.
class HAMILTON_EXPORT DataFrame {
 public:
  /// An empty frame (no columns, no rows).
  DataFrame() = default;
  /// Columns named by their Series' names. Like
  /// `pandas.DataFrame(dict_of_series)`: columns whose indexes differ are
  /// aligned on the sorted union of labels (missing → NaN). Duplicate or empty
  /// names are an error.
  explicit DataFrame(std::vector<Series> columns);
  /// Columns with explicit names (each Series is renamed).
  DataFrame(std::initializer_list<std::pair<std::string, Series>> columns);
  explicit DataFrame(std::vector<std::pair<std::string, Series>> columns);

  std::size_t num_rows() const noexcept { return index_.size(); }
  std::size_t num_columns() const noexcept { return columns_.size(); }
  bool empty() const noexcept { return columns_.empty() || index_.empty(); }
  const Index &index() const noexcept { return index_; }
  std::vector<std::string> column_names() const;
  const std::vector<Series> &columns() const noexcept { return columns_; }
  bool contains(std::string_view name) const noexcept;

  /// The column `name`; throws hamilton::Error naming the missing column, the
  /// available ones and the closest match.
  const Series &operator[](std::string_view name) const;
  const Series &column(std::string_view name) const { return (*this)[name]; }
  const Series &column(std::size_t i) const;

  /// The named columns, in the given order.
  DataFrame select(const std::vector<std::string> &names) const;
  /// A copy with `s` added as column `name` (replacing a column of that name),
  /// aligned to this frame's index like `df[name] = s` in pandas (labels it
  /// lacks become missing).
  DataFrame with_column(std::string name, const Series &s) const;
  /// Columns of both frames on the joined index (pandas' `join`; left, the
  /// default: this frame's index; right: the other's; inner: labels in both, in
  /// this frame's order; outer: sorted union). Overlapping names are an error.
  DataFrame join(const DataFrame &other, JoinHow how = JoinHow::left) const;
  /// `join` with suffixes for overlapping column names (an overlap whose
  /// suffixes are both empty is an error, as in pandas).
  DataFrame join(const DataFrame &other, const JoinOptions &options) const;

  /// Rows ordered by the column `by` (pandas' `sort_values`): stable, missing
  /// values last in either direction.
  DataFrame sort_values(const std::string &by, bool ascending = true) const;
  /// Rows ordered by several columns, the first deciding first; `ascending`
  /// has one entry per column, or one for all, or none (all ascending).
  DataFrame sort_values(const std::vector<std::string> &by, std::vector<bool> ascending = {}) const;
  /// `sort_values({"a", "b"}, {true, false})`: braced lists of names and flags.
  DataFrame sort_values(std::initializer_list<std::string> by,
                        std::initializer_list<bool> ascending = {}) const {
    return sort_values(std::vector<std::string>(by), std::vector<bool>(ascending));
  }
  /// Rows ordered by their index labels (stable, NaT last).
  DataFrame sort_index(bool ascending = true) const;
  /// The column `column` as the index, named after it (int64, string or
  /// datetime columns); `drop = false` keeps the column too.
  DataFrame set_index(const std::string &column, bool drop = true) const;
  /// The index as the first column (named as the index, or "index") over a new
  /// range index; `drop = true` discards it.
  DataFrame reset_index(bool drop = false) const;
  /// Groups of rows by the values of `key` (hamilton/frame/groupby.hpp).
  GroupBy groupby(const std::string &key) const;
  /// Time bins of a datetime index: "W" (= "W-SUN") or "D"
  /// (hamilton/frame/groupby.hpp).
  Resampler resample(std::string_view rule) const;

  DataFrame head(std::size_t n = 5) const;
  DataFrame tail(std::size_t n = 5) const;
  /// Rows begin .. end-1 (clamped), like iloc[begin:end].
  DataFrame slice(std::size_t begin, std::size_t end) const;
  /// Same column names in the same order, each column `Series::equals`.
  bool equals(const DataFrame &other) const;

  /// Exactly pandas 1.5 `DataFrame.to_string()`.
  std::string to_string() const;
  /// pandas `DataFrame.to_string(max_rows=max_rows)`: longer frames show the
  /// first and last max_rows/2 rows around a `...` row.
  std::string to_string(std::size_t max_rows) const;
  /// pandas' repr (display.max_rows=60, display.min_rows=10,
  /// show_dimensions='truncate'), without pandas' wrapping of wide frames to
  /// the terminal width.
  std::string repr() const;

 private:
  std::string render(std::size_t max_rows, std::size_t min_rows, bool dimensions) const;
  std::vector<Series> columns_;
  Index index_;
};

/// Prints `df.repr()`.
HAMILTON_EXPORT std::ostream &operator<<(std::ostream &os, const DataFrame &df);

}  // namespace hamilton
