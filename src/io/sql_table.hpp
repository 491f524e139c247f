#pragma once
// The SQL text both table savers (sqlite.cpp, postgres.cpp) write: quoted names, the column
// list (the index first when it is written), CREATE TABLE, CREATE INDEX and INSERT/COPY lists.
// Each saver gives its own type names.
#include <string>
#include <string_view>
#include <vector>

#include "hamilton/frame/dataframe.hpp"
#include "hamilton/io/formats.hpp"

namespace hamilton::io::detail {

/// A name as an SQL identifier: in double quotes, a `"` doubled.
inline std::string quote_sql_name(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

/// The index label a saver writes: the option's, else pandas' "index".
inline std::string sql_index_label(const SqliteWriteOptions& opt) {
  return opt.index_label.empty() ? "index" : opt.index_label;
}

/// The table's columns in order: the index label when the index is written, then the frame's.
inline std::vector<std::string> sql_columns(const DataFrame& df, const SqliteWriteOptions& opt) {
  std::vector<std::string> cols;
  if (opt.index) cols.push_back(sql_index_label(opt));
  for (const auto& c : df.columns()) cols.push_back(c.name());
  return cols;
}

/// `("a", "b")`: the quoted column list of an INSERT or a COPY.
inline std::string sql_column_list(const std::vector<std::string>& cols) {
  std::string out = "(";
  for (std::size_t k = 0; k < cols.size(); ++k) out += (k ? ", " : "") + quote_sql_name(cols[k]);
  return out + ")";
}

/// The column types of one database: `of(dtype)` for a column, and the index's by its kind.
struct SqlTypes {
  const char* (*of)(DType);
  const char* text_index;
  const char* datetime_index;
  const char* integer_index;
};

/// CREATE TABLE for the frame (and its index when written), typed as `types` says.
inline std::string sql_create_table(const DataFrame& df, const std::string& table,
                                    const SqliteWriteOptions& opt, const SqlTypes& types) {
  std::string create = "CREATE TABLE " + quote_sql_name(table) + " (";
  bool first = true;
  if (opt.index) {
    const Index::Kind k = df.index().kind();
    const char* t = k == Index::Kind::string     ? types.text_index
                    : k == Index::Kind::datetime ? types.datetime_index
                                                 : types.integer_index;
    create += quote_sql_name(sql_index_label(opt)) + " " + t;
    first = false;
  }
  for (const auto& c : df.columns()) {
    if (!first) create += ", ";
    create += quote_sql_name(c.name()) + " " + types.of(c.dtype());
    first = false;
  }
  return create + ")";
}

/// CREATE INDEX on the written index column, named as pandas names it (`ix_<table>_<label>`).
inline std::string sql_create_index(const std::string& table, const SqliteWriteOptions& opt) {
  const std::string label = sql_index_label(opt);
  return "CREATE INDEX " + quote_sql_name("ix_" + table + "_" + label) + " ON " +
         quote_sql_name(table) + " (" + quote_sql_name(label) + ")";
}

}  // namespace hamilton::io::detail
