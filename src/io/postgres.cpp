// PostgreSQL tables to and from DataFrames (libpq): reads with text results typed by the column
// OIDs, writes with COPY ... FROM STDIN in one transaction.
#include "hamilton/io/postgres.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

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

// Type OIDs of pg_type (stable across PostgreSQL versions).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700, kDate = 1082, kTimestamp = 1114, kTimestampTz = 1184;

std::string trimmed(const char* msg) {
  std::string s = msg ? msg : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

struct Conn {
  PGconn* c = nullptr;
  ~Conn() {
    if (c) PQfinish(c);
  }
  std::string error() const { return trimmed(PQerrorMessage(c)); }
};

struct Res {
  PGresult* r = nullptr;
  explicit Res(PGresult* res) : r(res) {}
  ~Res() {
    if (r) PQclear(r);
  }
  Res(const Res&) = delete;
  Res& operator=(const Res&) = delete;
};

// The connection string without its password, for messages.
std::string shown(const std::string& conninfo) {
  std::string out;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), nullptr);
  if (!opts) return "'" + conninfo + "'";
  for (auto* o = opts; o->keyword; ++o) {
    if (!o->val || std::string_view(o->keyword) == "password") continue;
    if (!out.empty()) out += ' ';
    out += fmt::format("{}={}", o->keyword, o->val);
  }
  PQconninfoFree(opts);
  return "'" + out + "'";
}

void connect(Conn& conn, const std::string& conninfo) {
  conn.c = PQconnectdb(conninfo.c_str());
  if (!conn.c || PQstatus(conn.c) != CONNECTION_OK)
    throw io::IoError(fmt::format("cannot connect to PostgreSQL {}: {}", shown(conninfo),
                                  conn.c ? conn.error() : "out of memory"));
}

void exec(Conn& conn, const std::string& sql, const std::string& where) {
  Res r(PQexec(conn.c, sql.c_str()));
  auto st = PQresultStatus(r.r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    throw io::IoError(fmt::format("PostgreSQL {} failed: {} (SQL: {})", where,
                                  trimmed(PQresultErrorMessage(r.r)), sql));
}

DataFrame read_result(Conn& conn, const std::string& conninfo, const std::string& sql,
                      const std::string& what, const SqliteReadOptions& opt) {
  Res r(PQexec(conn.c, sql.c_str()));
  if (PQresultStatus(r.r) != PGRES_TUPLES_OK)
    throw io::IoError(fmt::format("{} on PostgreSQL {} failed: {} (query: {})", what,
                                  shown(conninfo), trimmed(PQresultErrorMessage(r.r)), sql));
  const int rows = PQntuples(r.r), cols = PQnfields(r.r);
  std::vector<Series> out;
  std::vector<std::string> names;
  for (int k = 0; k < cols; ++k) {
    std::string name = PQfname(r.r, k);
    names.push_back(name);
    const Oid type = PQftype(r.r, k);
    const std::string where = fmt::format("column `{}` of {} in PostgreSQL", name, what);
    const bool as_date =
        type == kDate || type == kTimestamp || type == kTimestampTz ||
        std::find(opt.parse_dates.begin(), opt.parse_dates.end(), name) != opt.parse_dates.end();
    if (as_date) {
      std::vector<std::string> text(static_cast<std::size_t>(rows));
      for (int i = 0; i < rows; ++i)
        if (!PQgetisnull(r.r, i, k)) {
          std::string v = PQgetvalue(r.r, i, k);
          if (type == kTimestampTz) {  // "2020-01-01 00:00:00+00": keep UTC text only
            auto plus = v.find_last_of("+-");
            if (plus != std::string::npos && plus > 10) v.resize(plus);
          }
          text[static_cast<std::size_t>(i)] = v;
        }
      out.push_back(Series::datetime_from_strings(text, name));
      continue;
    }
    io::detail::ColumnBuilder b(where);
    for (int i = 0; i < rows; ++i) {
      if (PQgetisnull(r.r, i, k)) {
        b.add_null();
        continue;
      }
      const char* v = PQgetvalue(r.r, i, k);
      switch (type) {
        case kInt2:
        case kInt4:
        case kInt8:
          b.add_int(std::strtoll(v, nullptr, 10));
          break;
        case kFloat4:
        case kFloat8:
        case kNumeric:
          b.add_double(std::strtod(v, nullptr));
          break;
        case kBool:
          b.add_bool(v[0] == 't');
          break;
        default:
          b.add_string(v);
          break;
      }
    }
    out.push_back(b.finish(name));
  }
  if (!opt.index_col) return out.empty() ? DataFrame() : DataFrame(std::move(out));
  auto it = std::find(names.begin(), names.end(), *opt.index_col);
  if (it == names.end())
    throw io::IoError(fmt::format("index_col: {} has no column `{}`; its columns: {}", what,
                                  *opt.index_col, fmt::join(names, ", ")));
  const auto pos = static_cast<std::size_t>(it - names.begin());
  Series ix = out[pos];
  out.erase(out.begin() + static_cast<std::ptrdiff_t>(pos));
  Index index;
  if (ix.dtype() == DType::int64) {
    auto v = ix.values<std::int64_t>();
    index = Index::from_int64({v.begin(), v.end()});
  } else if (ix.dtype() == DType::datetime) {
    auto v = ix.values<std::int64_t>();
    index = Index::from_datetime({v.begin(), v.end()});
  } else if (ix.dtype() == DType::string) {
    auto v = ix.values<std::string>();
    index = Index::from_strings({v.begin(), v.end()});
  } else {
    throw io::IoError(
        fmt::format("index_col: column `{}` of {} is {}; an index holds integers, "
                    "text or dates",
                    *opt.index_col, what, ix.dtype_name()));
  }
  for (auto& c : out) c = c.with_index(index);
  return DataFrame(std::move(out));
}

const char* pg_type(DType t) {
  switch (t) {
    case DType::float64:
      return "DOUBLE PRECISION";
    case DType::int64:
      return "BIGINT";
    case DType::boolean:
      return "BOOLEAN";
    case DType::string:
      return "TEXT";
    case DType::datetime:
      return "TIMESTAMP";
    case DType::timedelta:
      return "BIGINT";  // nanoseconds, as pandas' to_sql writes timedeltas
  }
  return "TEXT";
}

constexpr io::detail::SqlTypes kTypes{pg_type, "TEXT", "TIMESTAMP", "BIGINT"};

// COPY's text format: backslash escapes, \N for NULL.
void copy_text(std::string& out, std::string_view v) {
  for (char c : v) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

void copy_cell(std::string& out, const Series& s, std::size_t r) {
  if (s.is_missing(r)) {
    out += "\\N";
    return;
  }
  switch (s.dtype()) {
    case DType::float64: {
      double v = s.values<double>()[r];
      if (std::isinf(v)) {
        out += v > 0 ? "Infinity" : "-Infinity";
        return;
      }
      char buf[32];
      auto res = std::to_chars(buf, buf + sizeof buf, v);
      out.append(buf, res.ptr);
      return;
    }
    case DType::int64:
      out += std::to_string(s.values<std::int64_t>()[r]);
      return;
    case DType::boolean:
      out += s.values<bool>()[r] ? "t" : "f";
      return;
    case DType::string:
      copy_text(out, s.values<std::string>()[r]);
      return;
    case DType::datetime:
      out += format_datetime(s.values<std::int64_t>()[r], false, 9);
      return;
    case DType::timedelta:
      out += std::to_string(s.values<std::int64_t>()[r]);
      return;
  }
}

}  // namespace

std::string postgres_location(const std::string& conninfo) {
  std::string s = shown(conninfo);
  return s.substr(1, s.size() - 2);
}

DataFrame read_postgres(const std::string& conninfo, const std::string& table,
                        const SqliteReadOptions& options) {
  Conn conn;
  connect(conn, conninfo);
  return read_result(conn, conninfo, "SELECT * FROM " + quote_sql_name(table),
                     fmt::format("table `{}`", table), options);
}

DataFrame read_postgres_query(const std::string& conninfo, const std::string& query,
                              const SqliteReadOptions& options) {
  Conn conn;
  connect(conn, conninfo);
  return read_result(conn, conninfo, query, "the query", options);
}

std::size_t write_postgres(const DataFrame& df, const std::string& conninfo,
                           const std::string& table, const SqliteWriteOptions& opt) {
  if (table.empty()) throw io::IoError("write_postgres: the table name is empty");
  Conn conn;
  connect(conn, conninfo);
  exec(conn, "BEGIN", "starting a transaction");
  struct Rollback {
    Conn& conn;
    bool done = false;
    ~Rollback() {
      if (!done) PQclear(PQexec(conn.c, "ROLLBACK"));
    }
  } rollback{conn};
  bool exists = false;
  {
    const char* params[] = {table.c_str()};
    Res r(PQexecParams(conn.c, "SELECT to_regclass(quote_ident($1)) IS NOT NULL", 1, nullptr,
                       params, nullptr, nullptr, 0));
    if (PQresultStatus(r.r) != PGRES_TUPLES_OK)
      throw io::IoError(fmt::format("PostgreSQL {}: looking up table `{}` failed: {}",
                                    shown(conninfo), table, trimmed(PQresultErrorMessage(r.r))));
    exists = PQgetvalue(r.r, 0, 0)[0] == 't';
  }
  if (exists && opt.if_exists == IfExists::fail)
    throw io::IoError(fmt::format(
        "PostgreSQL {} already has a table `{}` (if_exists fail); pass if_exists replace to "
        "overwrite it or append to add the rows",
        shown(conninfo), table));
  if (exists && opt.if_exists == IfExists::replace)
    exec(conn, "DROP TABLE " + quote_sql_name(table), fmt::format("dropping table `{}`", table));
  const std::vector<std::string> cols = sql_columns(df, opt);
  if (!exists || opt.if_exists == IfExists::replace) {
    const std::string create = sql_create_table(df, table, opt, kTypes);
    exec(conn, create, fmt::format("creating table `{}`", table));
    if (opt.index)
      exec(conn, sql_create_index(table, opt), fmt::format("indexing table `{}`", table));
  }
  const std::string copy =
      "COPY " + quote_sql_name(table) + " " + sql_column_list(cols) + " FROM STDIN";
  {
    Res r(PQexec(conn.c, copy.c_str()));
    if (PQresultStatus(r.r) != PGRES_COPY_IN)
      throw io::IoError(fmt::format(
          "inserting into table `{}` of PostgreSQL {} failed: {} (with if_exists append, the "
          "frame's columns must be the table's)",
          table, shown(conninfo), trimmed(PQresultErrorMessage(r.r))));
  }
  std::string buf;
  const Index& ix = df.index();
  auto flush = [&](bool force) {
    if (buf.empty() || (!force && buf.size() < (1u << 20))) return;
    if (PQputCopyData(conn.c, buf.data(), static_cast<int>(buf.size())) != 1)
      throw io::IoError(
          fmt::format("writing to PostgreSQL {} failed: {}", shown(conninfo), conn.error()));
    buf.clear();
  };
  for (std::size_t r = 0; r < df.num_rows(); ++r) {
    bool first = true;
    if (opt.index) {
      if (ix.kind() == Index::Kind::string)
        copy_text(buf, ix.str_at(r));
      else if (ix.kind() == Index::Kind::datetime)
        buf += format_datetime(ix.int_at(r), false, 9);
      else
        buf += std::to_string(ix.int_at(r));
      first = false;
    }
    for (const auto& c : df.columns()) {
      if (!first) buf += '\t';
      copy_cell(buf, c, r);
      first = false;
    }
    buf += '\n';
    flush(false);
  }
  flush(true);
  if (PQputCopyEnd(conn.c, nullptr) != 1)
    throw io::IoError(
        fmt::format("writing to PostgreSQL {} failed: {}", shown(conninfo), conn.error()));
  {
    Res r(PQgetResult(conn.c));
    if (PQresultStatus(r.r) != PGRES_COMMAND_OK)
      throw io::IoError(fmt::format("inserting into table `{}` of PostgreSQL {} failed: {}", table,
                                    shown(conninfo), trimmed(PQresultErrorMessage(r.r))));
  }
  while (PGresult* extra = PQgetResult(conn.c)) PQclear(extra);
  exec(conn, "COMMIT", "committing");
  rollback.done = true;
  return df.num_rows();
}

}  // namespace hamilton
