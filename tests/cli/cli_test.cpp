// Runs the real hamilton-cpp binary on module libraries; loads the same libraries with
// Builder::with_module_library.
#include <gtest/gtest.h>
#include <hamilton/hamilton.hpp>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <set>
#include <string>

#include "cli_util.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using testing::HasSubstr;

namespace {

std::string hello() { return std::string("--module ") + CLI_HELLO_LIB; }

}  // namespace

// ---- module libraries through the Builder ---------------------------------------------------

TEST(ModuleLibrary, LoadsNodesOfEveryModuleInTheLibrary) {
  auto dr = hamilton::Builder().with_module_library(CLI_HELLO_LIB).build();
  EXPECT_TRUE(dr.graph().contains("avg_3wk_spend"));
  EXPECT_TRUE(dr.graph().contains("spend_zero_mean_unit_variance"));
  EXPECT_EQ(dr.graph().variable("spend_mean").module, "cli_stats");
  auto r = dr.execute({"spend_mean"}, {{"spend", std::vector<double>{10, 10, 20, 40, 40, 50}}});
  EXPECT_NEAR(r.get<double>("spend_mean"), 28.333333, 1e-5);
}

TEST(ModuleLibrary, MissingFileIsAGraphErrorNamingThePath) {
  try {
    hamilton::Builder().with_module_library("/nonexistent/libnothing.so").build();
    FAIL() << "expected GraphError";
  } catch (const hamilton::GraphError& e) {
    EXPECT_TRUE(e.has(hamilton::ErrorCode::module_library_missing));
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/libnothing.so"));
    EXPECT_THAT(e.what(), HasSubstr("hamilton_add_module"));
  }
}

TEST(ModuleLibrary, LibraryWithoutModulesIsRefused) {
  try {
    hamilton::Builder().with_module_library(CLI_EMPTY_LIB).build();
    FAIL() << "expected GraphError";
  } catch (const hamilton::GraphError& e) {
    EXPECT_TRUE(e.has(hamilton::ErrorCode::module_library_empty));
    EXPECT_THAT(e.what(), HasSubstr("defines no modules"));
  }
}

TEST(ModuleLibrary, TwoLibrariesDefiningTheSameNodeAreRefused) {
  try {
    hamilton::Builder().with_module_library(CLI_HELLO_LIB).with_module_library(CLI_DUPLICATE_LIB).build();
    FAIL() << "expected GraphError";
  } catch (const hamilton::GraphError& e) {
    EXPECT_TRUE(e.has(hamilton::ErrorCode::duplicate_node));
    EXPECT_THAT(e.what(), HasSubstr("avg_3wk_spend"));
  }
}

// ---- the command line -------------------------------------------------------------------

TEST(Cli, HelpForEveryCommand) {
  for (const char* cmd :
       {"", "list", "view", "lineage", "validate", "run", "catalog", "diff", "version"}) {
    auto r = run_cli(std::string(cmd) + " --help");
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_THAT(r.out, HasSubstr("--help")) << cmd;
  }
  auto top = run_cli("--help");
  for (const char* cmd :
       {"list", "view", "lineage", "validate", "run", "catalog", "diff", "version"})
    EXPECT_THAT(top.out, HasSubstr(cmd));
  EXPECT_THAT(top.out, HasSubstr("Exit codes"));
}

TEST(Cli, UsageErrorsExitWith2) {
  auto none = run_cli("");
  EXPECT_EQ(none.code, 2);
  auto bad = run_cli("frobnicate " + hello());
  EXPECT_EQ(bad.code, 2);
  auto missing_required = run_cli("validate " + hello());
  EXPECT_EQ(missing_required.code, 2);
  EXPECT_THAT(missing_required.err, HasSubstr("--outputs"));
  auto bad_input = run_cli("run " + hello() + " --outputs spend_mean --input spend");
  EXPECT_EQ(bad_input.code, 2);
  EXPECT_THAT(bad_input.err, HasSubstr("name=value"));
}

TEST(Cli, ListShowsTypeModuleAndDoc) {
  auto r = run_cli("list " + hello());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("avg_3wk_spend"));
  EXPECT_THAT(r.out, HasSubstr("Rolling 3 week average spend."));
  EXPECT_THAT(r.out, HasSubstr("cli_stats"));
  EXPECT_THAT(r.out, HasSubstr("std::vector<double>"));
  EXPECT_THAT(r.out, HasSubstr("signups"));  // inputs are listed too
}

TEST(Cli, ListFiltersByTagAndPrintsJson) {
  auto r = run_cli("list " + hello() + " --tag owner=growth --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = json::parse(r.out);
  ASSERT_EQ(j["nodes"].size(), 1u);
  EXPECT_EQ(j["nodes"][0]["name"], "spend_per_signup");
  EXPECT_EQ(j["nodes"][0]["module"], "cli_hello");
  EXPECT_EQ(j["nodes"][0]["tags"]["pii"], "true");
  auto any = json::parse(run_cli("list " + hello() + " --tag 'owner=growth|marketing' --json").out);
  EXPECT_EQ(any["nodes"].size(), 2u);
  auto has = json::parse(run_cli("list " + hello() + " --tag owner --json").out);
  EXPECT_EQ(has["nodes"].size(), 2u);
}

TEST(Cli, ModuleOptionMayFollowOrPrecedeTheCommand) {
  EXPECT_EQ(run_cli(hello() + " list").code, 0);
  EXPECT_EQ(run_cli("list " + hello()).code, 0);
}

TEST(Cli, ModuleLibraryErrorsExitWith3) {
  auto none = run_cli("list");
  EXPECT_EQ(none.code, 3);
  EXPECT_THAT(none.err, HasSubstr("--module"));
  auto missing = run_cli("list --module /nonexistent/lib.so");
  EXPECT_EQ(missing.code, 3);
  EXPECT_THAT(missing.err, HasSubstr("/nonexistent/lib.so"));
  EXPECT_THAT(missing.err, HasSubstr("does not exist"));
  auto empty = run_cli(std::string("list --module ") + CLI_EMPTY_LIB);
  EXPECT_EQ(empty.code, 3);
  EXPECT_THAT(empty.err, HasSubstr("defines no modules"));
}

TEST(Cli, DuplicateNodeAcrossLibrariesExitsWith4) {
  auto r = run_cli("list " + hello() + " --module " + CLI_DUPLICATE_LIB);
  EXPECT_EQ(r.code, 4);
  EXPECT_THAT(r.err, HasSubstr("avg_3wk_spend"));
  EXPECT_THAT(r.err, HasSubstr("cli_duplicate"));
}

TEST(Cli, ViewWritesSvgContainingEveryNode) {
  TempDir dir;
  auto out = dir.path / "dag.svg";
  auto r = run_cli("view " + hello() + " -o " + out.string());
  ASSERT_EQ(r.code, 0) << r.err;
  std::string svg = read_file(out);
  EXPECT_THAT(svg, HasSubstr("<svg"));
  for (const char* node : {"avg_3wk_spend", "spend_per_signup", "spend_mean_range_validator", "spend_mean_raw",
                           "scaled_spend", "failing_node", "spend_mean", "spend_zero_mean",
                           "spend_std_dev", "spend_zero_mean_unit_variance", "spend", "signups",
                           "scale"})
    EXPECT_THAT(svg, HasSubstr(std::string(">") + node + "<")) << node;
}

TEST(Cli, ViewPngAndDot) {
  TempDir dir;
  auto png = dir.path / "dag.png";
  ASSERT_EQ(run_cli("view " + hello() + " -o " + png.string()).code, 0);
  std::string bytes = read_file(png);
  ASSERT_GT(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  auto dot = dir.path / "dag.dot";
  ASSERT_EQ(run_cli("view " + hello() + " --outputs spend_per_signup --input-names spend,signups -o " +
                    dot.string())
                .code,
            0);
  std::string text = read_file(dot);
  EXPECT_THAT(text, HasSubstr("digraph"));
  EXPECT_THAT(text, HasSubstr("#FFC857"));
  EXPECT_THAT(text, HasSubstr("_spend_per_signup_inputs"));
  EXPECT_EQ(text.find("spend_mean"), std::string::npos);
}

TEST(Cli, ViewSelections) {
  auto dot_of = [](const std::string& args) {
    auto r = run_cli("view " + hello() + " -o /dev/null.dot --print-dot " + args);
    return r;
  };
  TempDir dir;
  auto file = (dir.path / "v.dot").string();
  auto up = run_cli("view " + hello() + " -o " + file + " --upstream-of spend_zero_mean --print-dot");
  ASSERT_EQ(up.code, 0) << up.err;
  EXPECT_THAT(up.out, HasSubstr("\"spend_mean\""));
  EXPECT_EQ(up.out.find("\"spend_std_dev\""), std::string::npos);
  auto down = run_cli("view " + hello() + " -o " + file + " --downstream-of spend_mean --hops 1 --print-dot");
  ASSERT_EQ(down.code, 0) << down.err;
  EXPECT_THAT(down.out, HasSubstr("\"spend_zero_mean\""));
  EXPECT_EQ(down.out.find("\"spend_zero_mean_unit_variance\""), std::string::npos);
  auto path = run_cli("view " + hello() + " -o " + file + " --path spend_mean spend_zero_mean_unit_variance --strict --print-dot");
  ASSERT_EQ(path.code, 0) << path.err;
  EXPECT_THAT(path.out, HasSubstr("color=\"red\""));
  auto collapsed = run_cli("view " + hello() + " -o " + file + " --collapse-modules --print-dot");
  ASSERT_EQ(collapsed.code, 0) << collapsed.err;
  EXPECT_THAT(collapsed.out, HasSubstr("\"module:cli_hello\""));
  EXPECT_THAT(collapsed.out, HasSubstr("\"module:cli_stats\""));
  auto fast = run_cli("view " + hello() + " -o " + (dir.path / "fast.svg").string() + " --layout fast");
  ASSERT_EQ(fast.code, 0) << fast.err;
  EXPECT_THAT(read_file(dir.path / "fast.svg"), HasSubstr(">spend_zero_mean_unit_variance<"));
  (void)dot_of;
}

TEST(Cli, ViewErrors) {
  TempDir dir;
  auto unknown_suffix = run_cli("view " + hello() + " -o " + (dir.path / "dag.jpgx").string());
  EXPECT_EQ(unknown_suffix.code, 8);
  EXPECT_THAT(unknown_suffix.err, HasSubstr(".svg"));
  auto unwritable = run_cli("view " + hello() + " -o /nonexistent/folder/dag.svg");
  EXPECT_EQ(unwritable.code, 8);
  EXPECT_THAT(unwritable.err, HasSubstr("does not exist"));
  auto unknown = run_cli("view " + hello() + " -o " + (dir.path / "d.dot").string() + " --upstream-of spend_meen");
  EXPECT_EQ(unknown.code, 5);
  EXPECT_THAT(unknown.err, HasSubstr("spend_mean"));  // did you mean
  auto no_path = run_cli("view " + hello() + " -o " + (dir.path / "d.dot").string() + " --path spend_zero_mean spend_mean");
  EXPECT_EQ(no_path.code, 5);
  EXPECT_THAT(no_path.err, HasSubstr("no path"));
  auto missing = run_cli("view " + hello() + " -o " + (dir.path / "d.dot").string() + " --outputs spend_mean");
  EXPECT_EQ(missing.code, 6);
  EXPECT_THAT(missing.err, HasSubstr("spend"));
}

TEST(Cli, LineageTextAndJson) {
  auto r = run_cli("lineage " + hello() + " --upstream-of spend_zero_mean_unit_variance --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = json::parse(r.out);
  std::set<std::string> names;
  for (const auto& n : j["nodes"]) names.insert(n["name"]);
  EXPECT_EQ(names, (std::set<std::string>{"spend", "spend_mean_raw", "spend_mean_range_validator",
                                          "spend_mean", "spend_zero_mean", "spend_std_dev",
                                          "spend_zero_mean_unit_variance"}));
  auto pii = run_cli("lineage " + hello() + " --downstream-of-tagged pii=true");
  ASSERT_EQ(pii.code, 0) << pii.err;
  EXPECT_THAT(pii.out, HasSubstr("spend_per_signup"));
  EXPECT_EQ(pii.out.find("avg_3wk_spend"), std::string::npos);
  EXPECT_EQ(pii.out.find("signups"), std::string::npos);
  auto stats = run_cli("lineage " + hello() + " --downstream-of spend_mean_raw --json");
  ASSERT_EQ(stats.code, 0) << stats.err;
  EXPECT_THAT(stats.out, HasSubstr("spend_mean_range_validator"));
  auto affected = run_cli("lineage " + hello() +
                          " --downstream-of signups --outputs avg_3wk_spend,spend_per_signup,spend_mean --json");
  ASSERT_EQ(affected.code, 0) << affected.err;
  EXPECT_EQ(json::parse(affected.out)["affected_outputs"], json({"spend_per_signup"}));
  auto path = run_cli("lineage " + hello() + " --path spend spend_zero_mean");
  ASSERT_EQ(path.code, 0);
  EXPECT_THAT(path.out, HasSubstr("spend_mean"));
  EXPECT_EQ(path.out.find("spend_std_dev"), std::string::npos);
  auto bad = run_cli("lineage " + hello() + " --downstream-of nope");
  EXPECT_EQ(bad.code, 5);
}

TEST(Cli, ValidateSaysWhatIsMissing) {
  auto ok = run_cli("validate " + hello() + " --outputs spend_per_signup --input-names spend,signups");
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("ok"));
  auto missing = run_cli("validate " + hello() + " --outputs spend_per_signup,spend_mean --input-names spend");
  EXPECT_EQ(missing.code, 6);
  EXPECT_THAT(missing.err, HasSubstr("signups"));
  EXPECT_THAT(missing.err, HasSubstr("pass it in inputs"));
  auto unknown = run_cli("validate " + hello() + " --outputs spend_per_signupp --input-names spend,signups");
  EXPECT_EQ(unknown.code, 6);
  EXPECT_THAT(unknown.err, HasSubstr("did you mean `spend_per_signup`"));
  // config decides whether `scale` is an input
  auto cfg = run_cli("validate " + hello() + " --config scale=2 --outputs scaled_spend --input-names spend");
  EXPECT_EQ(cfg.code, 0) << cfg.err;
  auto no_cfg = run_cli("validate " + hello() + " --outputs scaled_spend --input-names spend");
  EXPECT_EQ(no_cfg.code, 6);
  EXPECT_THAT(no_cfg.err, HasSubstr("scale"));
}

TEST(Cli, ValidateWarnsOfAnInputNamedLikeANode) {
  const std::string lib = std::string("--module ") + CLI_NEAR_NAME_LIB;
  auto r = run_cli("validate " + lib + " --outputs margin --input-names revenu");
  EXPECT_EQ(r.code, 0) << r.err;  // a warning: the request can be computed as written
  EXPECT_THAT(r.out, HasSubstr("ok: 1 output can be computed"));
  EXPECT_THAT(r.err, HasSubstr("1 warning about the graph:"));
  EXPECT_THAT(r.err, HasSubstr("near_name.cpp:"));
  EXPECT_THAT(r.err, HasSubstr("`revenu`"));
  EXPECT_THAT(r.err, HasSubstr("`revenue`"));
  // the request without it: the error says which node was probably meant
  auto missing = run_cli("validate " + lib + " --outputs margin --input-names price");
  EXPECT_EQ(missing.code, 6);
  EXPECT_THAT(missing.err, HasSubstr("did you mean the node `revenue`"));
}

TEST(Cli, RunWithACacheReadsWhatDidNotChange) {
  TempDir dir;
  const std::string cache = (dir.path / "cache").string();
  const std::string spend =
      "--input 'spend=[10,10,20,40,40,50]' --input 'signups=[1,10,50,100,200,400]'";
  const std::string args =
      "run " + hello() + " --outputs spend_per_signup,spend_mean " + spend + " --cache " + cache;
  auto first = run_cli(args);
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_THAT(first.err, HasSubstr("cache " + cache + ": 0 read, "));
  auto second = run_cli(args);
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_THAT(second.err, HasSubstr("cache " + cache + ": 2 read, 0 computed"));
  EXPECT_EQ(second.out, first.out);
  EXPECT_TRUE(fs::exists(dir.path / "cache" / "metadata_store.db"));
  // another input: computed again
  auto other =
      run_cli("run " + hello() + " --outputs spend_mean --input 'spend=[1,2]' --cache " + cache);
  ASSERT_EQ(other.code, 0) << other.err;
  EXPECT_THAT(other.err, HasSubstr(": 0 read, "));
  EXPECT_THAT(other.err, testing::Not(HasSubstr(" 0 computed")));
  EXPECT_THAT(other.out, HasSubstr("spend_mean = 1.5"));
}

TEST(Cli, RunPrintsATableAndJson) {
  std::string spend = "--input 'spend=[10,10,20,40,40,50]' --input 'signups=[1,10,50,100,200,400]'";
  auto r = run_cli("run " + hello() + " --outputs spend_per_signup,spend_mean " + spend);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("spend_mean = 28.33333333"));
  EXPECT_THAT(r.out, HasSubstr("spend_per_signup"));
  EXPECT_THAT(r.out, HasSubstr("0.125"));
  TempDir dir;
  auto file = dir.path / "out.json";
  auto j = run_cli("run " + hello() + " --outputs spend_zero_mean_unit_variance " + spend +
                   " --json-out " + file.string());
  ASSERT_EQ(j.code, 0) << j.err;
  auto parsed = json::parse(read_file(file));
  ASSERT_EQ(parsed["spend_zero_mean_unit_variance"].size(), 6u);
  EXPECT_NEAR(parsed["spend_zero_mean_unit_variance"][0].get<double>(), -1.064405, 1e-5);
  auto scaled = run_cli("run " + hello() + " --config scale=3 --outputs scaled_spend --input 'spend=[1,2]' --json");
  ASSERT_EQ(scaled.code, 0) << scaled.err;
  EXPECT_EQ(json::parse(scaled.out)["scaled_spend"], json({3.0, 6.0}));
}

TEST(Cli, RunReadsInputAndConfigFiles) {
  TempDir dir;
  write_file(dir.path / "inputs.json", R"({"spend": [1, 2, 3]})");
  write_file(dir.path / "config.json", R"({"scale": 10})");
  auto r = run_cli("run " + hello() + " --config-file " + (dir.path / "config.json").string() +
                   " --inputs-file " + (dir.path / "inputs.json").string() + " --outputs scaled_spend --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["scaled_spend"], json({10.0, 20.0, 30.0}));
  auto missing = run_cli("run " + hello() + " --inputs-file /nonexistent.json --outputs spend_mean");
  EXPECT_EQ(missing.code, 9);
  EXPECT_THAT(missing.err, HasSubstr("/nonexistent.json"));
  write_file(dir.path / "bad.json", "[1, 2");
  auto bad = run_cli("run " + hello() + " --inputs-file " + (dir.path / "bad.json").string() + " --outputs spend_mean");
  EXPECT_EQ(bad.code, 9);
  EXPECT_THAT(bad.err, HasSubstr("JSON object"));
}

TEST(Cli, RunErrors) {
  auto missing = run_cli("run " + hello() + " --outputs spend_mean");
  EXPECT_EQ(missing.code, 6);
  EXPECT_THAT(missing.err, HasSubstr("required input `spend` is not given"));
  auto wrong_type = run_cli("run " + hello() + " --outputs spend_mean --input spend=3");
  EXPECT_EQ(wrong_type.code, 6);
  EXPECT_THAT(wrong_type.err, HasSubstr("std::vector<double>"));
  auto failing = run_cli("run " + hello() + " --outputs failing_node --input 'spend=[1]'");
  EXPECT_EQ(failing.code, 7);
  EXPECT_THAT(failing.err, HasSubstr("failing_node"));
  EXPECT_THAT(failing.err, HasSubstr("cannot compute with 1 values"));
}

TEST(Cli, CatalogFormats) {
  auto md = run_cli("catalog " + hello());
  ASSERT_EQ(md.code, 0) << md.err;
  EXPECT_THAT(md.out, HasSubstr("# Feature catalog"));
  EXPECT_THAT(md.out, HasSubstr("## spend_per_signup"));
  EXPECT_THAT(md.out, HasSubstr("## spend_mean\n")); EXPECT_THAT(md.out, HasSubstr("- data-quality checks: [spend_mean_range_validator](#spend_mean_range_validator)"));
  auto j = run_cli("catalog " + hello() + " --format json");
  ASSERT_EQ(j.code, 0);
  auto parsed = json::parse(j.out);
  ASSERT_GT(parsed["nodes"].size(), 10u);
  EXPECT_EQ(parsed["nodes"][0]["name"], "avg_3wk_spend");  // sorted by name
  TempDir dir;
  auto html = dir.path / "catalog.html";
  ASSERT_EQ(run_cli("catalog " + hello() + " -o " + html.string()).code, 0);
  EXPECT_THAT(read_file(html), HasSubstr("id=\"node-spend_mean\""));
  auto bad = run_cli("catalog " + hello() + " -o " + (dir.path / "c.txt").string());
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--format"));
  auto unwritable = run_cli("catalog " + hello() + " -o /nonexistent/dir/c.md");
  EXPECT_EQ(unwritable.code, 8);
}
