// `hamilton-cpp diff`: two catalogs or two module libraries; added, removed and changed nodes.
#include <hamilton/registry/abi.hpp>
#include <hamilton/version.hpp>
#include <nlohmann/json.hpp>

#include "cli_util.hpp"

using testing::HasSubstr;

namespace {

// The catalog of cli_hello, as `catalog -f json` writes it.
nlohmann::json hello_catalog() {
  auto r = run_cli(std::string("catalog -f json --module ") + CLI_HELLO_LIB);
  EXPECT_EQ(r.code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

nlohmann::json& node(nlohmann::json& catalog, const std::string& name) {
  for (auto& n : catalog["nodes"])
    if (n["name"] == name) return n;
  throw std::runtime_error("no node " + name);
}

}  // namespace

TEST(CliDiff, NodesAddedRemovedAndChangedBetweenTwoCatalogs) {
  TempDir dir;
  nlohmann::json old_catalog = hello_catalog(), new_catalog = old_catalog;
  const std::string old_version = node(old_catalog, "avg_3wk_spend")["version"];
  ASSERT_EQ(old_version.size(), 64u);  // the SHA-256 of modules/hello.cpp
  node(new_catalog, "avg_3wk_spend")["version"] = "2";
  node(new_catalog, "avg_3wk_spend")["required_dependencies"] = {"spend", "signups"};
  node(new_catalog, "spend_mean")["type"] = "float";
  auto& nodes = new_catalog["nodes"];
  nodes.erase(std::remove_if(nodes.begin(), nodes.end(),
                             [](const auto& n) { return n["name"] == "spend_std_dev"; }),
              nodes.end());
  nodes.push_back({{"name", "spend_max"}, {"type", "double"}, {"role", "function"}});
  write_file(dir.path / "old.json", old_catalog.dump());
  write_file(dir.path / "new.json", new_catalog.dump());

  auto r =
      run_cli("diff " + (dir.path / "old.json").string() + " " + (dir.path / "new.json").string());
  ASSERT_EQ(r.code, 0) << r.err;
  const std::size_t n = old_catalog["nodes"].size();
  EXPECT_EQ(r.out,
            "- spend_std_dev (double, function)\n"
            "+ spend_max (double, function)\n"
            "~ avg_3wk_spend: version " +
                old_version +
                " -> 2; requires [spend] -> [spend, signups]\n"
                "~ spend_mean: type double -> float\n"
                "1 added, 1 removed, 2 changed, " +
                std::to_string(n - 3) + " unchanged\n");

  auto j = run_cli("diff --json " + (dir.path / "old.json").string() + " " +
                   (dir.path / "new.json").string());
  ASSERT_EQ(j.code, 0) << j.err;
  auto parsed = nlohmann::json::parse(j.out);
  EXPECT_EQ(parsed["added"][0]["name"], "spend_max");
  EXPECT_EQ(parsed["removed"][0]["name"], "spend_std_dev");
  EXPECT_EQ(parsed["changed"].size(), 2u);
  EXPECT_EQ(parsed["unchanged"], n - 3);
}

TEST(CliDiff, TwoModuleLibrariesEachReadInItsOwnProcess) {
  auto same = run_cli(std::string("diff ") + CLI_HELLO_LIB + " " + CLI_HELLO_LIB);
  ASSERT_EQ(same.code, 0) << same.err;
  EXPECT_THAT(same.out, testing::MatchesRegex("0 added, 0 removed, 0 changed, [0-9]+ unchanged\n"));
  auto other = run_cli(std::string("diff ") + CLI_HELLO_LIB + " " + CLI_EDGE_LIB);
  ASSERT_EQ(other.code, 0) << other.err;
  EXPECT_THAT(other.out, HasSubstr("- spend_mean (double, function)\n"));
  EXPECT_THAT(other.out, HasSubstr("+ uint64_echo (unsigned long, function)\n"));
}

TEST(CliDiff, WhatIsNotACatalogOrALibraryIsAClearError) {
  TempDir dir;
  write_file(dir.path / "bad.json", "{\"rows\": 1}");
  auto bad =
      run_cli("diff " + (dir.path / "bad.json").string() + " " + (dir.path / "bad.json").string());
  EXPECT_EQ(bad.code, 9);
  EXPECT_THAT(bad.err, HasSubstr("is not a catalog: it has no \"nodes\" list (write one with "
                                 "`hamilton-cpp catalog -f json -o FILE.json`)"));
  write_file(dir.path / "deep.json", std::string(100, '[') + std::string(100, ']'));
  auto deep = run_cli("diff " + (dir.path / "deep.json").string() + " " +
                      (dir.path / "deep.json").string());
  EXPECT_EQ(deep.code, 9);
  EXPECT_THAT(deep.err, HasSubstr("nested more than 64 levels deep"));
  auto missing = run_cli("diff " + (dir.path / "nope.json").string() + " x.json");
  EXPECT_EQ(missing.code, 9);
  EXPECT_THAT(missing.err, HasSubstr("nope.json"));
  auto lib = run_cli("diff " + (dir.path / "nope.so").string() + " " + CLI_HELLO_LIB);
  EXPECT_EQ(lib.code, 3);
  EXPECT_THAT(lib.err, HasSubstr("cannot read the graph of module library"));
  EXPECT_THAT(lib.err, HasSubstr("nope.so"));
  auto usage = run_cli("diff " + (dir.path / "bad.json").string());
  EXPECT_EQ(usage.code, 2);
}

TEST(CliVersion, TheProgramsVersionAndEachNodesCodeVersion) {
  auto plain = run_cli("version");
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_EQ(plain.out, std::string("hamilton-cpp ") + HAMILTON_VERSION_STRING +
                           "\nmodule libraries: " + HAMILTON_ABI_TAG + "\n");
  auto nodes = run_cli(std::string("version --json --module ") + CLI_HELLO_LIB);
  ASSERT_EQ(nodes.code, 0) << nodes.err;
  auto j = nlohmann::json::parse(nodes.out);
  EXPECT_EQ(j["hamilton_cpp"], HAMILTON_VERSION_STRING);
  EXPECT_EQ(j["abi"], HAMILTON_ABI_TAG);
  // hamilton_add_module(cli_hello SOURCES modules/hello.cpp modules/stats.cpp): one hash per file
  const std::string hello = j["nodes"]["avg_3wk_spend"], stats = j["nodes"]["spend_mean"];
  EXPECT_EQ(hello.size(), 64u);
  EXPECT_EQ(stats.size(), 64u);
  EXPECT_NE(hello, stats);
  EXPECT_FALSE(j["nodes"].contains("spend"));  // inputs are not listed
  auto text = run_cli(std::string("version --module ") + CLI_HELLO_LIB);
  EXPECT_THAT(text.out, HasSubstr("\navg_3wk_spend  " + hello + "\n"));
}
