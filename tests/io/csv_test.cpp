// CSV reading (libcsv) and writing, compared with pandas' read_csv / to_csv.
#include "hamilton/io/csv.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <thread>

#include "hamilton/frame.hpp"

namespace {
using hamilton::CsvError;
using hamilton::CsvOptions;
using hamilton::DataFrame;
using hamilton::DType;
using hamilton::Series;

DataFrame parse(const std::string &text, const CsvOptions &o = {}) {
  std::istringstream in(text);
  return hamilton::read_csv(in, o);
}

// The CsvError `f` throws (fails the test if it throws none).
CsvError csv_error_of(auto &&f) {
  try {
    f();
  } catch (const CsvError &e) {
    return e;
  }
  ADD_FAILURE() << "no CsvError";
  return CsvError("<no error>", 0, 0);
}

std::string error_of(auto &&f) {
  try {
    f();
  } catch (const hamilton::Error &e) {
    return e.what();
  }
  return "<no error>";
}

// A fresh directory under the test temp dir, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string &name)
      : path(std::filesystem::path(::testing::TempDir()) /
             ("hamilton_csv_" + name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string file(const std::string &name, const std::string &text) const {
    std::string p = (path / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
};

const char *kSample =
    "a,b,c,d,e\n"
    "1,1.5,True,2020-01-01,\"x, y\"\n"
    "2,,False,2020-01-02,\"multi\nline\"\n"
    ",3,True,,z\n";

TEST(Csv, TypeInferenceAndMissingValues) {
  DataFrame df = parse(kSample);
  ASSERT_EQ(df.num_rows(), 3u);
  EXPECT_EQ(df["a"].dtype(),
            DType::float64);  // int with a missing value → float64
  EXPECT_TRUE(std::isnan(df["a"].at<double>(2)));
  EXPECT_EQ(df["b"].dtype(), DType::float64);
  EXPECT_EQ(df["c"].dtype(), DType::boolean);
  EXPECT_EQ(df["d"].dtype(), DType::datetime);  // ISO dates are inferred
  EXPECT_TRUE(df["d"].is_missing(2));
  EXPECT_EQ(df["e"].dtype(), DType::string);
  EXPECT_EQ(df["e"].at<std::string>(0), "x, y");         // embedded delimiter
  EXPECT_EQ(df["e"].at<std::string>(1), "multi\nline");  // embedded newline
}

TEST(Csv, IntColumnsStayInt64) {
  DataFrame df = parse("x,y\n1,-2\n3,4\n");
  EXPECT_EQ(df["x"].dtype(), DType::int64);
  EXPECT_EQ(df["y"].at<std::int64_t>(0), -2);
}

TEST(Csv, WritesLikePandasToCsv) {
  EXPECT_EQ(hamilton::to_csv(parse(kSample)),
            ",a,b,c,d,e\n0,1.0,1.5,True,2020-01-01,\"x, "
            "y\"\n1,2.0,,False,2020-01-02,\"multi\nline\"\n"
            "2,,3.0,True,,z\n");
  DataFrame df{{"f", Series({0.1, 13.333333333333334, NAN})},
               {"s", Series::strings({"a\"b", "c", ""}, {false, false, true})}};
  EXPECT_EQ(hamilton::to_csv(df), ",f,s\n0,0.1,\"a\"\"b\"\n1,13.333333333333334,c\n2,,\n");
}

TEST(Csv, RoundTripThroughAFile) {
  DataFrame df = parse(kSample);
  std::string path = ::testing::TempDir() + "hamilton_csv_roundtrip.csv";
  hamilton::write_csv(df, path);
  DataFrame back = hamilton::read_csv(path, CsvOptions{.index_col = "Unnamed: 0"});
  std::remove(path.c_str());
  EXPECT_EQ(back.index().kind(), hamilton::Index::Kind::int64);
  EXPECT_EQ(back.column_names(), df.column_names());
  for (const auto &name : df.column_names()) EXPECT_TRUE(back[name].approx_equal(df[name])) << name;
}

TEST(Csv, IndexColumn) {
  DataFrame df = parse("key,v\nb,1\na,2\n", CsvOptions{.index_col = "key"});
  EXPECT_EQ(df.num_columns(), 1u);
  EXPECT_EQ(df.index().str_at(0), "b");
  EXPECT_EQ(df.to_string(), "   v\nb  1\na  2");
  EXPECT_THROW(parse("k,v\n1,2\n", CsvOptions{.index_col = "nope"}), hamilton::Error);
}

TEST(Csv, NoHeaderAndDelimiter) {
  DataFrame df = parse("1;x\n2;y\n", CsvOptions{.delimiter = ';', .header = false});
  EXPECT_EQ(df.column_names(), (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(df["1"].at<std::string>(1), "y");
}

TEST(Csv, ShortRowsAreFilledWithMissingLikePandas) {
  DataFrame df = parse("a,b\n1,2\n3\n");
  EXPECT_TRUE(std::isnan(df["b"].at<double>(1)));
}

TEST(Csv, TooManyFieldsReportsLineAndColumn) {
  try {
    parse("a,b\n1,2\n3,4,5\n");
    FAIL();
  } catch (const CsvError &e) {
    EXPECT_EQ(e.line(), 3u);
    EXPECT_EQ(e.column(), 5u);
    EXPECT_STREQ(e.what(), "read_csv: line 3, column 5: expected 2 fields, saw 3");
  }
}

TEST(Csv, StrayQuoteReportsLineAndColumn) {
  try {
    parse("a,b\n1,2\n3,\"x\"y\n");
    FAIL();
  } catch (const CsvError &e) {
    EXPECT_EQ(e.line(), 3u);
    EXPECT_EQ(e.column(), 6u);
  }
}

TEST(Csv, UnterminatedQuoteIsAnError) {
  try {
    parse("a,b\n1,\"open\n");
    FAIL();
  } catch (const CsvError &e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_NE(std::string(e.what()).find("unterminated quoted field"), std::string::npos);
  }
}

TEST(Csv, EmptyInputAndMissingFile) {
  EXPECT_THROW(parse(""), CsvError);
  EXPECT_THROW(hamilton::read_csv("/nonexistent/file.csv"), hamilton::Error);
}

TEST(Csv, AllMissingColumnIsFloat) {
  DataFrame df = parse("a,b\n1,\n2,NA\n");
  EXPECT_EQ(df["b"].dtype(), DType::float64);
  EXPECT_EQ(df["b"].count(), 0u);
}

// ---- dates outside datetime64[ns]'s range (pandas' OutOfBoundsDatetime)

constexpr const char *kOutOfBounds =
    "'9999-12-31' is out of bounds for datetime64[ns], which holds 1677-09-21 00:12:43.145224193 "
    ".. 2262-04-11 23:47:16.854775807 (pandas' Timestamp.min .. Timestamp.max); use a date in "
    "that range, or a missing value (NaT) for \"no date\", or read dates as text with "
    "CsvOptions::parse_dates = false";

TEST(CsvDates, OutOfRangeDateIsAnErrorNamingLineAndColumn) {
  // Before: 9999-12-31 overflowed and was read as 1816-03-29 05:56:08.
  const std::string text = "id,end\n1,2020-01-01\n2,9999-12-31\n";
  CsvError e = csv_error_of([&] { parse(text); });
  EXPECT_EQ(std::string(e.what()),
            std::string("read_csv: line 3, column 'end' (field 2): ") + kOutOfBounds);
  EXPECT_EQ(e.line(), 3u);
  EXPECT_EQ(e.field(), 2u);
  EXPECT_EQ(e.column_name(), "end");
  EXPECT_EQ(e.column(), 0u);
  EXPECT_EQ(e.path(), "");

  TempDir dir("dates");
  const std::string path = dir.file("dates.csv", text);
  CsvError f = csv_error_of([&] { hamilton::read_csv(path); });
  EXPECT_EQ(std::string(f.what()),
            "read_csv: '" + path + "', line 3, column 'end' (field 2): " + kOutOfBounds);
  EXPECT_EQ(f.path(), path);
}

TEST(CsvDates, LineCountsQuotedNewlinesAndIndexColumnsAreChecked) {
  CsvError e = csv_error_of([] { parse("a,b\n\"x\ny\",2020-01-01\nz,9999-12-31\n"); });
  EXPECT_EQ(e.line(), 4u);
  EXPECT_EQ(e.field(), 2u);
  CsvError i =
      csv_error_of([] { parse("when,v\n9999-12-31,1\n", CsvOptions{.index_col = "when"}); });
  EXPECT_EQ(i.line(), 2u);
  EXPECT_EQ(i.column_name(), "when");
  EXPECT_EQ(i.field(), 1u);
}

TEST(CsvDates, BoundsAndColumnsThatAreNotDates) {
  DataFrame df = parse("t\n1677-09-21 00:12:43.145224193\n2262-04-11 23:47:16.854775807\n");
  ASSERT_EQ(df["t"].dtype(), DType::datetime);
  EXPECT_EQ(df["t"].at<std::int64_t>(0), hamilton::kDatetimeMin);
  EXPECT_EQ(df["t"].at<std::int64_t>(1), hamilton::kDatetimeMax);
  EXPECT_THROW(parse("t\n2262-04-11 23:47:16.854775808\n"), CsvError);
  EXPECT_THROW(parse("t\n1677-09-21 00:12:43.145224192\n"), CsvError);
  // Not a date column (a value is no date): strings, no error, as any text column.
  DataFrame mixed = parse("t\n9999-12-31\nopen\n");
  EXPECT_EQ(mixed["t"].dtype(), DType::string);
  EXPECT_EQ(mixed["t"].at<std::string>(0), "9999-12-31");
  // Dates not inferred: strings.
  DataFrame text = parse("t\n2020-01-01\n9999-12-31\n", CsvOptions{.parse_dates = false});
  EXPECT_EQ(text["t"].at<std::string>(1), "9999-12-31");
  // A missing value is NaT, not an error.
  DataFrame missing = parse("t\n2020-01-01\n\n");
  EXPECT_EQ(missing["t"].dtype(), DType::datetime);
}

// ---- a UTF-8 byte-order mark

TEST(CsvBom, ByteOrderMarkIsNotPartOfTheFirstName) {
  DataFrame df = parse(
      "\xEF\xBB\xBF"
      "a,b\n1,2\n");
  EXPECT_EQ(df.column_names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(df["a"].dtype(), DType::int64);
  DataFrame quoted = parse("\xEF\xBB\xBF\"a b\",c\n1,2\n");
  EXPECT_EQ(quoted.column_names(), (std::vector<std::string>{"a b", "c"}));
  DataFrame no_header = parse(
      "\xEF\xBB\xBF"
      "1,2\n3,4\n",
      CsvOptions{.header = false});
  EXPECT_EQ(no_header["0"].dtype(), DType::int64);
  EXPECT_EQ(no_header["0"].at<std::int64_t>(0), 1);
  // Only at the start of the input (pandas keeps one elsewhere).
  DataFrame later = parse(
      "a,b\n\xEF\xBB\xBF"
      "1,2\n");
  EXPECT_EQ(later["a"].at<std::string>(0),
            "\xEF\xBB\xBF"
            "1");

  TempDir dir("bom");
  DataFrame file = hamilton::read_csv(dir.file("bom.csv",
                                               "\xEF\xBB\xBF"
                                               "x,y\n1,2\n"));
  EXPECT_EQ(file.column_names(), (std::vector<std::string>{"x", "y"}));
  // The column of an error is counted after the mark.
  EXPECT_EQ(csv_error_of([] {
              parse(
                  "\xEF\xBB\xBF"
                  "a,b,a\n1,2,3\n");
            }).column(),
            5u);
}

// ---- spaces around numbers, as pandas' C parser reads them (checked with pandas 1.5.3 and
// 3.1): ints and floats may have spaces or tabs on either side; bools, dates, missing-value
// markers and the words nan/inf may not (such a column is text in pandas too).

TEST(CsvSpaces, NumbersWithSpacesAroundThemAreNumbers) {
  DataFrame df = parse("a,b,c\n1, 2, 1.5\n 3 ,4\t,\t2.5 \n");
  EXPECT_EQ(df["a"].dtype(), DType::int64);
  EXPECT_EQ(df["b"].dtype(), DType::int64);
  EXPECT_EQ(df["b"].at<std::int64_t>(0), 2);
  EXPECT_EQ(df["b"].at<std::int64_t>(1), 4);
  EXPECT_EQ(df["a"].at<std::int64_t>(1), 3);
  EXPECT_EQ(df["c"].dtype(), DType::float64);
  EXPECT_EQ(df["c"].at<double>(0), 1.5);
  EXPECT_EQ(df["c"].at<double>(1), 2.5);
  // Signs, exponents, quoted numbers and a missing value.
  DataFrame more = parse("a,b\n -1 , 1e3 \n\" +2\",\n");
  EXPECT_EQ(more["a"].at<std::int64_t>(0), -1);
  EXPECT_EQ(more["a"].at<std::int64_t>(1), 2);
  EXPECT_EQ(more["b"].at<double>(0), 1000.0);
  EXPECT_TRUE(std::isnan(more["b"].at<double>(1)));
}

TEST(CsvSpaces, OtherValuesWithSpacesStayText) {
  auto dtype_of = [](const std::string &cells) { return parse("a\n" + cells)["a"].dtype(); };
  EXPECT_EQ(dtype_of(" True\nFalse\n"), DType::string);  // pandas: object
  EXPECT_EQ(dtype_of("True \nFalse\n"), DType::string);
  EXPECT_EQ(dtype_of(" nan\n2\n"), DType::string);
  EXPECT_EQ(dtype_of(" inf \n2\n"), DType::string);
  EXPECT_EQ(dtype_of("- 1\n2\n"), DType::string);
  EXPECT_EQ(dtype_of("1 2\n3\n"), DType::string);
  EXPECT_EQ(dtype_of(" NA\n3\n"), DType::string);  // a marker with spaces is not missing
  EXPECT_EQ(dtype_of("inf\n-inf\n"), DType::float64);
  // A cell of only spaces is neither a number nor missing (pandas: object).
  DataFrame blank = parse("a,b\n1,2\n ,3\n");
  EXPECT_EQ(blank["a"].dtype(), DType::string);
  EXPECT_EQ(blank["a"].at<std::string>(1), " ");
  // Text keeps its spaces.
  EXPECT_EQ(parse("a\n x \n")["a"].at<std::string>(0), " x ");
  // Deliberate difference: dates with spaces around them are text (pandas 3 reads them so with
  // parse_dates too; pandas 1.5's parse_dates would parse them).
  EXPECT_EQ(dtype_of(" 2020-01-01\n2020-01-02\n"), DType::string);
}

TEST(CsvSpaces, LinesOfOnlySpacesAreSkippedLikeBlankLines) {
  DataFrame df = parse("a,b\n1,2\n   \n3,4\n\t\n");
  ASSERT_EQ(df.num_rows(), 2u);
  EXPECT_EQ(df["a"].dtype(), DType::int64);
  EXPECT_EQ(df["a"].at<std::int64_t>(1), 3);
  DataFrame single = parse("a\n1\n \n3\n");
  ASSERT_EQ(single.num_rows(), 2u);
  EXPECT_EQ(single["a"].dtype(), DType::int64);
  // A quoted field of spaces is a value.
  EXPECT_EQ(parse("a\n\"  \"\nx\n").num_rows(), 2u);
}

// ---- the header

TEST(CsvHeader, DuplicateNameNamesItsColumn) {
  CsvError e = csv_error_of([] { parse("a,b,a\n1,2,3\n"); });
  EXPECT_STREQ(e.what(),
               "read_csv: line 1, column 5: duplicate column name 'a' (fields 1 and 3): rename "
               "one of them (pandas would read the second as 'a.1')");
  EXPECT_EQ(e.line(), 1u);
  EXPECT_EQ(e.column(), 5u);  // before: 2 (counted in the name, not in the line)
  EXPECT_EQ(e.field(), 3u);
  EXPECT_EQ(e.column_name(), "a");
  // Quoted names with delimiters before it; a header after blank lines.
  CsvError q = csv_error_of([] { parse("\"x,y\",long_name,x,\"x,y\"\n1,2,3,4\n"); });
  EXPECT_EQ(q.column(), 19u);
  EXPECT_EQ(q.field(), 4u);
  CsvError later = csv_error_of([] { parse("\n\nid,v,id\n1,2,3\n"); });
  EXPECT_EQ(later.line(), 3u);
  EXPECT_EQ(later.column(), 6u);
  // Empty names are "Unnamed: k" (pandas), so two empty names do not clash.
  EXPECT_EQ(parse(",a,\n1,2,3\n").column_names(),
            (std::vector<std::string>{"Unnamed: 0", "a", "Unnamed: 2"}));
}

// ---- a very large field: libcsv's buffer grows geometrically (was 128 bytes at a time,
// quadratic where realloc copies: 68 s for one 4 MB field under AddressSanitizer).

TEST(CsvLargeField, ReadsAFieldOfSeveralMegabytesExactly) {
  std::string big;
  for (std::size_t i = 0; big.size() < (3u << 20); ++i)
    big += i % 7919 == 0 ? "\"\",\n" : "abcdefghij";  // doubled quotes, delimiters, newlines
  std::string escaped;
  for (char c : big) {
    if (c == '"') escaped += '"';
    escaped += c;
  }
  const std::string plain(5u << 20, 'y');
  DataFrame df = parse("a,b,c\n1,\"" + escaped + "\"," + plain + "\n2,x,z\n");
  ASSERT_EQ(df.num_rows(), 2u);
  EXPECT_EQ(df["b"].at<std::string>(0).size(), big.size());
  EXPECT_TRUE(df["b"].at<std::string>(0) == big);
  EXPECT_TRUE(df["c"].at<std::string>(0) == plain);
  EXPECT_EQ(df["b"].at<std::string>(1), "x");
  EXPECT_EQ(df["a"].at<std::int64_t>(1), 2);
}

TEST(CsvLargeField, ErrorsInLongLinesHaveTheirColumn) {
  const std::string pad(200'000, 'p');
  CsvError e = csv_error_of([&] { parse("a,b\n" + pad + ",\"x\"y\n"); });
  EXPECT_EQ(e.line(), 2u);
  EXPECT_EQ(e.column(), pad.size() + 5);  // the 'y' after the closing quote
}

// ---- files that are not regular files, and writing to a full disk

TEST(CsvFiles, ReadingAFifoIsRefusedInsteadOfHanging) {
  TempDir dir("fifo");
  const std::string path = (dir.path / "in.csv").string();
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  // Before: opening the FIFO waited for a writer forever. Run it on a thread that may be left
  // behind, so that the test reports a hang instead of hanging.
  auto result = std::make_shared<std::promise<std::string>>();
  std::future<std::string> done = result->get_future();
  std::thread([result, path] {
    result->set_value(error_of([&] { hamilton::read_csv(path); }));
  }).detach();
  ASSERT_EQ(done.wait_for(std::chrono::seconds(30)), std::future_status::ready)
      << "read_csv hangs on a FIFO";
  EXPECT_EQ(done.get(), "read_csv: '" + path +
                            "' is a FIFO (named pipe), not a regular file: give the path of a "
                            "CSV file");
}

TEST(CsvFiles, DirectoriesDevicesAndMissingFilesAreRefused) {
  TempDir dir("notfile");
  EXPECT_EQ(error_of([&] { hamilton::read_csv(dir.path.string()); }),
            "read_csv: '" + dir.path.string() +
                "' is a directory, not a regular file: give the path of a CSV file");
  EXPECT_EQ(error_of([] { hamilton::read_csv("/dev/null"); }),
            "read_csv: '/dev/null' is a character device, not a regular file: give the path of a "
            "CSV file");
  EXPECT_EQ(error_of([&] { hamilton::read_csv((dir.path / "none.csv").string()); }),
            "read_csv: cannot open '" + (dir.path / "none.csv").string() +
                "': No such file or directory");
  // A symbolic link to a regular file is read.
  const std::string target = dir.file("t.csv", "a\n1\n");
  std::filesystem::create_symlink(target, dir.path / "link.csv");
  EXPECT_EQ(hamilton::read_csv((dir.path / "link.csv").string())["a"].at<std::int64_t>(0), 1);
}

TEST(CsvFiles, ErrorsNameTheFile) {
  TempDir dir("names");
  const std::string path = dir.file("bad.csv", "a,b\n1,2\n3,4,5\n");
  EXPECT_EQ(error_of([&] { hamilton::read_csv(path); }),
            "read_csv: '" + path + "', line 3, column 5: expected 2 fields, saw 3");
  const std::string empty = dir.file("empty.csv", "");
  EXPECT_EQ(error_of([&] { hamilton::read_csv(empty); }),
            "read_csv: '" + empty + "': no columns to parse from the input (it is empty)");
}

DataFrame frame_of_rows(std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<double>(i) / 7;
  return DataFrame{{"x", Series(std::move(v))}};
}

TEST(CsvWrite, FullDiskIsAnErrorNamingTheFile) {
  // Before: the buffered write failed only when the stream was destroyed, unchecked: success.
  const DataFrame small = parse("a,b\n1,2\n");
  EXPECT_EQ(error_of([&] { hamilton::write_csv(small, "/dev/full"); }),
            "write_csv: cannot write '/dev/full': No space left on device (the file is "
            "incomplete)");
  // Through a symbolic link, and a frame larger than one write.
  TempDir dir("full");
  const std::string link = (dir.path / "out.csv").string();
  std::filesystem::create_symlink("/dev/full", link);
  EXPECT_EQ(
      error_of([&] { hamilton::write_csv(frame_of_rows(100'000), link); }),
      "write_csv: cannot write '" + link + "': No space left on device (the file is incomplete)");
  EXPECT_TRUE(std::filesystem::is_symlink(link));  // the link is left as it was
  // A stream the caller opened: write_csv flushes it, so the error shows.
  std::ofstream out("/dev/full", std::ios::binary);
  ASSERT_TRUE(out.is_open());
  EXPECT_EQ(error_of([&] { hamilton::write_csv(small, out); }),
            "write_csv: error writing the output (the stream failed)");
  EXPECT_EQ(error_of([&] { hamilton::write_csv(small, (dir.path / "no/such/dir.csv").string()); }),
            "write_csv: cannot open '" + (dir.path / "no/such/dir.csv").string() +
                "' for writing: No such file or directory");
}

TEST(CsvWrite, WritesLargeFramesCompletely) {
  TempDir dir("large");
  const DataFrame df = frame_of_rows(100'000);  // several pieces of output
  const std::string path = (dir.path / "big.csv").string();
  hamilton::write_csv(df, path);
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), hamilton::to_csv(df));
  EXPECT_TRUE(
      hamilton::read_csv(path, CsvOptions{.index_col = "Unnamed: 0"})["x"].approx_equal(df["x"]));
}
}  // namespace
