// JSON reading and writing (nlohmann-json), compared with pandas' to_json / read_json.
#include "hamilton/io/json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "hamilton/frame.hpp"
#include "hamilton/io/csv.hpp"
#include "hamilton/io/formats.hpp"
#include "python.hpp"
#include "sample.hpp"

namespace {
using hamilton::DataFrame;
using hamilton::DType;
using hamilton::JsonOrient;
using hamilton::Series;
using json = nlohmann::ordered_json;

std::string io_error(auto&& f) {
  try {
    f();
  } catch (const hamilton::io::IoError& e) {
    return e.what();
  }
  return "<no IoError>";
}

// Same JSON structure and values; numbers equal to pandas' 10 significant digits.
void expect_same_json(const json& ours, const json& theirs, const std::string& where = "$") {
  if (ours.is_number() && theirs.is_number()) {
    double a = ours.get<double>(), b = theirs.get<double>();
    EXPECT_NEAR(a, b, std::abs(b) * 1e-9) << where;
    return;
  }
  ASSERT_EQ(ours.type(), theirs.type()) << where << ": " << ours.dump() << " vs " << theirs.dump();
  if (ours.is_object()) {
    ASSERT_EQ(ours.size(), theirs.size()) << where;
    auto a = ours.begin();
    auto b = theirs.begin();
    for (; a != ours.end(); ++a, ++b) {
      EXPECT_EQ(a.key(), b.key()) << where;
      expect_same_json(a.value(), b.value(), where + "." + a.key());
    }
  } else if (ours.is_array()) {
    ASSERT_EQ(ours.size(), theirs.size()) << where;
    for (std::size_t i = 0; i < ours.size(); ++i)
      expect_same_json(ours[i], theirs[i], where + "[" + std::to_string(i) + "]");
  } else {
    EXPECT_EQ(ours, theirs) << where;
  }
}

TEST(JsonPandas, WritesWhatPandasToJsonWrites) {
  DataFrame df = hamilton_test::sample_frame();
  std::string out =
      hamilton_test::run_python(std::string(hamilton_test::sample_frame_python()) +
                                "print(df.to_json(orient='records'))\n"
                                "print(df.to_json(orient='columns'))\n"
                                "print(df.to_json(orient='records', date_format='iso'))\n");
  std::istringstream lines(out);
  std::string records, columns, iso;
  std::getline(lines, records);
  std::getline(lines, columns);
  std::getline(lines, iso);
  expect_same_json(json::parse(hamilton::to_json(df)), json::parse(records));
  hamilton::JsonWriteOptions by_column;
  by_column.orient = JsonOrient::columns;
  expect_same_json(json::parse(hamilton::to_json(df, by_column)), json::parse(columns));
  hamilton::JsonWriteOptions dates;
  dates.iso_dates = true;
  expect_same_json(json::parse(hamilton::to_json(df, dates)), json::parse(iso));
}

TEST(JsonPandas, ReadsWhatPandasReads) {
  // pandas writes, both read the file, both print it as CSV with the dtypes
  hamilton_test::TempDir dir("json_read");
  for (const char* orient : {"records", "columns"}) {
    std::string path = dir / (std::string(orient) + ".json");
    std::string out = hamilton_test::run_python(
        std::string(hamilton_test::sample_frame_python()) + "df.to_json('" + path + "', orient='" +
        orient + "')\n" + "back = pd.read_json('" + path + "', orient='" + orient +
        "')\nimport sys\nsys.stdout.write(' '.join(str(t) for t in back.dtypes) + '\\n')\n"
        "sys.stdout.write(back.to_csv())\n");
    hamilton::JsonReadOptions o;
    o.orient = std::string(orient) == "records" ? JsonOrient::records : JsonOrient::columns;
    DataFrame ours = hamilton::read_json(path, o);
    std::string dtypes;
    for (const auto& c : ours.columns()) {
      if (!dtypes.empty()) dtypes += ' ';
      dtypes += c.dtype_name();
    }
    EXPECT_EQ(dtypes + "\n" + hamilton::to_csv(ours), out) << orient;
  }
}

TEST(Json, RoundTripsThroughAFile) {
  hamilton_test::TempDir dir("json_roundtrip");
  DataFrame df = hamilton_test::sample_frame();
  hamilton::JsonWriteOptions iso;
  iso.iso_dates = true;
  hamilton::write_json(df, dir / "a.json", iso);
  DataFrame back = hamilton::read_json(dir / "a.json");
  // `when_at` is date-like by name (pandas' rule); `day` is not and stays text
  EXPECT_EQ(back.column("when_at").dtype(), DType::datetime);
  EXPECT_TRUE(back.column("when_at").equals(df.column("when_at")));
  EXPECT_EQ(back.column("day").dtype(), DType::string);
  EXPECT_TRUE(back.column("f").equals(df.column("f")));  // exact: shortest round-trip digits
  EXPECT_TRUE(back.column("i").equals(df.column("i")));
  EXPECT_TRUE(back.column("b").equals(df.column("b")));
  EXPECT_TRUE(back.column("s").equals(df.column("s")));
}

TEST(Json, ColumnsMixingTypesAreErrorsNamingThem) {
  std::string msg = io_error([] { hamilton::parse_json(R"([{"a": 1}, {"a": "x"}])"); });
  EXPECT_NE(msg.find("column `a` of the JSON text: row 1 holds a string in a column of integers"),
            std::string::npos)
      << msg;
  msg = io_error([] { hamilton::parse_json(R"([{"a": true}, {"a": null}])"); });
  EXPECT_NE(msg.find("column `a` of the JSON text holds booleans and missing values"),
            std::string::npos)
      << msg;
  msg = io_error([] { hamilton::parse_json(R"([{"a": [1, 2]}])"); });
  EXPECT_NE(msg.find("holds a nested array"), std::string::npos) << msg;
}

TEST(Json, MalformedTextAndWrongOrientAreErrors) {
  std::string msg = io_error([] { hamilton::parse_json("[{\"a\": 1,]"); });
  EXPECT_NE(msg.find("the JSON text is not valid JSON"), std::string::npos) << msg;
  msg = io_error([] { hamilton::parse_json(R"({"a": {"0": 1}})"); });
  EXPECT_NE(msg.find("orient records needs a JSON array of row objects, not object"),
            std::string::npos)
      << msg;
  msg = io_error([] { hamilton::read_json("/nonexistent/a.json"); });
  EXPECT_NE(msg.find("cannot open '/nonexistent/a.json'"), std::string::npos) << msg;
}

TEST(Json, IntegersWithNullBecomeFloatAndMissingKeysAreMissing) {
  DataFrame df = hamilton::parse_json(R"([{"a": 1, "b": "x"}, {"a": null}, {"b": "z", "a": 3}])");
  EXPECT_EQ(df.column("a").dtype(), DType::float64);
  EXPECT_TRUE(std::isnan(df.column("a").values<double>()[1]));
  EXPECT_EQ(df.column("b").dtype(), DType::string);
  EXPECT_TRUE(df.column("b").is_missing(1));
  EXPECT_EQ(df.column("b").values<std::string>()[2], "z");
}

}  // namespace
