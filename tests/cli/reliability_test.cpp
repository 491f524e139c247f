// The command line on bad input and in bad conditions: full disks, FIFOs, deeply nested JSON,
// bytes that are not UTF-8, numbers out of range, malformed lists, repeated names.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_util.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using testing::HasSubstr;
using testing::Not;

namespace {

std::string hello() { return std::string("--module ") + CLI_HELLO_LIB; }
std::string edge() { return std::string("--module ") + CLI_EDGE_LIB; }

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// `run` of the edge module computing `output` with the extra arguments.
CliResult run_edge(const std::string& output, const std::string& args) {
  return run_cli("run " + edge() + " --outputs " + output + " " + args);
}

}  // namespace

// ---- item: writes to a full disk ---------------------------------------------------------------

TEST(CliReliability, WritingToAFullDiskIsExit8NamingTheFileAndTheReason) {
  TempDir dir;
  auto full = [&](const std::string& name) {
    fs::create_symlink("/dev/full", dir.path / name);
    return (dir.path / name).string();
  };
  const std::string series = " --outputs series_echo --input 'column=[1,2]'";
  const std::string cases[][2] = {
      {"run " + edge() + series + " --json-out " + full("out.json"), "out.json"},
      {"run " + edge() + series + " --json-out /dev/full", "/dev/full"},
      {"run " + edge() + series + " --csv-out " + full("out.csv"), "out.csv"},
      {"run " + edge() + series + " --csv-out /dev/full", "/dev/full"},
      {"catalog " + hello() + " -o " + full("catalog.md"), "catalog.md"},
      {"catalog " + hello() + " -f json -o /dev/full", "/dev/full"},
      {"catalog " + hello() + " -o " + full("catalog.html"), "catalog.html"},
      {"view " + hello() + " -o " + full("dag.dot"), "dag.dot"},
      {"view " + hello() + " -o " + full("dag.svg"), "dag.svg"},
  };
  for (const auto& [args, file] : cases) {
    auto r = run_cli(args);
    EXPECT_EQ(r.code, 8) << args << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr("cannot write `")) << args;
    EXPECT_THAT(r.err, HasSubstr(file)) << args;
    EXPECT_THAT(r.err, HasSubstr("No space left on device")) << args;
  }
}

TEST(CliReliability, StandardOutputOnAFullDiskIsExit8) {
  for (const std::string& args : {"list " + hello() + " --json", "catalog " + hello(),
                                  "run " + edge() + " --outputs count_plus_one --input count=1"}) {
    auto r = run_cli(args, {.stdout_to = "/dev/full"});
    EXPECT_EQ(r.code, 8) << args;
    EXPECT_THAT(r.err, HasSubstr("cannot write to standard output: No space left on device"))
        << args;
  }
}

// ---- item: FIFOs, directories and devices as input files -------------------------------------

TEST(CliReliability, NonRegularInputAndConfigFilesAreRefusedWithoutWaiting) {
  TempDir dir;
  auto fifo = (dir.path / "inputs.json").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string cases[][2] = {
      {"--inputs-file " + fifo, "a FIFO (named pipe)"},
      {"--config-file " + fifo, "a FIFO (named pipe)"},
      {"--inputs-file " + dir.path.string(), "a directory"},
      {"--config-file " + dir.path.string(), "a directory"},
      {"--inputs-file /dev/zero", "a character device"},
  };
  for (const auto& [option, kind] : cases) {
    auto r = run_cli("run " + edge() + " --outputs count_plus_one " + option,
                     {.stdout_to = "", .timeout_seconds = 20});
    EXPECT_EQ(r.code, 9) << option << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr("cannot read")) << option;
    EXPECT_THAT(r.err, HasSubstr("it is " + std::string(kind) + ", not a regular file")) << option;
  }
}

// ---- item: deeply nested JSON, long values in messages ------------------------------------------

TEST(CliReliability, DeeplyNestedJsonIsRefusedWithItsPosition) {
  TempDir dir;
  const std::size_t depth = 100000;
  write_file(dir.path / "deep.json",
             "{\"column\": " + std::string(depth, '[') + std::string(depth, ']') + "}");
  for (const char* option : {"--inputs-file", "--config-file"}) {
    auto r = run_edge("series_echo", std::string(option) + " " + (dir.path / "deep.json").string());
    EXPECT_EQ(r.code, 9) << option << "\n" << r.err.substr(0, 500);
    EXPECT_THAT(r.err, HasSubstr("deep.json`, line 1, column 75: the value is nested more than "
                                 "64 levels deep"));
    EXPECT_LT(r.err.size(), 400u);
  }
  // on the command line
  auto r = run_edge("series_echo", "--input 'column=" + std::string(depth, '[') + "'");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("the value is nested more than 64 levels deep (at column 65)"));
  EXPECT_LT(r.err.size(), 400u);
  // 64 levels (the object and 63 lists) are read, and refused as a value (a list of lists is
  // no input value)
  write_file(dir.path / "ok.json",
             "{\"column\": " + std::string(63, '[') + std::string(63, ']') + "}");
  auto ok = run_edge("series_echo", "--inputs-file " + (dir.path / "ok.json").string());
  EXPECT_EQ(ok.code, 9);
  EXPECT_THAT(ok.err, HasSubstr("is not supported: give a number, a string, a bool, or a list"));
  EXPECT_THAT(ok.err, HasSubstr("[[[[...")) << "the value is quoted shortened";
  EXPECT_LT(ok.err.size(), 400u);
}

TEST(CliReliability, LongValuesAreShortenedInMessages) {
  std::string huge(100000, 'x');
  auto r = run_edge("count_plus_one", "--input " + huge);
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("is not of the form name=value"));
  EXPECT_THAT(r.err, HasSubstr("... (100000 bytes)"));
  EXPECT_LT(r.err.size(), 400u);
  auto n = run_edge("count_plus_one", "--input count=" + huge);
  EXPECT_EQ(n.code, 6);
  EXPECT_THAT(n.err, HasSubstr("is not a number"));
  EXPECT_LT(n.err.size(), 400u);
}

// ---- item: text that is not UTF-8 in JSON output ---------------------------------------------

TEST(CliReliability, InvalidUtf8BecomesTheReplacementCharacterInEveryJsonOutput) {
  // an --input value, with --json and --json-out
  TempDir dir;
  auto file = (dir.path / "out.json").string();
  auto r = run_edge("text_echo",
                    "--input 'text=a\xff"
                    "b' --json --json-out " +
                        file);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["text_echo"], "a" + kReplacement + "b");
  EXPECT_EQ(json::parse(read_file(file))["text_echo"], "a" + kReplacement + "b");
  // a CSV string column
  write_file(dir.path / "in.csv", "column\nJ\xfcrgen\nok\n");
  auto csv = run_edge("series_echo", "--csv " + (dir.path / "in.csv").string() + " --json");
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(json::parse(csv.out)["series_echo"], json({"J" + kReplacement + "rgen", "ok"}));
  // a node's doc and tag: list, lineage, catalog json and html
  auto list = run_cli("list " + edge() + " --json");
  ASSERT_EQ(list.code, 0) << list.err;
  bool found = false;
  const json nodes = json::parse(list.out)["nodes"];
  for (const auto& n : nodes)
    if (n["name"] == "latin1_text") {
      found = true;
      EXPECT_EQ(n["documentation"], "Caf" + kReplacement + " au lait (Latin-1).");
      EXPECT_EQ(n["tags"]["owner"], "J" + kReplacement + "rgen");
    }
  EXPECT_TRUE(found);
  auto lineage = run_cli("lineage " + edge() + " --upstream-of latin1_text --json");
  ASSERT_EQ(lineage.code, 0) << lineage.err;
  EXPECT_THAT(json::parse(lineage.out).dump(), HasSubstr("J" + kReplacement + "rgen"));
  auto catalog = run_cli("catalog " + edge() + " -f json");
  ASSERT_EQ(catalog.code, 0) << catalog.err;
  EXPECT_THAT(json::parse(catalog.out).dump(), HasSubstr("Caf" + kReplacement + " au lait"));
  auto html = run_cli("catalog " + edge() + " -f html");
  ASSERT_EQ(html.code, 0) << html.err;
  EXPECT_THAT(html.out, HasSubstr("Caf" + kReplacement + " au lait"));
  EXPECT_THAT(html.out, Not(HasSubstr("\xe9")));
}

// ---- item: integers out of range -------------------------------------------------------------

TEST(CliReliability, IntegerInputsOutOfRangeAreExit6NamingInputValueAndRange) {
  struct Case {
    std::string output, input, message;
  };
  const Case cases[] = {
      {"count_plus_one", "count=1e20",
       "--input `count=1e20`: `count` is of type int: `1e20` is out of its range (-2147483648 to "
       "2147483647)"},
      {"count_plus_one", "count=3000000000", "`3000000000` is out of its range (-2147483648 to"},
      {"count_plus_one", "count=-2147483649", "`-2147483649` is out of its range"},
      {"count_plus_one", "count=1.5", "`count` is of type int: `1.5` is not a whole number"},
      {"count_plus_one", "count=nan", "`nan` is not a finite number"},
      {"unsigned_echo", "u=-7",
       "`u` is of type unsigned int: `-7` is out of its range (0 to 4294967295)"},
      {"uint64_echo", "ubig=18446744073709551616", "(0 to 18446744073709551615)"},
      {"float_echo", "f=1e39", "`f` is of type float: `1e39` is out of its range"},
      {"int64_echo", "big=1.2345678901234567891e18",
       "`1.2345678901234567891e18` is too large to be read exactly from a floating-point number"},
      {"bool_echo", "flag=yes", "`flag` is of type bool: `yes` is not true or false"},
  };
  for (const auto& c : cases) {
    auto r = run_edge(c.output, "--input " + c.input);
    EXPECT_EQ(r.code, 6) << c.input << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.message)) << c.input;
  }
  TempDir dir;
  write_file(dir.path / "in.json", R"({"count": 1e20})");
  auto file = run_edge("count_plus_one", "--inputs-file " + (dir.path / "in.json").string());
  EXPECT_EQ(file.code, 6);
  EXPECT_THAT(file.err, HasSubstr("inputs file `" + (dir.path / "in.json").string() +
                                  "`, `count`: `count` is of type int: 1e+20 is out of its range"));
  // in range: exact, also beyond 2^53
  auto ok = run_edge("count_plus_one,int64_echo,uint64_echo,unsigned_echo",
                     "--input count=2147483646 --input big=9007199254740993 "
                     "--input ubig=1.8e19 --input u=1e3 --json");
  ASSERT_EQ(ok.code, 0) << ok.err;
  auto j = json::parse(ok.out);
  EXPECT_EQ(j["count_plus_one"].get<long long>(), 2147483647LL);
  EXPECT_EQ(j["int64_echo"].get<std::int64_t>(), 9007199254740993LL);
  EXPECT_EQ(j["uint64_echo"].get<std::uint64_t>(), 18000000000000000000ULL);
  EXPECT_EQ(j["unsigned_echo"].get<unsigned>(), 1000u);
  write_file(dir.path / "exact.json",
             R"({"big": -9223372036854775808, "ubig": 18446744073709551615})");
  auto exact = run_edge("int64_echo,uint64_echo",
                        "--inputs-file " + (dir.path / "exact.json").string() + " --json");
  ASSERT_EQ(exact.code, 0) << exact.err;
  EXPECT_EQ(json::parse(exact.out)["int64_echo"].get<std::int64_t>(), INT64_MIN);
  EXPECT_EQ(json::parse(exact.out)["uint64_echo"].get<std::uint64_t>(), UINT64_MAX);
}

// ---- item: malformed lists and numbers; what stays a string ----------------------------------

TEST(CliReliability, MalformedListsAndNumbersAreExit2SayingWhatIsWrong) {
  struct Case {
    std::string output, input, message;
  };
  const Case cases[] = {
      {"series_echo", "column=[1,", "`column=[1,`: the list is not closed (missing `]`)"},
      {"series_echo", "column=[\"a\",\"b", "the text ends inside a string"},
      {"series_echo", "column=[nan]",
       "`nan` is not a finite number (JSON has no NaN or infinity); write null for a missing "
       "value (at column 2)"},
      {"series_echo", "column=[1,-Infinity]", "`-Infinity` is not a finite number"},
      {"series_echo", "column=[1e999]", "the number `1e999` is out of the range of a double"},
      {"series_echo", "column=[1,,2]", "invalid JSON: unexpected ','"},
      {"double_echo", "d=1e999", "`1e999` is out of the range of a double"},
  };
  for (const auto& c : cases) {
    auto r = run_edge(c.output, "--input '" + c.input + "'");
    EXPECT_EQ(r.code, 2) << c.input << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.message)) << c.input;
    EXPECT_THAT(r.err, Not(HasSubstr("given std::string"))) << c.input;
  }
  // subnormal numbers are numbers; null in a list is a missing value (NaN)
  auto sub = run_edge("double_echo,series_echo",
                      "--input d=4.9e-324 --input 'column=[1,null,5e-324]' --json");
  ASSERT_EQ(sub.code, 0) << sub.err;
  auto j = json::parse(sub.out);
  EXPECT_EQ(j["double_echo"].get<double>(), 4.9e-324);
  EXPECT_EQ(j["series_echo"], json({1.0, nullptr, 5e-324}));
  auto spend =
      run_cli("run " + hello() + " --outputs spend_mean --input 'spend=[4.9e-324]' --json");
  ASSERT_EQ(spend.code, 0) << spend.err;
  EXPECT_EQ(json::parse(spend.out)["spend_mean"].get<double>(), 4.9e-324);
}

TEST(CliReliability, TextForAStringInputStaysTheTextAsWritten) {
  for (const std::string text :
       {"0x10", " 5", "infinity", "nan", "1e999", "[draft", "[1,2]", "7"}) {
    auto r = run_edge("text_echo", "--input 'text=" + text + "' --json");
    ASSERT_EQ(r.code, 0) << text << "\n" << r.err;
    EXPECT_EQ(json::parse(r.out)["text_echo"], text);
  }
  // and for a number input, spaces around a number are fine, hexadecimal is not a number
  auto spaced = run_edge("double_echo", "--input 'd= 5 ' --json");
  ASSERT_EQ(spaced.code, 0) << spaced.err;
  EXPECT_EQ(json::parse(spaced.out)["double_echo"].get<double>(), 5.0);
  auto hex = run_edge("double_echo", "--input d=0x10");
  EXPECT_EQ(hex.code, 6);
  EXPECT_THAT(hex.err, HasSubstr("`d` is of type double: `0x10` is not a number"));
}

// ---- item: empty requests, names given twice ---------------------------------------------------

TEST(CliReliability, AnOutputsOptionNamingNothingIsAUsageError) {
  for (const std::string& args :
       {"run " + edge() + " --outputs ','", "validate " + edge() + " --outputs ,,",
        "view " + edge() + " -o /tmp/never.dot --outputs ','",
        "lineage " + edge() + " --downstream-of ','"}) {
    auto r = run_cli(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_THAT(r.err, HasSubstr("names nothing; write the names separated by commas")) << args;
  }
}

TEST(CliReliability, ANameGivenTwiceIsAnError) {
  auto twice = run_edge("count_plus_one", "--input count=1 --input count=2");
  EXPECT_EQ(twice.code, 2);
  EXPECT_THAT(twice.err, HasSubstr("--input `count` is given twice (`count=1` and `count=2`)"));
  auto config = run_edge("count_plus_one", "--input count=1 --config a=1 --config a=2");
  EXPECT_EQ(config.code, 2);
  EXPECT_THAT(config.err, HasSubstr("--config `a` is given twice"));
  auto overrides = run_edge("count_plus_one", "--override count=1 --override count=2");
  EXPECT_EQ(overrides.code, 2);
  EXPECT_THAT(overrides.err, HasSubstr("--override `count` is given twice"));
  TempDir dir;
  write_file(dir.path / "in.json", "{\"count\": 1,\n  \"d\": 2,\n  \"count\": 3}");
  for (const char* option : {"--inputs-file", "--config-file"}) {
    auto file =
        run_edge("count_plus_one",
                 std::string(option) + " " + (dir.path / "in.json").string() + " --input count=1");
    EXPECT_EQ(file.code, 9) << option;
    EXPECT_THAT(file.err, HasSubstr("in.json`, line 3, column 3: the key `count` is given twice "
                                    "(first at line 1, column 2)"))
        << option;
  }
  // a file's value and --input for the same name: --input wins, as documented
  write_file(dir.path / "one.json", R"({"count": 1})");
  auto wins = run_edge("count_plus_one", "--inputs-file " + (dir.path / "one.json").string() +
                                             " --input count=5 --json");
  ASSERT_EQ(wins.code, 0) << wins.err;
  EXPECT_EQ(json::parse(wins.out)["count_plus_one"].get<long long>(), 6);
}
