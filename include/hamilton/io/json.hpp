#pragma once
/// \file
/// JSON input and output for DataFrames (pandas' `read_json` / `to_json`, orients `records` and
/// `columns`), through nlohmann-json in `hamilton::io`.

#include <iosfwd>
#include <string>

#include "hamilton/export.hpp"
#include "hamilton/frame/dataframe.hpp"

namespace hamilton {

/// How rows and columns are laid out in the JSON text.
enum class JsonOrient {
  /// `[{"a": 1, "b": "x"}, ...]`: one object per row, no index (the default here).
  records,
  /// `{"a": {"0": 1, "1": 2}, ...}`: one object per column keyed by index label (pandas'
  /// default for DataFrames).
  columns,
};

/// Options of `write_json`.
struct HAMILTON_EXPORT JsonWriteOptions {
  JsonOrient orient = JsonOrient::records;
  /// Datetimes as epoch milliseconds (pandas' `date_format="epoch"`), or ISO text
  /// ("2020-01-01T00:00:00.000", pandas' `date_format="iso"`) when true.
  bool iso_dates = false;
  /// Spaces per indentation level; negative writes one line (pandas' `indent=None`).
  int indent = -1;
};

/// Options of `read_json`.
struct HAMILTON_EXPORT JsonReadOptions {
  JsonOrient orient = JsonOrient::records;
  /// pandas' `convert_dates=True`: columns named like dates (`date`, `datetime`, `modified`,
  /// `*_at`, `*_time`, `timestamp*`) holding epoch numbers or ISO text become datetime64[ns].
  bool convert_dates = true;
};

/// Writes `df` as JSON text. Numbers are written exactly (shortest round-trip; pandas rounds to
/// 10 significant digits), NaN, NaT and missing strings as `null`. Throws hamilton::Error if
/// the file cannot be written.
HAMILTON_EXPORT void write_json(const DataFrame& df, const std::string& path,
                                const JsonWriteOptions& options = {});
/// The JSON text `write_json` would write.
HAMILTON_EXPORT std::string to_json(const DataFrame& df, const JsonWriteOptions& options = {});

/// Reads a DataFrame from a JSON file. Per column: integers (float64 when one is `null`),
/// floats, booleans (none `null`), strings; a column mixing them is an error naming it. For
/// `columns`, index labels that are all integers make an int64 index, otherwise strings.
/// Throws hamilton::io::IoError for a missing file or malformed JSON (with its position).
HAMILTON_EXPORT DataFrame read_json(const std::string& path, const JsonReadOptions& options = {});
/// Reads a DataFrame from JSON text.
HAMILTON_EXPORT DataFrame parse_json(const std::string& text, const JsonReadOptions& options = {});

}  // namespace hamilton
