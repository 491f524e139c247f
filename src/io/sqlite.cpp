// SQLite tables to and from DataFrames (libsqlite3), as pandas' read_sql / to_sql with a
// sqlite3 connection.
#include "hamilton/io/sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "hamilton/frame/dtype.hpp"
#include "hamilton/frame/series.hpp"
#include "hamilton/io/formats.hpp"
#include "io/columns.hpp"
#include "io/sql_table.hpp"

namespace hamilton {
namespace {

using io::detail::quote_sql_name;
using io::detail::sql_column_list;
using io::detail::sql_columns;
using io::detail::sql_create_index;
using io::detail::sql_create_table;

struct Db {
  sqlite3* db = nullptr;
  std::string path;
  ~Db() {
    if (db) sqlite3_close(db);
  }
  std::string error() const { return db ? sqlite3_errmsg(db) : "out of memory"; }
  void exec(const std::string& sql, std::string_view what) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : error();
      sqlite3_free(err);
      throw io::IoError(
          fmt::format("{} in SQLite database '{}' failed: {} (SQL: {})", what, path, msg, sql));
    }
  }
};

struct Stmt {
  sqlite3_stmt* stmt = nullptr;
  ~Stmt() {
    if (stmt) sqlite3_finalize(stmt);
  }
};

void open_db(Db& d, const std::string& path, bool create) {
  d.path = path;
  if (!create) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
      throw io::IoError(
          fmt::format("SQLite database '{}' does not exist (check the path; saving "
                      "a table creates it)",
                      path));
  }
  int flags = create ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY;
  if (sqlite3_open_v2(path.c_str(), &d.db, flags, nullptr) != SQLITE_OK)
    throw io::IoError(fmt::format("cannot open SQLite database '{}': {}", path, d.error()));
  sqlite3_busy_timeout(d.db, 5000);
}

std::vector<std::string> table_names(Db& d) {
  Stmt s;
  std::vector<std::string> out;
  if (sqlite3_prepare_v2(d.db, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name",
                         -1, &s.stmt, nullptr) != SQLITE_OK)
    return out;
  while (sqlite3_step(s.stmt) == SQLITE_ROW)
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s.stmt, 0)));
  return out;
}

bool has_table(Db& d, const std::string& table) {
  auto names = table_names(d);
  return std::find(names.begin(), names.end(), table) != names.end();
}

DataFrame read_statement(Db& d, const std::string& sql, const std::string& what,
                         const SqliteReadOptions& opt) {
  Stmt s;
  if (sqlite3_prepare_v2(d.db, sql.c_str(), -1, &s.stmt, nullptr) != SQLITE_OK)
    throw io::IoError(fmt::format("the query on SQLite database '{}' failed: {} (query: {})",
                                  d.path, d.error(), sql));
  const int ncol = sqlite3_column_count(s.stmt);
  std::vector<std::string> names;
  std::vector<io::detail::ColumnBuilder> builders;
  for (int k = 0; k < ncol; ++k) {
    names.emplace_back(sqlite3_column_name(s.stmt, k));
    builders.emplace_back(fmt::format("column `{}` of {} in '{}'", names.back(), what, d.path));
  }
  int rc;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    for (int k = 0; k < ncol; ++k) {
      auto& b = builders[static_cast<std::size_t>(k)];
      switch (sqlite3_column_type(s.stmt, k)) {
        case SQLITE_NULL:
          b.add_null();
          break;
        case SQLITE_INTEGER:
          b.add_int(sqlite3_column_int64(s.stmt, k));
          break;
        case SQLITE_FLOAT:
          b.add_double(sqlite3_column_double(s.stmt, k));
          break;
        case SQLITE_TEXT: {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s.stmt, k));
          b.add_string(std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s.stmt, k))));
          break;
        }
        default:
          throw io::IoError(fmt::format(
              "column `{}` of {} in '{}' holds a BLOB; a DataFrame cell is a number, a bool, "
              "text or a date (select it as text or hex() in the query)",
              names[static_cast<std::size_t>(k)], what, d.path));
      }
    }
  }
  if (rc != SQLITE_DONE)
    throw io::IoError(
        fmt::format("reading {} from SQLite database '{}' failed: {}", what, d.path, d.error()));
  std::vector<Series> cols;
  for (int k = 0; k < ncol; ++k) {
    const auto& name = names[static_cast<std::size_t>(k)];
    Series c = builders[static_cast<std::size_t>(k)].finish(name);
    if (std::find(opt.parse_dates.begin(), opt.parse_dates.end(), name) != opt.parse_dates.end()) {
      if (c.dtype() != DType::string && c.dtype() != DType::float64)
        throw io::IoError(fmt::format("parse_dates: column `{}` of {} in '{}' is {}, not text",
                                      name, what, d.path, c.dtype_name()));
      std::vector<std::string> text(c.size());
      if (c.dtype() == DType::string)
        for (std::size_t i = 0; i < c.size(); ++i)
          if (!c.is_missing(i)) text[i] = c.values<std::string>()[i];
      c = Series::datetime_from_strings(text, name);
    }
    cols.push_back(std::move(c));
  }
  for (const auto& p : opt.parse_dates)
    if (std::find(names.begin(), names.end(), p) == names.end())
      throw io::IoError(fmt::format("parse_dates: {} in '{}' has no column `{}`; its columns: {}",
                                    what, d.path, p, fmt::join(names, ", ")));
  if (!opt.index_col) return cols.empty() ? DataFrame() : DataFrame(std::move(cols));
  auto it = std::find(names.begin(), names.end(), *opt.index_col);
  if (it == names.end())
    throw io::IoError(fmt::format("index_col: {} in '{}' has no column `{}`; its columns: {}", what,
                                  d.path, *opt.index_col, fmt::join(names, ", ")));
  Series ix = cols[static_cast<std::size_t>(it - names.begin())];
  cols.erase(cols.begin() + (it - names.begin()));
  Index index;
  switch (ix.dtype()) {
    case DType::int64: {
      auto v = ix.values<std::int64_t>();
      index = Index::from_int64({v.begin(), v.end()});
      break;
    }
    case DType::datetime: {
      auto v = ix.values<std::int64_t>();
      index = Index::from_datetime({v.begin(), v.end()});
      break;
    }
    case DType::string: {
      auto v = ix.values<std::string>();
      index = Index::from_strings({v.begin(), v.end()});
      break;
    }
    default:
      throw io::IoError(
          fmt::format("index_col: column `{}` of {} in '{}' is {}; an index holds "
                      "integers, text or dates",
                      *opt.index_col, what, d.path, ix.dtype_name()));
  }
  for (auto& c : cols) c = c.with_index(index);
  return DataFrame(std::move(cols));
}

const char* sql_type(DType t) {
  switch (t) {
    case DType::float64:
      return "REAL";
    case DType::int64:
    case DType::boolean:
      return "INTEGER";
    case DType::string:
      return "TEXT";
    case DType::datetime:
      return "TIMESTAMP";
    case DType::timedelta:
      return "INTEGER";  // nanoseconds, as pandas' to_sql writes timedeltas
  }
  return "TEXT";
}

constexpr io::detail::SqlTypes kTypes{sql_type, "TEXT", "TIMESTAMP", "INTEGER"};

// Python's datetime.isoformat(" "): microseconds only when there are some.
std::string sql_datetime(std::int64_t ns) {
  std::int64_t sub = ((ns % 1'000'000'000) + 1'000'000'000) % 1'000'000'000;
  return format_datetime(ns, false, sub / 1000 ? 6 : 0);
}

void bind(Db& d, sqlite3_stmt* st, int pos, const Series& s, std::size_t r) {
  int rc = SQLITE_OK;
  if (s.is_missing(r)) {
    rc = sqlite3_bind_null(st, pos);
  } else {
    switch (s.dtype()) {
      case DType::float64:
        rc = sqlite3_bind_double(st, pos, s.values<double>()[r]);
        break;
      case DType::int64:
      case DType::timedelta:
        rc = sqlite3_bind_int64(st, pos, s.values<std::int64_t>()[r]);
        break;
      case DType::boolean:
        rc = sqlite3_bind_int64(st, pos, s.values<bool>()[r] ? 1 : 0);
        break;
      case DType::string: {
        const std::string& v = s.values<std::string>()[r];
        rc = sqlite3_bind_text(st, pos, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        break;
      }
      case DType::datetime: {
        std::string v = sql_datetime(s.values<std::int64_t>()[r]);
        rc = sqlite3_bind_text(st, pos, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        break;
      }
    }
  }
  if (rc != SQLITE_OK)
    throw io::IoError(fmt::format("writing to SQLite database '{}' failed: {}", d.path, d.error()));
}

}  // namespace

DataFrame read_sqlite(const std::string& path, const std::string& table,
                      const SqliteReadOptions& options) {
  Db d;
  open_db(d, path, false);
  if (!has_table(d, table)) {
    auto names = table_names(d);
    throw io::IoError(fmt::format(
        "SQLite database '{}' has no table `{}`; its tables: {}", path, table,
        names.empty() ? std::string("(none)") : fmt::format("{}", fmt::join(names, ", "))));
  }
  return read_statement(d, "SELECT * FROM " + quote_sql_name(table),
                        fmt::format("table `{}`", table), options);
}

DataFrame read_sqlite_query(const std::string& path, const std::string& query,
                            const SqliteReadOptions& options) {
  Db d;
  open_db(d, path, false);
  return read_statement(d, query, "the query", options);
}

std::size_t write_sqlite(const DataFrame& df, const std::string& path, const std::string& table,
                         const SqliteWriteOptions& opt) {
  if (table.empty()) throw io::IoError("write_sqlite: the table name is empty");
  Db d;
  open_db(d, path, true);
  d.exec("BEGIN IMMEDIATE", "starting a transaction");
  struct Rollback {
    Db& d;
    bool done = false;
    ~Rollback() {
      if (!done) sqlite3_exec(d.db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
  } rollback{d};
  const bool exists = has_table(d, table);
  if (exists && opt.if_exists == IfExists::fail)
    throw io::IoError(fmt::format(
        "SQLite database '{}' already has a table `{}` (if_exists fail); pass if_exists replace to "
        "overwrite it or append to add the rows",
        path, table));
  if (exists && opt.if_exists == IfExists::replace)
    d.exec("DROP TABLE " + quote_sql_name(table), fmt::format("dropping table `{}`", table));
  const std::vector<std::string> cols = sql_columns(df, opt);
  if (!exists || opt.if_exists == IfExists::replace) {
    const std::string create = sql_create_table(df, table, opt, kTypes);
    d.exec(create, fmt::format("creating table `{}`", table));
    if (opt.index) d.exec(sql_create_index(table, opt), fmt::format("indexing table `{}`", table));
  }
  std::string insert =
      "INSERT INTO " + quote_sql_name(table) + " " + sql_column_list(cols) + " VALUES (";
  for (std::size_t k = 0; k < cols.size(); ++k) insert += k ? ", ?" : "?";
  insert += ")";
  Stmt st;
  if (sqlite3_prepare_v2(d.db, insert.c_str(), -1, &st.stmt, nullptr) != SQLITE_OK)
    throw io::IoError(
        fmt::format("inserting into table `{}` of SQLite database '{}' failed: {} "
                    "(with if_exists append, the frame's columns must be the "
                    "table's)",
                    table, path, d.error()));
  const Index& ix = df.index();
  for (std::size_t r = 0; r < df.num_rows(); ++r) {
    int pos = 1;
    if (opt.index) {
      int rc = SQLITE_OK;
      if (ix.kind() == Index::Kind::string) {
        const std::string& v = ix.str_at(r);
        rc =
            sqlite3_bind_text(st.stmt, pos, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
      } else if (ix.kind() == Index::Kind::datetime) {
        std::string v = sql_datetime(ix.int_at(r));
        rc =
            sqlite3_bind_text(st.stmt, pos, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
      } else {
        rc = sqlite3_bind_int64(st.stmt, pos, ix.int_at(r));
      }
      if (rc != SQLITE_OK)
        throw io::IoError(
            fmt::format("writing to SQLite database '{}' failed: {}", path, d.error()));
      ++pos;
    }
    for (const auto& c : df.columns()) bind(d, st.stmt, pos++, c, r);
    if (sqlite3_step(st.stmt) != SQLITE_DONE)
      throw io::IoError(
          fmt::format("inserting row {} into table `{}` of SQLite database '{}' "
                      "failed: {}",
                      r, table, path, d.error()));
    sqlite3_reset(st.stmt);
  }
  d.exec("COMMIT", "committing");
  rollback.done = true;
  return df.num_rows();
}

}  // namespace hamilton
