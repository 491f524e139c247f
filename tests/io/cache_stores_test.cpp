// The result cache's stores in a folder: SQLite metadata (read back by Python Hamilton's own
// SQLiteMetadataStore), checksummed result files, bad entries, and two processes on one folder.
#include "hamilton/io/cache_stores.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "hamilton/caching/codec.hpp"
#include "hamilton/frame.hpp"
#include "hamilton/io/formats.hpp"
#include "python.hpp"

namespace {
namespace fs = std::filesystem;
using hamilton::Series;
using hamilton::Value;
using hamilton::caching::CacheFormatError;
using hamilton::caching::MetadataEntry;

struct Folder {
  fs::path path;
  Folder() {
    path = fs::temp_directory_path() / ("hamilton_cache_stores_" + std::to_string(::getpid()) +
                                        "_" + std::to_string(counter()++));
    fs::remove_all(path);
  }
  ~Folder() { fs::remove_all(path); }
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::string str() const { return path.string(); }
};

template <class E, class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return "<no error>";
}

MetadataEntry entry(int i) {
  return {"key" + std::to_string(i), "dv" + std::to_string(i), "node" + std::to_string(i),
          "code" + std::to_string(i)};
}

TEST(SQLiteMetadataStore, StoresKeysRunsAndHistoryAcrossReopening) {
  Folder dir;
  {
    auto store = hamilton::caching::sqlite_metadata_store(dir.str());
    EXPECT_TRUE(fs::exists(dir.path / "metadata_store.db"));
    EXPECT_EQ(store->size(), 0u);
    EXPECT_EQ(store->get("key1"), std::nullopt);
    store->initialize("run-a");
    store->set(entry(1), "run-a");
    store->set(entry(2), "run-a");
    store->initialize("run-b");
    // A key already stored keeps its first data version (INSERT OR IGNORE, as in Hamilton).
    store->set({"key1", "other", "node1", "code1"}, "run-b");
    EXPECT_EQ(store->get("key1"), "dv1");
    EXPECT_TRUE(store->exists("key2"));
    EXPECT_FALSE(store->exists("key3"));
    EXPECT_EQ(store->size(), 2u);
  }
  auto store = hamilton::caching::sqlite_metadata_store(dir.str());
  EXPECT_EQ(store->run_ids(), (std::vector<std::string>{"run-a", "run-b"}));
  EXPECT_EQ(store->run("run-a"), (std::vector<MetadataEntry>{entry(1), entry(2)}));
  EXPECT_EQ(store->run("run-b"), (std::vector<MetadataEntry>{entry(1)}));
  EXPECT_EQ(error_of<hamilton::Error>([&] { store->run("run-z"); }),
            "no run `run-z` was initialized in the metadata store '" +
                (dir.path / "metadata_store.db").string() + "' (its runs are listed by run_ids())");
  store->remove("key1");
  EXPECT_EQ(store->get("key1"), std::nullopt);
  EXPECT_EQ(store->size(), 1u);
  store->remove_all();
  EXPECT_EQ(store->size(), 0u);
  EXPECT_TRUE(store->run_ids().empty());
}

TEST(SQLiteMetadataStore, PythonHamiltonReadsWhatItWrote) {
  Folder dir;
  auto store = hamilton::caching::sqlite_metadata_store(dir.str());
  store->initialize("r1");
  store->set({"k-a", "dv-a", "spend", "v1"}, "r1");
  store->set({"k-b", "dv-b", "signups", "v2"}, "r1");
  const std::string out = hamilton_test::run_python(
      "from hamilton.caching.stores.sqlite import SQLiteMetadataStore\n"
      "s = SQLiteMetadataStore(path='" +
      dir.str() +
      "')\n"
      "print(len(s), s.get('k-a'), s.get('k-b'), s.get('nope'), s.get_run_ids())\n"
      "print(sorted((r['node_name'], r['code_version'], r['data_version']) "
      "for r in s.get_run('r1')))\n");
  EXPECT_EQ(out,
            "2 dv-a dv-b None ['r1']\n"
            "[('signups', 'v2', 'dv-b'), ('spend', 'v1', 'dv-a')]\n");
}

TEST(SQLiteMetadataStore, AFileThatIsNotADatabaseIsAClearError) {
  Folder dir;
  fs::create_directories(dir.path);
  std::ofstream(dir.path / "metadata_store.db") << "this is not a database, just some text...";
  const std::string msg =
      error_of<hamilton::io::IoError>([&] { hamilton::caching::sqlite_metadata_store(dir.str()); });
  EXPECT_NE(msg.find("metadata_store.db"), std::string::npos) << msg;
  EXPECT_NE(msg.find("not a database"), std::string::npos) << msg;
}

TEST(FileResultStore, StoresValuesWithACodecAndRefusesOthers) {
  Folder dir;
  auto store = hamilton::caching::file_result_store(dir.str());
  const Series s(std::vector<double>{1.5, 2.5, -3.0}, "spend");
  EXPECT_FALSE(store->exists("abc123"));
  EXPECT_EQ(store->get("abc123"), std::nullopt);
  ASSERT_TRUE(store->set("abc123", Value(s)));
  EXPECT_TRUE(store->exists("abc123"));
  EXPECT_TRUE(fs::is_regular_file(dir.path / "abc123"));
  auto back = store->get("abc123");
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(back->get<Series>().equals(s));
  EXPECT_EQ(back->get<Series>().name(), "spend");

  struct NoCodec {
    int x;
  };
  EXPECT_FALSE(store->set("nocodec", Value(NoCodec{1})));
  EXPECT_FALSE(store->exists("nocodec"));

  store->set("other", Value(std::string("hello")));
  store->remove("abc123");
  EXPECT_FALSE(store->exists("abc123"));
  std::ofstream(dir.path / "notes.txt") << "not ours";
  store->remove_all();
  EXPECT_FALSE(store->exists("other"));
  EXPECT_TRUE(fs::exists(dir.path / "notes.txt"));  // only entries are deleted
  EXPECT_EQ(error_of<hamilton::Error>([&] { store->get("../etc/passwd"); }),
            "`../etc/passwd` is not a data version (letters, digits, '-' and '_', at most 128): a "
            "result store names its files by them");
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
void write_file(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

TEST(FileResultStore, ATruncatedOrCorruptedEntryIsReportedNeverReturned) {
  Folder dir;
  auto store = hamilton::caching::file_result_store(dir.str());
  ASSERT_TRUE(store->set("dv", Value(std::vector<double>{1, 2, 3, 4})));
  const fs::path file = dir.path / "dv";
  const std::string good = read_file(file);
  auto message = [&] { return error_of<CacheFormatError>([&] { store->get("dv"); }); };

  std::string flipped = good;
  flipped[flipped.size() - 3] ^= 0x40;  // one bit of a double
  write_file(file, flipped);
  EXPECT_EQ(message(), "the cached result '" + file.string() +
                           "' is unreadable: its checksum does not match its content (it was "
                           "corrupted); it is not used (delete it, or let the cache recompute it)");

  write_file(file, good.substr(0, good.size() - 5));
  EXPECT_NE(message().find("truncated or extended: its header says"), std::string::npos)
      << message();
  write_file(file, good.substr(0, 10));
  EXPECT_NE(message().find("truncated: 10 bytes, shorter than its 32-byte header"),
            std::string::npos)
      << message();
  write_file(file, std::string(64, 'x'));
  EXPECT_NE(message().find("it is not a result file"), std::string::npos) << message();
  std::string future = good;
  future[8] = 9;  // format version 9
  write_file(file, future);
  EXPECT_NE(message().find("written in format 9; this build reads format 1"), std::string::npos)
      << message();
  write_file(file, good);
  EXPECT_EQ(store->get("dv")->get<std::vector<double>>(), (std::vector<double>{1, 2, 3, 4}));
}

// Two processes write and read the same keys and results in one folder at once.
TEST(CacheStores, TwoProcessesShareOneFolder) {
  Folder dir;
  constexpr int kKeys = 150;
  auto work = [&](int who) {
    auto meta = hamilton::caching::sqlite_metadata_store(dir.str());
    auto results = hamilton::caching::file_result_store(dir.str());
    meta->initialize("run-" + std::to_string(who));
    for (int i = 0; i < kKeys; ++i) {
      const int k = who == 0 ? i : kKeys - 1 - i;  // opposite orders: they collide in the middle
      const std::string dv = "dv" + std::to_string(k);
      results->set(dv, Value(std::vector<std::int64_t>(100, k)));
      meta->set({"key" + std::to_string(k), dv, "n", "c"}, "run-" + std::to_string(who));
      auto back = results->get(dv);
      if (!back || back->get<std::vector<std::int64_t>>() != std::vector<std::int64_t>(100, k))
        return 2;
      if (meta->get("key" + std::to_string(k)) != dv) return 3;
    }
    return 0;
  };
  pid_t children[2];
  for (int who = 0; who < 2; ++who) {
    children[who] = ::fork();
    ASSERT_GE(children[who], 0);
    if (children[who] == 0) {
      int rc = 1;
      try {
        rc = work(who);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "process %d: %s\n", who, e.what());
      }
      std::fflush(stderr);
      ::_exit(rc);
    }
  }
  for (pid_t child : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  auto meta = hamilton::caching::sqlite_metadata_store(dir.str());
  auto results = hamilton::caching::file_result_store(dir.str());
  EXPECT_EQ(meta->size(), static_cast<std::size_t>(kKeys));
  EXPECT_EQ(meta->run_ids().size(), 2u);
  EXPECT_EQ(meta->run("run-0").size(), static_cast<std::size_t>(kKeys));
  for (int k = 0; k < kKeys; ++k)
    EXPECT_EQ(results->get("dv" + std::to_string(k))->get<std::vector<std::int64_t>>(),
              std::vector<std::int64_t>(100, k));
  for (const auto& e : fs::directory_iterator(dir.path))
    EXPECT_EQ(e.path().filename().string().find(".tmp."), std::string::npos)
        << "a temporary file was left: " << e.path();
}

}  // namespace
