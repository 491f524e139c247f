#pragma once
// Helpers for running the hamilton-cpp binary in tests.
#include <gmock/gmock.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

struct TempDir {
  TempDir() {
    static std::atomic<int> counter{0};
    path = std::filesystem::temp_directory_path() /
           ("hamilton_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::filesystem::path path;
};

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

struct CliResult {
  int code = -1;
  std::string out, err;
};

/// How run_cli runs the binary.
struct CliRun {
  /// Where stdout goes (empty: captured in CliResult::out).
  std::string stdout_to;
  /// Seconds after which the run is killed (`timeout`: exit code 124); 0 = no limit.
  int timeout_seconds = 0;
};

/// Runs `hamilton-cpp <args>` through the shell; captures exit code, stdout and stderr.
inline CliResult run_cli(const std::string& args, const CliRun& how = {}) {
  TempDir dir;
  auto out = dir.path / "stdout", err = dir.path / "stderr";
  std::string cmd = how.timeout_seconds > 0
                        ? "timeout -s KILL " + std::to_string(how.timeout_seconds) + " "
                        : std::string();
  cmd += std::string(HAMILTON_CPP_BIN) + " " + args + " >" +
         (how.stdout_to.empty() ? out.string() : how.stdout_to) + " 2>" + err.string();
  int status = std::system(cmd.c_str());
  CliResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}
