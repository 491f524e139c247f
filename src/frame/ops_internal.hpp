#pragma once
// Internal helpers of the DataFrame operations (sort, set_index, concat, merge,
// groupby, resample); not installed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hamilton/frame/dataframe.hpp"
#include "hamilton/frame/series.hpp"

namespace hamilton::detail {

/// `df[name]`, its missing-column error prefixed by `what` (the operation).
const Series &column_for(const DataFrame &df, std::string_view name, std::string_view what);

/// A frame of `columns`, all over `index` (no alignment work).
DataFrame frame_of(std::vector<Series> columns, const Index &index);

/// Rows of `df` at `positions` (npos = a missing row) over `index`.
DataFrame take_rows(const DataFrame &df, const std::vector<std::size_t> &positions,
                    const Index &index);

/// The labels of `ix` as a column named `name` (range/int64 → int64, string →
/// string, datetime → datetime) over `values_index`.
Series index_as_series(const Index &ix, std::string name, const Index &values_index);

/// `s`'s values as an index named `name`; `what` names the operation in the
/// error for dtypes an Index cannot hold (float64, bool, missing strings).
Index series_as_index(const Series &s, std::string name, std::string_view what);

}  // namespace hamilton::detail

namespace hamilton::detail {

/// The reductions of GroupBy / Resampler.
enum class Reduction : std::uint8_t { sum, mean, min, max, count, size, std, first, last };
/// Parses "sum", "mean", ...; an unknown name is an error listing them (with a
/// did-you-mean).
Reduction parse_reduction(std::string_view name, std::string_view what);

/// `reduction` of `col`'s rows per group: `codes[row]` is the row's group (npos
/// = in none), groups 0 .. result_index.size()-1. A group without rows gives 0
/// for sum/count/size and a missing value otherwise.
Series grouped_reduce(const Series &col, Reduction reduction, const std::vector<std::size_t> &codes,
                      const Index &result_index, std::string_view what);

}  // namespace hamilton::detail
