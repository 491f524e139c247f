#pragma once
/// \file
/// `hamilton::GroupBy` (pandas' `df.groupby(key)`) and `hamilton::Resampler`
/// (pandas' `df.resample(rule)`).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/frame/dataframe.hpp"
#include "hamilton/frame/series.hpp"

namespace hamilton {

class SeriesGroupBy;

/// Rows of a frame grouped by the values of a key column. Reductions give one
/// row per key, indexed by the sorted keys (named after the key column, like
/// pandas' default sort=True); rows with a missing key are dropped (dropna).
/// Reductions: "sum", "mean", "min", "max", "count", "size", "std", "first",
/// "last" (missing values skipped; std with ddof 1).
class HAMILTON_EXPORT GroupBy {
 public:
  GroupBy(DataFrame frame, std::string key);
  /// `reduction` of every column but the key.
  DataFrame agg(std::string_view reduction) const;
  /// One reduction per column: `{{"spend", "sum"}, {"price", "mean"}}`.
  DataFrame agg(const std::vector<std::pair<std::string, std::string>> &column_reductions) const;
  DataFrame sum() const { return agg("sum"); }
  DataFrame mean() const { return agg("mean"); }
  DataFrame min() const { return agg("min"); }
  DataFrame max() const { return agg("max"); }
  DataFrame count() const { return agg("count"); }
  DataFrame std() const { return agg("std"); }
  DataFrame first() const { return agg("first"); }
  DataFrame last() const { return agg("last"); }
  /// Rows per group (int64, unnamed, like pandas' `size()`).
  Series size() const;
  /// Each row gets its group's `reduction` (pandas' `transform`): the frame's
  /// index and columns but the key; rows with a missing key are missing.
  DataFrame transform(std::string_view reduction) const;
  /// One column of the groups (pandas' `df.groupby(key)[column]`).
  SeriesGroupBy operator[](const std::string &column) const;

  const DataFrame &frame() const noexcept { return frame_; }
  const std::string &key() const noexcept { return key_; }

 private:
  DataFrame frame_;
  std::string key_;
};

/// One column grouped by a key: reductions give a Series named after the column.
class HAMILTON_EXPORT SeriesGroupBy {
 public:
  SeriesGroupBy(GroupBy groups, std::string column);
  Series agg(std::string_view reduction) const;
  Series sum() const { return agg("sum"); }
  Series mean() const { return agg("mean"); }
  Series min() const { return agg("min"); }
  Series max() const { return agg("max"); }
  Series count() const { return agg("count"); }
  Series std() const { return agg("std"); }
  Series first() const { return agg("first"); }
  Series last() const { return agg("last"); }
  /// The group's reduction on every row, with the frame's index.
  Series transform(std::string_view reduction) const;

 private:
  GroupBy groups_;
  std::string column_;
};

/// Rows of a frame with a datetime index in time bins (pandas' resample):
/// "W" / "W-SUN" — weeks ending on Sunday, labelled by that Sunday (closed and
/// labelled right); "D" — calendar days labelled by their midnight. Every bin
/// from the first to the last row is in the result; NaT rows are dropped.
class HAMILTON_EXPORT Resampler {
 public:
  Resampler(DataFrame frame, std::string rule);
  /// Sum per bin (0 for an empty bin; int64 stays int64, bool counts).
  DataFrame sum() const;
  /// Mean per bin (float64, NaN for an empty bin).
  DataFrame mean() const;

 private:
  DataFrame frame_;
  std::string rule_;
};

}  // namespace hamilton
