// CSV reading (libcsv) and writing, compared with pandas' read_csv / to_csv.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <sstream>

#include "hamilton/frame.hpp"
#include "hamilton/io/csv.hpp"

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
}  // namespace
