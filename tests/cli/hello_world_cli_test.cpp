// The command line on examples/hello_world built as a module library (hamilton::Series nodes).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_util.hpp"

#ifdef HELLO_WORLD_LIB
namespace {
std::string hello_world() { return std::string("--module ") + HELLO_WORLD_LIB; }
const char* kTable =
    "   spend  signups  spend_per_signup  spend_zero_mean_unit_variance\n"
    "0   10.0      1.0            10.000                      -1.064405\n"
    "1   10.0     10.0             1.000                      -1.064405\n"
    "2   20.0     50.0             0.400                      -0.483821\n"
    "3   40.0    100.0             0.400                       0.677349\n"
    "4   40.0    200.0             0.200                       0.677349\n"
    "5   50.0    400.0             0.125                       1.257934\n";
}  // namespace

TEST(HelloWorldCli, RunTurnsListsIntoSeriesAndPrintsTheFrame) {
  auto r = run_cli("run " + hello_world() +
                   " --outputs spend,signups,spend_per_signup,spend_zero_mean_unit_variance"
                   " --input 'spend=[10,10,20,40,40,50]' --input 'signups=[1,10,50,100,200,400]'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, kTable);
}

TEST(HelloWorldCli, RunReadsCsvInputsAndWritesCsvOutputs) {
  TempDir dir;
  write_file(dir.path / "in.csv", "week,spend,signups\n1,10,1\n2,20,4\n");
  auto out = dir.path / "out.csv";
  auto r = run_cli("run " + hello_world() + " --outputs spend_per_signup,spend_mean --csv " +
                   (dir.path / "in.csv").string() + " --csv-out " + out.string());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(read_file(out), ",spend_per_signup,spend_mean\n0,10.0,15.0\n1,5.0,15.0\n");
  EXPECT_THAT(r.err, ::testing::HasSubstr("CSV column `week` is not an input of the graph; not used"));
  auto json = run_cli("run " + hello_world() + " --outputs spend_per_signup --csv " +
                      (dir.path / "in.csv").string() + " --json");
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_THAT(json.out, ::testing::HasSubstr("\"spend_per_signup\": [\n    10.0,\n    5.0\n  ]"));
  write_file(dir.path / "bad.csv", "spend,signups\n\"10,1\n");
  auto bad = run_cli("run " + hello_world() + " --outputs spend_mean --csv " +
                     (dir.path / "bad.csv").string());
  EXPECT_EQ(bad.code, 9);
  EXPECT_THAT(bad.err, ::testing::HasSubstr("cannot read CSV inputs"));
}

TEST(HelloWorldCli, ViewDrawsEveryNodeAndValidateChecksTheRequest) {
  TempDir dir;
  auto svg = dir.path / "hello_world.svg";
  auto r = run_cli("view " + hello_world() + " -o " + svg.string());
  ASSERT_EQ(r.code, 0) << r.err;
  std::string text = read_file(svg);
  for (const char* node : {"avg_3wk_spend", "spend_per_signup", "spend_mean", "spend_zero_mean",
                           "spend_std_dev", "spend_zero_mean_unit_variance", "spend", "signups"})
    EXPECT_THAT(text, ::testing::HasSubstr(node));
  EXPECT_EQ(run_cli("validate " + hello_world() +
                    " --outputs spend_zero_mean_unit_variance --input-names spend")
                .code,
            0);
  auto missing = run_cli("validate " + hello_world() + " --outputs spend_per_signup --input-names spend");
  EXPECT_EQ(missing.code, 6);
  EXPECT_THAT(missing.err, ::testing::HasSubstr("required input `signups` is not given"));
}
#endif
