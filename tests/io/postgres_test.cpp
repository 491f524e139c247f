// PostgreSQL tables (libpq) against a real server started for these tests: initdb and pg_ctl in
// a temporary folder, listening on 127.0.0.1 at a free port, run as `nobody` when the tests run
// as root (PostgreSQL refuses root), stopped after the suite. A server that cannot start fails
// every test with the reason.
#include "hamilton/io/postgres.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "hamilton/hamilton.hpp"
#include "sample.hpp"

namespace {
using hamilton::DataFrame;
using hamilton::DType;
using hamilton::IfExists;
using hamilton::Series;
namespace fs = std::filesystem;

int free_port() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  int port = -1;
  if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  ::close(s);
  return port;
}

std::string slurp(const fs::path& p) {
  std::stringstream s;
  s << std::ifstream(p).rdbuf();
  return s.str();
}

class PostgresServer {
 public:
  PostgresServer() {
    dir_ = fs::temp_directory_path() / ("hamilton_pg_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string initdb = HAMILTON_INITDB, pg_ctl = HAMILTON_PG_CTL;
    if (initdb.empty() || initdb.find("NOTFOUND") != std::string::npos ||
        pg_ctl.find("NOTFOUND") != std::string::npos) {
      error_ = "initdb/pg_ctl not found: install Debian's postgresql (scripts/setup.sh)";
      return;
    }
    std::string as_user;
    if (::geteuid() == 0) {
      passwd* nobody = ::getpwnam("nobody");
      if (!nobody) {
        error_ = "running as root and there is no user `nobody` to run PostgreSQL as";
        return;
      }
      if (::chown(dir_.c_str(), nobody->pw_uid, nobody->pw_gid) != 0) {
        error_ = "cannot give " + dir_.string() + " to nobody";
        return;
      }
      as_user = "runuser -u nobody -- ";
    }
    port_ = free_port();
    const std::string d = dir_.string();
    std::string init = "cd '" + d + "' && " + as_user + "'" + initdb + "' -D '" + d +
                       "/data' -A trust -U postgres -E UTF8 --no-sync > '" + d +
                       "/initdb.log' 2>&1";
    if (std::system(init.c_str()) != 0) {
      error_ = "initdb failed:\n" + slurp(dir_ / "initdb.log");
      return;
    }
    pg_ctl_ = "cd '" + d + "' && " + as_user + "'" + pg_ctl + "' -D '" + d + "/data' ";
    std::string start =
        pg_ctl_ + "-l '" + d + "/server.log' -w -t 60 -o \"-p " + std::to_string(port_) + " -k '" +
        d + "' -c listen_addresses=127.0.0.1 -c fsync=off\" start > '" + d + "/pg_ctl.log' 2>&1";
    if (std::system(start.c_str()) != 0) {
      error_ = "pg_ctl start failed:\n" + slurp(dir_ / "pg_ctl.log") + slurp(dir_ / "server.log");
      return;
    }
    started_ = true;
  }
  ~PostgresServer() {
    if (started_) {
      std::string stop = pg_ctl_ + "-m fast -w stop > /dev/null 2>&1";
      if (std::system(stop.c_str()) != 0) std::fprintf(stderr, "pg_ctl stop failed\n");
    }
    fs::remove_all(dir_);
  }
  const std::string& error() const { return error_; }
  std::string conninfo() const {
    return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=postgres";
  }
  int port() const { return port_; }

 private:
  fs::path dir_;
  std::string pg_ctl_;
  std::string error_;
  int port_ = -1;
  bool started_ = false;
};

class Postgres : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new PostgresServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    ASSERT_EQ(server_->error(), "") << "the PostgreSQL server did not start";
  }
  static std::string conninfo() { return server_->conninfo(); }
  static PostgresServer* server_;
};
PostgresServer* Postgres::server_ = nullptr;

std::string io_error(auto&& f) {
  try {
    f();
  } catch (const hamilton::io::IoError& e) {
    return e.what();
  }
  return "<no IoError>";
}

TEST_F(Postgres, RoundTripOfEveryDtype) {
  DataFrame df = hamilton_test::sample_frame();
  EXPECT_EQ(hamilton::write_postgres(df, conninfo(), "sample"), 4u);
  hamilton::SqliteReadOptions o;
  o.index_col = "index";
  DataFrame back = hamilton::read_postgres(conninfo(), "sample", o);
  EXPECT_EQ(back.column_names(), df.column_names());
  for (const auto& name : df.column_names())
    EXPECT_TRUE(back.column(name).equals(df.column(name))) << name;
  EXPECT_EQ(back.column("b").dtype(), DType::boolean);  // PostgreSQL has booleans
  EXPECT_EQ(back.index().kind(), hamilton::Index::Kind::int64);
  DataFrame q = hamilton::read_postgres_query(
      conninfo(), "SELECT i * 2 AS twice, s FROM sample WHERE b ORDER BY i");
  EXPECT_TRUE(q.column("twice").equals(Series(std::vector<std::int64_t>{2, 6})));
  EXPECT_TRUE(q.column("s").equals(Series::strings({"a", ""}, {false, true})));
}

TEST_F(Postgres, IfExistsFailReplaceAppend) {
  DataFrame df({{"a", Series({1, 2})}});
  hamilton::write_postgres(df, conninfo(), "t_exists");
  std::string msg = io_error([&] { hamilton::write_postgres(df, conninfo(), "t_exists"); });
  EXPECT_NE(msg.find("already has a table `t_exists` (if_exists fail)"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("password"), std::string::npos);
  hamilton::SqliteWriteOptions append;
  append.if_exists = IfExists::append;
  hamilton::write_postgres(df, conninfo(), "t_exists", append);
  EXPECT_EQ(hamilton::read_postgres(conninfo(), "t_exists").num_rows(), 4u);
  hamilton::SqliteWriteOptions replace;
  replace.if_exists = IfExists::replace;
  hamilton::write_postgres(DataFrame({{"b", Series({1.5})}}), conninfo(), "t_exists", replace);
  DataFrame now = hamilton::read_postgres(conninfo(), "t_exists");
  EXPECT_EQ(now.column_names(), (std::vector<std::string>{"index", "b"}));
  msg = io_error([&] { hamilton::write_postgres(df, conninfo(), "t_exists", append); });
  EXPECT_NE(msg.find("column \"a\" of relation \"t_exists\" does not exist"), std::string::npos)
      << msg;
  EXPECT_EQ(hamilton::read_postgres(conninfo(), "t_exists").num_rows(), 1u);  // rolled back
}

TEST_F(Postgres, ErrorsQuoteTheServerAndNameTheQuery) {
  std::string msg = io_error([&] { hamilton::read_postgres(conninfo(), "no_such_table"); });
  // libpq's order of the connection keywords
  EXPECT_NE(msg.find("table `no_such_table` on PostgreSQL 'user=postgres dbname=postgres "
                     "host=127.0.0.1 port=" +
                     std::to_string(server_->port()) +
                     "' failed: ERROR:  relation \"no_such_table\" does not exist"),
            std::string::npos)
      << msg;
  msg = io_error([&] { hamilton::read_postgres_query(conninfo(), "SELECT nope"); });
  EXPECT_NE(msg.find("column \"nope\" does not exist"), std::string::npos) << msg;
  EXPECT_NE(msg.find("(query: SELECT nope)"), std::string::npos) << msg;
  msg = io_error(
      [&] { hamilton::read_postgres("host=127.0.0.1 port=1 user=postgres password=secret", "t"); });
  EXPECT_NE(msg.find("cannot connect to PostgreSQL 'user=postgres host=127.0.0.1 port=1'"),
            std::string::npos)
      << msg;
  EXPECT_EQ(msg.find("secret"), std::string::npos) << msg;
}

TEST_F(Postgres, MaterializeLoadsAndSaves) {
  hamilton::write_postgres(DataFrame({{"x", Series({1.0, 2.0, 3.0})}}), conninfo(), "source",
                           {IfExists::replace, false, ""});
  hamilton::Module m("postgres_features");
  m.add("scaled", {"raw"}, [](const DataFrame& raw) {
    return DataFrame({{"y", raw.column("x") * 10.0}});
  });
  auto dr = hamilton::Builder().with_modules(m).build();
  auto [metadata, vars] = dr.materialize(
      {hamilton::from_::postgres("raw", {{"conninfo", conninfo()}, {"table", "source"}}),
       hamilton::to::postgres("saved", {"scaled"},
                              {{"conninfo", conninfo()}, {"table", "scaled"}, {"index", false}})});
  EXPECT_EQ(metadata.at("saved").rows, 3u);
  EXPECT_EQ(metadata.at("saved").table, "scaled");
  EXPECT_EQ(metadata.at("saved").path, hamilton::postgres_location(conninfo()));
  EXPECT_EQ(hamilton::postgres_location("host=h password=secret dbname=d"), "dbname=d host=h");
  DataFrame back = hamilton::read_postgres(conninfo(), "scaled");
  EXPECT_TRUE(back.column("y").equals(Series({10.0, 20.0, 30.0})));
}

}  // namespace
