#pragma once
/// \file
/// CSV input and output for DataFrames (pandas' read_csv / to_csv subset).

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/frame/dataframe.hpp"

namespace hamilton {

/// Malformed CSV input: `line()` and `column()` (1-based) locate the problem.
class HAMILTON_EXPORT CsvError : public Error {
 public:
  CsvError(const std::string &message, std::size_t line, std::size_t column)
      : Error(message), line_(line), column_(column) {}
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }

 private:
  std::size_t line_;
  std::size_t column_;
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
/// ISO datetime, string. Throws CsvError (with line and column) for malformed
/// input, hamilton::Error if the file cannot be opened.
HAMILTON_EXPORT DataFrame read_csv(const std::string &path, const CsvOptions &options = {});
/// Reads CSV text from a stream.
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
/// '\n' endings).
HAMILTON_EXPORT void write_csv(const DataFrame &df, const std::string &path,
                               const CsvWriteOptions &options = {});
HAMILTON_EXPORT void write_csv(const DataFrame &df, std::ostream &out,
                               const CsvWriteOptions &options = {});
/// The CSV text `write_csv` would write.
HAMILTON_EXPORT std::string to_csv(const DataFrame &df, const CsvWriteOptions &options = {});

}  // namespace hamilton
