#pragma once
/// \file
/// PostgreSQL tables to and from DataFrames (pandas' `read_sql` / `to_sql` on a PostgreSQL
/// connection), through libpq in `hamilton::io`.

#include <cstddef>
#include <string>

#include "hamilton/export.hpp"
#include "hamilton/frame/dataframe.hpp"
#include "hamilton/io/sqlite.hpp"

namespace hamilton {

/// Reads a whole table. `conninfo` is a libpq connection string ("host=127.0.0.1 port=5432
/// dbname=features user=me"). Types come from the columns: smallint, integer, bigint → int64
/// (float64 when one is NULL); real, double precision, numeric → float64; boolean → bool (none
/// NULL); timestamp, date → datetime64[ns]; text and the rest → string. Throws
/// hamilton::io::IoError quoting the server's message (and the table or query).
HAMILTON_EXPORT DataFrame read_postgres(const std::string& conninfo, const std::string& table,
                                        const SqliteReadOptions& options = {});
/// Runs `query` and reads its rows.
HAMILTON_EXPORT DataFrame read_postgres_query(const std::string& conninfo, const std::string& query,
                                              const SqliteReadOptions& options = {});
/// Writes `df` as table `table` in one transaction (COPY): float64 → double precision, int64 →
/// bigint, bool → boolean, string → text, datetime → timestamp; missing values → NULL. The index
/// is a column as with `write_sqlite`. Returns the rows written.
HAMILTON_EXPORT std::size_t write_postgres(const DataFrame& df, const std::string& conninfo,
                                           const std::string& table,
                                           const SqliteWriteOptions& options = {});

/// `conninfo` without its password ("host=127.0.0.1 port=5432 dbname=features"), for messages
/// and metadata.
HAMILTON_EXPORT std::string postgres_location(const std::string& conninfo);

}  // namespace hamilton
