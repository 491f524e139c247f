#pragma once
/// \file
/// CSV input and output for DataFrames (pandas' read_csv / to_csv subset).

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/frame/dataframe.hpp"

namespace hamilton {

/// Where in a CSV input a problem is. Numbers are 1-based; 0 means not known or not applicable.
struct HAMILTON_EXPORT CsvLocation {
  std::string path = {};         ///< the file read (empty when reading a stream)
  std::size_t line = 0;          ///< the physical line
  std::size_t column = 0;        ///< the character position in that line (0: the whole cell)
  std::size_t field = 0;         ///< the CSV column's number (0: not about one column)
  std::string column_name = {};  ///< that column's name (from the header, or "0", "1", ...)
};

/// Malformed or unusable CSV input: `line()` and `column()` (1-based) locate the problem; for a
/// bad value, `field()` and `column_name()` name its column (`column()` is then 0).
class HAMILTON_EXPORT CsvError : public Error {
 public:
  CsvError(const std::string &message, std::size_t line, std::size_t column) : Error(message) {
    where_.line = line;
    where_.column = column;
  }
  CsvError(const std::string &message, CsvLocation where)
      : Error(message), where_(std::move(where)) {}
  std::size_t line() const noexcept { return where_.line; }
  std::size_t column() const noexcept { return where_.column; }
  std::size_t field() const noexcept { return where_.field; }
  const std::string &column_name() const noexcept { return where_.column_name; }
  const std::string &path() const noexcept { return where_.path; }
  const CsvLocation &location() const noexcept { return where_; }

 private:
  CsvLocation where_;
};

/// pandas' default missing-value markers ("", "NA", "NaN", "null", "N/A", ...).
HAMILTON_EXPORT const std::vector<std::string> &default_na_values();

/// Options of `read_csv`.
struct HAMILTON_EXPORT CsvOptions {
  char delimiter = ',';
  char quote = '"';
  /// First row holds the column names; otherwise columns are named "0", "1",
  /// ...
  bool header = true;
  /// Name of the column to use as the index (int64, datetime or string labels).
  std::optional<std::string> index_col{};
  /// Cells equal to one of these are missing (defaults to pandas' list).
  std::vector<std::string> na_values = default_na_values();
  /// Infer ISO dates ("2020-01-31", "2020-01-31 10:00:00") as datetime64[ns]
  /// columns.
  bool parse_dates = true;
};

/// Reads a CSV file. Per column the type is inferred in the order int64
/// (float64 when a value is missing), float64, bool (True/False, no missing),
/// ISO datetime, string. Numbers may have spaces around them (` 1`, `2 `), as
/// pandas' C parser accepts; a UTF-8 byte-order mark at the start is skipped,
/// lines holding only spaces are skipped (pandas' skip_blank_lines). Throws
/// CsvError (naming the file, line and column) for malformed input and for a
/// date outside datetime64[ns]'s range in a date column; hamilton::Error if the
/// file cannot be opened or is not a regular file (a FIFO, a directory, ...).
HAMILTON_EXPORT DataFrame read_csv(const std::string &path, const CsvOptions &options = {});
/// Reads CSV text from a stream (messages name no file).
HAMILTON_EXPORT DataFrame read_csv(std::istream &in, const CsvOptions &options = {});

/// Options of `write_csv`.
struct HAMILTON_EXPORT CsvWriteOptions {
  char delimiter = ',';
  /// Write the index as the first column (pandas' default).
  bool index = true;
  /// Header cell of the index column.
  std::string index_label;
  /// Text written for missing values.
  std::string na_rep;
};

/// Writes `df` like pandas' `to_csv` (floats as Python repr, minimal quoting,
/// '\n' endings). Every write is checked, and the file's close: a full disk or any
/// other write error throws hamilton::Error naming the file (which is then incomplete).
HAMILTON_EXPORT void write_csv(const DataFrame &df, const std::string &path,
                               const CsvWriteOptions &options = {});
/// Writes to a stream and flushes it; throws hamilton::Error if the stream fails.
HAMILTON_EXPORT void write_csv(const DataFrame &df, std::ostream &out,
                               const CsvWriteOptions &options = {});
/// The CSV text `write_csv` would write.
HAMILTON_EXPORT std::string to_csv(const DataFrame &df, const CsvWriteOptions &options = {});

}  // namespace hamilton
