// SQLite tables (libsqlite3), compared with pandas' to_sql / read_sql on a sqlite3 connection.
#include "hamilton/io/sqlite.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "hamilton/frame.hpp"
#include "hamilton/io/csv.hpp"
#include "hamilton/io/formats.hpp"
#include "python.hpp"
#include "sample.hpp"

namespace {
using hamilton::DataFrame;
using hamilton::DType;
using hamilton::IfExists;
using hamilton::Series;

std::string io_error(auto&& f) {
  try {
    f();
  } catch (const hamilton::io::IoError& e) {
    return e.what();
  }
  return "<no IoError>";
}

// What sqlite3 holds in a table: its columns' declared types and every row as Python repr.
std::string dump_table(const std::string& db, const std::string& table) {
  return hamilton_test::run_python(
      "import sqlite3\ncon = sqlite3.connect('" + db +
      "')\n"
      "print([(r[1], r[2]) for r in con.execute('PRAGMA table_info(\"" +
      table +
      "\")')])\n"
      "print([r[1] for r in con.execute('PRAGMA index_list(\"" +
      table +
      "\")')])\n"
      "for row in con.execute('SELECT * FROM \"" +
      table + "\"'): print(row)\n");
}

TEST(SqlitePandas, WritesTheTablePandasToSqlWrites) {
  hamilton_test::TempDir dir("sqlite_write");
  const std::string db = dir / "t.db";
  hamilton_test::run_python(std::string(hamilton_test::sample_frame_python()) +
                            "import sqlite3\ncon = sqlite3.connect('" + db +
                            "')\ndf.to_sql('p', con)\ncon.commit()\n");
  EXPECT_EQ(hamilton::write_sqlite(hamilton_test::sample_frame(), db, "c"), 4u);
  std::string pandas = dump_table(db, "p"), ours = dump_table(db, "c");
  // the index names differ only by the table's name
  auto pos = pandas.find("ix_p_index");
  ASSERT_NE(pos, std::string::npos) << pandas;
  pandas.replace(pos, 10, "ix_c_index");
  EXPECT_EQ(ours, pandas);
}

TEST(SqlitePandas, ReadsWhatPandasReadSqlReads) {
  hamilton_test::TempDir dir("sqlite_read");
  const std::string db = dir / "t.db";
  std::string out = hamilton_test::run_python(
      std::string(hamilton_test::sample_frame_python()) +
      "import sqlite3, sys\ncon = sqlite3.connect('" + db +
      "')\ndf.to_sql('p', con, index=False)\ncon.commit()\n"
      "back = pd.read_sql('SELECT * FROM p', con)\n"
      "sys.stdout.write(' '.join(str(t) for t in back.dtypes) + '\\n')\n"
      "sys.stdout.write(back.to_csv(index=False))\n"
      "q = pd.read_sql('SELECT i * 2 AS twice, s FROM p WHERE b = 1', con)\n"
      "sys.stdout.write(q.to_csv(index=False))\n");
  DataFrame ours = hamilton::read_sqlite(db, "p");
  std::string dtypes;
  for (const auto& c : ours.columns())
    dtypes += (dtypes.empty() ? "" : " ") + std::string(c.dtype_name());
  hamilton::CsvWriteOptions no_index;
  no_index.index = false;
  DataFrame q = hamilton::read_sqlite_query(db, "SELECT i * 2 AS twice, s FROM p WHERE b = 1");
  EXPECT_EQ(dtypes + "\n" + hamilton::to_csv(ours, no_index) + hamilton::to_csv(q, no_index), out);
}

TEST(Sqlite, RoundTripWithIndexAndDates) {
  hamilton_test::TempDir dir("sqlite_roundtrip");
  const std::string db = dir / "t.db";
  DataFrame df = hamilton_test::sample_frame();
  hamilton::write_sqlite(df, db, "t");
  hamilton::SqliteReadOptions o;
  o.index_col = "index";
  o.parse_dates = {"when_at", "day"};
  DataFrame back = hamilton::read_sqlite(db, "t", o);
  EXPECT_EQ(back.column_names(), df.column_names());
  EXPECT_EQ(back.column("b").dtype(), DType::int64);  // SQLite has no bool (pandas: int64 too)
  for (const char* c : {"f", "i", "s", "when_at", "day"})
    EXPECT_TRUE(back.column(c).equals(df.column(c))) << c;
  EXPECT_EQ(back.index().kind(), hamilton::Index::Kind::int64);
}

TEST(Sqlite, IfExistsFailReplaceAppend) {
  hamilton_test::TempDir dir("sqlite_if_exists");
  const std::string db = dir / "t.db";
  DataFrame df({{"a", Series({1, 2})}});
  hamilton::write_sqlite(df, db, "t");
  std::string msg = io_error([&] { hamilton::write_sqlite(df, db, "t"); });
  EXPECT_NE(msg.find("already has a table `t` (if_exists fail); pass if_exists replace"),
            std::string::npos)
      << msg;
  hamilton::SqliteWriteOptions append;
  append.if_exists = IfExists::append;
  hamilton::write_sqlite(df, db, "t", append);
  EXPECT_EQ(hamilton::read_sqlite(db, "t").num_rows(), 4u);
  hamilton::SqliteWriteOptions replace;
  replace.if_exists = IfExists::replace;
  hamilton::write_sqlite(DataFrame({{"b", Series({1.5})}}), db, "t", replace);
  DataFrame now = hamilton::read_sqlite(db, "t");
  EXPECT_EQ(now.column_names(), (std::vector<std::string>{"index", "b"}));
  EXPECT_EQ(now.num_rows(), 1u);
  // appending columns the table lacks fails and writes nothing
  msg = io_error([&] { hamilton::write_sqlite(df, db, "t", append); });
  EXPECT_NE(msg.find("table t has no column named a"), std::string::npos) << msg;
  EXPECT_EQ(hamilton::read_sqlite(db, "t").num_rows(), 1u);
}

TEST(Sqlite, ErrorsNameTheDatabaseTableAndQuery) {
  hamilton_test::TempDir dir("sqlite_errors");
  const std::string db = dir / "t.db";
  hamilton::write_sqlite(DataFrame({{"a", Series({1, 2})}}), db, "things");
  std::string msg = io_error([&] { hamilton::read_sqlite(db, "thing"); });
  EXPECT_NE(msg.find("SQLite database '" + db + "' has no table `thing`; its tables: things"),
            std::string::npos)
      << msg;
  msg = io_error([&] { hamilton::read_sqlite_query(db, "SELECT nope FROM things"); });
  EXPECT_NE(msg.find("the query on SQLite database '" + db +
                     "' failed: no such column: nope (query: SELECT nope FROM things)"),
            std::string::npos)
      << msg;
  msg = io_error([&] { hamilton::read_sqlite(dir / "missing.db", "t"); });
  EXPECT_NE(msg.find("SQLite database '" + dir / "missing.db" + "' does not exist"),
            std::string::npos)
      << msg;
  msg = io_error([&] { hamilton::read_sqlite_query(db, "SELECT x'00' AS blob"); });
  EXPECT_NE(msg.find("column `blob` of the query in '" + db + "' holds a BLOB"), std::string::npos)
      << msg;
  msg = io_error([&] { hamilton::read_sqlite_query(db, "SELECT 1 AS a UNION ALL SELECT 'x'"); });
  EXPECT_NE(msg.find("column `a` of the query in '" + db +
                     "': row 1 holds a string in a column of integers"),
            std::string::npos)
      << msg;
}

TEST(Sqlite, FormatArgumentsAndMetadata) {
  hamilton_test::TempDir dir("sqlite_format");
  const std::string db = dir / "t.db";
  DataFrame df({{"a", Series({1, 2, 3})}});
  auto meta = hamilton::io::save("sqlite", df, {{"path", db}, {"table", "t"}, {"index", false}});
  EXPECT_EQ(meta.rows, 3u);
  EXPECT_EQ(meta.table, "t");
  EXPECT_EQ(meta.path, db);
  EXPECT_GT(meta.size_bytes, 0u);
  auto loaded =
      hamilton::io::load("sqlite", {{"path", db}, {"query", "SELECT a FROM t WHERE a > 1"}});
  EXPECT_TRUE(
      loaded.data.get<DataFrame>().column("a").equals(Series(std::vector<std::int64_t>{2, 3})));
  std::string msg = io_error([&] { hamilton::io::load("sqlite", {{"path", db}}); });
  EXPECT_NE(msg.find("give exactly one of `table` and `query`"), std::string::npos) << msg;
  msg = io_error([&] {
    hamilton::io::save("sqlite", df, {{"path", db}, {"table", "t"}, {"if_exists", "merge"}});
  });
  EXPECT_NE(
      msg.find("argument `if_exists` must be \"fail\", \"replace\" or \"append\", not \"merge\""),
      std::string::npos)
      << msg;
}

}  // namespace
