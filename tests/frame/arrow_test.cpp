// The Arrow C Data Interface: export and import of Series and DataFrame, zero-copy buffers,
// offsets, nulls, release callbacks called exactly once, and error messages.
#include "hamilton/frame/arrow.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "hamilton/frame.hpp"

namespace {
using hamilton::DataFrame;
using hamilton::DType;
using hamilton::Series;
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

std::string error_of(auto &&f) {
  try {
    f();
  } catch (const hamilton::Error &e) {
    return e.what();
  }
  return "<no error>";
}

bool bit(const ArrowArray &a, std::int64_t i) {
  const auto *bits = static_cast<const std::uint8_t *>(a.buffers[0]);
  return (bits[i / 8] >> (i % 8)) & 1;
}

// A producer-side array made by hand (as another library would), counting its releases.
struct Producer {
  std::vector<std::uint8_t> validity;
  std::vector<std::int64_t> ints;
  std::vector<double> doubles;
  std::vector<std::int32_t> offsets;
  std::string chars;
  std::vector<std::uint8_t> bits;
  const void *buffers[3] = {nullptr, nullptr, nullptr};
  int *releases = nullptr;
};

void producer_release(ArrowArray *a) {
  auto *p = static_cast<Producer *>(a->private_data);
  ++*p->releases;
  delete p;
  a->release = nullptr;
}

ArrowArray make_array(Producer *p, std::int64_t length, std::int64_t n_buffers,
                      std::int64_t offset = 0, std::int64_t null_count = 0) {
  ArrowArray a{};
  a.length = length;
  a.offset = offset;
  a.null_count = null_count;
  a.n_buffers = n_buffers;
  a.buffers = p->buffers;
  a.release = &producer_release;
  a.private_data = p;
  return a;
}

int schema_releases = 0;
void static_schema_release(ArrowSchema *s) {
  ++schema_releases;
  s->release = nullptr;
}
ArrowSchema make_schema(const char *format, const char *name) {
  ArrowSchema s{};
  s.format = format;
  s.name = name;
  s.release = &static_schema_release;
  return s;
}

TEST(Arrow, Float64ExportSharesTheBufferAndMapsNaNToNull) {
  Series s({1.5, NaN, 3.0}, "x");
  ArrowArray a{};
  ArrowSchema sc{};
  hamilton::export_series(s, &a, &sc);
  EXPECT_STREQ(sc.format, "g");
  EXPECT_STREQ(sc.name, "x");
  EXPECT_EQ(sc.flags, ARROW_FLAG_NULLABLE);
  EXPECT_EQ(a.length, 3);
  EXPECT_EQ(a.n_buffers, 2);
  EXPECT_EQ(a.null_count, 1);
  EXPECT_EQ(a.buffers[1], s.data());  // no copy
  EXPECT_TRUE(bit(a, 0));
  EXPECT_FALSE(bit(a, 1));
  EXPECT_TRUE(bit(a, 2));
  Series back = hamilton::import_series(&a, &sc);
  EXPECT_EQ(a.release, nullptr);   // moved
  EXPECT_EQ(sc.release, nullptr);  // released
  EXPECT_TRUE(back.equals(s));
  EXPECT_EQ(back.name(), "x");
}

TEST(Arrow, RoundTripWithoutNullsIsZeroCopyBothWays) {
  Series f({1.0, 2.0, 3.0}, "f");
  Series i({1, 2, 3}, "i");
  Series t = Series::datetime({0, 86'400'000'000'000}, "t");
  for (const Series &s : {f, i, t}) {
    ArrowArray a{};
    ArrowSchema sc{};
    hamilton::export_series(s, &a, &sc);
    EXPECT_EQ(a.null_count, 0);
    EXPECT_EQ(a.buffers[0], nullptr);
    Series back = hamilton::import_series(&a, &sc);
    EXPECT_EQ(back.data(), s.data()) << s.describe();
    EXPECT_EQ(back.dtype(), s.dtype());
    EXPECT_TRUE(back.equals(s)) << s.describe();
  }
}

TEST(Arrow, ExportedBufferOutlivesTheSeries) {
  ArrowArray a{};
  ArrowSchema sc{};
  {
    Series s(std::vector<double>(1000, 2.5), "x");
    hamilton::export_series(s, &a, &sc);
  }
  EXPECT_EQ(static_cast<const double *>(a.buffers[1])[999], 2.5);
  a.release(&a);
  sc.release(&sc);
  EXPECT_EQ(a.release, nullptr);
}

TEST(Arrow, DatetimeNaTIsNullAndFormatIsTsn) {
  Series t = Series::datetime({1, hamilton::kNaT, 3}, "t");
  ArrowArray a{};
  ArrowSchema sc{};
  hamilton::export_series(t, &a, &sc);
  EXPECT_STREQ(sc.format, "tsn:");
  EXPECT_EQ(a.null_count, 1);
  EXPECT_FALSE(bit(a, 1));
  Series back = hamilton::import_series(&a, &sc);
  EXPECT_EQ(back.dtype(), DType::datetime);
  EXPECT_TRUE(back.equals(t));
}

TEST(Arrow, BoolsArePackedIntoBitsAndBack) {
  std::vector<bool> v;
  for (int k = 0; k < 19; ++k) v.push_back(k % 3 == 0);
  Series b(v, "b");
  ArrowArray a{};
  ArrowSchema sc{};
  hamilton::export_series(b, &a, &sc);
  EXPECT_STREQ(sc.format, "b");
  const auto *bits = static_cast<const std::uint8_t *>(a.buffers[1]);
  EXPECT_EQ(bits[0], 0b01001001);
  Series back = hamilton::import_series(&a, &sc);
  EXPECT_TRUE(back.equals(b));
}

TEST(Arrow, StringsWithMissingValues) {
  Series s = Series::strings({"a", "", "ccc", "dd"}, {false, false, true, false}, "s");
  ArrowArray a{};
  ArrowSchema sc{};
  hamilton::export_series(s, &a, &sc);
  EXPECT_STREQ(sc.format, "u");
  EXPECT_EQ(a.n_buffers, 3);
  EXPECT_EQ(a.null_count, 1);
  const auto *off = static_cast<const std::int32_t *>(a.buffers[1]);
  EXPECT_EQ(std::vector<std::int32_t>(off, off + 5), (std::vector<std::int32_t>{0, 1, 1, 1, 3}));
  EXPECT_EQ(std::string(static_cast<const char *>(a.buffers[2]), 3), "add");
  Series back = hamilton::import_series(&a, &sc);
  EXPECT_TRUE(back.equals(s));
  EXPECT_TRUE(back.is_missing(2));
  EXPECT_FALSE(back.is_missing(1));
}

TEST(Arrow, ImportHonoursOffsetAndValidityAndReleasesOnce) {
  int releases = 0;
  auto *p = new Producer();
  p->releases = &releases;
  p->doubles = {0, 1, 2, 3, 4, 5};
  p->validity = {0b11110111};  // row 3 null
  p->buffers[0] = p->validity.data();
  p->buffers[1] = p->doubles.data();
  ArrowArray a = make_array(p, 4, 2, /*offset=*/2, /*null_count=*/1);
  ArrowSchema sc = make_schema("g", "v");
  schema_releases = 0;
  {
    Series s = hamilton::import_series(&a, &sc);
    EXPECT_EQ(schema_releases, 1);
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s.at<double>(0), 2);
    EXPECT_TRUE(std::isnan(s.at<double>(1)));
    EXPECT_EQ(s.at<double>(3), 5);
    EXPECT_EQ(releases, 1);  // nulls: the values were copied, the producer released at once
  }
  EXPECT_EQ(releases, 1);
}

TEST(Arrow, ZeroCopyImportKeepsTheProducerAliveUntilTheLastSeries) {
  int releases = 0;
  auto *p = new Producer();
  p->releases = &releases;
  p->ints = {10, 20, 30, 40};
  p->buffers[1] = p->ints.data();
  ArrowArray a = make_array(p, 3, 2, /*offset=*/1);
  ArrowSchema sc = make_schema("l", "n");
  Series kept;
  {
    Series s = hamilton::import_series(&a, &sc);
    EXPECT_EQ(s.data(), p->ints.data() + 1);
    kept = s.rename("m");  // shares the buffer
  }
  EXPECT_EQ(releases, 0);
  EXPECT_EQ(kept.at<std::int64_t>(1), 30);
  kept = Series();
  EXPECT_EQ(releases, 1);
}

TEST(Arrow, IntegersWithNullsBecomeFloat64LikePandas) {
  int releases = 0;
  auto *p = new Producer();
  p->releases = &releases;
  p->ints = {1, 2, 3};
  p->validity = {0b101};
  p->buffers[0] = p->validity.data();
  p->buffers[1] = p->ints.data();
  ArrowArray a = make_array(p, 3, 2, 0, 1);
  ArrowSchema sc = make_schema("l", "n");
  Series s = hamilton::import_series(&a, &sc);
  EXPECT_EQ(s.dtype(), DType::float64);
  EXPECT_EQ(s.at<double>(0), 1);
  EXPECT_TRUE(std::isnan(s.at<double>(1)));
  EXPECT_EQ(releases, 1);  // copied: released right away
}

TEST(Arrow, TimestampUnitsAndTimezonesConvertToNanoseconds) {
  for (auto [format, factor] : std::vector<std::pair<const char *, std::int64_t>>{
           {"tsu:", 1'000}, {"tsm:UTC", 1'000'000}, {"tss:Europe/Paris", 1'000'000'000}}) {
    int releases = 0;
    auto *p = new Producer();
    p->releases = &releases;
    p->ints = {1, 2};
    p->buffers[1] = p->ints.data();
    ArrowArray a = make_array(p, 2, 2);
    ArrowSchema sc = make_schema(format, "t");
    Series s = hamilton::import_series(&a, &sc);
    EXPECT_EQ(s.dtype(), DType::datetime) << format;
    EXPECT_EQ(s.at<std::int64_t>(1), 2 * factor) << format;
  }
  int releases = 0;
  auto *p = new Producer();
  p->releases = &releases;
  p->ints = {std::numeric_limits<std::int64_t>::max() / 10};
  p->buffers[1] = p->ints.data();
  ArrowArray a = make_array(p, 1, 2);
  ArrowSchema sc = make_schema("tss:", "when");
  try {
    hamilton::import_series(&a, &sc);
    FAIL() << "no error";
  } catch (const hamilton::OutOfBoundsDatetime &e) {
    EXPECT_NE(std::string(e.what()).find("column 'when' (format 'tss:')"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("out of bounds for datetime64[ns]"), std::string::npos);
  }
  EXPECT_EQ(releases, 1);
}

TEST(Arrow, StringImportWithOffsetAndNulls) {
  int releases = 0;
  auto *p = new Producer();
  p->releases = &releases;
  p->chars = "xxabcde";
  p->offsets = {0, 2, 3, 5, 7};
  p->validity = {0b1011};
  p->buffers[0] = p->validity.data();
  p->buffers[1] = p->offsets.data();
  p->buffers[2] = p->chars.data();
  ArrowArray a = make_array(p, 3, 3, 1, 1);
  ArrowSchema sc = make_schema("u", "s");
  Series s = hamilton::import_series(&a, &sc);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s.at<std::string>(0), "a");
  EXPECT_TRUE(s.is_missing(1));
  EXPECT_EQ(s.at<std::string>(2), "de");
}

TEST(Arrow, StringViewsInlineAndOutOfLine) {
  int releases = 0;
  auto *p = new Producer();
  p->releases = &releases;
  std::string long_text = "a string longer than twelve";
  std::vector<std::uint8_t> views(32, 0);
  std::int32_t n0 = 2, n1 = static_cast<std::int32_t>(long_text.size()), zero = 0;
  std::memcpy(views.data(), &n0, 4);
  std::memcpy(views.data() + 4, "hi", 2);
  std::memcpy(views.data() + 16, &n1, 4);
  std::memcpy(views.data() + 20, long_text.data(), 4);
  std::memcpy(views.data() + 24, &zero, 4);
  std::memcpy(views.data() + 28, &zero, 4);
  p->bits = views;
  p->chars = long_text;
  static std::int64_t sizes[1] = {static_cast<std::int64_t>(long_text.size())};
  const void *buffers[4] = {nullptr, p->bits.data(), p->chars.data(), sizes};
  ArrowArray a = make_array(p, 2, 4);
  a.buffers = buffers;
  ArrowSchema sc = make_schema("vu", "v");
  Series s = hamilton::import_series(&a, &sc);
  EXPECT_EQ(s.at<std::string>(0), "hi");
  EXPECT_EQ(s.at<std::string>(1), long_text);
}

TEST(Arrow, DecimalsImportAsFloat64) {
  int releases = 0;
  auto *p = new Producer();
  p->releases = &releases;
  // three 128-bit little-endian two's complement values: 12345, -1, (null)
  p->ints = {12345, 0, -1, -1, 7, 0};
  p->validity = {0b011};
  p->buffers[0] = p->validity.data();
  p->buffers[1] = p->ints.data();
  ArrowArray a = make_array(p, 3, 2, 0, 1);
  ArrowSchema sc = make_schema("d:10,2", "price");
  Series s = hamilton::import_series(&a, &sc);
  EXPECT_EQ(s.dtype(), DType::float64);
  EXPECT_DOUBLE_EQ(s.at<double>(0), 123.45);
  EXPECT_DOUBLE_EQ(s.at<double>(1), -0.01);
  EXPECT_TRUE(std::isnan(s.at<double>(2)));
  EXPECT_EQ(releases, 1);
}

TEST(Arrow, FrameExportIsAStructOfColumnsAndRoundTrips) {
  DataFrame df({{"a", Series({1.0, 2.0, 3.0})},
                {"b", Series({1, 2, 3})},
                {"c", Series({"x", "y", "z"})},
                {"d", Series({true, false, true})}});
  ArrowArray a{};
  ArrowSchema sc{};
  hamilton::export_frame(df, &a, &sc);
  EXPECT_STREQ(sc.format, "+s");
  ASSERT_EQ(sc.n_children, 4);
  EXPECT_STREQ(sc.children[2]->name, "c");
  EXPECT_STREQ(sc.children[2]->format, "u");
  EXPECT_EQ(a.n_children, 4);
  EXPECT_EQ(a.length, 3);
  EXPECT_EQ(a.children[0]->buffers[1], df.column(0).data());
  DataFrame back = hamilton::import_frame(&a, &sc);
  EXPECT_TRUE(back.equals(df));
  EXPECT_EQ(back.column(0).data(), df.column(0).data());
  EXPECT_EQ(back.column_names(), df.column_names());
}

TEST(Arrow, StructOffsetAppliesToChildren) {
  DataFrame df({{"a", Series({1.0, 2.0, 3.0, 4.0})}, {"s", Series({"p", "q", "r", "t"})}});
  ArrowArray a{};
  ArrowSchema sc{};
  hamilton::export_frame(df, &a, &sc);
  a.offset = 1;
  a.length = 2;
  DataFrame back = hamilton::import_frame(&a, &sc);
  ASSERT_EQ(back.num_rows(), 2u);
  EXPECT_EQ(back["a"].at<double>(0), 2.0);
  EXPECT_EQ(back["s"].at<std::string>(1), "r");
}

TEST(Arrow, ConsumerMayMoveAChildOut) {
  DataFrame df({{"a", Series({1.0, 2.0})}, {"b", Series({3.0, 4.0})}});
  ArrowArray a{};
  ArrowSchema sc{};
  hamilton::export_frame(df, &a, &sc);
  ArrowArray moved = *a.children[1];
  a.children[1]->release = nullptr;
  a.release(&a);  // releases only child 0 and the parent
  EXPECT_EQ(static_cast<const double *>(moved.buffers[1])[1], 4.0);
  moved.release(&moved);
  sc.release(&sc);
}

TEST(Arrow, StreamOfBatchesRoundTrips) {
  std::vector<double> x(10);
  std::vector<std::int64_t> y(10);
  for (int i = 0; i < 10; ++i) x[i] = i * 0.5, y[i] = i;
  DataFrame df({{"x", Series(x)}, {"y", Series(y)}});
  ArrowArrayStream stream{};
  hamilton::export_frame_stream(df, &stream, 4);
  ArrowSchema sc{};
  ASSERT_EQ(stream.get_schema(&stream, &sc), 0);
  EXPECT_STREQ(sc.format, "+s");
  sc.release(&sc);
  std::vector<std::int64_t> lengths;
  for (;;) {
    ArrowArray b{};
    ASSERT_EQ(stream.get_next(&stream, &b), 0);
    if (b.release == nullptr) break;
    lengths.push_back(b.length);
    b.release(&b);
  }
  EXPECT_EQ(lengths, (std::vector<std::int64_t>{4, 4, 2}));
  stream.release(&stream);

  hamilton::export_frame_stream(df, &stream, 4);
  DataFrame back = hamilton::import_frame(&stream);
  EXPECT_EQ(stream.release, nullptr);
  EXPECT_TRUE(back.equals(df));
  hamilton::export_frame_stream(df, &stream);
  DataFrame one = hamilton::import_frame(&stream);
  EXPECT_EQ(one.column(0).data(), df.column(0).data());  // one batch: shared
}

TEST(Arrow, EmptyFrameStreamGivesOneEmptyBatch) {
  DataFrame df({{"x", Series(std::vector<double>{})}, {"s", Series(std::vector<std::string>{})}});
  ArrowArrayStream stream{};
  hamilton::export_frame_stream(df, &stream);
  DataFrame back = hamilton::import_frame(&stream);
  EXPECT_EQ(back.num_rows(), 0u);
  EXPECT_EQ(back.column_names(), (std::vector<std::string>{"x", "s"}));
  EXPECT_EQ(back["s"].dtype(), DType::string);
}

TEST(Arrow, SeriesStream) {
  Series s({1, 2, 3, 4, 5}, "n");
  ArrowArrayStream stream{};
  hamilton::export_series_stream(s, &stream, 2);
  Series back = hamilton::import_series(&stream);
  EXPECT_TRUE(back.equals(s));
  EXPECT_EQ(back.name(), "n");
}

TEST(Arrow, Errors) {
  ArrowArray released{};
  ArrowSchema sc = make_schema("g", "x");
  EXPECT_NE(error_of([&] { hamilton::import_series(&released, &sc); })
                .find("the ArrowArray was already released (consumed or moved); export the data "
                      "again"),
            std::string::npos);
  EXPECT_EQ(sc.release, nullptr);  // the schema is released on errors too

  int releases = 0;
  auto *p = new Producer();
  p->releases = &releases;
  p->doubles = {1};
  p->buffers[1] = p->doubles.data();
  ArrowArray a = make_array(p, 1, 2);
  ArrowSchema half = make_schema("e", "h");
  EXPECT_EQ(error_of([&] { hamilton::import_series(&a, &half); }),
            "Arrow import of column 'h' (format 'e'): this Arrow type is not supported; hamilton "
            "reads float64 'g', float32 'f', integers 'l i s c L I S C', bool 'b', timestamps "
            "'tsn: tsu: tsm: tss:', dates 'tdD tdm', durations 'tDn tDu tDm tDs', strings 'u U "
            "vu', decimals 'd:p,s' (as float64) and the null type 'n'. "
            "Cast the column first (pyarrow.compute.cast, polars .cast)");
  EXPECT_EQ(releases, 1);

  p = new Producer();
  p->releases = &releases;
  p->buffers[1] = p->doubles.data();
  a = make_array(p, 1, 3);
  ArrowSchema g = make_schema("g", "x");
  EXPECT_EQ(error_of([&] { hamilton::import_series(&a, &g); }),
            "Arrow import of column 'x' (format 'g'): the array has 3 buffers, this type has 2 (a "
            "malformed ArrowArray)");
  EXPECT_EQ(releases, 2);

  DataFrame df({{"a", Series({1.0})}});
  ArrowArray fa{};
  ArrowSchema fs{};
  hamilton::export_frame(df, &fa, &fs);
  fs.n_children = 2;
  EXPECT_EQ(error_of([&] { hamilton::import_frame(&fa, &fs); }),
            "Arrow import: the schema has 2 children but the array 1 (a malformed ArrowArray: they "
            "must describe the same columns)");
  EXPECT_EQ(fa.release, nullptr);

  Series s({1.0});
  ArrowArray sa{};
  ArrowSchema ss{};
  hamilton::export_series(s, &sa, &ss);
  EXPECT_NE(error_of([&] { hamilton::import_frame(&sa, &ss); })
                .find("expected a struct array (format '+s': a record batch or table), got format "
                      "'g'; import a single column with import_series"),
            std::string::npos);

  p = new Producer();
  p->releases = &releases;
  p->bits = {0b1, 0};
  p->validity = {0b10};
  p->buffers[0] = p->validity.data();
  p->buffers[1] = p->bits.data();
  a = make_array(p, 2, 2, 0, 1);
  ArrowSchema b = make_schema("b", "flag");
  EXPECT_NE(error_of([&] { hamilton::import_series(&a, &b); })
                .find("column 'flag' (format 'b'): the bool column has missing values, which a "
                      "hamilton bool Series cannot hold"),
            std::string::npos);
  EXPECT_EQ(releases, 3);
}

}  // namespace
