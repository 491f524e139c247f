// The registry of loaders and savers: built-in formats, user formats (function and macro),
// argument checks and the metadata of loads and saves.
#include "hamilton/io/formats.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "hamilton/frame.hpp"
#include "hamilton/io/csv.hpp"
#include "python.hpp"
#include "sample.hpp"

namespace {
using hamilton::DataFrame;
using hamilton::Value;
namespace io = hamilton::io;

std::string io_error(auto&& f) {
  try {
    f();
  } catch (const io::IoError& e) {
    return e.what();
  }
  return "<no IoError>";
}

// A user format registered with the macro: text files of one line.
io::Loaded load_line(const io::Args& args) {
  std::ifstream in(io::string_arg(args, "path"));
  std::string line;
  std::getline(in, line);
  io::Metadata m;
  m.path = io::string_arg(args, "path");
  return {Value(line), m};
}
HAMILTON_REGISTER_LOADER(io::Loader{
    "line", &hamilton::TypeInfo::of<std::string>(), {"path"}, {}, load_line, "one line of text"});

TEST(Formats, BuiltInFormatsAreRegistered) {
  for (const char* f : {"csv", "json", "sqlite"}) {
    auto loaders = io::loader_formats();
    auto savers = io::saver_formats();
    EXPECT_NE(std::find(loaders.begin(), loaders.end(), f), loaders.end()) << f;
    EXPECT_NE(std::find(savers.begin(), savers.end(), f), savers.end()) << f;
  }
  EXPECT_EQ(io::find_loader("csv").type, &hamilton::TypeInfo::of<DataFrame>());
}

TEST(Formats, UnknownFormatListsTheKnownOnesAndSuggests) {
  std::string msg = io_error([] { io::find_loader("cvs"); });
  EXPECT_NE(msg.find("no loader is registered for format `cvs` (did you mean `csv`?)"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("known formats: csv, json, line, postgres, sqlite"), std::string::npos) << msg;
  msg = io_error([] { io::find_saver("jsn"); });
  EXPECT_NE(msg.find("no saver is registered for format `jsn` (did you mean `json`?)"),
            std::string::npos)
      << msg;
}

TEST(Formats, UserFormatsByFunctionAndMacro) {
  hamilton_test::TempDir dir("user_formats");
  std::ofstream(dir / "a.txt") << "hello\nworld\n";
  auto loaded = io::load("line", {{"path", dir / "a.txt"}});
  EXPECT_EQ(loaded.data.get<std::string>(), "hello");
  EXPECT_EQ(loaded.metadata.format, "line");
  EXPECT_EQ(loaded.metadata.path, dir / "a.txt");
  EXPECT_FALSE(loaded.metadata.timestamp.empty());

  io::register_saver(io::Saver{"line",
                               &hamilton::TypeInfo::of<std::string>(),
                               {"path"},
                               {},
                               [](const Value& v, const io::Args& a) {
                                 std::ofstream(io::string_arg(a, "path")) << v.get<std::string>();
                                 io::Metadata m;
                                 m.path = io::string_arg(a, "path");
                                 m.size_bytes = std::filesystem::file_size(m.path);
                                 return m;
                               },
                               ""});
  auto meta = io::save("line", Value(std::string("abc")), {{"path", dir / "b.txt"}});
  EXPECT_EQ(meta.size_bytes, 3u);
  EXPECT_EQ(meta.format, "line");
  // the saver checks the type it writes
  std::string msg = io_error([&] { io::save("line", Value(1.5), {{"path", dir / "c.txt"}}); });
  EXPECT_NE(msg.find("saver `line` writes a std::string, not a double"), std::string::npos) << msg;
}

TEST(Formats, RegisteringWithoutANameOrFunctionIsRefused) {
  EXPECT_NE(io_error([] { io::register_loader(io::Loader{}); }).find("the format name is empty"),
            std::string::npos);
  EXPECT_NE(io_error([] {
              io::register_saver(io::Saver{"x", nullptr, {}, {}, nullptr, ""});
            }).find("the saver of `x` has no function"),
            std::string::npos);
}

TEST(Formats, ArgumentsAreCheckedTogether) {
  std::string msg = io_error([] { io::load("csv", {{"paht", "x.csv"}, {"sepp", ";"}}); });
  EXPECT_NE(msg.find("loader `csv`: the required argument `path` is missing"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("loader `csv`: unknown argument `paht` (did you mean `path`?)"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("unknown argument `sepp` (did you mean `sep`?)"), std::string::npos) << msg;
  msg = io_error([] { io::load("csv", {{"path", 3}}); });
  EXPECT_NE(msg.find("argument `path` must be a string, not int"), std::string::npos) << msg;
}

TEST(Formats, MissingFileNamesIt) {
  std::string msg = io_error([] { io::load("csv", {{"path", "/nonexistent/x.csv"}}); });
  EXPECT_NE(msg.find("csv loader: the file '/nonexistent/x.csv' does not exist"), std::string::npos)
      << msg;
  msg = io_error([] { io::load("json", {{"path", "/nonexistent/x.json"}}); });
  EXPECT_NE(msg.find("'/nonexistent/x.json' does not exist"), std::string::npos) << msg;
}

TEST(Formats, CsvSaveAndLoadReturnMetadata) {
  hamilton_test::TempDir dir("csv_meta");
  DataFrame df = hamilton_test::sample_frame();
  auto meta = io::save("csv", Value(df), {{"path", dir / "s.csv"}});
  EXPECT_EQ(meta.format, "csv");
  EXPECT_EQ(meta.path, dir / "s.csv");
  EXPECT_EQ(meta.rows, 4u);
  EXPECT_EQ(meta.columns, 6u);
  EXPECT_EQ(meta.column_names, df.column_names());
  EXPECT_EQ(meta.size_bytes, std::filesystem::file_size(dir / "s.csv"));
  EXPECT_EQ(meta.size_bytes, hamilton::to_csv(df).size());
  EXPECT_GE(meta.seconds, 0.0);
  EXPECT_EQ(meta.timestamp.size(), std::string("2026-12-02T15:30:00.123456Z").size());
  auto loaded = io::load("csv", {{"path", dir / "s.csv"}, {"index_col", "Unnamed: 0"}});
  EXPECT_EQ(loaded.metadata.rows, 4u);
  const auto& back = loaded.data.get<DataFrame>();
  EXPECT_EQ(hamilton::to_csv(back), hamilton::to_csv(df));
}

// The CSV writer against pandas' to_csv, every dtype, in the same run.
TEST(FormatsPandas, CsvWriterMatchesPandasToCsv) {
  DataFrame df = hamilton_test::sample_frame();
  std::string pandas = hamilton_test::run_python(std::string(hamilton_test::sample_frame_python()) +
                                                 "import sys\nsys.stdout.write(df.to_csv())\n"
                                                 "sys.stdout.write(df.to_csv(index=False, "
                                                 "sep=';', na_rep='NA'))\n");
  hamilton::CsvWriteOptions semi;
  semi.index = false;
  semi.delimiter = ';';
  semi.na_rep = "NA";
  EXPECT_EQ(hamilton::to_csv(df) + hamilton::to_csv(df, semi), pandas);
}

}  // namespace
