#pragma once
// Runs a Python script with the venv's pandas (HAMILTON_TEST_PYTHON) and returns what it printed.
// A missing Python or a failing script throws, so the test fails with the reason.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace hamilton_test {

inline std::string run_python(const std::string& script) {
  namespace fs = std::filesystem;
  const std::string python = HAMILTON_TEST_PYTHON;
  if (::access(python.c_str(), X_OK) != 0)
    throw std::runtime_error("no Python at " + python +
                             ": run scripts/python-env.sh first (or set HAMILTON_ORACLE_PYTHON)");
  static int counter = 0;
  fs::path file = fs::temp_directory_path() / ("hamilton_io_" + std::to_string(::getpid()) + "_" +
                                               std::to_string(counter++) + ".py");
  fs::path err = file;
  err += ".err";
  std::ofstream(file) << script;
  std::string cmd = "'" + python + "' '" + file.string() + "' 2>'" + err.string() + "'";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + cmd);
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = ::pclose(p);
  std::stringstream errors;
  errors << std::ifstream(err).rdbuf();
  fs::remove(file);
  fs::remove(err);
  if (rc != 0)
    throw std::runtime_error("the Python script failed:\n" + script + "\n" + errors.str());
  return out;
}

/// A fresh directory, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             ("hamilton_io_" + name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string operator/(const std::string& file) const { return (path / file).string(); }
};

}  // namespace hamilton_test
