// The formats hamilton::io registers when it is loaded: csv, json and sqlite, each a loader and
// a saver of DataFrames (Python Hamilton's pandas adapters of the same names).
#include <fmt/format.h>
#include <sys/stat.h>

#include "hamilton/io/csv.hpp"
#include "hamilton/io/formats.hpp"
#include "hamilton/io/json.hpp"
#include "hamilton/io/postgres.hpp"
#include "hamilton/io/sqlite.hpp"
#include "io/columns.hpp"

namespace hamilton::io {

namespace detail {
Metadata frame_metadata(const DataFrame& df, const std::string& path) {
  Metadata m;
  m.path = path;
  m.rows = df.num_rows();
  m.columns = df.num_columns();
  m.column_names = df.column_names();
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) m.size_bytes = static_cast<std::uintmax_t>(st.st_size);
  return m;
}
}  // namespace detail

namespace {

char char_arg(const Args& args, std::string_view name, char fallback) {
  if (!has_arg(args, name)) return fallback;
  std::string s = string_arg(args, name);
  if (s.size() != 1)
    throw IoError(fmt::format("argument `{}` must be one character, not \"{}\"", name, s));
  return s[0];
}

void require_file(const std::string& path, std::string_view format) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw IoError(
        fmt::format("{} loader: the file '{}' does not exist (check `path`)", format, path));
}

JsonOrient orient_arg(const Args& args) {
  std::string o = string_arg(args, "orient", "records");
  if (o == "records") return JsonOrient::records;
  if (o == "columns") return JsonOrient::columns;
  throw IoError(fmt::format("argument `orient` must be \"records\" or \"columns\", not \"{}\"", o));
}

IfExists if_exists_arg(const Args& args) {
  std::string o = string_arg(args, "if_exists", "fail");
  if (o == "fail") return IfExists::fail;
  if (o == "replace") return IfExists::replace;
  if (o == "append") return IfExists::append;
  throw IoError(fmt::format(
      "argument `if_exists` must be \"fail\", \"replace\" or \"append\", not \"{}\"", o));
}

Loaded csv_load(const Args& args) {
  std::string path = string_arg(args, "path");
  require_file(path, "csv");
  CsvOptions o;
  o.delimiter = char_arg(args, "sep", o.delimiter);
  o.quote = char_arg(args, "quotechar", o.quote);
  o.header = bool_arg(args, "header", o.header);
  if (has_arg(args, "index_col")) o.index_col = string_arg(args, "index_col");
  o.parse_dates = bool_arg(args, "parse_dates", o.parse_dates);
  DataFrame df = read_csv(path, o);
  Metadata m = detail::frame_metadata(df, path);
  return {Value(std::move(df)), std::move(m)};
}

Metadata csv_save(const Value& data, const Args& args) {
  const auto& df = data.get<DataFrame>();
  std::string path = string_arg(args, "path");
  CsvWriteOptions o;
  o.delimiter = char_arg(args, "sep", o.delimiter);
  o.index = bool_arg(args, "index", o.index);
  o.index_label = string_arg(args, "index_label");
  o.na_rep = string_arg(args, "na_rep");
  write_csv(df, path, o);
  return detail::frame_metadata(df, path);
}

Loaded json_load(const Args& args) {
  std::string path = string_arg(args, "path");
  require_file(path, "json");
  JsonReadOptions o;
  o.orient = orient_arg(args);
  o.convert_dates = bool_arg(args, "convert_dates", o.convert_dates);
  DataFrame df = read_json(path, o);
  Metadata m = detail::frame_metadata(df, path);
  return {Value(std::move(df)), std::move(m)};
}

Metadata json_save(const Value& data, const Args& args) {
  const auto& df = data.get<DataFrame>();
  std::string path = string_arg(args, "path");
  JsonWriteOptions o;
  o.orient = orient_arg(args);
  std::string dates = string_arg(args, "date_format", "epoch");
  if (dates != "epoch" && dates != "iso")
    throw IoError(
        fmt::format("argument `date_format` must be \"epoch\" or \"iso\", not \"{}\"", dates));
  o.iso_dates = dates == "iso";
  o.indent = static_cast<int>(int_arg(args, "indent", -1));
  write_json(df, path, o);
  return detail::frame_metadata(df, path);
}

SqliteReadOptions read_options(const Args& args) {
  SqliteReadOptions o;
  if (has_arg(args, "index_col")) o.index_col = string_arg(args, "index_col");
  if (has_arg(args, "parse_dates")) {
    const Value& v = args.find("parse_dates")->second;
    if (const auto* list = v.get_if<std::vector<std::string>>())
      o.parse_dates = *list;
    else
      o.parse_dates = {string_arg(args, "parse_dates")};
  }
  return o;
}

SqliteWriteOptions write_options(const Args& args) {
  SqliteWriteOptions o;
  o.if_exists = if_exists_arg(args);
  o.index = bool_arg(args, "index", o.index);
  o.index_label = string_arg(args, "index_label");
  return o;
}

// The database loaders read a table or a query: exactly one of the two arguments.
struct TableOrQuery {
  bool is_table;
  std::string text;
};
TableOrQuery table_or_query(const Args& args, std::string_view loader, const std::string& where) {
  const bool table = has_arg(args, "table"), query = has_arg(args, "query");
  if (table == query)
    throw IoError(
        fmt::format("{} loader: give exactly one of `table` and `query` (for {})", loader, where));
  return {table, string_arg(args, table ? "table" : "query")};
}

Loaded sqlite_load(const Args& args) {
  std::string path = string_arg(args, "path");
  const auto [is_table, what] = table_or_query(args, "sqlite", "'" + path + "'");
  const SqliteReadOptions o = read_options(args);
  DataFrame df = is_table ? read_sqlite(path, what, o) : read_sqlite_query(path, what, o);
  Metadata m = detail::frame_metadata(df, path);
  m.table = what;
  return {Value(std::move(df)), std::move(m)};
}

Metadata sqlite_save(const Value& data, const Args& args) {
  const auto& df = data.get<DataFrame>();
  std::string path = string_arg(args, "path"), table = string_arg(args, "table");
  write_sqlite(df, path, table, write_options(args));
  Metadata m = detail::frame_metadata(df, path);
  m.table = table;
  return m;
}

Loaded postgres_load(const Args& args) {
  std::string conninfo = string_arg(args, "conninfo");
  const auto [is_table, what] = table_or_query(args, "postgres", postgres_location(conninfo));
  const SqliteReadOptions o = read_options(args);
  DataFrame df =
      is_table ? read_postgres(conninfo, what, o) : read_postgres_query(conninfo, what, o);
  Metadata m = detail::frame_metadata(df, "");
  m.path = postgres_location(conninfo);
  m.table = what;
  return {Value(std::move(df)), std::move(m)};
}

Metadata postgres_save(const Value& data, const Args& args) {
  const auto& df = data.get<DataFrame>();
  std::string conninfo = string_arg(args, "conninfo"), table = string_arg(args, "table");
  write_postgres(df, conninfo, table, write_options(args));
  Metadata m = detail::frame_metadata(df, "");
  m.path = postgres_location(conninfo);
  m.table = table;
  return m;
}

const TypeInfo* frame = &TypeInfo::of<DataFrame>();

}  // namespace

HAMILTON_REGISTER_LOADER(Loader{"csv",
                                frame,
                                {"path"},
                                {"sep", "quotechar", "header", "index_col", "parse_dates"},
                                csv_load,
                                "pandas.read_csv"});
HAMILTON_REGISTER_SAVER(Saver{"csv",
                              frame,
                              {"path"},
                              {"sep", "index", "index_label", "na_rep"},
                              csv_save,
                              "pandas.DataFrame.to_csv"});
HAMILTON_REGISTER_LOADER(Loader{
    "json", frame, {"path"}, {"orient", "convert_dates"}, json_load, "pandas.read_json"});
HAMILTON_REGISTER_SAVER(Saver{"json",
                              frame,
                              {"path"},
                              {"orient", "date_format", "indent"},
                              json_save,
                              "pandas.DataFrame.to_json"});
HAMILTON_REGISTER_LOADER(Loader{"sqlite",
                                frame,
                                {"path"},
                                {"table", "query", "index_col", "parse_dates"},
                                sqlite_load,
                                "pandas.read_sql"});
HAMILTON_REGISTER_SAVER(Saver{"sqlite",
                              frame,
                              {"path", "table"},
                              {"if_exists", "index", "index_label"},
                              sqlite_save,
                              "pandas.DataFrame.to_sql"});

HAMILTON_REGISTER_LOADER(Loader{"postgres",
                                frame,
                                {"conninfo"},
                                {"table", "query", "index_col", "parse_dates"},
                                postgres_load,
                                "pandas.read_sql (PostgreSQL)"});
HAMILTON_REGISTER_SAVER(Saver{"postgres",
                              frame,
                              {"conninfo", "table"},
                              {"if_exists", "index", "index_label"},
                              postgres_save,
                              "pandas.DataFrame.to_sql (PostgreSQL)"});

}  // namespace hamilton::io
