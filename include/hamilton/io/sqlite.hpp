#pragma once
/// \file
/// SQLite tables to and from DataFrames (pandas' `read_sql` / `to_sql` with a sqlite3
/// connection), through Debian's libsqlite3 in `hamilton::io`.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/frame/dataframe.hpp"

namespace hamilton {

/// What `write_sqlite` does when the table exists (pandas' `if_exists`).
enum class IfExists {
  fail,     ///< an error (the default)
  replace,  ///< drop the table and create it anew
  append,   ///< insert the rows into it
};

/// Options of `read_sqlite`.
struct HAMILTON_EXPORT SqliteReadOptions {
  /// The column to use as the index (int64, string or datetime labels).
  std::optional<std::string> index_col{};
  /// Columns of ISO text ("2020-01-01 10:00:00") read as datetime64[ns] (pandas' parse_dates).
  std::vector<std::string> parse_dates{};
};

/// Options of `write_sqlite`.
struct HAMILTON_EXPORT SqliteWriteOptions {
  IfExists if_exists = IfExists::fail;
  /// Write the index as a column (pandas' default), named `index_label` ("index" if empty),
  /// with an SQL index on it (`ix_<table>_<label>`) as pandas makes.
  bool index = true;
  std::string index_label;
};

/// Reads a whole table of the database file `path`. Column types come from the values
/// (INTEGER → int64, float64 when one is NULL; REAL → float64; TEXT → string), as pandas does;
/// a column of only NULLs is float64. Throws hamilton::io::IoError naming the database and
/// table for a missing file, an unknown table (listing the tables), a BLOB or a column mixing
/// text and numbers.
HAMILTON_EXPORT DataFrame read_sqlite(const std::string& path, const std::string& table,
                                      const SqliteReadOptions& options = {});
/// Runs `query` on the database file `path` and reads its rows; an SQL error is an IoError
/// quoting SQLite's message and the query.
HAMILTON_EXPORT DataFrame read_sqlite_query(const std::string& path, const std::string& query,
                                            const SqliteReadOptions& options = {});

/// Writes `df` as table `table` of the database file `path` (created if absent), in one
/// transaction: float64 → REAL, int64 and bool → INTEGER, string → TEXT, datetime →
/// TIMESTAMP (ISO text "YYYY-MM-DD HH:MM:SS[.ffffff]"); NaN, NaT and missing strings → NULL.
/// Returns the number of rows written. Throws hamilton::io::IoError (nothing is written).
HAMILTON_EXPORT std::size_t write_sqlite(const DataFrame& df, const std::string& path,
                                         const std::string& table,
                                         const SqliteWriteOptions& options = {});

}  // namespace hamilton
