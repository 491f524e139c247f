// Replays every saved input of the fuzz targets in a normal build: the seed corpus
// (tests/fuzz/corpus/<target>/) and the reproducers of bugs fuzzing found
// (tests/fuzz/regressions/<target>/, docs/testing.md). Each input goes to the same entry point
// the fuzzer runs; a bug is a crash, a sanitizer report (in the sanitizer builds), a failed
// HAMILTON_FUZZ_CHECK or an unexpected exception.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_target.hpp"

namespace fs = std::filesystem;

namespace {

// The files of `folder` (none if it does not exist), sorted.
std::vector<fs::path> files_in(const fs::path& folder) {
  std::vector<fs::path> out;
  if (!fs::is_directory(folder)) return out;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file()) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Feeds every saved input of `target` to it; returns how many seed inputs there were.
std::size_t replay(const std::string& target) {
  auto it = hamilton_fuzz::targets().find(target);
  if (it == hamilton_fuzz::targets().end()) {
    ADD_FAILURE() << "no fuzz target `" << target << "` is linked into the replay test";
    return 0;
  }
  const fs::path root = HAMILTON_FUZZ_DIR;
  const auto seeds = files_in(root / "corpus" / target);
  auto inputs = seeds;
  for (auto& p : files_in(root / "regressions" / target)) inputs.push_back(p);
  for (const auto& path : inputs) {
    SCOPED_TRACE(path.string());
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      ADD_FAILURE() << "cannot read " << path;
      continue;
    }
    EXPECT_EQ(it->second(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), 0);
  }
  return seeds.size();
}

}  // namespace

TEST(FuzzReplay, Csv) { EXPECT_GE(replay("csv"), 3u); }
TEST(FuzzReplay, Parameters) { EXPECT_GE(replay("parameters"), 3u); }
TEST(FuzzReplay, ModuleLibrary) { EXPECT_GE(replay("module_library"), 2u); }
#ifdef HAMILTON_FUZZ_CLI
TEST(FuzzReplay, CliInputs) { EXPECT_GE(replay("cli_inputs"), 3u); }
#endif

TEST(FuzzReplay, EveryTargetIsReplayed) {
  std::vector<std::string> names;
  for (const auto& [name, entry] : hamilton_fuzz::targets()) names.push_back(name);
  std::vector<std::string> expected{"csv", "module_library", "parameters"};
#ifdef HAMILTON_FUZZ_CLI
  expected.insert(expected.begin(), "cli_inputs");
#endif
  EXPECT_EQ(names, expected);
}
