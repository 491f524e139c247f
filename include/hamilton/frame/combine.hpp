#pragma once
/// \file
/// Combining frames: `concat` (pandas' `pd.concat`) and `merge` on key columns
/// (pandas' `pd.merge`).

#include <string>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/frame/dataframe.hpp"
#include "hamilton/frame/series.hpp"

namespace hamilton {

/// Options of `concat`.
struct ConcatOptions {
  /// 0: stack rows (columns by name, the union in order of appearance; a frame
  /// without a column gives missing values); 1: side by side, aligned on the
  /// index (outer join).
  int axis = 0;
  /// axis 0: a new range index instead of the frames' labels one after another.
  bool ignore_index = false;
};

/// pandas' `pd.concat(frames, axis=..., ignore_index=...)`. int64 with float64
/// (or with missing rows) gives float64; other mixed dtypes are an error.
HAMILTON_EXPORT DataFrame concat(const std::vector<DataFrame> &frames,
                                 const ConcatOptions &options = {});
/// pandas' `pd.concat(series)`: values one after another; the name is kept when
/// all names are equal.
HAMILTON_EXPORT Series concat(const std::vector<Series> &series, bool ignore_index = false);

/// How `merge` pairs rows.
enum class MergeHow { inner, left, right, outer };

/// Options of `merge` (pandas' `on`, `left_on`/`right_on`, `left_index`/`right_index`,
/// `how`, `suffixes`).
struct MergeOptions {
  /// Key columns, in both frames with the same dtype; empty (and no `left_on`) =
  /// the columns both frames have.
  std::vector<std::string> on{};
  /// Key columns of each side, paired by position (pandas' `left_on`/`right_on`):
  /// both given, of one length, instead of `on`. A pair of different names keeps
  /// both columns (missing where a side has no row); a pair of one name is one
  /// key column, as with `on`.
  std::vector<std::string> left_on{};
  std::vector<std::string> right_on{};
  MergeHow how = MergeHow::inner;
  std::string left_suffix = "_x";   ///< for overlapping non-key columns of `left`
  std::string right_suffix = "_y";  ///< for overlapping non-key columns of `right`
  /// The left frame's index is its key (pandas' `left_index=True`), paired with
  /// `right_index` or with one `right_on` column. As in pandas, with both indexes the
  /// result's index is the key; with `right_on`, it is the right frame's index, so a
  /// left row that matches nothing (how = left, outer) would get a missing label,
  /// which an Index cannot hold: that is an error saying what to do instead.
  bool left_index = false;
  /// The right frame's index is its key (pandas' `right_index=True`); with `left_on`,
  /// the result's index is the left frame's (a right row that matches nothing is an
  /// error, as above).
  bool right_index = false;
};

/// pandas' `pd.merge(left, right, on=..., how=...)`: one row per matching pair
/// (missing keys match each other, as in pandas). Row order: inner and left
/// follow `left`, right follows `right`, outer sorts the keys. The result has a
/// range index; key columns first as in `left`, then `left`'s other columns,
/// then `right`'s.
HAMILTON_EXPORT DataFrame merge(const DataFrame &left, const DataFrame &right,
                                const MergeOptions &options);

}  // namespace hamilton
