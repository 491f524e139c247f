// The result cache's stores in a folder: SQLite metadata (Python Hamilton's tables) and one
// checksummed file per result.
#include "hamilton/io/cache_stores.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "caching/cache_state.hpp"
#include "hamilton/caching/codec.hpp"
#include "hamilton/io/formats.hpp"

namespace hamilton::caching {
namespace {

namespace fs = std::filesystem;

void make_folder(const std::string& path, std::string_view what) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec || !fs::is_directory(path))
    throw io::IoError(fmt::format("cannot create the {} folder '{}': {}", what, path,
                                  ec ? ec.message() : "it exists and is not a folder"));
}

// ---------------------------------------------------------------- SQLite metadata

class SqliteMetadata final : public MetadataStore {
 public:
  explicit SqliteMetadata(const std::string& folder) {
    make_folder(folder, "cache");
    path_ = (fs::path(folder) / "metadata_store.db").string();
    if (sqlite3_open_v2(path_.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw io::IoError(fmt::format("cannot open the cache's metadata store '{}': {}", path_, msg));
    }
    sqlite3_busy_timeout(db_, 30000);
    try {
      exec("PRAGMA journal_mode=WAL", "switching to WAL mode");
      // WAL with synchronous=NORMAL stays consistent on a crash; a power cut may lose the last
      // entries, which a cache then recomputes. FULL would sync the disk on every node.
      exec("PRAGMA synchronous=NORMAL", "setting synchronous=NORMAL");
      create_tables();
    } catch (...) {
      sqlite3_close(db_);
      db_ = nullptr;
      throw;
    }
  }
  ~SqliteMetadata() override {
    for (auto& [sql, stmt] : prepared_) sqlite3_finalize(stmt);
    if (db_) sqlite3_close(db_);
  }

  void initialize(std::string_view run_id) override {
    std::lock_guard lock(mutex_);
    Stmt s(*this, "INSERT INTO run_ids (run_id) VALUES (?)");
    s.text(1, run_id);
    s.done("recording the run");
  }
  std::optional<std::string> get(std::string_view cache_key) override {
    std::lock_guard lock(mutex_);
    Stmt s(*this, "SELECT data_version FROM cache_metadata WHERE cache_key = ?");
    s.text(1, cache_key);
    if (!s.row("reading a cache key")) return std::nullopt;
    return s.column(0);
  }
  void set(const MetadataEntry& e, std::string_view run_id) override {
    std::lock_guard lock(mutex_);
    Stmt(*this, "BEGIN IMMEDIATE").done("starting a transaction");
    try {
      Stmt h(*this, "INSERT INTO history (cache_key, run_id) VALUES (?, ?)");
      h.text(1, e.cache_key);
      h.text(2, run_id);
      h.done("recording a node run");
      Stmt m(*this,
             "INSERT OR IGNORE INTO cache_metadata (cache_key, node_name, code_version, "
             "data_version) VALUES (?, ?, ?, ?)");
      m.text(1, e.cache_key);
      m.text(2, e.node_name);
      m.text(3, e.code_version);
      m.text(4, e.data_version);
      m.done("storing a cache key");
      Stmt(*this, "COMMIT").done("committing");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
  bool exists(std::string_view cache_key) override { return get(cache_key).has_value(); }
  void remove(std::string_view cache_key) override {
    std::lock_guard lock(mutex_);
    Stmt s(*this, "DELETE FROM cache_metadata WHERE cache_key = ?");
    s.text(1, cache_key);
    s.done("deleting a cache key");
  }
  void remove_all() override {
    std::lock_guard lock(mutex_);
    exec("DELETE FROM cache_metadata; DELETE FROM history; DELETE FROM run_ids",
         "deleting everything");
  }
  std::size_t size() override {
    std::lock_guard lock(mutex_);
    Stmt s(*this, "SELECT COUNT(*) FROM cache_metadata");
    s.row("counting cache keys");
    return static_cast<std::size_t>(sqlite3_column_int64(s.stmt, 0));
  }
  std::vector<std::string> run_ids() override {
    std::lock_guard lock(mutex_);
    Stmt s(*this, "SELECT run_id FROM run_ids ORDER BY id");
    std::vector<std::string> out;
    while (s.row("listing runs")) out.push_back(s.column(0));
    return out;
  }
  std::vector<MetadataEntry> run(std::string_view run_id) override {
    std::lock_guard lock(mutex_);
    {
      Stmt s(*this, "SELECT 1 FROM run_ids WHERE run_id = ?");
      s.text(1, run_id);
      if (!s.row("finding a run"))
        throw Error(
            fmt::format("no run `{}` was initialized in the metadata store '{}' (its "
                        "runs are listed by run_ids())",
                        run_id, path_));
    }
    Stmt s(*this,
           "SELECT m.cache_key, m.data_version, m.node_name, m.code_version FROM history h "
           "JOIN cache_metadata m ON h.cache_key = m.cache_key WHERE h.run_id = ? ORDER BY h.id");
    s.text(1, run_id);
    std::vector<MetadataEntry> out;
    while (s.row("reading a run"))
      out.push_back({s.column(0), s.column(1), s.column(2), s.column(3)});
    return out;
  }

 private:
  // A statement prepared once per store and reset after each use (under mutex_).
  struct Stmt {
    SqliteMetadata& store;
    sqlite3_stmt* stmt = nullptr;
    Stmt(SqliteMetadata& st, const char* sql) : store(st) {
      auto it = store.prepared_.find(sql);
      if (it != store.prepared_.end()) {
        stmt = it->second;
        return;
      }
      if (sqlite3_prepare_v2(store.db_, sql, -1, &stmt, nullptr) != SQLITE_OK)
        store.fail("preparing a statement", sql);
      store.prepared_.emplace(sql, stmt);
    }
    ~Stmt() {
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
    }
    void text(int i, std::string_view v) {
      sqlite3_bind_text(stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }
    bool row(std::string_view what) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_ROW) return true;
      if (rc != SQLITE_DONE) store.fail(what, sqlite3_sql(stmt));
      return false;
    }
    void done(std::string_view what) { row(what); }
    std::string column(int i) {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
      return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)))
               : std::string();
    }
  };

  [[noreturn]] void fail(std::string_view what, std::string_view sql) const {
    throw io::IoError(fmt::format("{} in the cache's metadata store '{}' failed: {} (SQL: {})",
                                  what, path_, sqlite3_errmsg(db_), sql));
  }
  // Runs `sql`. Setting up a database that another process is setting up at the same moment
  // (switching it to WAL, creating its tables) can be refused as busy without SQLite's busy
  // handler waiting (it does not wait where waiting could deadlock): that is retried for as
  // long as the busy timeout, 30 s.
  void exec(const char* sql, std::string_view what) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    auto pause = std::chrono::milliseconds(1);
    for (;;) {
      char* err = nullptr;
      const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
      if (rc == SQLITE_OK) return;
      std::string msg = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
          std::chrono::steady_clock::now() + pause < deadline) {
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(50));
        continue;
      }
      throw io::IoError(fmt::format("{} in the cache's metadata store '{}' failed: {} (SQL: {})",
                                    what, path_, msg, sql));
    }
  }
  void create_tables() {
    // Python Hamilton's schema (hamilton/caching/stores/sqlite.py), so either can read it.
    exec(
        "CREATE TABLE IF NOT EXISTS run_ids (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT, "
        "created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);"
        "CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY AUTOINCREMENT, cache_key "
        "TEXT, run_id TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY "
        "(cache_key) REFERENCES cache_metadata(cache_key));"
        "CREATE TABLE IF NOT EXISTS cache_metadata (cache_key TEXT PRIMARY KEY, data_version "
        "TEXT NOT NULL, node_name TEXT NOT NULL, code_version TEXT NOT NULL, created_at "
        "TIMESTAMP DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY (cache_key) REFERENCES "
        "history(cache_key));",
        "creating the tables");
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  std::mutex mutex_;
  std::unordered_map<std::string, sqlite3_stmt*> prepared_;  ///< by SQL text
};

// ---------------------------------------------------------------- files of results

constexpr char kMagic[8] = {'h', 'a', 'm', 'r', 'e', 's', 'l', 't'};
constexpr std::uint64_t kFormat = 1;
constexpr std::size_t kHeader = 8 + 3 * 8;

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
std::uint64_t get_u64(const char* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

// Reads the whole file at `path` into `out`; false if it does not exist. Throws io::IoError if
// it exists but cannot be read.
bool read_file(const std::string& path, std::string& out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return false;
    throw io::IoError(
        fmt::format("cannot read the cached result '{}': {}", path, std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    throw io::IoError(
        fmt::format("cannot read the cached result '{}': {}", path, std::strerror(err)));
  }
  out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      throw io::IoError(
          fmt::format("cannot read the cached result '{}': {}", path, std::strerror(err)));
    }
    if (n == 0) break;  // shorter than it was: the header's length says so
    done += static_cast<std::size_t>(n);
  }
  out.resize(done);
  ::close(fd);
  return true;
}

class FileResults final : public ResultStore {
 public:
  explicit FileResults(std::string folder) : folder_(std::move(folder)) {
    make_folder(folder_, "result store");
  }

  std::optional<Value> get(std::string_view data_version) override {
    const std::string file = path_of(data_version);
    std::string bytes;
    if (!read_file(file, bytes)) return std::nullopt;
    auto bad = [&](const std::string& what) {
      return CacheFormatError(
          fmt::format("the cached result '{}' is unreadable: {}; it is not used (delete it, or "
                      "let the cache recompute it)",
                      file, what));
    };
    if (bytes.size() < kHeader)
      throw bad(fmt::format("truncated: {} bytes, shorter than its {}-byte header", bytes.size(),
                            kHeader));
    if (std::memcmp(bytes.data(), kMagic, 8) != 0) throw bad("it is not a result file");
    const std::uint64_t format = get_u64(bytes.data() + 8);
    if (format != kFormat)
      throw bad(fmt::format("written in format {}; this build reads format {}", format, kFormat));
    const std::uint64_t length = get_u64(bytes.data() + 16);
    if (length != bytes.size() - kHeader)
      throw bad(
          fmt::format("truncated or extended: its header says {} bytes of value, the file "
                      "has {}",
                      length, bytes.size() - kHeader));
    const std::string_view payload(bytes.data() + kHeader, length);
    if (XXH64(payload.data(), payload.size(), 0) != get_u64(bytes.data() + 24))
      throw bad("its checksum does not match its content (it was corrupted)");
    try {
      return decode(payload);
    } catch (const CacheFormatError& e) {
      throw bad(e.what());
    }
  }

  bool set(std::string_view data_version, const Value& result) override {
    std::string bytes(kMagic, 8);
    put_u64(bytes, kFormat);
    put_u64(bytes, 0);
    put_u64(bytes, 0);
    if (!encode(result, bytes)) return false;
    const std::size_t length = bytes.size() - kHeader;
    std::string patch;
    put_u64(patch, length);
    put_u64(patch, XXH64(bytes.data() + kHeader, length, 0));
    bytes.replace(16, 16, patch);

    const std::string file = path_of(data_version);
    static std::atomic<std::uint64_t> counter{0};
    const std::string tmp = fmt::format("{}.tmp.{}.{}", file, ::getpid(), counter.fetch_add(1));
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
      throw io::IoError(
          fmt::format("cannot write the cached result '{}': {}", tmp, std::strerror(errno)));
    std::size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        throw io::IoError(
            fmt::format("cannot write the cached result '{}': {}", tmp, std::strerror(err)));
      }
      done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0 || ::rename(tmp.c_str(), file.c_str()) != 0) {
      const int err = errno;
      ::unlink(tmp.c_str());
      throw io::IoError(
          fmt::format("cannot store the cached result '{}': {}", file, std::strerror(err)));
    }
    return true;
  }

  bool exists(std::string_view data_version) override {
    std::error_code ec;
    return fs::is_regular_file(path_of(data_version), ec);
  }
  void remove(std::string_view data_version) override {
    std::error_code ec;
    fs::remove(path_of(data_version), ec);
  }
  void remove_all() override {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder_, ec)) {
      const std::string name = e.path().filename().string();
      // entries and temporary files of entries (`<data version>.tmp.<pid>.<n>`), nothing else
      const auto tmp = name.find(".tmp.");
      if (e.is_regular_file(ec) &&
          (is_data_version(name) ||
           (tmp != std::string::npos && is_data_version(name.substr(0, tmp)))))
        fs::remove(e.path(), ec);
    }
  }

 private:
  static bool is_data_version(std::string_view s) {
    if (s.empty() || s.size() > 128) return false;
    for (char c : s)
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            c == '-' || c == '_'))
        return false;
    return true;
  }
  std::string path_of(std::string_view data_version) const {
    if (!is_data_version(data_version))
      throw Error(
          fmt::format("`{}` is not a data version (letters, digits, '-' and '_', at most "
                      "128): a result store names its files by them",
                      data_version));
    return (fs::path(folder_) / std::string(data_version)).string();
  }
  std::string folder_;
};

}  // namespace

std::shared_ptr<MetadataStore> sqlite_metadata_store(const std::string& path) {
  return std::make_shared<SqliteMetadata>(path);
}
std::shared_ptr<ResultStore> file_result_store(const std::string& path) {
  return std::make_shared<FileResults>(path);
}

namespace {
// Builder::with_cache makes these when it is given no stores (core cannot link SQLite).
const bool folder_stores_registered = [] {
  detail::register_folder_stores([](const std::string& path) {
    return std::make_pair(sqlite_metadata_store(path), file_result_store(path));
  });
  return true;
}();
}  // namespace

}  // namespace hamilton::caching
